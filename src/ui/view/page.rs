//! A page that scrolls (after-care, good night, history, help): lines
//! wrapped with their indent, a scroll that stops at the end, and where you
//! are shown as a scrollbar on the right border and "3/7" below it.
//!
//! ```text
//! ┌ After-care ─────────────────────┐
//! │The cramp has gone.              █
//! │- Massage: rub the muscle ...    ║
//! └──────────────────────── ↓ 1/3 ──┘
//! ```
//!
//! A screen builds its lines with a pure function; the view draws them with
//! [`render`], and the app stops scrolling at [`limit`] for the same lines and
//! area, so both agree on where the end is.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::wrap::wrap_all;
use crate::ui::theme::Theme;

/// The text area inside a page's border.
pub fn inner(area: Rect) -> Rect {
    area.inner(Margin { horizontal: 1, vertical: 1 })
}

/// Pages read best under about 100 columns: on a wide terminal the page
/// is a centred column.
pub fn fit(area: Rect) -> Rect {
    super::column(area, 100)
}

/// How far these lines can scroll in this text area before their end shows.
pub fn limit_in(lines: &[Line], text: Rect) -> u16 {
    let total = wrap_all(lines.iter().cloned(), text.width).len();
    u16::try_from(total).unwrap_or(u16::MAX).saturating_sub(text.height)
}

/// [`limit_in`] for a bordered page drawn in `area`.
pub fn limit(lines: &[Line], area: Rect) -> u16 {
    limit_in(lines, inner(fit(area)))
}

/// Draws lines in a bordered page, scrolled by `scroll` (clamped to the
/// end), with the scrollbar and the position when they do not all fit.
pub fn render(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, scroll: u16, theme: &Theme) {
    let area = fit(area);
    let text = inner(area);
    let mut block = Block::bordered().title(title.to_string()).border_style(theme.border);
    let lines = wrap_all(lines, text.width);
    let total = lines.len();
    let end = u16::try_from(total).unwrap_or(u16::MAX).saturating_sub(text.height);
    let scroll = scroll.min(end);
    if end > 0 {
        block = block.title_bottom(
            Line::styled(format!(" {} ", position(scroll, end, text.height)), theme.dim).right_aligned(),
        );
    }
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), text);
    if end > 0 {
        render_scrollbar(frame, area, scroll, end, theme);
    }
}

/// A scrollbar over the right border of a bordered `area`.
pub fn render_scrollbar(frame: &mut Frame, area: Rect, scroll: u16, end: u16, theme: &Theme) {
    let mut state = ScrollbarState::new(end as usize + 1).position(scroll as usize);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .thumb_style(theme.key)
        .track_style(theme.border);
    frame.render_stateful_widget(bar, area.inner(Margin { horizontal: 0, vertical: 1 }), &mut state);
}

/// "↓ 1/3": which screenful of how many, with an arrow where there is more.
pub fn position(scroll: u16, end: u16, height: u16) -> String {
    let h = height.max(1);
    let pages = end.div_ceil(h) + 1;
    let page = if scroll >= end { pages } else { (scroll.div_ceil(h) + 1).min(pages - 1).max(1) };
    let arrow = match (scroll > 0, scroll < end) {
        (true, true) => "↕ ",
        (false, true) => "↓ ",
        (true, false) => "↑ ",
        (false, false) => "",
    };
    format!("{arrow}{page}/{pages}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_runs_from_the_first_screenful_to_the_last() {
        // 25 lines in 10 rows: the end is at 15, three screenfuls.
        assert_eq!(position(0, 15, 10), "↓ 1/3");
        assert_eq!(position(7, 15, 10), "↕ 2/3");
        assert_eq!(position(15, 15, 10), "↑ 3/3");
    }

    #[test]
    fn the_limit_is_where_the_last_line_reaches_the_bottom() {
        let lines: Vec<Line> = (0..30).map(|i| Line::from(format!("line {i}"))).collect();
        assert_eq!(limit(&lines, Rect::new(0, 0, 40, 12)), 20);
        assert_eq!(limit(&lines[..5], Rect::new(0, 0, 40, 12)), 0);
    }
}
