//! Boxes drawn over a screen: help and "stop the routine?".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, question};
use crate::ui::keys::{BINDINGS, Context};
use crate::ui::theme::Theme;

const GROUPS: [(Context, &str); 9] = [
    (Context::Session, "During a stretch"),
    (Context::Relief, "During a relief stretch"),
    (Context::StillCramping, "When a relief hold ends"),
    (Context::Home, "Home"),
    (Context::Picker, "Relief: which muscle?"),
    (Context::List, "Lists"),
    (Context::Page, "Pages (after-care, good night, history, learn)"),
    (Context::Confirm, "Questions"),
    (Context::Global, "Everywhere"),
];

/// Every key, grouped by where it works: two columns when the terminal is
/// wide, blank lines dropped when it is short.
pub fn render_help(frame: &mut Frame, area: Rect, theme: &Theme) {
    let group_lines = |groups: &[(Context, &'static str)]| {
        let mut lines: Vec<Line> = Vec::new();
        for (ctx, title) in groups {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(*title, theme.title));
            // The stretch-number keys are listed with the relief keys.
            let belongs = |b: &&crate::ui::keys::Binding| {
                b.context == *ctx || (*ctx == Context::Relief && b.context == Context::ReliefChoice)
            };
            for b in BINDINGS.iter().filter(belongs) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<8}", b.label), theme.key),
                    Span::styled(b.help, theme.text),
                ]));
            }
        }
        lines
    };
    let two = area.width >= 100;
    let columns: Vec<Vec<Line>> = if two {
        vec![group_lines(&GROUPS[..4]), group_lines(&GROUPS[4..])]
    } else {
        vec![group_lines(&GROUPS)]
    };
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as u16 + 2;
    let columns: Vec<Vec<Line>> = if tallest + 2 > area.height {
        columns.into_iter().map(|c| c.into_iter().filter(|l| l.width() > 0).collect()).collect()
    } else {
        columns
    };
    let h = (columns.iter().map(Vec::len).max().unwrap_or(0) as u16 + 3).min(area.height);
    let col_w = 48u16;
    let rect = centered(area, col_w * columns.len() as u16 + 2, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(" Keys · any key closes ").border_style(theme.border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    for (i, col) in columns.into_iter().enumerate() {
        let x = inner.x + col_w * i as u16;
        let r = Rect { x, width: col_w.min(inner.right().saturating_sub(x)), ..inner };
        frame.render_widget(Paragraph::new(col).wrap(Wrap { trim: false }), r);
    }
}

/// Asked before stopping a nightly routine part-way.
pub fn render_confirm_quit(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centered(area, 36, 4);
    frame.render_widget(Clear, rect);
    let lines = question("Stop the routine?", &[("y", " stop"), ("n", " carry on")], theme);
    let block = Block::bordered().border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block).centered(), rect);
}
