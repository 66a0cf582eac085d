//! Whether the evening routine is due: the prompt nudge and the reminder
//! both ask this. Pure, with the clock passed in.

use super::RemindAt;
use crate::history::merge::merge;
use crate::history::summary::nights;
use crate::history::{LocalTime, Record};

/// How long after its start the evening stays due: from 22:30 the prompt
/// says so until 06:30, never all the next day.
pub const DUE_FOR_MINUTES: u32 = 8 * 60;

/// Whether tonight's nightly routine is done, as the history counts nights
/// (half its planned hold time held, sped-up runs left out): the one call
/// into the history's single source of nights.
pub fn tonight_done(records: &[Record], now: LocalTime) -> bool {
    nights(&merge(records), now, 1).first().is_some_and(|n| n.done)
}

/// Due: at or after the evening's start (`remind_at`, or 20:00), within
/// [`DUE_FOR_MINUTES`] of it, and not done tonight.
pub fn is_due(now: LocalTime, from: RemindAt, done: bool) -> bool {
    let t = now.civil().time();
    let minutes = u32::from(t.hour() as u8) * 60 + u32::from(t.minute() as u8);
    let since = (minutes + 24 * 60 - from.minutes()) % (24 * 60);
    !done && since < DUE_FOR_MINUTES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> LocalTime {
        s.parse().unwrap()
    }

    #[test]
    fn due_from_the_time_through_the_night_not_the_next_day() {
        let at = RemindAt { hour: 22, minute: 30 };
        assert!(!is_due(t("2026-11-24T22:29:59+01:00"), at, false));
        assert!(is_due(t("2026-11-24T22:30:00+01:00"), at, false));
        assert!(is_due(t("2026-11-25T01:15:00+01:00"), at, false));
        assert!(is_due(t("2026-11-25T06:29:00+01:00"), at, false));
        assert!(!is_due(t("2026-11-25T06:30:00+01:00"), at, false));
        assert!(!is_due(t("2026-11-25T14:00:00+01:00"), at, false));
        assert!(!is_due(t("2026-11-24T23:00:00+01:00"), at, true));
        let default = RemindAt::DEFAULT_EVENING;
        assert!(!is_due(t("2026-11-24T19:59:00+01:00"), default, false));
        assert!(is_due(t("2026-11-24T20:00:00+01:00"), default, false));
    }
}
