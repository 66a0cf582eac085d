//! The pages after a session: after-care (relief) and good night (nightly).

use ratatui::text::{Line, Span};

use crate::advice::{Tip, TipKind};
use crate::articles::source_label;
use crate::builtin;
use crate::routine::Routine;
use crate::text::about_secs;
use crate::ui::app::{App, LONG_CRAMP, Screen};
use crate::ui::theme::Theme;

/// After "it's gone", or after `q` once a hold started. When the session
/// was stopped (the cramp may not have let go) or lasted past [`LONG_CRAMP`],
/// the see-a-doctor advice comes first and plainly.
pub fn after_care_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let Screen::AfterCare { routine, holds, lasted, stopped, .. } = &app.screen else { return Vec::new() };
    let (holds, lasted, stopped) = (*holds, *lasted, *stopped);
    let doctor = app.doctor_note();
    let advice = builtin::advice();
    let heading = if stopped { "Relief stopped." } else { "The cramp has gone." };
    let mut lines = vec![
        Line::styled(heading, theme.title),
        Line::styled(
            format!(
                "{} · {holds} hold{} over {}.",
                routine.title,
                if holds == 1 { "" } else { "s" },
                about_secs(u32::try_from(lasted.as_secs()).unwrap_or(u32::MAX))
            ),
            theme.dim,
        ),
        Line::default(),
    ];
    if let Some(note) = doctor {
        lines.push(Line::styled(note, theme.warn));
        lines.push(Line::default());
    }
    let long = lasted >= LONG_CRAMP;
    if stopped {
        lines.push(Line::styled("If the cramp has not let go, read when to see a doctor first.", theme.warn));
    }
    if long {
        lines.push(Line::styled(
            // What is measured is the time since relief started, waits at
            // "Still cramping?" included: how long the cramp has lasted, not
            // how long the person stretched.
            format!(
                "The cramp has lasted over {} minutes since relief started, pauses not counted.",
                LONG_CRAMP.as_secs() / 60
            ),
            theme.warn,
        ));
        lines.push(Line::styled(
            format!(
                "limber's own rule: past {} minutes it shows when to see a doctor first. {} gives {} minutes \
                 as the average duration of a cramp.",
                LONG_CRAMP.as_secs() / 60,
                source_label(advice.figures_source.as_str()),
                advice.average_cramp_minutes,
            ),
            theme.text,
        ));
    }
    let doctor_first = long || stopped;
    if doctor_first {
        tips(&mut lines, "When to see a doctor", advice.of(TipKind::SeeADoctor), theme);
    }
    tips(&mut lines, "Now: after-care", advice.of(TipKind::AfterCare), theme);
    if !doctor_first {
        tips(&mut lines, "When to see a doctor", advice.of(TipKind::SeeADoctor), theme);
    }
    lines
}

/// After the nightly routine: a calm good night and the prevention tips.
/// With the streak (once the history has loaded) and when the reminder
/// next goes off (when one is set).
pub fn good_night_lines<'a>(app: &App, routine: &'a Routine, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::styled("Routine done. Good night.", theme.title),
        Line::styled(format!("{} complete.", routine.title), theme.dim),
        Line::default(),
    ];
    if let Some((_, summary)) = &app.history {
        let n = summary.streak;
        lines.push(Line::styled(
            format!("Streak: {n} night{} in a row.", if n == 1 { "" } else { "s" }),
            theme.text,
        ));
    }
    if let Some(at) = app.settings.remind_at {
        let when = crate::remind::next_reminder(app.wall(), at);
        lines.push(Line::styled(format!("Reminder {when}."), theme.text));
    }
    tips(&mut lines, "Habits that help prevent cramps", builtin::advice().of(TipKind::Prevention), theme);
    lines
}

fn tips<'a>(lines: &mut Vec<Line<'a>>, heading: &'a str, tips: impl Iterator<Item = &'a Tip>, theme: &Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(heading, theme.title));
    for t in tips {
        lines.push(Line::from(vec![
            Span::styled(format!("- {}: ", t.title), theme.key),
            Span::styled(t.text.as_str(), theme.text),
            Span::styled(format!(" ({})", source_label(t.source.as_str())), theme.dim),
        ]));
    }
}
