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
mod history;
mod home;
mod learn;
mod overlay;
mod resume;
mod session;

pub use history::home_line;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Overlay, Screen};
use super::keys::{Action, Binding, Context, shadowed, shown_for};
use super::theme::{Palette, Theme};
use crate::routine::Mode;

/// Below this size only "enlarge the terminal" is shown.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

/// The theme for what is on screen: calm for a nightly session and its
/// good-night page, bright elsewhere.
pub fn theme_for(app: &App) -> Theme {
    let calm = match &app.screen {
        Screen::Session(s) => s.routine().mode == Mode::Nightly,
        Screen::GoodNight { .. } | Screen::Resume { .. } => true,
        _ => false,
    };
    Theme::new(if calm { Palette::Calm } else { Palette::Bright }, app.no_color)
}

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = theme_for(app);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Paragraph::new(format!("enlarge the terminal (needs {MIN_WIDTH}x{MIN_HEIGHT})"))
            .style(theme.text)
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    let notice_h = u16::from(app.notice.is_some() || app.muted);
    let [body, notice, footer] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(notice_h), Constraint::Length(1)])
            .areas(area);
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
        Screen::Picker => home::render_picker(frame, body, &theme),
        Screen::Browse { selected } => home::render_browse(frame, body, app, *selected, &theme),
        Screen::Session(s) => session::render(frame, body, app, s, &theme),
        Screen::AfterCare { .. } => advice::render_after_care(frame, body, app, &theme),
        Screen::GoodNight { routine, scroll } => {
            advice::render_good_night(frame, body, app, routine, *scroll, &theme)
        }
        Screen::Resume { routine, at } => resume::render(frame, body, routine, *at, &theme),
        Screen::History { scroll } => history::render(frame, body, app, *scroll, &theme),
        Screen::Learn { scroll } => learn::render(frame, body, *scroll, &theme),
    }
    render_notice(frame, notice, app, &theme);
    render_footer(frame, footer, app, &theme);
    match app.overlay {
        Some(Overlay::Help) => overlay::render_help(frame, area, &theme),
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

fn render_notice(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    if app.muted {
        spans.push(Span::styled("muted  ", theme.warn));
    }
    if let Some(n) = &app.notice {
        spans.push(Span::styled(n.as_str(), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that work on this screen, cut to fit, with help and quit always
/// kept at the end so a person can find every other key.
fn render_footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut contexts = app.contexts();
    // On the still-cramping prompt the body already says Space and Enter;
    // a relief screen names each stretch's number beside it.
    contexts.retain(|c| *c != Context::StillCramping && *c != Context::ReliefChoice);
    let mut always: Vec<&Binding> = shown_for(&[Context::Global])
        .filter(|b| b.action == Action::Help)
        .chain(
            shown_for(&[Context::Global])
                .filter(|b| b.action == Action::Quit && !shadowed(b, &contexts))
                .take(1),
        )
        .collect();
    always.dedup_by_key(|b| b.action);
    let optional =
        shown_for(&contexts).chain(shown_for(&[Context::Global]).filter(|b| b.action == Action::Mute));
    let width = |b: &Binding| b.label.chars().count() + b.short.chars().count() + 4;
    let mut room = (area.width as usize).saturating_sub(always.iter().map(|b| width(b)).sum());
    let mut chosen: Vec<&Binding> = Vec::new();
    for b in optional.filter(|b| !b.ctrl) {
        if width(b) > room {
            break;
        }
        room -= width(b);
        chosen.push(b);
    }
    chosen.extend(always);
    let mut spans = Vec::new();
    for b in chosen {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(b.label, theme.key));
        spans.push(Span::styled(format!(" {}", b.short), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
