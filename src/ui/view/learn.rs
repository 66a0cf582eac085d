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

use ratatui::text::{Line, Span};

use crate::articles::source_label;
use crate::builtin;
use crate::ui::theme::Theme;

/// The page's lines, drawn and scrolled by [`super::page`].
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
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
    lines
}
