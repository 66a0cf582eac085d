//! The bedtime habit: the reminder's time ([`RemindAt`]), the files that
//! make the system run `limber remind notify` at that time ([`units`],
//! [`install`]), the notification itself ([`notify`]), whether the evening
//! routine is due ([`due`]) and the `remind_at` key of `config.toml`
//! ([`setting`]).
//!
//! limber runs no daemon of its own: the system's own scheduler (a systemd
//! user timer, a launchd agent, or cron) starts it once a night.

pub mod due;
pub mod install;
pub mod notify;
pub mod setting;
pub mod units;

use std::fmt;
use std::str::FromStr;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day for the reminder, to the minute: `22:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RemindAt {
    pub hour: u8,
    pub minute: u8,
}

impl RemindAt {
    /// The evening routine is due from this time when no reminder is set.
    pub const DEFAULT_EVENING: RemindAt = RemindAt { hour: 20, minute: 0 };

    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(RemindAt { hour, minute })
    }

    pub fn to_civil(self) -> civil::Time {
        civil::time(self.hour as i8, self.minute as i8, 0, 0)
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }
}

/// "tonight", or "last night" between midnight and noon: what the night
/// holding `now` is called (nights run noon to noon, like the history's).
pub fn current_night_word(now: crate::history::LocalTime) -> &'static str {
    if crate::history::summary::is_last_night(now) { "last night" } else { "tonight" }
}

/// When the reminder at `at` next goes off after the current night's routine
/// is done: "tonight at 22:30" or "tomorrow at 22:30".
///
/// `remind notify` stays silent on a night whose routine is done, so the next
/// reminder that shows belongs to the night after the current one. Before
/// noon the current night is last night, so that is tonight; from noon on
/// the current night is tonight (even at 15:00, before 22:30: today's
/// reminder finds the routine done and says nothing), so it is tomorrow.
pub fn next_reminder(now: crate::history::LocalTime, at: RemindAt) -> String {
    let day = if crate::history::summary::is_last_night(now) { "tonight" } else { "tomorrow" };
    format!("{day} at {at}")
}

impl fmt::Display for RemindAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for RemindAt {
    type Err = String;
    /// `HH:MM` on the 24-hour clock (`9:05` is accepted as `09:05`).
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "{:?} is not a time of day: write it as HH:MM on the 24-hour clock, such as 22:30",
                crate::text::printable(s)
            )
        };
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let digits = |p: &str, max_len: usize| {
            (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u8>().ok())
                .flatten()
        };
        let (Some(hour), Some(minute)) = (digits(h, 2), digits(m, 2).filter(|_| m.len() == 2)) else {
            return Err(bad());
        };
        RemindAt::new(hour, minute).ok_or_else(|| {
            format!(
                "{:?} is not a time of day: hours run from 00 to 23 and minutes from 00 to 59",
                crate::text::printable(s)
            )
        })
    }
}

impl Serialize for RemindAt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RemindAt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e| serde::de::Error::custom(format!("`remind_at`: {e}")))
    }
}

impl schemars::JsonSchema for RemindAt {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RemindAt".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
            "description": "the bedtime reminder's time, HH:MM on the 24-hour clock, such as \"22:30\" (`limber remind at` sets it)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> crate::history::LocalTime {
        s.parse().unwrap()
    }

    #[test]
    fn the_next_reminder_is_tonight_after_a_morning_routine_and_tomorrow_after_an_evening_one() {
        let at = RemindAt { hour: 22, minute: 30 };
        // Finished at 10:10: last night's routine; tonight's reminder comes.
        assert_eq!(next_reminder(t("2026-11-25T10:10:00+01:00"), at), "tonight at 22:30");
        assert_eq!(next_reminder(t("2026-11-25T00:40:00+01:00"), at), "tonight at 22:30");
        assert_eq!(next_reminder(t("2026-11-25T11:59:59+01:00"), at), "tonight at 22:30");
        // From noon the routine is tonight's: tonight's reminder stays silent.
        assert_eq!(next_reminder(t("2026-11-25T12:00:00+01:00"), at), "tomorrow at 22:30");
        assert_eq!(next_reminder(t("2026-11-25T22:45:00+01:00"), at), "tomorrow at 22:30");
    }

    #[test]
    fn before_noon_the_current_night_is_last_night() {
        assert_eq!(current_night_word(t("2026-11-25T10:10:00+01:00")), "last night");
        assert_eq!(current_night_word(t("2026-11-25T00:00:00+01:00")), "last night");
        assert_eq!(current_night_word(t("2026-11-25T12:00:00+01:00")), "tonight");
        assert_eq!(current_night_word(t("2026-11-25T23:59:00+01:00")), "tonight");
    }

    #[test]
    fn times_parse_on_the_24_hour_clock_and_bad_ones_say_why() {
        assert_eq!("22:30".parse(), Ok(RemindAt { hour: 22, minute: 30 }));
        assert_eq!("9:05".parse::<RemindAt>().unwrap().to_string(), "09:05");
        assert_eq!("00:00".parse(), Ok(RemindAt { hour: 0, minute: 0 }));
        for bad in ["24:00", "22:60", "22:3", "2230", "22:30:00", "-1:30", "ab:cd", "", "22 :30", "+2:30"] {
            let e = bad.parse::<RemindAt>().unwrap_err();
            assert!(e.contains("not a time of day"), "{bad}: {e}");
        }
        assert!("24:00".parse::<RemindAt>().unwrap_err().contains("hours run from 00 to 23"));
    }
}
