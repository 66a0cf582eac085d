//! The offer to resume a nightly routine left part way tonight.
//!
//! ```text
//! ┌ Nightly routine ───────────────────────────────────┐
//! │You stopped this routine part way tonight.          │
//! │Resume at step 2 of 3 (hamstring), or start over     │
//! │Enter resume · s start over                          │
//! └─────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::routine::Routine;
use crate::session::resume::{ResumePoint, offer_text};
use crate::ui::theme::Theme;

/// `night`: what the current night is called ("tonight", "last night").
pub fn render(frame: &mut Frame, area: Rect, routine: &Routine, at: ResumePoint, night: &str, theme: &Theme) {
    let offer = offer_text(routine, at);
    let mut lines = vec![
        Line::styled(format!("You stopped this routine part way {night}."), theme.text),
        // Any number of parts: each resumed part is one more.
        Line::styled(format!("All its parts {night} count as one night."), theme.dim),
        Line::default(),
    ];
    lines.extend(super::question(&offer, &[("Enter", " resume"), ("s", " start over")], theme));
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(format!(" {} ", routine.title)).border_style(theme.border));
    frame.render_widget(p, area);
}
