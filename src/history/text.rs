//! How the history reads as text, shared by `limber history` and the TUI.

use std::collections::BTreeMap;

use super::merge::{CrampEntry, Entry, SessionEntry};
use super::summary::{Rate, Summary};
use crate::routine::{Mode, Muscle};
use crate::text::{human_secs, printable};

/// " (calf 2, hamstring 1)", or nothing when there were no cramps.
pub fn by_muscle(m: &BTreeMap<Muscle, u32>) -> String {
    if m.is_empty() {
        return String::new();
    }
    format!(" ({})", m.iter().map(|(k, v)| format!("{} {v}", k.as_str())).collect::<Vec<_>>().join(", "))
}

/// "1 cramp in 20 nights": counts only, no claims.
pub fn rate(r: Rate) -> String {
    let s = |n: u32| if n == 1 { "" } else { "s" };
    format!("{} cramp{} in {} night{}", r.cramps, s(r.cramps), r.nights, s(r.nights))
}

/// The strip's legend.
pub const STRIP_LEGEND: &str = "# routine, . none, x cramp, X both";

/// The range's nights, newest first, in characters that read without
/// colour: `#` routine, `.` none, `x` cramp, `X` routine and a cramp.
pub fn strip_text(s: &Summary) -> String {
    s.strip
        .iter()
        .map(|n| match (n.done, n.cramps > 0) {
            (true, true) => 'X',
            (false, true) => 'x',
            (true, false) => '#',
            (false, false) => '.',
        })
        .collect()
}

/// The quoted advice shown when cramps come often. The count that triggers
/// it is limber's own threshold (`doctor_after_cramps`), and says so: the
/// article's only wording is "occur frequently".
pub fn doctor_advice(cramps: u32) -> String {
    format!(
        "{cramps} cramps in the last 7 days (limber's own threshold; the article says \"occur frequently\"). \
         \"If leg muscle spasms persist, worsen, or occur frequently, it's crucial to consult a healthcare \
         professional.\" (Understanding and Managing Leg Muscle Spasms)"
    )
}

/// "the last 30 nights (2026-10-25 to 2026-11-23)".
pub fn range(s: &Summary) -> String {
    let (Some(new), Some(old)) = (s.strip.first(), s.strip.last()) else { return String::new() };
    let n = if s.days == 1 { "night".to_string() } else { format!("{} nights", s.days) };
    format!("the last {n} ({} to {})", old.date, new.date)
}

/// "Streak: 4 nights (last night done)", "Streak: 30+ nights".
pub fn streak(s: &Summary) -> String {
    let plus = if s.streak_open { "+" } else { "" };
    let n = if s.streak == 1 && !s.streak_open { "night" } else { "nights" };
    let done = if s.current_done { format!(" ({} done)", s.current_name()) } else { String::new() };
    format!("Streak: {}{plus} {n}{done}", s.streak)
}

/// One session or cramp as a line, for lists (all text from the file made
/// printable).
pub fn entry_line(e: &Entry) -> String {
    let when = e.at().civil().strftime("%Y-%m-%d %H:%M");
    match e {
        Entry::Session(s) => format!("{when}  session  {}", session_text(s)),
        Entry::Cramp(c) => format!("{when}  cramp    {}", cramp_text(c)),
    }
}

fn session_text(s: &SessionEntry) -> String {
    let mut out = printable(&s.routine);
    let holds = s.holds_done();
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    let how = if !s.ended {
        match (s.last_step, s.steps) {
            (Some(step), Some(steps)) => format!("interrupted at step {} of {steps}", step + 1),
            _ => "interrupted before the first hold".to_string(),
        }
    } else if s.mode == Mode::Nightly && s.done() {
        "done".to_string()
    } else if s.mode == Mode::Nightly && s.completed {
        "not counted: under half held".to_string()
    } else if s.completed {
        "finished".to_string()
    } else {
        "stopped".to_string()
    };
    out.push_str(&format!(" ({how}, {holds} hold{}", plural(holds)));
    if let Some(k) = s.skipped.filter(|k| *k > 0) {
        out.push_str(&format!(", {k} skipped"));
    }
    out.push(')');
    if let Some(x) = s.scale.filter(|_| s.scaled()) {
        out.push_str(&format!(" [sped up x{x}, not counted]"));
    }
    out
}

fn cramp_text(c: &CrampEntry) -> String {
    let mut out = c.muscle.as_str().to_string();
    if c.logged {
        out.push_str(" (logged)");
    } else {
        let secs = u32::try_from(c.secs).unwrap_or(u32::MAX);
        let s = if c.holds == 1 { "" } else { "s" };
        let cut = if c.interrupted { ", interrupted" } else { "" };
        out.push_str(&format!(" ({} hold{s}, {}{cut})", c.holds, human_secs(secs)));
    }
    if let Some(p) = c.pain {
        out.push_str(&format!(" pain {p}/10"));
    }
    for n in &c.notes {
        out.push_str(&format!(" \u{b7} \"{}\"", printable(n)));
    }
    if !c.counted() {
        out.push_str(" [sped up, not counted]");
    }
    out
}
