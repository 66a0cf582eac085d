//! The history screen: streak, the last 30 nights, cramps per week and the
//! two cramp counts side by side.
//!
//! ```text
//! ┌ History ───────────────────────────────────────────┐
//! │Streak: 4 nights (tonight done)                      │
//! │Nightly routine: 20 of the last 30 nights            │
//! │Last 30 nights: ##.#x.....  # routine . none x cramp │
//! │Cramps per week ▁▃▅ (bar chart, 12 weeks)            │
//! │With the routine: 1 cramp in 20 nights · without: …  │
//! └─────────────────────────────────────────────────────┘
//! ```

use jiff::ToSpan;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{BarChart, Block, Paragraph, Wrap};

use crate::history::Summary;
use crate::history::summary::WEEKS;
use crate::history::text::{by_muscle, rate, strip_text};
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// One line for the home screen: the streak and recent cramps.
pub fn home_line(s: &Summary) -> String {
    let nights = if s.streak == 1 { "night" } else { "nights" };
    let tonight = if s.tonight_done { ", tonight done" } else { "" };
    format!("Streak: {} {nights}{tonight} · cramps in the last 7 days: {}", s.streak, s.cramps_last_7_days())
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let block = Block::bordered().title(" History ").border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some((_, s)) = &app.history else {
        frame.render_widget(Paragraph::new("Reading the history...").style(theme.dim), inner);
        return;
    };
    let mut top = vec![
        Line::styled(home_line(s), theme.title),
        Line::styled(format!("Nightly routine: {} of the last {} nights", s.nights_done, s.days), theme.text),
        Line::styled(
            format!(
                "Cramps: {} in 7 days{}, {} in 30 days",
                s.cramps_last_7_days(),
                by_muscle(&s.cramps_7_days),
                s.cramps_last_30_days()
            ),
            theme.text,
        ),
        Line::default(),
        Line::styled("Last 30 nights, oldest first:", theme.text),
        strip_line(s, theme),
        Line::styled("# routine done  . none  x cramp  X routine and cramp", theme.dim),
        Line::default(),
        Line::from(vec![
            Span::styled("Nights with the routine: ", theme.text),
            Span::styled(rate(s.after_routine), theme.key),
        ]),
        Line::from(vec![
            Span::styled("Nights without:          ", theme.text),
            Span::styled(rate(s.after_no_routine), theme.key),
        ]),
    ];
    if let Some(note) = app.doctor_note() {
        top.push(Line::default());
        top.push(Line::styled(note, theme.warn));
    }
    let chart_h = if inner.height >= 24 { 8 } else { 0 };
    let [text_area, chart_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(chart_h)]).areas(inner);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }).scroll((scroll, 0)), text_area);
    if chart_h > 0 {
        render_weekly(frame, chart_area, s, theme);
    }
}

/// The strip with colour on top of characters that read without it.
fn strip_line<'a>(s: &Summary, theme: &Theme) -> Line<'a> {
    let text = strip_text(s);
    Line::from(
        text.chars()
            .map(|c| {
                let style = match c {
                    '#' => theme.key,
                    'x' | 'X' => theme.warn,
                    _ => theme.dim,
                };
                Span::styled(c.to_string(), style)
            })
            .collect::<Vec<_>>(),
    )
}

fn render_weekly(frame: &mut Frame, area: Rect, s: &Summary, theme: &Theme) {
    // Label each week by the date it starts ("11-03"), from tonight back.
    let last = s.strip.last().map(|n| n.date);
    let labels: Vec<String> = (0..WEEKS)
        .map(|i| {
            let back = ((WEEKS - i) * 7 - 1) as i64;
            last.and_then(|d| d.checked_sub(back.days()).ok())
                .map_or(String::new(), |d| d.strftime("%m-%d").to_string())
        })
        .collect();
    let data: Vec<(&str, u64)> =
        labels.iter().map(String::as_str).zip(s.weekly.iter().map(|c| u64::from(*c))).collect();
    let chart = BarChart::default()
        .block(Block::new().title("Cramps per week, last 12 weeks"))
        .data(&data)
        .bar_width(5)
        .bar_gap(1)
        .bar_style(theme.key)
        .value_style(theme.selected)
        .label_style(theme.dim);
    frame.render_widget(chart, area);
}
