//! Drawing. Every function here is pure: it reads the [`App`] and writes into
//! the frame, nothing else.
//!
//! ```text
//! ┌ header: limber · mode · routine ─────────── progress ┐
//! │ screen body (home, picker, browse, session, advice)  │
//! │ notice (when there is one)                           │
//! │ footer: the keys that work here                      │
//! └──────────────────────────────────────────────────────┘
//! ```

mod advice;
mod broken;
mod footer;
mod history;
mod home;
mod learn;
mod overlay;
pub mod page;
mod resume;
mod session;
pub mod wrap;

pub use history::home_line;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{App, Overlay, Screen};
use super::keys::Action;
use super::theme::{Palette, Theme};
use crate::routine::Mode;

/// Below this size only "enlarge the terminal" is shown.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// The theme for what is on screen: calm for a nightly session and its
/// good-night page, bright elsewhere, for the app's background.
pub fn theme_for(app: &App) -> Theme {
    let calm = match &app.screen {
        Screen::Session(s) => s.routine().mode == Mode::Nightly,
        Screen::GoodNight { .. } | Screen::Resume { .. } => true,
        _ => false,
    };
    Theme::new(app.background, if calm { Palette::Calm } else { Palette::Bright }, app.no_color)
}

/// The screen's regions: body, notice row (empty when there is nothing to
/// say) and footer.
fn regions(app: &App, area: Rect) -> [Rect; 3] {
    let session = matches!(app.screen, Screen::Session(_));
    let fresh = app.fresh_notices().next().is_some();
    let notice_h = u16::from(fresh || (!session && !app.status_marks().is_empty()));
    Layout::vertical([Constraint::Min(1), Constraint::Length(notice_h), Constraint::Length(1)]).areas(area)
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = theme_for(app);
    frame.buffer_mut().set_style(area, theme.base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Paragraph::new(format!("enlarge the terminal (needs {MIN_WIDTH}x{MIN_HEIGHT})"))
            .style(theme.text)
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    let [body, notice, footer] = regions(app, area);
    // A relief session standing in for the person's broken file says so on
    // its first line.
    let body = match (&app.screen, &app.skipped) {
        (Screen::Session(_), Some(b)) if body.height > 1 => {
            let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            broken::render_skipped(frame, top, b, &theme);
            rest
        }
        _ => body,
    };
    match &app.screen {
        Screen::Home { selected } => home::render_home(frame, body, app, *selected, &theme),
        Screen::NightlyPicker { selected } => {
            broken::render_nightly_picker(frame, body, app, *selected, &theme)
        }
        Screen::BrokenOverride { builtin, broken } => {
            broken::render_override(frame, body, builtin.as_deref(), broken, &theme)
        }
        Screen::Picker { selected } => home::render_picker(frame, body, *selected, &theme),
        Screen::Browse { selected } => home::render_browse(frame, body, app, *selected, &theme),
        Screen::Session(s) => session::render(frame, body, app, s, &theme),
        Screen::AfterCare { scroll, .. } => {
            page::render(frame, body, " After-care ", advice::after_care_lines(app, &theme), *scroll, &theme)
        }
        Screen::GoodNight { routine, scroll } => page::render(
            frame,
            body,
            " Good night ",
            advice::good_night_lines(app, routine, &theme),
            *scroll,
            &theme,
        ),
        Screen::Resume { routine, at } => {
            resume::render(frame, body, routine, *at, crate::remind::current_night_word(app.wall()), &theme)
        }
        Screen::History { scroll } => history::render(frame, body, app, *scroll, &theme),
        Screen::Learn { scroll } => {
            page::render(frame, body, " Learn ", learn::lines(&theme), *scroll, &theme)
        }
    }
    render_notice(frame, notice, app, &theme);
    let hidden = scroll_keys_that_do_nothing(app);
    frame.render_widget(
        Paragraph::new(footer::line(&app.contexts(), &hidden, footer.width as usize, &theme)),
        footer,
    );
    match app.overlay {
        Some(Overlay::Help { scroll }) => overlay::render_help(frame, area, app, scroll, &theme),
        Some(Overlay::ConfirmQuit) => overlay::render_confirm_quit(frame, area, &theme),
        None => {}
    }
    if app.flashing() {
        // The visible half of the bell fallback: the top line inverts.
        let top = Rect { height: 1, ..area };
        frame
            .buffer_mut()
            .set_style(top, ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED));
    }
}

/// How far the page or help on screen can scroll, for the terminal size the
/// app last saw: the app stops scrolling there.
pub fn scroll_limit(app: &App) -> u16 {
    let (w, h) = app.viewport;
    let area = Rect::new(0, 0, w, h);
    let theme = theme_for(app);
    if let Some(Overlay::Help { .. }) = app.overlay {
        return overlay::help_limit(app, area, &theme);
    }
    let [body, ..] = regions(app, area);
    match &app.screen {
        Screen::AfterCare { .. } => page::limit(&advice::after_care_lines(app, &theme), body),
        Screen::GoodNight { routine, .. } => {
            page::limit(&advice::good_night_lines(app, routine, &theme), body)
        }
        Screen::Learn { .. } => page::limit(&learn::lines(&theme), body),
        _ => 0,
    }
}

/// On a page or in help, the scroll keys that would not move it: "↑" at
/// the top, "↓" at the end, so the footer offers only what works.
pub fn scroll_keys_that_do_nothing(app: &App) -> Vec<Action> {
    let scroll = match (&app.overlay, &app.screen) {
        (Some(Overlay::Help { scroll }), _) => *scroll,
        (
            None,
            Screen::AfterCare { scroll, .. } | Screen::GoodNight { scroll, .. } | Screen::Learn { scroll },
        ) => *scroll,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    if scroll == 0 {
        out.push(Action::Up);
    }
    if scroll >= scroll_limit(app) {
        out.push(Action::Down);
    }
    out
}

/// The fresh notices, shortened at a word with an ellipsis (the whole text
/// is in help); off the session screens, the status marks at the right.
fn render_notice(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let marks = if matches!(app.screen, Screen::Session(_)) { String::new() } else { marks_text(app) };
    let room = (area.width as usize).saturating_sub(marks.chars().count() + usize::from(!marks.is_empty()));
    let text: Vec<&str> = app.fresh_notices().map(|n| n.text.as_str()).collect();
    let text = ellipsize(&text.join(" · "), room);
    let gap = room.saturating_sub(text.chars().count()) + usize::from(!marks.is_empty());
    let line = Line::from(vec![
        Span::styled(text, theme.dim),
        Span::raw(" ".repeat(gap)),
        Span::styled(marks, theme.warn),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// "bell · muted": the status marks in one string.
pub fn marks_text(app: &App) -> String {
    app.status_marks().join(" · ")
}

/// `text` in at most `width` columns: cut after a whole word, with "…".
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room: String = text.chars().take(width.saturating_sub(1)).collect();
    // Cut at the last space, when there is one, so no word is cut.
    let cut = match room.rfind(' ') {
        Some(i) => room[..i].trim_end_matches([' ', '(', '·', ':', ',']).to_string(),
        None => room,
    };
    format!("{cut}…")
}

/// A question and the keys that answer it: "Stop the routine?" then
/// "y stop · n carry on".
pub fn question<'a>(title: &'a str, answers: &[(&'a str, &'a str)], theme: &Theme) -> Vec<Line<'a>> {
    let mut spans = Vec::new();
    for (i, (key, what)) in answers.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(*what, theme.text));
    }
    vec![Line::styled(title, theme.title), Line::from(spans)]
}

/// Empties a box to draw an overlay in, in the theme's own background.
pub fn clear(frame: &mut Frame, rect: Rect, theme: &Theme) {
    frame.render_widget(Clear, rect);
    frame.buffer_mut().set_style(rect, theme.base);
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// A column at most `w` wide, centred across `area`: on a wide terminal the
/// content sits in the middle instead of stranded at the left.
pub fn column(area: Rect, w: u16) -> Rect {
    let w = w.min(area.width);
    Rect { x: area.x + (area.width - w) / 2, width: w, ..area }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsize_cuts_between_words() {
        let s = "sound: terminal bell (ALSA \"default\" could not be opened: No such file or directory)";
        let short = ellipsize(s, 40);
        assert!(short.chars().count() <= 40, "{short}");
        assert!(short.ends_with('…'));
        let kept = short.trim_end_matches('…');
        assert!(s.starts_with(kept) && s[kept.len()..].starts_with(' '), "cut mid-word: {short}");
        assert_eq!(ellipsize("short", 40), "short");
    }
}
