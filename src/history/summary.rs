//! What the history says: the streak, nights done, cramps by muscle and week,
//! and cramp counts on nights with and without a routine. Pure: records and
//! "now" in, numbers out, so tests pin every boundary with fixed times.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::{ToSpan, civil};
use serde::Serialize;

use super::record::{LocalTime, Record};
use crate::routine::{Mode, Muscle};

/// Weeks in the cramps-per-week chart.
pub const WEEKS: usize = 12;
/// Nights in the strip.
pub const STRIP_NIGHTS: usize = 30;

/// One night in the strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Night {
    /// The evening's date (nights run noon to noon).
    pub date: civil::Date,
    /// A nightly-mode routine was completed.
    pub done: bool,
    pub cramps: u32,
}

/// Cramps over a number of nights, shown as counts (no claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rate {
    pub cramps: u32,
    pub nights: u32,
}

/// Everything the history screen and `limber history` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Consecutive nights with a completed nightly routine, up to tonight
    /// (if done) or last night.
    pub streak: u32,
    pub tonight_done: bool,
    /// The range asked for (`--days`).
    pub days: u32,
    /// Nights with a completed nightly routine among the last `days`.
    pub nights_done: u32,
    pub cramps_7_days: BTreeMap<Muscle, u32>,
    pub cramps_30_days: BTreeMap<Muscle, u32>,
    /// Over the last `days` finished nights: cramps on nights with a
    /// routine, and on nights without.
    pub after_routine: Rate,
    pub after_no_routine: Rate,
    /// The last [`STRIP_NIGHTS`] nights, oldest first, tonight last.
    pub strip: Vec<Night>,
    /// Cramps per week over the last [`WEEKS`] weeks, oldest first.
    pub weekly: Vec<u32>,
}

impl Summary {
    pub fn cramps_last_7_days(&self) -> u32 {
        self.cramps_7_days.values().sum()
    }

    pub fn cramps_last_30_days(&self) -> u32 {
        self.cramps_30_days.values().sum()
    }
}

/// Summarises `records` as of `now`, over the last `days` nights.
pub fn summarize(records: &[Record], now: LocalTime, days: u32) -> Summary {
    let tonight = now.night();
    let mut done: HashSet<civil::Date> = HashSet::new();
    let mut cramps_by_night: HashMap<civil::Date, u32> = HashMap::new();
    let mut cramps_7_days = BTreeMap::new();
    let mut cramps_30_days = BTreeMap::new();
    let mut weekly = vec![0u32; WEEKS];
    let week_secs = 7 * 24 * 3600;
    for r in records {
        match r {
            Record::Session { mode: Mode::Nightly, completed: true, start, .. } => {
                done.insert(start.night());
            }
            Record::Cramp { muscle, at, .. } => {
                *cramps_by_night.entry(at.night()).or_default() += 1;
                let ago = now.instant.as_second() - at.instant.as_second();
                if ago < 0 {
                    continue;
                }
                if ago < week_secs {
                    *cramps_7_days.entry(*muscle).or_default() += 1;
                }
                if ago < 30 * 24 * 3600 {
                    *cramps_30_days.entry(*muscle).or_default() += 1;
                }
                let week = (ago / week_secs) as usize;
                if week < WEEKS {
                    weekly[WEEKS - 1 - week] += 1;
                }
            }
            Record::Session { .. } => {}
        }
    }
    let night = |back: i64| tonight.checked_sub(back.days()).ok();
    let tonight_done = done.contains(&tonight);
    let mut streak = 0;
    let mut d = if tonight_done { Some(tonight) } else { night(1) };
    while let Some(date) = d.filter(|x| done.contains(x)) {
        streak += 1;
        d = date.yesterday().ok();
    }
    let nights_done = (0..i64::from(days)).filter_map(night).filter(|n| done.contains(n)).count() as u32;
    let (mut after_routine, mut after_no_routine) = (Rate::default(), Rate::default());
    for n in (1..=i64::from(days)).filter_map(night) {
        let rate = if done.contains(&n) { &mut after_routine } else { &mut after_no_routine };
        rate.nights += 1;
        rate.cramps += cramps_by_night.get(&n).copied().unwrap_or(0);
    }
    let strip = (0..STRIP_NIGHTS as i64)
        .rev()
        .filter_map(night)
        .map(|date| Night {
            date,
            done: done.contains(&date),
            cramps: cramps_by_night.get(&date).copied().unwrap_or(0),
        })
        .collect();
    Summary {
        streak,
        tonight_done,
        days,
        nights_done,
        cramps_7_days,
        cramps_30_days,
        after_routine,
        after_no_routine,
        strip,
        weekly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::VERSION;

    fn t(s: &str) -> LocalTime {
        s.parse().unwrap()
    }

    fn nightly(start: &str) -> Record {
        Record::Session {
            v: VERSION,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: t(start),
            end: t(start),
            completed: true,
            holds: vec![],
        }
    }

    fn cramp(at: &str) -> Record {
        Record::Cramp { v: VERSION, muscle: Muscle::Calf, at: t(at), holds: 1, secs: 30, logged: false }
    }

    #[test]
    fn ten_to_midnight_and_half_past_midnight_are_the_same_night() {
        assert_eq!(t("2026-11-20T23:50:00+01:00").night(), t("2026-11-21T00:30:00+01:00").night());
        assert_eq!(t("2026-11-21T00:30:00+01:00").night(), civil::date(2026, 11, 20));
        assert_eq!(t("2026-11-21T12:00:00+01:00").night(), civil::date(2026, 11, 21));
        // Two routines in one night count once.
        let now = t("2026-11-21T20:00:00+01:00");
        let s =
            summarize(&[nightly("2026-11-20T23:50:00+01:00"), nightly("2026-11-21T00:30:00+01:00")], now, 30);
        assert_eq!(s.streak, 1);
        assert_eq!(s.nights_done, 1);
    }

    #[test]
    fn the_streak_counts_to_last_night_or_tonight_and_breaks_on_a_missed_night() {
        let recs = [
            nightly("2026-11-17T22:00:00+01:00"),
            // the 18th missed
            nightly("2026-11-19T22:00:00+01:00"),
            nightly("2026-11-20T23:00:00+01:00"),
            nightly("2026-11-22T01:00:00+01:00"), // the night of the 21st
        ];
        // Evening of the 22nd, not done yet: streak up to last night.
        let s = summarize(&recs, t("2026-11-22T19:00:00+01:00"), 30);
        assert!(!s.tonight_done);
        assert_eq!(s.streak, 3);
        // Done tonight as well.
        let mut more = recs.to_vec();
        more.push(nightly("2026-11-22T21:00:00+01:00"));
        assert_eq!(summarize(&more, t("2026-11-22T21:30:00+01:00"), 30).streak, 4);
        // Missing last night and tonight: no streak.
        assert_eq!(summarize(&recs, t("2026-11-24T19:00:00+01:00"), 30).streak, 0);
    }

    #[test]
    fn a_daylight_saving_change_does_not_break_the_streak() {
        // Europe: clocks go back on 2026-10-25 at 03:00 (+02:00 -> +01:00).
        let recs = [
            nightly("2026-10-23T22:00:00+02:00"),
            nightly("2026-10-25T00:30:00+02:00"), // night of the 24th
            nightly("2026-10-25T22:00:00+01:00"),
        ];
        let s = summarize(&recs, t("2026-10-26T08:00:00+01:00"), 30);
        assert_eq!(s.streak, 3);
    }

    #[test]
    fn a_time_zone_change_uses_each_records_own_local_time() {
        // 23:30 in New York is 05:30 the next morning in Paris: still the
        // New York evening's night.
        let recs = [nightly("2026-11-19T23:30:00-05:00"), nightly("2026-11-20T22:00:00+01:00")];
        assert_eq!(recs[0].at().night(), civil::date(2026, 11, 19));
        let s = summarize(&recs, t("2026-11-21T09:00:00+01:00"), 30);
        assert_eq!(s.streak, 2);
    }

    #[test]
    fn cramp_counts_by_muscle_week_and_routine_nights() {
        let recs = [
            nightly("2026-11-20T22:00:00+01:00"),
            cramp("2026-11-21T03:00:00+01:00"), // after a routine
            cramp("2026-11-22T04:00:00+01:00"), // night of the 21st: no routine
            cramp("2026-11-22T05:00:00+01:00"),
            cramp("2026-10-01T05:00:00+01:00"), // long ago
        ];
        let s = summarize(&recs, t("2026-11-22T19:00:00+01:00"), 30);
        assert_eq!(s.cramps_last_7_days(), 3);
        assert_eq!(s.cramps_30_days[&Muscle::Calf], 3);
        assert_eq!(s.after_routine, Rate { cramps: 1, nights: 1 });
        assert_eq!(s.after_no_routine, Rate { cramps: 2, nights: 29 });
        assert_eq!(s.weekly[WEEKS - 1], 3);
        assert_eq!(s.weekly.iter().sum::<u32>(), 4, "the October cramp is within 12 weeks");
        assert_eq!(s.strip.len(), STRIP_NIGHTS);
        assert_eq!(s.strip.last().unwrap().date, civil::date(2026, 11, 22));
        let n20 = s.strip.iter().find(|n| n.date == civil::date(2026, 11, 20)).unwrap();
        assert!(n20.done && n20.cramps == 1);
    }
}
