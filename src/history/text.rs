//! How the history reads as text, shared by `limber history` and the TUI.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;

use super::merge::{CrampEntry, Entry, SessionEntry};
use super::record::LocalTime;
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

/// "Streak: 4 nights (last night done)": counted over the whole history.
pub fn streak(s: &Summary) -> String {
    let n = if s.streak == 1 { "night" } else { "nights" };
    let done = if s.current_done { format!(" ({} done)", s.current_name()) } else { String::new() };
    format!("Streak: {} {n}{done}", s.streak)
}

/// A record's wall-clock time where it was written, `2026-11-22 03:10`,
/// with its UTC offset (`03:10 (+01:00)`) when that differs from the offset
/// `tz` (the person's zone now) has at that instant: two records with the
/// same clock time in different offsets are not duplicates.
pub fn when_text(at: LocalTime, tz: &TimeZone) -> String {
    let when = at.civil().strftime("%Y-%m-%d %H:%M").to_string();
    if tz.to_offset(at.instant) == at.offset {
        return when;
    }
    let secs = at.offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("{when} ({sign}{:02}:{:02})", m / 60, m % 60)
}

/// The person's zone as of `now`: the system zone when it agrees with
/// `now`'s offset, else that fixed offset (`LIMBER_NOW` in another offset,
/// as in tests), so times read the same on every machine.
pub fn zone_at(now: LocalTime) -> TimeZone {
    let system = TimeZone::system();
    if system.to_offset(now.instant) == now.offset { system } else { TimeZone::fixed(now.offset) }
}

/// One session or cramp as a line, for lists (all text from the file made
/// printable), times as [`when_text`] in the person's zone `tz`.
pub fn entry_line(e: &Entry, tz: &TimeZone) -> String {
    let when = when_text(e.at(), tz);
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
    } else if s.mode == Mode::Nightly && s.completed && !s.scaled() {
        "not counted: under half held".to_string()
    } else if s.mode == Mode::Nightly && s.completed {
        // Sped up: the bracket below says why it is not counted.
        "finished".to_string()
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
        let cut = if c.interrupted {
            ", interrupted"
        } else if c.stopped {
            ", stopped before it went"
        } else {
            ""
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::merge::merge;
    use crate::history::store::parse;

    #[test]
    fn a_time_from_another_offset_shows_its_offset() {
        let utc: LocalTime = "2026-11-22T03:10:00+00:00".parse().unwrap();
        let paris: LocalTime = "2026-11-22T03:10:00+01:00".parse().unwrap();
        assert_eq!(when_text(utc, &TimeZone::UTC), "2026-11-22 03:10");
        assert_eq!(when_text(paris, &TimeZone::UTC), "2026-11-22 03:10 (+01:00)");
        let plus = TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(when_text(paris, &plus), "2026-11-22 03:10");
        let india: LocalTime = "2026-11-22T03:10:00-05:30".parse().unwrap();
        assert_eq!(when_text(india, &TimeZone::UTC), "2026-11-22 03:10 (-05:30)");
    }

    #[test]
    fn a_sped_up_run_says_only_why_it_is_not_counted() {
        let line = r#"{"kind":"session","v":2,"routine":"nightly","mode":"nightly","start":"2026-11-22T22:00:00+00:00","end":"2026-11-22T22:01:00+00:00","completed":true,"holds":[{"muscle":"calf","side":"left","holds":12}],"planned_secs":360,"held_secs":36,"skipped":0,"scale":10.0}"#;
        let h = merge(&parse(line.as_bytes()).records);
        let text = entry_line(&h.newest_first()[0], &TimeZone::UTC);
        assert!(text.contains("sped up x10, not counted"), "{text}");
        assert!(!text.contains("under half"), "{text}");
    }
}
