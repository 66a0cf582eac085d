//! Boxes drawn over a screen: help and "stop the routine?".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use crate::ui::keys::{BINDINGS, Context};
use crate::ui::theme::Theme;

const GROUPS: [(Context, &str); 7] = [
    (Context::Session, "During a stretch"),
    (Context::StillCramping, "When a relief hold ends"),
    (Context::Home, "Home"),
    (Context::Picker, "Relief: which muscle?"),
    (Context::List, "Lists and pages"),
    (Context::Confirm, "Questions"),
    (Context::Global, "Everywhere"),
];

/// Every key, grouped by where it works.
pub fn render_help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = Vec::new();
    for (ctx, title) in GROUPS {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(title, theme.title));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme.key),
                Span::styled(b.help, theme.text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Any key closes this help.", theme.dim));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, 52, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(" Keys ").border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
}

/// Asked before stopping a nightly routine part-way.
pub fn render_confirm_quit(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centered(area, 36, 4);
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::styled("Stop the routine?", theme.title),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" stop · ", theme.text),
            Span::styled("n", theme.key),
            Span::styled(" carry on", theme.text),
        ]),
    ];
    let block = Block::bordered().border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block).centered(), rect);
}
