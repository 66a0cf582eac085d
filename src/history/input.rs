//! What people type about a cramp afterwards: when it was (`--at`), how bad
//! (`--pain`) and a note (`--note`). Pure: "now" comes in, so tests pin
//! every form under any time zone.

use jiff::civil::{self, Date, DateTime, Time};
use jiff::{ToSpan, Zoned};
use thiserror::Error;

use super::record::{LocalTime, PAIN_MAX};
use crate::text::printable;

/// The years `--at` accepts: a typo such as 0226 or 20260 is refused
/// plainly rather than recorded far from every other night.
pub const YEARS: std::ops::RangeInclusive<i16> = 2000..=2100;

/// The accepted `--at` forms, listed in every error.
pub const AT_FORMS: &str = "accepted forms:\n  \
     HH:MM              the most recent such time, e.g. 03:10\n  \
     yesterday HH:MM    e.g. \"yesterday 23:40\"\n  \
     YYYY-MM-DD HH:MM   e.g. \"2026-11-22 03:10\"\n  \
     RFC 3339           e.g. 2026-11-22T03:10:00+01:00";

/// Why a typed value was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum InputError {
    #[error("--at {0:?} is not a time limber reads; {AT_FORMS}")]
    Unreadable(String),
    #[error("--at {text:?}: the year {year} is outside {}-{}; {AT_FORMS}", YEARS.start(), YEARS.end())]
    Year { text: String, year: i16 },
    #[error("--at {0:?} is in the future")]
    Future(String),
    #[error("--at {0:?} does not exist in this time zone")]
    NoSuchTime(String),
    #[error("--note: {what} at character {at} is not allowed in a note; remove it")]
    NoteCharacter { what: String, at: usize },
    #[error("--note is empty")]
    EmptyNote,
    #[error("--note is longer than {max} characters")]
    LongNote { max: usize },
}

/// Reads `--at` as of `now` (whose time zone is the person's):
///
/// - `HH:MM`: the most recent such time that is not in the future (at 07:00,
///   "03:10" is this morning and "23:40" last evening);
/// - `yesterday HH:MM`;
/// - `YYYY-MM-DD HH:MM` (also with `T` or seconds);
/// - RFC 3339 with an offset, kept as given.
///
/// Local times falling in a daylight-saving gap take jiff's "compatible"
/// reading (the time after the gap); in an overlap, the first.
pub fn parse_at(text: &str, now: &Zoned) -> Result<LocalTime, InputError> {
    let shown = printable(text);
    let t = text.trim();
    let tz = now.time_zone();
    let zoned = |dt: DateTime| dt.to_zoned(tz.clone()).map_err(|_| InputError::NoSuchTime(shown.clone()));
    let when = if let Some(time) = hh_mm(t) {
        let today = zoned(now.date().to_datetime(time))?;
        if today.timestamp() <= now.timestamp() {
            LocalTime::from_zoned(&today)
        } else {
            LocalTime::from_zoned(&zoned(yesterday(now.date()).to_datetime(time))?)
        }
    } else if let Some(time) = t
        .get(..9)
        .filter(|w| w.eq_ignore_ascii_case("yesterday"))
        .and_then(|_| t.get(9..))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .and_then(|rest| hh_mm(rest.trim()))
    {
        LocalTime::from_zoned(&zoned(yesterday(now.date()).to_datetime(time))?)
    } else if let Some(dt) = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| DateTime::strptime(f, t).ok())
    {
        check_year(dt.year(), &shown)?;
        LocalTime::from_zoned(&zoned(dt)?)
    } else if t.contains('T') || t.contains('t') {
        let lt: LocalTime = t.parse().map_err(|_| InputError::Unreadable(shown.clone()))?;
        lt
    } else {
        return Err(InputError::Unreadable(shown));
    };
    check_year(when.civil().year(), &shown)?;
    if when.instant > now.timestamp() {
        return Err(InputError::Future(shown));
    }
    Ok(when)
}

fn check_year(year: i16, shown: &str) -> Result<(), InputError> {
    if YEARS.contains(&year) { Ok(()) } else { Err(InputError::Year { text: shown.to_string(), year }) }
}

fn yesterday(d: Date) -> Date {
    d.checked_sub(1.day()).unwrap_or(d)
}

/// "3:10" or "03:10" (24-hour clock).
fn hh_mm(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1..=2) || !digits(m, 2..=2) {
        return None;
    }
    civil::Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// Longest note kept: a history line must stay small.
pub const NOTE_MAX: usize = 500;

/// Checks a note: no control characters (they would reach the terminal
/// when it is shown), nor the invisible bidi and zero-width characters that
/// make a terminal and limber disagree on widths.
pub fn check_note(text: &str) -> Result<String, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::EmptyNote);
    }
    if text.chars().count() > NOTE_MAX {
        return Err(InputError::LongNote { max: NOTE_MAX });
    }
    if let Some((i, c)) = text.char_indices().find(|(_, c)| invisible(*c)) {
        let what = match c {
            '\u{1b}' => "ESC (escape)".to_string(),
            '\n' => "a newline".to_string(),
            '\t' => "a tab".to_string(),
            c if c.is_control() => format!("control character U+{:04X}", c as u32),
            c => format!("invisible character U+{:04X}", c as u32),
        };
        return Err(InputError::NoteCharacter { what, at: text[..i].chars().count() + 1 });
    }
    Ok(text.to_string())
}

fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200D}')
        || matches!(c, '\u{2060}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// Pain on the usual 0-10 numeric rating scale, for clap.
pub fn parse_pain(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n) if n <= PAIN_MAX => Ok(n),
        _ => Err(format!("pain is a whole number from 0 (none) to {PAIN_MAX} (worst imaginable)")),
    }
}

#[cfg(test)]
mod tests {
    use jiff::tz::TimeZone;

    use super::*;

    fn now(s: &str, tz: &str) -> Zoned {
        let tz = TimeZone::get(tz).or_else(|_| TimeZone::posix("EST5EDT,M3.2.0,M11.1.0")).unwrap();
        civil::DateTime::strptime("%Y-%m-%d %H:%M", s).unwrap().to_zoned(tz).unwrap()
    }

    fn at(text: &str, n: &Zoned) -> String {
        parse_at(text, n).map(|t| t.to_string()).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn hh_mm_is_the_most_recent_such_time() {
        let n = now("2026-11-22 07:00", "America/New_York");
        assert_eq!(at("03:10", &n), "2026-11-22T03:10:00-05:00");
        assert_eq!(at("3:10", &n), "2026-11-22T03:10:00-05:00");
        assert_eq!(at("07:00", &n), "2026-11-22T07:00:00-05:00", "now itself is not the future");
        assert_eq!(at("23:40", &n), "2026-11-21T23:40:00-05:00");
        assert_eq!(at("yesterday 03:10", &n), "2026-11-21T03:10:00-05:00");
        assert_eq!(at("Yesterday  23:40", &n), "2026-11-21T23:40:00-05:00");
        assert_eq!(at("2026-11-20 03:10", &n), "2026-11-20T03:10:00-05:00");
        assert_eq!(at("2026-11-20T03:10:05", &n), "2026-11-20T03:10:05-05:00");
        // RFC 3339 keeps the offset given (a cramp logged while travelling).
        assert_eq!(at("2026-11-20T03:10:00+01:00", &n), "2026-11-20T03:10:00+01:00");
        assert_eq!(at("2026-11-20T08:10:00Z", &n), "2026-11-20T08:10:00+00:00");
    }

    #[test]
    fn across_a_daylight_saving_change() {
        // New York, 2026-11-01: 01:00-02:00 happens twice; at 09:00 "01:30"
        // is the first of them (EDT).
        let n = now("2026-11-01 09:00", "America/New_York");
        assert_eq!(at("01:30", &n), "2026-11-01T01:30:00-04:00");
        // 2026-03-08: 02:30 does not exist; the time after the gap is taken.
        let n = now("2026-03-08 09:00", "America/New_York");
        assert_eq!(at("02:30", &n), "2026-03-08T03:30:00-04:00");
        assert_eq!(at("yesterday 02:30", &n), "2026-03-07T02:30:00-05:00");
    }

    #[test]
    fn refusals_say_why_and_list_the_forms() {
        let n = now("2026-11-22 07:00", "America/New_York");
        for bad in ["last night", "25:00", "3.10", "yesterday", "yesterday 3", "2026-11-22", ""] {
            let e = at(bad, &n);
            assert!(e.contains("is not a time limber reads"), "{bad}: {e}");
            assert!(e.contains("yesterday HH:MM") && e.contains("RFC 3339"), "{e}");
        }
        assert!(at("1999-12-31 23:00", &n).contains("the year 1999 is outside 2000-2100"));
        assert!(at("0226-11-20T03:10:00+01:00", &n).contains("the year 226 is outside"));
        assert!(at("2026-11-23 03:10", &n).ends_with("is in the future"));
        assert!(at("2101-01-01 00:00", &n).contains("outside 2000-2100"), "the year first");
        assert!(!at("a\u{1b}[2Jb", &n).contains('\u{1b}'), "the echo is printable");
    }

    #[test]
    fn notes_refuse_control_and_invisible_characters() {
        assert_eq!(check_note("  woke at 3, left calf  ").unwrap(), "woke at 3, left calf");
        assert_eq!(check_note("café — ça va").unwrap(), "café — ça va");
        let e = check_note("bad\u{1b}[2J").unwrap_err().to_string();
        assert_eq!(e, "--note: ESC (escape) at character 4 is not allowed in a note; remove it");
        assert!(check_note("a\u{202E}b").unwrap_err().to_string().contains("U+202E"));
        assert!(check_note("a\u{9b}b").unwrap_err().to_string().contains("U+009B"));
        assert_eq!(check_note("  "), Err(InputError::EmptyNote));
        assert!(check_note(&"x".repeat(501)).is_err());
    }

    #[test]
    fn pain_is_zero_to_ten() {
        assert_eq!(parse_pain("0"), Ok(0));
        assert_eq!(parse_pain("10"), Ok(10));
        for bad in ["11", "-1", "7.5", "seven"] {
            assert!(parse_pain(bad).unwrap_err().contains("0 (none) to 10"), "{bad}");
        }
    }
}
