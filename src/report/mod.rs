//! `limber report`: the history as a document to take to a doctor, in
//! Markdown, CSV or self-contained HTML.
//!
//! [`Report::build`] is pure (records and "now" in, figures out). It reads
//! the history the way every other part of limber does: the file's records
//! merged into sessions and cramps ([`crate::history::merge`]) and the one
//! function that decides which nights a range covers and what each holds
//! ([`crate::history::nights`]). So the report cannot disagree with
//! `limber history`, the strip or the streak, nor its sections with each
//! other. The renderers only lay the figures out.

pub mod chart;
pub mod html;
pub mod markdown;
pub mod spreadsheet;

use std::collections::BTreeMap;

use jiff::civil;

use crate::history::merge::{CrampEntry, SessionEntry};
use crate::history::{LocalTime, Record, merge, nights};
use crate::routine::{Mode, Muscle};

/// Nights in a week of the weekly chart.
const WEEK: usize = 7;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Html,
}

/// One cramp, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cramp {
    pub at: LocalTime,
    pub night: civil::Date,
    pub muscle: Muscle,
    /// Holds until it went (0 when logged afterwards).
    pub holds: u32,
    /// Seconds from the first hold until it went (0 when logged).
    pub secs: u64,
    /// Recorded afterwards with `limber log`, so not timed.
    pub logged: bool,
    /// The relief session was stopped before the cramp went: its time is
    /// not "until it went".
    pub stopped: bool,
    /// Pain on the 0-10 scale, when the person gave one.
    pub pain: Option<u8>,
    /// What the person wrote about it, oldest first.
    pub notes: Vec<String>,
}

impl Cramp {
    /// Whether a relief session measured it (a logged cramp has no length).
    pub fn measured(&self) -> bool {
        !self.logged && self.secs > 0
    }

    /// Whether a relief session timed it until it went: measured, and not
    /// stopped while it still cramped.
    pub fn timed(&self) -> bool {
        self.measured() && !self.stopped
    }

    /// How it was recorded, for the list of every cramp.
    pub fn how(&self) -> &'static str {
        match (self.logged, self.stopped) {
            (true, _) => "logged afterwards",
            (false, true) => "relief session, stopped",
            (false, false) => "relief session",
        }
    }
}

/// One session, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub routine: String,
    pub mode: Mode,
    pub start: LocalTime,
    pub end: LocalTime,
    /// Every phase reached (nightly) or the cramp went (relief).
    pub completed: bool,
    /// A nightly routine that counts for "nights with the routine": alone,
    /// or as a part (with holds) of a routine resumed that night that adds
    /// up to half its plan (the night decides, see [`crate::history::nights`]).
    pub done: bool,
    /// Holds finished.
    pub holds: u32,
}

/// A row of the report's list: a session or a cramp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Session(Session),
    Cramp(Cramp),
}

impl Entry {
    /// When it happened (sessions: their start).
    pub fn at(&self) -> LocalTime {
        match self {
            Entry::Session(s) => s.start,
            Entry::Cramp(c) => c.at,
        }
    }
}

/// Cramps over a number of nights: counts only, no claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub nights: u32,
    pub cramps: u32,
}

/// A week of the weekly chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// Its first night.
    pub from: civil::Date,
    /// Nights of the range in it (the oldest week may be short).
    pub nights: u32,
    pub routine_nights: u32,
    pub cramps: u32,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// When it was made.
    pub made: LocalTime,
    pub days: u32,
    pub first_night: civil::Date,
    pub last_night: civil::Date,
    pub with_routine: Tally,
    pub without_routine: Tally,
    pub by_muscle: BTreeMap<Muscle, u32>,
    /// Cramps by the hour of the clock they started in (index 0 = 00:xx).
    pub by_hour: [u32; 24],
    /// Oldest first; the last week ends with the last night.
    pub weeks: Vec<Week>,
    /// Every cramp in range, newest first.
    pub cramps: Vec<Cramp>,
    /// Every session and cramp in range, newest first (the CSV rows).
    pub entries: Vec<Entry>,
    /// Lines of the history file that could not be read.
    pub unreadable: usize,
}

impl Report {
    /// The report on `records` as of `now`, over the last `days` nights.
    pub fn build(records: &[Record], now: LocalTime, days: u32, unreadable: usize) -> Report {
        let history = merge(records);
        let mut night_list = nights(&history, now, days);
        night_list.reverse(); // oldest first
        let last_night = night_list.last().map_or(now.night(), |n| n.date);
        let first_night = night_list.first().map_or(last_night, |n| n.date);
        let in_range = |at: LocalTime| (first_night..=last_night).contains(&at.night());
        let done_nights: std::collections::HashSet<civil::Date> =
            night_list.iter().filter(|n| n.done).map(|n| n.date).collect();
        let mut entries: Vec<Entry> = history
            .sessions
            .iter()
            .filter(|s| in_range(s.start))
            .map(|s| session_of(s, done_nights.contains(&s.start.night())))
            // A cramp from a sped-up run (a test, a demo) is not counted by
            // the nights, so it is not listed either: the table of cramps
            // and the totals must agree.
            .chain(history.cramps.iter().filter(|c| c.counted() && in_range(c.at)).map(cramp_of))
            .collect();
        // Newest first, as everywhere in limber; a relief session is listed
        // before the cramp it recorded, which shares its start.
        entries.sort_by_key(|e| (std::cmp::Reverse(e.at().instant), matches!(e, Entry::Cramp(_))));

        let (mut with_routine, mut without_routine) = (Tally::default(), Tally::default());
        for n in &night_list {
            let t = if n.done { &mut with_routine } else { &mut without_routine };
            t.nights += 1;
            t.cramps += n.cramps;
        }
        let weeks = night_list
            .rchunks(WEEK)
            .rev()
            .map(|w| Week {
                from: w[0].date,
                nights: w.len() as u32,
                routine_nights: w.iter().filter(|n| n.done).count() as u32,
                cramps: w.iter().map(|n| n.cramps).sum(),
            })
            .collect();

        let cramps: Vec<Cramp> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Cramp(c) => Some(c.clone()),
                Entry::Session(_) => None,
            })
            .collect();
        let mut by_muscle = BTreeMap::new();
        let mut by_hour = [0u32; 24];
        for c in &cramps {
            *by_muscle.entry(c.muscle).or_default() += 1;
            by_hour[usize::from(c.at.civil().hour().unsigned_abs()) % 24] += 1;
        }
        Report {
            made: now,
            days: night_list.len() as u32,
            first_night,
            last_night,
            with_routine,
            without_routine,
            by_muscle,
            by_hour,
            weeks,
            cramps,
            entries,
            unreadable,
        }
    }

    pub fn total_cramps(&self) -> u32 {
        self.with_routine.cramps + self.without_routine.cramps
    }

    /// The cramps a relief session timed until they went.
    pub fn timed(&self) -> impl Iterator<Item = &Cramp> {
        self.cramps.iter().filter(|c| c.timed())
    }

    /// Cramps whose relief session was stopped before they went.
    pub fn stopped(&self) -> usize {
        self.cramps.iter().filter(|c| !c.logged && c.stopped).count()
    }

    /// Shortest, median and longest timed cramp, in seconds.
    pub fn lengths(&self) -> Option<(u64, u64, u64)> {
        spread(self.timed().map(|c| c.secs).collect())
    }

    /// Timed cramps by the number of holds they took, fewest first.
    pub fn by_holds(&self) -> BTreeMap<u32, u32> {
        let mut m = BTreeMap::new();
        for c in self.timed() {
            *m.entry(c.holds).or_default() += 1;
        }
        m
    }

    /// Lowest, median and highest pain rating given.
    pub fn pain(&self) -> Option<(u64, u64, u64)> {
        spread(self.cramps.iter().filter_map(|c| c.pain).map(u64::from).collect())
    }

    /// The cramps that have a pain rating or a note, newest first.
    pub fn described(&self) -> impl Iterator<Item = &Cramp> {
        self.cramps.iter().filter(|c| c.pain.is_some() || !c.notes.is_empty())
    }

    /// Hours of the clock in the order of a night, noon to noon (12 .. 23,
    /// 0 .. 11), with the cramps that started in each.
    pub fn hours_of_the_night(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        (0..24).map(|i| (i + 12) % 24).map(|h| (h, self.by_hour[h]))
    }
}

/// A session as the report lists it; `night_done`: its night counts.
fn session_of(s: &SessionEntry, night_done: bool) -> Entry {
    let part = s.mode == Mode::Nightly && !s.scaled() && s.held_secs.is_some_and(|h| h > 0);
    Entry::Session(Session {
        routine: s.routine.clone(),
        mode: s.mode,
        start: s.start,
        end: s.end,
        completed: s.completed,
        done: night_done && (s.done() || part),
        holds: s.holds_done(),
    })
}

/// A cramp as the report shows it, with the pain and notes added later.
fn cramp_of(c: &CrampEntry) -> Entry {
    Entry::Cramp(Cramp {
        at: c.at,
        night: c.at.night(),
        muscle: c.muscle,
        holds: c.holds,
        secs: c.secs,
        logged: c.logged,
        stopped: c.stopped,
        pain: c.pain,
        notes: c.notes.clone(),
    })
}

/// Lowest, median (the lower middle value) and highest.
fn spread(mut v: Vec<u64>) -> Option<(u64, u64, u64)> {
    v.sort_unstable();
    Some((*v.first()?, v[(v.len() - 1) / 2], *v.last()?))
}

/// What kind of entry a CSV row is.
pub fn kind_of(e: &Entry) -> &'static str {
    match e {
        Entry::Session(Session { mode: Mode::Nightly, .. }) => "nightly session",
        Entry::Session(_) => "relief session",
        Entry::Cramp(_) => "cramp",
    }
}

/// "the night of Sun 23 Nov 2026".
pub fn night_label(d: civil::Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

/// Said once at the top of every report: the counts are what happened.
pub const CAVEAT: &str = "These are counts from limber's own records: what was recorded, not why. \
                          They make no claim about what helps.";

/// When to see a professional, in the articles' own words: for each
/// see-a-doctor point of limber's advice, `(title, quote, article title)`.
/// The quotes are checked against the articles by the content tests.
pub fn doctor_quotes() -> Vec<(String, String, String)> {
    crate::builtin::advice()
        .of(crate::advice::TipKind::SeeADoctor)
        .map(|t| {
            let source = t.source.as_str();
            let article = crate::articles::by_key(source).map_or(source, |a| a.title);
            (t.title.to_string(), t.quote.to_string(), article.to_string())
        })
        .collect()
}

/// A quote split into its lead and list items: the articles' lists are kept
/// in the data as one line, "as follows: - one - two"; a report shows them
/// as a list. A quote without ": - " is all lead.
pub fn quote_parts(quote: &str) -> (&str, Vec<&str>) {
    match quote.split_once(": - ") {
        Some((lead, rest)) => {
            (&quote[..lead.len() + 1], rest.split(" - ").map(str::trim).filter(|i| !i.is_empty()).collect())
        }
        None => (quote, Vec::new()),
    }
}

/// "1 min 10 s".
pub fn length(secs: u64) -> String {
    crate::text::human_secs(u32::try_from(secs).unwrap_or(u32::MAX))
}

/// Renders the report.
pub fn render(r: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(r),
        Format::Csv => spreadsheet::render(r),
        Format::Html => html::render(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::VERSION;

    fn t(s: &str) -> LocalTime {
        s.parse().unwrap()
    }

    fn cramp(at: &str, muscle: Muscle, secs: u64, holds: u32) -> Record {
        Record::Cramp {
            v: VERSION,
            id: None,
            muscle,
            at: t(at),
            holds,
            secs,
            logged: secs == 0,
            pain: None,
            note: None,
            scale: None,
        }
    }

    /// A nightly session that held `held` of its 360 planned seconds.
    fn nightly_held(start: &str, held: u32) -> Record {
        Record::Session {
            v: VERSION,
            id: None,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: t(start),
            end: t(start),
            completed: true,
            holds: vec![],
            planned_secs: Some(360),
            held_secs: Some(held),
            skipped: Some(0),
            scale: None,
        }
    }

    fn nightly(start: &str) -> Record {
        nightly_held(start, 360)
    }

    #[test]
    fn figures_agree_with_each_other() {
        let recs = [
            nightly("2026-11-20T22:00:00+01:00"),
            cramp("2026-11-21T03:10:00+01:00", Muscle::Calf, 70, 2),
            cramp("2026-11-22T04:05:00+01:00", Muscle::Hamstring, 130, 3),
            cramp("2026-11-22T04:50:00+01:00", Muscle::Calf, 0, 0),
            cramp("2026-10-01T04:50:00+01:00", Muscle::Calf, 40, 1), // before the range
        ];
        let r = Report::build(&recs, t("2026-11-24T08:00:00+01:00"), 14, 0);
        assert_eq!(r.last_night, civil::date(2026, 11, 23));
        assert_eq!(r.first_night, civil::date(2026, 11, 10));
        assert_eq!(r.with_routine, Tally { nights: 1, cramps: 1 });
        assert_eq!(r.without_routine, Tally { nights: 13, cramps: 2 });
        assert_eq!(r.total_cramps() as usize, r.cramps.len());
        assert_eq!(r.by_muscle.values().sum::<u32>(), 3);
        assert_eq!(r.by_hour.iter().sum::<u32>(), 3);
        assert_eq!(r.by_hour[4], 2);
        assert_eq!(r.weeks.iter().map(|w| w.cramps).sum::<u32>(), 3);
        assert_eq!(r.weeks.iter().map(|w| w.nights).sum::<u32>(), 14);
        assert_eq!(r.weeks.iter().map(|w| w.routine_nights).sum::<u32>(), 1);
        // Newest first; the logged cramp is not timed.
        assert_eq!(r.cramps[0].at, t("2026-11-22T04:50:00+01:00"));
        assert_eq!(r.lengths(), Some((70, 70, 130)));
        assert_eq!(r.by_holds(), BTreeMap::from([(2, 1), (3, 1)]));
        assert_eq!(r.entries.len(), 4);
    }

    #[test]
    fn pain_and_notes_come_with_their_cramp_and_a_skipped_routine_does_not_count() {
        let mut logged = cramp("2026-11-21T03:10:00+01:00", Muscle::Calf, 0, 0);
        if let Record::Cramp { pain, note, .. } = &mut logged {
            *pain = Some(4);
            *note = Some("after a long walk".into());
        }
        let recs = [
            // Less than half of the planned hold time: not a routine night.
            nightly_held("2026-11-20T22:00:00+01:00", 90),
            logged,
            Record::Note {
                cramp_id: None,
                v: VERSION,
                at: t("2026-11-21T08:00:00+01:00"),
                cramp: t("2026-11-21T03:10:00+01:00"),
                pain: Some(6),
                note: Some("still sore".into()),
            },
        ];
        let r = Report::build(&recs, t("2026-11-21T09:00:00+01:00"), 7, 0);
        assert_eq!(r.with_routine, Tally { nights: 0, cramps: 0 });
        assert_eq!(r.without_routine, Tally { nights: 7, cramps: 1 });
        assert_eq!(r.cramps.len(), 1);
        assert_eq!(r.cramps[0].pain, Some(6), "the latest rating");
        assert_eq!(r.cramps[0].notes, ["after a long walk", "still sore"]);
        assert_eq!(r.pain(), Some((6, 6, 6)));
        assert_eq!(r.described().count(), 1);
        // The session is listed, marked as not counting.
        assert!(r.entries.iter().any(|e| matches!(e, Entry::Session(s) if !s.done)));
        let md = render(&r, Format::Markdown);
        assert!(md.contains("| 2026-11-21 03:10 | calf | 6 | after a long walk / still sore |"), "{md}");
        let csv = render(&r, Format::Csv);
        assert!(
            csv.contains(",,yes,6,after a long walk / still sore,\r\n"),
            "logged: no holds or seconds, no stopped: {csv}"
        );
    }

    #[test]
    fn parts_of_a_resumed_routine_count_together_in_the_report() {
        let part = |start: &str, planned: u32, held: u32| {
            let mut r = nightly_held(start, held);
            if let Record::Session { planned_secs, .. } = &mut r {
                *planned_secs = Some(planned);
            }
            r
        };
        let recs = [
            part("2026-11-20T22:00:00+01:00", 360, 120),
            part("2026-11-20T22:30:00+01:00", 240, 60),
            part("2026-11-20T23:00:00+01:00", 240, 30),
        ];
        let r = Report::build(&recs, t("2026-11-21T09:00:00+01:00"), 7, 0);
        assert_eq!(r.with_routine, Tally { nights: 1, cramps: 0 }, "210 of 360 s held that night");
        assert!(r.entries.iter().all(|e| matches!(e, Entry::Session(s) if s.done)), "each part counts");
    }

    #[test]
    fn an_empty_history_makes_a_report_of_zeros() {
        let r = Report::build(&[], t("2026-11-24T08:00:00+01:00"), 90, 0);
        assert_eq!(r.days, 90);
        assert_eq!(r.without_routine, Tally { nights: 90, cramps: 0 });
        assert_eq!(r.lengths(), None);
        assert_eq!(r.pain(), None);
        // 90 nights: a short first week of 6, then 12 whole weeks.
        assert_eq!(r.weeks.len(), 13);
        assert_eq!(r.weeks[0].nights, 6);
        for f in [Format::Markdown, Format::Csv, Format::Html] {
            assert!(!render(&r, f).is_empty());
        }
    }

    #[test]
    fn the_night_runs_from_noon_to_noon_in_the_hour_chart() {
        let r = Report::build(&[], t("2026-11-24T08:00:00+01:00"), 1, 0);
        let hours: Vec<usize> = r.hours_of_the_night().map(|(h, _)| h).collect();
        assert_eq!(hours[0], 12);
        assert_eq!(hours[12], 0);
        assert_eq!(hours[23], 11);
    }
}
