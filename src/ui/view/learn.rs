//! The Learn page: what the articles say about cramps beyond the stretches,
//! section by section, each item naming its article.
//!
//! ```text
//! ┌ Learn ──────────────────────────────────────────────┐
//! │ What the articles say. Not medical advice.           │
//! │                                                      │
//! │ Causes and risk factors                              │
//! │ - Heat and exertion: Long periods of ... ("Leg ...") │
//! └──────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::articles::source_label;
use crate::builtin;
use crate::ui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    let mut lines = vec![Line::styled(
        "What the three articles say about leg cramps, each item naming its article.",
        theme.text,
    )];
    for (section, items) in builtin::learn().sections() {
        lines.push(Line::default());
        lines.push(Line::styled(section, theme.title));
        for item in items {
            lines.push(Line::from(vec![
                Span::styled(format!("- {}: ", item.title), theme.key),
                Span::styled(item.text.as_str(), theme.text),
                Span::styled(format!(" ({})", source_label(item.source.as_str())), theme.dim),
            ]));
        }
    }
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::bordered().title(" Learn ").border_style(theme.border));
    frame.render_widget(p, area);
}
