//! Boxes drawn over a screen: help and "stop the routine?".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::wrap::wrap_all;
use super::{centered, clear, page, question};
use crate::ui::app::App;
use crate::ui::keys::{BINDINGS, Binding, Context};
use crate::ui::theme::Theme;

const GROUPS: [(Context, &str); 12] = [
    (Context::Session, "During a stretch"),
    (Context::Paused, "While paused"),
    (Context::Relief, "During a relief stretch"),
    (Context::StillCramping, "When a relief hold ends"),
    (Context::Home, "Home"),
    (Context::Picker, "Relief: which muscle?"),
    (Context::List, "Lists"),
    (Context::Page, "Pages (after-care, good night, history, learn)"),
    (Context::Confirm, "Questions"),
    (Context::Global, "Everywhere"),
    (Context::Help, "In this help"),
    (Context::Broken, "When your nightly file has errors"),
];

/// Every key, grouped by where it works, after the full text of any
/// notices. Lines that do not fit scroll (the app stops at the end).
fn help_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = Vec::new();
    if !app.notices.is_empty() {
        lines.push(Line::styled("Notices", theme.title));
        for n in &app.notices {
            lines.push(Line::from(vec![
                Span::styled(format!("- {}: ", n.mark), theme.warn),
                Span::styled(n.text.as_str(), theme.text),
            ]));
        }
        lines.push(Line::default());
    }
    // The running stretch's sources in full (the session screen shortens
    // or drops them to fit).
    if let Some(p) = app.session().and_then(|s| s.phase().map(|p| (s, p.step)))
        && let Some(step) = p.0.routine().steps.get(p.1)
    {
        lines.push(Line::styled(super::session::source_text(step.stretch.source.as_str()), theme.dim));
        lines.push(Line::default());
    }
    for (ctx, title) in GROUPS {
        lines.push(Line::styled(title, theme.title));
        // The stretch-number keys are listed with the relief keys.
        let belongs =
            |b: &&Binding| b.context == ctx || (ctx == Context::Relief && b.context == Context::ReliefChoice);
        for b in BINDINGS.iter().filter(belongs) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme.key),
                Span::styled(b.help, theme.text),
            ]));
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

/// The help box: the height of its lines, within the screen less the
/// footer row, so the footer still shows how to scroll and close.
fn help_rect(area: Rect, lines: &[Line]) -> Rect {
    let w = 64.min(area.width);
    let room = Rect { height: area.height.saturating_sub(1), ..area };
    let h = (wrap_all(lines.iter().cloned(), w.saturating_sub(2)).len() as u16 + 2).min(room.height);
    centered(room, w, h)
}

/// Where help stops scrolling on a screen of this size.
pub fn help_limit(app: &App, area: Rect, theme: &Theme) -> u16 {
    let lines = help_lines(app, theme);
    page::limit(&lines, help_rect(area, &lines))
}

pub fn render_help(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let lines = help_lines(app, theme);
    let rect = help_rect(area, &lines);
    clear(frame, rect, theme);
    page::render(frame, rect, " Keys · any other key closes ", lines, scroll, theme);
}

/// Asked before stopping a nightly routine part-way.
pub fn render_confirm_quit(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centered(area, 36, 4);
    clear(frame, rect, theme);
    let lines = question("Stop the routine?", &[("y", " stop"), ("n", " carry on")], theme);
    let block = Block::bordered().border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block).centered(), rect);
}
