//! The history screen: the figures of the last twelve weeks, the nights as
//! a strip, cramps per week, and the records themselves, newest first.
//! Every figure comes from one [`Summary`], so they never disagree.
//!
//! ```text
//! ┌ History ───────────────────────────────────────────────────────┐
//! │Streak: 4 nights, tonight done · cramps in the last 7 days: 3   │
//! │Last 12 weeks: routine on 40 of 84 nights · 12 cramps (calf 8…) │
//! │With the routine: 6 cramps in 40 nights · without: 6 in 44      │
//! │11-23 X#.#x....  # routine  . none                              │  strip, newest
//! │10-26 ........   x cramp  X both                                │  first, 4 weeks
//! │09-28 ........                                                  │  a row
//! │Cramps per week, newest first  (bar chart, 12 weeks)            │  when tall enough
//! │3 cramps in the last 7 days. "If leg muscle spasms persist…     │  ↑↓ scroll the
//! │Records, newest first                                           │  advice and the
//! │2026-11-23 22:00  session  nightly (done, 12 holds)             │  records
//! └────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Wrap};

use crate::history::Summary;
use crate::history::text::{by_muscle, entry_line, rate, strip_text};
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// The chart's height: title, four rows of bars, labels.
const CHART_H: u16 = 6;

/// One line for the home screen: the streak and recent cramps.
pub fn home_line(s: &Summary) -> String {
    let nights = if s.streak == 1 { "night" } else { "nights" };
    let done = if s.current_done { format!(", {} done", s.current_name()) } else { String::new() };
    format!("Streak: {} {nights}{done} · cramps in the last 7 days: {}", s.streak, s.cramps_last_7_days())
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let block = Block::bordered().title(" History ").border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some((_, s)), Some(merged)) = (&app.history, &app.history_merged) else {
        frame.render_widget(Paragraph::new("Reading the history...").style(theme.dim), inner);
        return;
    };
    let weeks = s.weekly.len();
    let mut top = vec![
        Line::styled(home_line(s), theme.title),
        Line::styled(
            format!("Last {weeks} weeks: the routine on {} of {} nights", s.nights_done, s.days),
            theme.text,
        ),
        Line::styled(
            format!(
                "Cramps: {}{}{}",
                s.cramps,
                by_muscle(&s.cramps_by_muscle),
                if s.not_counted > 0 {
                    format!(" · {} sped-up not counted", s.not_counted)
                } else {
                    String::new()
                }
            ),
            theme.text,
        ),
        Line::from(vec![
            Span::styled("With the routine: ", theme.text),
            Span::styled(rate(s.after_routine), theme.key),
            Span::styled(" · without: ", theme.text),
            Span::styled(rate(s.after_no_routine), theme.key),
        ]),
    ];
    top.extend(strip_lines(s, inner.width, theme));

    // The scrolling part: the doctor advice first, then the records, so
    // the advice is seen on opening and the records have the room after.
    let mut list = Vec::new();
    if let Some(note) = app.doctor_note() {
        list.push(Line::styled(note, theme.warn));
    }
    list.push(Line::styled("Records, newest first (↑↓ scroll):", theme.title));
    let entries = merged.newest_first();
    if entries.is_empty() {
        list.push(Line::styled("Nothing recorded yet.", theme.dim));
    }
    list.extend(entries.iter().map(|e| Line::styled(entry_line(e, &app.history_zone), theme.text)));

    let top_h = wrapped_height(&top, inner.width);
    let chart = inner.height >= top_h + CHART_H + 4;
    if !chart || inner.height < top_h + 2 {
        // Small screens: one scrolling page, records after the figures.
        top.extend(list);
        let max = wrapped_height(&top, inner.width).saturating_sub(inner.height);
        frame.render_widget(
            Paragraph::new(top).wrap(Wrap { trim: false }).scroll((scroll.min(max), 0)),
            inner,
        );
        return;
    }
    let [top_area, chart_area, list_area] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Length(CHART_H), Constraint::Min(1)])
            .areas(inner);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), top_area);
    render_weekly(frame, chart_area, s, theme);
    let max = wrapped_height(&list, list_area.width).saturating_sub(list_area.height);
    frame.render_widget(
        Paragraph::new(list).wrap(Wrap { trim: false }).scroll((scroll.min(max), 0)),
        list_area,
    );
}

/// Rows a paragraph of `lines` takes at `width`, wrapped at spaces as the
/// paragraph wraps them (a word longer than the width is cut).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    let rows = |l: &Line| {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let (mut rows, mut used) = (1usize, 0usize);
        for word in text.split(' ') {
            let n = Span::raw(word).width();
            let need = if used == 0 { n } else { used + 1 + n };
            if need <= w {
                used = need;
            } else {
                rows += 1 + n.saturating_sub(1) / w;
                used = if n > w { n % w } else { n };
            }
        }
        rows
    };
    lines.iter().map(rows).sum::<usize>().min(usize::from(u16::MAX)) as u16
}

/// The strip, newest first, in rows of six weeks (four on narrow screens),
/// each labelled by its newest night; colour on top of characters that
/// read without it.
fn strip_lines<'a>(s: &Summary, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    const LEGEND: [&str; 2] = ["  # routine  . none", "  x cramp  X both"];
    let row = if usize::from(width) >= 6 + 42 + LEGEND[0].len() { 42 } else { 28 };
    let beside = usize::from(width) >= 6 + row + LEGEND[0].len();
    let text: Vec<char> = strip_text(s).chars().collect();
    let mut lines: Vec<Line> = text
        .chunks(row)
        .zip(s.strip.chunks(row))
        .enumerate()
        .map(|(i, (chars, nights))| {
            let label = nights.first().map_or(String::new(), |n| n.date.strftime("%m-%d ").to_string());
            let mut spans = vec![Span::styled(label, theme.dim)];
            spans.extend(chars.iter().map(|c| {
                let style = match c {
                    '#' => theme.key,
                    'x' | 'X' => theme.warn,
                    _ => theme.dim,
                };
                Span::styled(c.to_string(), style)
            }));
            if let Some(l) = LEGEND.get(i).filter(|_| beside) {
                spans.push(Span::styled(" ".repeat(row - chars.len()), theme.dim));
                spans.push(Span::styled(*l, theme.dim));
            }
            Line::from(spans)
        })
        .collect();
    if !beside {
        lines.push(Line::styled(format!("{}{}", LEGEND[0].trim_start(), LEGEND[1]), theme.dim));
    }
    lines
}

/// Cramps per week, newest first like the strip; each bar is labelled by
/// the date of its week's newest night.
fn render_weekly(frame: &mut Frame, area: Rect, s: &Summary, theme: &Theme) {
    let weeks = s.weekly.len().max(1) as u16;
    // Five columns fit the "11-03" labels; narrower screens get the day.
    let wide = area.width >= weeks * 6;
    let (bar_w, fmt) = if wide { (5, "%m-%d") } else { (2, "%d") };
    let bars: Vec<Bar> = s
        .weekly
        .iter()
        .zip(s.strip.chunks(7))
        .map(|(n, nights)| {
            let label = nights.first().map_or(String::new(), |n| n.date.strftime(fmt).to_string());
            Bar::default().value(u64::from(*n)).label(Line::from(label))
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::new().title(Line::styled("Cramps per week, newest first", theme.text)))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_w)
        .bar_gap(1)
        .bar_style(theme.key)
        .value_style(theme.selected)
        .label_style(theme.dim);
    frame.render_widget(chart, area);
}
