//! The home screen, the relief muscle picker and the routine browser.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::wrap::{hanging, wrap_all};
use crate::articles::source_label;
use crate::routine::{Mode, Routine};
use crate::text::human_secs;
use crate::ui::app::{App, HOME_ITEMS, PICKER_ITEMS};
use crate::ui::keys::{Action, BINDINGS};
use crate::ui::theme::Theme;

/// The key label bound to `action`, for menus.
fn key_of(action: Action) -> &'static str {
    BINDINGS.iter().find(|b| b.action == action).map_or("", |b| b.label)
}

/// ```text
/// limber
/// Stretches for leg cramps, from three articles.
///
/// > r  Relief: stretch a cramp now
///   n  Nightly routine: calm stretches before bed (7 min 50 s)
///   b  Browse routines
/// ```
pub fn render_home(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let inner = middle(pad(area), 84, 14);
    let width = inner.width;
    // Blocks in the order shown, each with the rank at which it is left
    // out on a short terminal (higher goes first); the menu always stays.
    let mut blocks: Vec<(u8, Vec<Line>)> = vec![
        (0, vec![Line::styled("limber", theme.title)]),
        (4, vec![Line::styled("Stretches for leg cramps: calf, hamstring, quadriceps.", theme.dim)]),
        (5, vec![Line::default()]),
    ];
    let mut menu = Vec::new();
    for (i, (action, label)) in HOME_ITEMS.iter().enumerate() {
        let mut text = label.to_string();
        if *action == Action::OpenNightly
            && let Some(r) = app.library.get(app.settings.nightly_id())
        {
            text.push_str(&format!(" ({})", human_secs(r.total_secs())));
        }
        let style = if i == selected { theme.selected } else { theme.text };
        let marker = if i == selected { "> " } else { "  " };
        let line = Line::from(vec![
            Span::styled(marker, theme.key),
            Span::styled(format!("{:<3}", key_of(*action)), theme.key),
            Span::styled(text, style),
        ]);
        // Wrapped menu lines continue under their text, not the key.
        menu.extend(hanging(line, width, 5));
    }
    blocks.push((0, menu));
    blocks.push((5, vec![Line::default()]));
    if let Some((_, summary)) = &app.history {
        blocks.push((2, vec![Line::styled(super::home_line(summary), theme.text)]));
    }
    if let Some(at) = app.settings.remind_at {
        // Only what is known: "at 22:30" promises it goes off.
        let text = match app.reminder_scheduled {
            Some(true) => format!("Bedtime reminder at {at}."),
            Some(false) => format!("Reminder set for {at}, not scheduled: see limber remind status."),
            None => format!("Reminder set for {at}."),
        };
        blocks.push((2, hanging(Line::styled(text, theme.text), width, 0)));
    }
    if let Some(note) = app.doctor_note() {
        blocks.push((1, vec![Line::styled(note, theme.warn)]));
    }
    blocks.push((5, vec![Line::default()]));
    // The doctor advice, when shown, says the same more plainly.
    blocks.push((
        3,
        vec![Line::styled(
            "limber is not medical care: see a doctor if cramps persist, worsen or come often.",
            theme.text,
        )],
    ));
    let mut blocks: Vec<(u8, Vec<Line>)> = blocks.into_iter().map(|(r, l)| (r, wrap_all(l, width))).collect();
    let rows = |b: &[(u8, Vec<Line>)]| b.iter().map(|(_, l)| l.len()).sum::<usize>();
    for rank in (1..=5).rev() {
        if rows(&blocks) <= inner.height as usize {
            break;
        }
        blocks.retain(|(r, _)| *r != rank);
    }
    let lines: Vec<Line> = blocks.into_iter().flat_map(|(_, l)| l).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One key picks the cramping muscle, or the arrows and Enter.
pub fn render_picker(frame: &mut Frame, area: Rect, selected: usize, theme: &Theme) {
    let inner = middle(pad(area), 60, 9);
    let mut lines = vec![Line::styled("Which muscle is cramping?", theme.title), Line::default()];
    let tight = inner.height < 9;
    for (i, (action, name, where_)) in PICKER_ITEMS.iter().enumerate() {
        let here = i == selected;
        let line = Line::from(vec![
            Span::styled(if here { "> " } else { "  " }, theme.key),
            Span::styled(format!("{:<3}", key_of(*action)), theme.key),
            Span::styled(format!("{name:<11}"), if here { theme.selected } else { theme.title }),
            Span::styled(format!(" {where_}"), theme.dim),
        ]);
        lines.extend(hanging(line, inner.width, 5));
        if !tight {
            lines.push(Line::default());
        }
    }
    lines.push(Line::styled("One key, or arrows and Enter.", theme.dim));
    frame.render_widget(Paragraph::new(wrap_all(lines, inner.width)), inner);
}

/// At most `w` wide, centred across `area`; moved down a little on a tall
/// terminal so `h` rows of content sit nearer the middle than the top.
fn middle(area: Rect, w: u16, h: u16) -> Rect {
    let col = super::column(area, w);
    let spare = col.height.saturating_sub(h) / 3;
    Rect { y: col.y + spare, height: col.height - spare, ..col }
}

/// ```text
/// ┌ Routines ─────────┐┌ Nightly leg stretches ───────────┐
/// │> nightly  7 min…  ││ summary, steps, source, total    │
/// └───────────────────┘└──────────────────────────────────┘
/// ```
pub fn render_browse(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let narrow = area.width < 70;
    let [list_area, detail_area] = if narrow {
        Layout::vertical([Constraint::Length(app.library.routines.len() as u16 + 2), Constraint::Min(0)])
            .areas(area)
    } else {
        Layout::horizontal([Constraint::Length(38), Constraint::Min(0)]).areas(area)
    };
    let items: Vec<Line> = app
        .library
        .routines
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let style = if i == selected { theme.selected } else { theme.text };
            let mode = if r.mode == Mode::Relief { "relief " } else { "nightly" };
            Line::from(vec![
                Span::styled(if i == selected { "> " } else { "  " }, theme.key),
                Span::styled(format!("{mode} "), theme.dim),
                Span::styled(r.title.as_str(), style),
            ])
        })
        .collect();
    let list = Paragraph::new(items).block(Block::bordered().title(" Routines ").border_style(theme.border));
    frame.render_widget(list, list_area);
    if let Some(r) = app.library.routines.get(selected) {
        let detail = Paragraph::new(detail_lines(r, theme))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Enter starts ").border_style(theme.border));
        frame.render_widget(detail, detail_area);
    }
}

fn detail_lines<'a>(r: &'a Routine, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::styled(r.title.as_str(), theme.title),
        Line::styled(r.summary.as_str(), theme.text),
        Line::styled(format!("{} · {} · {}", r.mode.as_str(), r.length_label(), r.origin.label()), theme.dim),
        Line::default(),
    ];
    for (i, s) in r.steps.iter().enumerate() {
        lines.push(Line::styled(
            format!("{}. {} ({} x {} s)", i + 1, s.stretch.name, s.reps, s.hold_secs),
            theme.text,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(format!("Source: {}", source_label(r.source.as_str())), theme.dim));
    lines
}

/// The area less a one-cell margin, when there is room for it.
fn pad(area: Rect) -> Rect {
    if area.width > 10 && area.height > 4 {
        Rect { x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 1 }
    } else {
        area
    }
}
