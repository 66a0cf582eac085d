//! What the history says, all of it computed from one list of nights.
//!
//! [`nights`] is the single place that decides which nights a range covers
//! and what each night holds (a nightly routine done, cramps by muscle).
//! The strip, every count, the streak, the home line and `--json` are all
//! read from its output, so they can never disagree. Pure: merged history
//! and "now" in, numbers out, so tests pin every boundary with fixed times.
//!
//! A night runs from noon to noon and is named by its evening's date. The
//! night that holds "now" is the *current* night: called "tonight" from noon
//! to midnight and "last night" from midnight to noon.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::{ToSpan, civil};
use serde::Serialize;

use super::merge::{History, merge};
use super::record::{LocalTime, Record};
use crate::routine::{Mode, Muscle};

/// Nights in the history screen's range: twelve weeks, one bar each.
pub const SCREEN_NIGHTS: u32 = 84;
/// The doctor advice looks at this many nights, whatever the range.
pub const DOCTOR_NIGHTS: u32 = 7;

/// One night.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Night {
    /// The evening's date (nights run noon to noon).
    pub date: civil::Date,
    /// A nightly routine counted as done (see
    /// [`SessionEntry::done`](super::merge::SessionEntry::done)).
    pub done: bool,
    /// Cramps that count (sped-up runs excluded), in all and by muscle.
    pub cramps: u32,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_muscle: BTreeMap<Muscle, u32>,
}

/// Whether "now" is between midnight and noon, when the current night is
/// called "last night".
pub fn is_last_night(now: LocalTime) -> bool {
    now.civil().hour() < 12
}

/// The single source of nights: the `days` nights ending with the current
/// one (the night holding `now`), **newest first**, each with whether a
/// nightly routine was done and its cramps. Every record's night is taken
/// in its own UTC offset, so a clock change or a trip never moves a record
/// to another night. Sessions and cramps from sped-up runs are left out.
///
/// A report, a reminder ("is tonight's routine done?": `nights(h, now,
/// 1)[0].done`) and the summary all use this.
pub fn nights(h: &History, now: LocalTime, days: u32) -> Vec<Night> {
    let current = now.night();
    let oldest = current.checked_sub(i64::from(days.saturating_sub(1)).days()).unwrap_or(civil::Date::MIN);
    let in_range = |d: civil::Date| d >= oldest && d <= current;
    let done = done_nights(h, in_range);
    let mut cramps: HashMap<civil::Date, BTreeMap<Muscle, u32>> = HashMap::new();
    for c in h.cramps.iter().filter(|c| c.counted()) {
        let d = c.at.night();
        if in_range(d) {
            *cramps.entry(d).or_default().entry(c.muscle).or_default() += 1;
        }
    }
    let mut out = Vec::with_capacity(days as usize);
    let mut date = Some(current);
    for _ in 0..days {
        let Some(d) = date else { break };
        let by_muscle = cramps.remove(&d).unwrap_or_default();
        out.push(Night { date: d, done: done.contains(&d), cramps: by_muscle.values().sum(), by_muscle });
        date = d.yesterday().ok();
    }
    out
}

/// The nights (in range) with a nightly routine done. A routine resumed
/// in parts is judged as a whole: the held seconds of every part of the same
/// routine that night, against its full planned hold time (the largest
/// part's plan: the first part plans the whole routine, a resumed part only
/// the rest). Version 1 records, with no seconds, are judged alone.
fn done_nights(h: &History, in_range: impl Fn(civil::Date) -> bool) -> HashSet<civil::Date> {
    let mut done = HashSet::new();
    let mut parts: HashMap<(civil::Date, &str), (u64, u64)> = HashMap::new();
    for s in h.sessions.iter().filter(|s| s.mode == Mode::Nightly && !s.scaled()) {
        let night = s.start.night();
        if !in_range(night) {
            continue;
        }
        match (s.planned_secs, s.held_secs) {
            (Some(planned), Some(held)) => {
                let p = parts.entry((night, s.routine.as_str())).or_default();
                p.0 = p.0.max(u64::from(planned));
                p.1 += u64::from(held);
            }
            _ if s.done() => {
                done.insert(night);
            }
            _ => {}
        }
    }
    for ((night, _), (planned, held)) in parts {
        if planned > 0 && held * 2 >= planned {
            done.insert(night);
        }
    }
    done
}

/// Cramps over a number of nights, shown as counts (no claims).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rate {
    pub cramps: u32,
    pub nights: u32,
}

/// Everything the history screen and `limber history` show, for one range
/// of nights. Every figure is read from [`Summary::strip`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The range asked for (`--days`): this many nights, the current one
    /// included.
    pub days: u32,
    /// The current night is called "last night" (it is before noon).
    pub last_night: bool,
    /// A nightly routine is done for the current night.
    pub current_done: bool,
    /// Consecutive nights done, from the current night (if done) or the
    /// night before, over the whole history (whatever the range).
    pub streak: u32,
    /// Nights with a nightly routine done in the range.
    pub nights_done: u32,
    /// Cramps in the range, in all and by muscle.
    pub cramps: u32,
    pub cramps_by_muscle: BTreeMap<Muscle, u32>,
    /// Cramps on nights with a routine done, and on the other nights.
    pub after_routine: Rate,
    pub after_no_routine: Rate,
    /// The nights of the range, newest first.
    pub strip: Vec<Night>,
    /// Cramps per week (seven nights from the current one back), newest
    /// first; the last week may be shorter.
    pub weekly: Vec<u32>,
    /// Cramps in the last [`DOCTOR_NIGHTS`] nights, by muscle: the doctor
    /// advice has its own fixed window, named where it is shown.
    pub cramps_7_days: BTreeMap<Muscle, u32>,
    /// Sessions and cramps in the range from sped-up runs
    /// (`LIMBER_TIME_SCALE`), listed but not counted.
    pub not_counted: u32,
}

impl Summary {
    /// Cramps in the last [`DOCTOR_NIGHTS`] nights.
    pub fn cramps_last_7_days(&self) -> u32 {
        self.cramps_7_days.values().sum()
    }

    /// "tonight" or "last night": what the current night is called now.
    pub fn current_name(&self) -> &'static str {
        if self.last_night { "last night" } else { "tonight" }
    }
}

/// Summarises history `records` (as read from the file) as of `now`, over
/// the last `days` nights.
pub fn summarize(records: &[Record], now: LocalTime, days: u32) -> Summary {
    summarize_merged(&merge(records), now, days)
}

/// As [`summarize`], from a history already merged.
pub fn summarize_merged(h: &History, now: LocalTime, days: u32) -> Summary {
    let strip = nights(h, now, days);
    let current_done = strip.first().is_some_and(|n| n.done);
    // The streak is counted over the whole history, not the range: a
    // range that starts mid-streak must not cut it short.
    let all_done = done_nights(h, |_| true);
    let mut streak = 0u32;
    let mut night = if current_done { Some(now.night()) } else { now.night().yesterday().ok() };
    while let Some(d) = night.filter(|d| all_done.contains(d)) {
        streak += 1;
        night = d.yesterday().ok();
    }
    let mut cramps_by_muscle = BTreeMap::new();
    let (mut after_routine, mut after_no_routine) = (Rate::default(), Rate::default());
    for n in &strip {
        for (m, c) in &n.by_muscle {
            *cramps_by_muscle.entry(*m).or_default() += c;
        }
        let rate = if n.done { &mut after_routine } else { &mut after_no_routine };
        rate.nights += 1;
        rate.cramps += n.cramps;
    }
    let weekly = strip.chunks(7).map(|w| w.iter().map(|n| n.cramps).sum()).collect();
    let week: Vec<Night> = if strip.len() >= DOCTOR_NIGHTS as usize {
        strip[..DOCTOR_NIGHTS as usize].to_vec()
    } else {
        nights(h, now, DOCTOR_NIGHTS)
    };
    let mut cramps_7_days = BTreeMap::new();
    for n in &week {
        for (m, c) in &n.by_muscle {
            *cramps_7_days.entry(*m).or_default() += c;
        }
    }
    let dates: HashSet<civil::Date> = strip.iter().map(|n| n.date).collect();
    let not_counted = (h.sessions.iter().filter(|s| s.scaled() && dates.contains(&s.start.night())).count()
        + h.cramps.iter().filter(|c| !c.counted() && dates.contains(&c.at.night())).count())
        as u32;
    Summary {
        days,
        last_night: is_last_night(now),
        current_done,
        streak,
        nights_done: after_routine.nights,
        cramps: after_routine.cramps + after_no_routine.cramps,
        cramps_by_muscle,
        after_routine,
        after_no_routine,
        strip,
        weekly,
        cramps_7_days,
        not_counted,
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::tz::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::history::record::VERSION;
    use crate::routine::Mode;

    fn t(s: &str) -> LocalTime {
        s.parse().unwrap()
    }

    fn session(start: &str, mode: Mode, planned: u32, held: u32, scale: Option<f64>) -> Record {
        Record::Session {
            v: VERSION,
            id: None,
            routine: "nightly".into(),
            mode,
            start: t(start),
            end: t(start),
            completed: true,
            holds: vec![],
            planned_secs: Some(planned),
            held_secs: Some(held),
            skipped: Some(0),
            scale,
        }
    }

    fn nightly(start: &str) -> Record {
        session(start, Mode::Nightly, 360, 360, None)
    }

    fn cramp(at: &str) -> Record {
        Record::Cramp {
            v: VERSION,
            id: None,
            muscle: Muscle::Calf,
            at: t(at),
            holds: 1,
            secs: 30,
            logged: false,
            pain: None,
            note: None,
            scale: None,
        }
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
        assert!(!s.current_done);
        assert_eq!(s.streak, 3);
        // Done tonight as well.
        let mut more = recs.to_vec();
        more.push(nightly("2026-11-22T21:00:00+01:00"));
        assert_eq!(summarize(&more, t("2026-11-22T21:30:00+01:00"), 30).streak, 4);
        // Missing last night and tonight: no streak.
        assert_eq!(summarize(&recs, t("2026-11-24T19:00:00+01:00"), 30).streak, 0);
        // A range shorter than the streak does not cut it short: the
        // streak is the same whatever `--days` says.
        for days in [1, 2, 7, 30] {
            assert_eq!(summarize(&more, t("2026-11-22T21:30:00+01:00"), days).streak, 4, "--days {days}");
        }
        // Before noon, last night done: --days 1 and --days 7 agree.
        let s1 = summarize(&recs, t("2026-11-22T09:00:00+01:00"), 1);
        let s7 = summarize(&recs, t("2026-11-22T09:00:00+01:00"), 7);
        assert_eq!((s1.streak, s7.streak), (3, 3));
        assert_eq!(crate::history::text::streak(&s1), crate::history::text::streak(&s7));
    }

    #[test]
    fn parts_of_a_resumed_routine_add_up_to_the_night() {
        // 120/360, then resumed 60/240 and 30/240: 210 of 360 s held.
        let now = t("2026-11-23T09:00:00+01:00");
        let parts = [
            session("2026-11-22T22:00:00+01:00", Mode::Nightly, 360, 120, None),
            session("2026-11-22T22:30:00+01:00", Mode::Nightly, 240, 60, None),
            session("2026-11-22T23:00:00+01:00", Mode::Nightly, 240, 30, None),
        ];
        assert!(nights(&merge(&parts), now, 1)[0].done, "210 of 360 s is over half");
        // Two parts, 120 + 50 = 170 of 360: under half, whatever the
        // second part's own plan (50 of 240 alone is also under).
        assert!(
            !nights(
                &merge(
                    &parts[..2]
                        .iter()
                        .cloned()
                        .map(|mut r| {
                            if let Record::Session { held_secs, start, .. } = &mut r
                                && start.instant == t("2026-11-22T22:30:00+01:00").instant
                            {
                                *held_secs = Some(50);
                            }
                            r
                        })
                        .collect::<Vec<_>>()
                ),
                now,
                1
            )[0]
            .done
        );
        // A part of another routine does not add to this one.
        let mut other = parts[1].clone();
        if let Record::Session { routine, held_secs, .. } = &mut other {
            *routine = "other".into();
            *held_secs = Some(60);
        }
        assert!(!nights(&merge(&[parts[0].clone(), other]), now, 1)[0].done, "120 of 360 alone");
        // Sped-up parts never add.
        let scaled = session("2026-11-22T22:30:00+01:00", Mode::Nightly, 240, 200, Some(10.0));
        assert!(!nights(&merge(&[parts[0].clone(), scaled]), now, 1)[0].done);
    }

    #[test]
    fn before_noon_the_current_night_is_last_night() {
        // 07:42: last night's routine is the current night's, called so.
        let recs = [nightly("2026-11-21T22:00:00+01:00")];
        let s = summarize(&recs, t("2026-11-22T07:42:00+01:00"), 30);
        assert!(s.current_done && s.last_night);
        assert_eq!(s.current_name(), "last night");
        assert_eq!(s.strip[0].date, civil::date(2026, 11, 21));
        // At noon a new night begins: tonight, not done.
        let s = summarize(&recs, t("2026-11-22T12:00:00+01:00"), 30);
        assert!(!s.current_done && !s.last_night);
        assert_eq!(s.current_name(), "tonight");
        assert_eq!(s.streak, 1);
    }

    #[test]
    fn done_means_half_the_planned_hold_time_and_never_a_sped_up_run() {
        let now = t("2026-11-22T23:00:00+01:00");
        let at = "2026-11-22T22:00:00+01:00";
        let done = |r: Record| summarize(&[r], now, 7).current_done;
        assert!(done(session(at, Mode::Nightly, 360, 180, None)), "exactly half counts");
        assert!(!done(session(at, Mode::Nightly, 360, 179, None)), "under half does not");
        assert!(!done(session(at, Mode::Nightly, 360, 0, None)), "every hold skipped");
        assert!(!done(session(at, Mode::Nightly, 360, 360, Some(20.0))), "sped up");
        assert!(!done(session(at, Mode::Relief, 360, 360, None)), "relief is not the routine");
        // Version 1: completed with at least one hold.
        let v1 = |holds: u32| Record::Session {
            v: 1,
            id: None,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: t(at),
            end: t(at),
            completed: true,
            holds: if holds == 0 {
                vec![]
            } else {
                vec![crate::history::record::HoldCount { muscle: Muscle::Calf, side: None, holds }]
            },
            planned_secs: None,
            held_secs: None,
            skipped: None,
            scale: None,
        };
        assert!(done(v1(2)));
        assert!(!done(v1(0)), "a v1 'completed' with no holds was every step skipped");
    }

    #[test]
    fn sped_up_cramps_are_listed_but_not_counted() {
        let now = t("2026-11-22T23:00:00+01:00");
        let Record::Cramp { v, id, muscle, at, holds, secs, logged, pain, note, .. } =
            cramp("2026-11-22T03:00:00+01:00")
        else {
            unreachable!()
        };
        let scaled = Record::Cramp { v, id, muscle, at, holds, secs, logged, pain, note, scale: Some(20.0) };
        let s = summarize(&[scaled, cramp("2026-11-20T03:00:00+01:00")], now, 30);
        assert_eq!(s.cramps, 1);
        assert_eq!(s.not_counted, 1);
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
        assert_eq!(s.cramps, 3);
        assert_eq!(s.cramps_by_muscle[&Muscle::Calf], 3);
        // The current night (the 22nd) is in the counts as in the strip.
        assert_eq!(s.after_routine, Rate { cramps: 1, nights: 1 });
        assert_eq!(s.after_no_routine, Rate { cramps: 2, nights: 29 });
        assert_eq!(s.weekly.len(), 5);
        assert_eq!(s.weekly[0], 3);
        assert_eq!(s.weekly.iter().sum::<u32>(), 3, "the October cramp is outside 30 nights");
        assert_eq!(s.strip.len(), 30);
        assert_eq!(s.strip[0].date, civil::date(2026, 11, 22), "newest first");
        let n20 = s.strip.iter().find(|n| n.date == civil::date(2026, 11, 20)).unwrap();
        assert!(n20.done && n20.cramps == 1);
        // --days 7 changes every figure, the strip included.
        let s7 = summarize(&recs, t("2026-11-22T19:00:00+01:00"), 7);
        assert_eq!(s7.strip.len(), 7);
        assert_eq!(s7.after_no_routine.nights, 6);
    }

    /// A zone from the system database, or the same rules as a POSIX TZ
    /// string where the database is missing.
    fn zone(name: &str, posix: &str) -> TimeZone {
        TimeZone::get(name).or_else(|_| TimeZone::posix(posix)).unwrap()
    }

    fn zones() -> Vec<TimeZone> {
        vec![
            zone("America/New_York", "EST5EDT,M3.2.0,M11.1.0"),
            zone("Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"),
            zone("Australia/Lord_Howe", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"),
            TimeZone::UTC,
        ]
    }

    /// Instants in the four weeks around the 2026 daylight-saving changes
    /// (US 03-08 and 11-01, Europe 03-29 and 10-25).
    fn around_dst() -> impl Strategy<Value = i64> {
        let base = |s: &str| s.parse::<Timestamp>().unwrap().as_second();
        let centres = [
            base("2026-03-08T07:00:00Z"),
            base("2026-03-29T01:00:00Z"),
            base("2026-10-25T01:00:00Z"),
            base("2026-11-01T06:00:00Z"),
        ];
        (0..centres.len(), -14 * 86400i64..14 * 86400).prop_map(move |(i, d)| centres[i] + d)
    }

    fn local(secs: i64, tz: &TimeZone) -> LocalTime {
        LocalTime::from_zoned(&Timestamp::from_second(secs).unwrap().to_zoned(tz.clone()))
    }

    #[derive(Debug, Clone)]
    enum Gen {
        Session { secs: i64, tz: usize, held: u32, scaled: bool, relief: bool },
        Cramp { secs: i64, tz: usize, muscle: u8, scaled: bool },
    }

    fn gen_record() -> impl Strategy<Value = Gen> {
        prop_oneof![
            (around_dst(), 0..4usize, 0..400u32, prop::bool::weighted(0.1), prop::bool::weighted(0.1))
                .prop_map(|(secs, tz, held, scaled, relief)| Gen::Session { secs, tz, held, scaled, relief }),
            (around_dst(), 0..4usize, 0..3u8, prop::bool::weighted(0.1))
                .prop_map(|(secs, tz, muscle, scaled)| Gen::Cramp { secs, tz, muscle, scaled }),
        ]
    }

    fn build(g: &Gen, zones: &[TimeZone]) -> Record {
        match *g {
            Gen::Session { secs, tz, held, scaled, relief } => Record::Session {
                v: VERSION,
                id: None,
                routine: "nightly".into(),
                mode: if relief { Mode::Relief } else { Mode::Nightly },
                start: local(secs, &zones[tz]),
                end: local(secs + 400, &zones[tz]),
                completed: held >= 360,
                holds: vec![],
                planned_secs: Some(360),
                held_secs: Some(held),
                skipped: Some(0),
                scale: scaled.then_some(20.0),
            },
            Gen::Cramp { secs, tz, muscle, scaled } => Record::Cramp {
                v: VERSION,
                id: None,
                muscle: [Muscle::Calf, Muscle::Hamstring, Muscle::Quadriceps][muscle as usize],
                at: local(secs, &zones[tz]),
                holds: 2,
                secs: 60,
                logged: false,
                pain: None,
                note: None,
                scale: scaled.then_some(10.0),
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_count_agrees_with_the_strip(
            gens in prop::collection::vec(gen_record(), 0..80),
            now_secs in around_dst(),
            now_tz in 0..4usize,
            days in 1..60u32,
        ) {
            let zones = zones();
            let records: Vec<Record> = gens.iter().map(|g| build(g, &zones)).collect();
            let now = local(now_secs, &zones[now_tz]);
            let s = summarize(&records, now, days);
            let strip = crate::history::text::strip_text(&s);

            // The range: `days` nights, newest first, ending with now's.
            prop_assert_eq!(s.strip.len(), days as usize);
            prop_assert_eq!(s.strip[0].date, now.night());
            prop_assert_eq!(s.last_night, now.civil().hour() < 12);
            let oldest = now.night().checked_sub(i64::from(days - 1).days()).unwrap();
            prop_assert_eq!(s.strip.last().unwrap().date, oldest);

            // x/X exactly on nights with cramps; #/X exactly on nights done.
            for (n, c) in s.strip.iter().zip(strip.chars()) {
                prop_assert_eq!(matches!(c, 'x' | 'X'), n.cramps > 0);
                prop_assert_eq!(matches!(c, '#' | 'X'), n.done);
                // Each night's cramps, counted straight from the records.
                let direct = records.iter().filter(|r| matches!(r,
                    Record::Cramp { at, scale: None, .. } if at.night() == n.date)).count() as u32;
                prop_assert_eq!(n.cramps, direct);
            }
            // Routine nights' cramps + other nights' = all cramps in range.
            let in_range = records.iter().filter(|r| matches!(r,
                Record::Cramp { at, scale: None, .. } if at.night() >= oldest && at.night() <= now.night()))
                .count() as u32;
            prop_assert_eq!(s.after_routine.cramps + s.after_no_routine.cramps, in_range);
            prop_assert_eq!(s.cramps, in_range);
            prop_assert_eq!(s.cramps_by_muscle.values().sum::<u32>(), in_range);
            prop_assert_eq!(s.weekly.iter().sum::<u32>(), in_range);
            prop_assert_eq!(s.after_routine.nights + s.after_no_routine.nights, days);
            let marked_done = strip.chars().filter(|c| matches!(c, '#' | 'X')).count() as u32;
            prop_assert_eq!(s.nights_done, marked_done);
            prop_assert_eq!(s.after_routine.nights, marked_done);
            prop_assert_eq!(s.current_done, s.strip[0].done);
            // The streak is the run of '#'/'X' from the current night (or
            // the one before when the current night is not done); it goes
            // on past the range's start only when the range is all streak.
            let skip = usize::from(!s.current_done);
            let run = strip.chars().skip(skip)
                .take_while(|c| matches!(c, '#' | 'X')).count() as u32;
            if run as usize + skip < s.strip.len() {
                prop_assert_eq!(s.streak, run);
            } else {
                prop_assert!(s.streak >= run);
            }
            // Done means the night's nightly parts (not sped up) held at
            // least half of the routine's 360 s, summed.
            for n in &s.strip {
                let held: u64 = records.iter().filter_map(|r| match r {
                    Record::Session { mode: Mode::Nightly, scale: None, start, held_secs: Some(h), .. }
                        if start.night() == n.date => Some(u64::from(*h)),
                    _ => None,
                }).sum();
                prop_assert_eq!(n.done, held * 2 >= 360, "night {}", n.date);
            }
        }
    }
}
