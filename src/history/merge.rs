//! Putting the history file's pieces together: a session is written as a
//! start record, one record per hold and a final record (all with one
//! session id), and a cramp may get notes later. [`merge`] turns the lines
//! into whole sessions and cramps, so everything that reads the history
//! (the summary, `limber history`, the history screen, a report, "is
//! tonight's routine done?") sees the same thing.
//!
//! A session whose final record is missing (the program was killed, the
//! power went) is rebuilt from its start and hold records: it is listed as
//! interrupted, its finished holds count, and a relief session with at least
//! one finished hold still gives its cramp.

use std::collections::HashMap;

use serde::Serialize;

use super::record::{HoldCount, LocalTime, Record};
use crate::routine::{Mode, Muscle, Side};

/// One session, whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionEntry {
    /// The id tying its records together (`None` for version 1 records).
    pub id: Option<String>,
    pub routine: String,
    pub mode: Mode,
    pub start: LocalTime,
    /// When it ended, or the last thing known of it if it was interrupted.
    pub end: LocalTime,
    /// Its final record was written; `false` when it was killed mid-way.
    pub ended: bool,
    /// Every phase reached (nightly) or the cramp went (relief).
    pub completed: bool,
    pub holds: Vec<HoldCount>,
    /// Steps in the routine (version 2).
    pub steps: Option<u32>,
    /// The furthest step (0-based) with a finished hold (version 2): with
    /// `steps`, "step N of M reached", for resuming a routine.
    pub last_step: Option<u32>,
    /// Hold seconds planned and actually held (version 2).
    pub planned_secs: Option<u32>,
    pub held_secs: Option<u32>,
    /// Planned holds skipped or cut short (version 2, finished sessions).
    pub skipped: Option<u32>,
    /// The time scale of a sped-up run; such runs are never counted.
    pub scale: Option<f64>,
}

impl SessionEntry {
    /// Holds finished in the session.
    pub fn holds_done(&self) -> u32 {
        self.holds.iter().map(|h| h.holds).sum()
    }

    /// Run with `LIMBER_TIME_SCALE` other than 1 (a test or a demo).
    pub fn scaled(&self) -> bool {
        is_scaled(self.scale)
    }

    /// Whether this is a nightly routine that counts as done (for the
    /// streak and "nights with the routine"): not sped up, and at least half
    /// of its planned hold time actually held. Version 1 records, which
    /// have no hold seconds, count if completed with at least one hold.
    pub fn done(&self) -> bool {
        if self.mode != Mode::Nightly || self.scaled() {
            return false;
        }
        match (self.planned_secs, self.held_secs) {
            (Some(planned), Some(held)) => planned > 0 && u64::from(held) * 2 >= u64::from(planned),
            _ => self.completed && self.holds_done() > 0,
        }
    }
}

/// One cramp, with any notes added later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrampEntry {
    /// The relief session it came from (version 2).
    pub id: Option<String>,
    pub muscle: Muscle,
    pub at: LocalTime,
    pub holds: u32,
    pub secs: u64,
    pub logged: bool,
    /// The latest pain rating given (0 to 10), if any.
    pub pain: Option<u8>,
    /// Notes, oldest first: the one given with `log`, then `limber note`s.
    pub notes: Vec<String>,
    pub scale: Option<f64>,
    /// Rebuilt from an interrupted relief session's hold records.
    pub interrupted: bool,
    /// The relief session was stopped (`q`) rather than ended with "it's
    /// gone": the cramp had not let go, so its time is not "until it went".
    pub stopped: bool,
    /// Its place in the file: the last one written is the one a person
    /// means by "the cramp I just logged".
    #[serde(skip)]
    pub seq: usize,
}

impl CrampEntry {
    /// Whether it counts in cramp figures: not from a sped-up run.
    pub fn counted(&self) -> bool {
        !is_scaled(self.scale)
    }
}

fn is_scaled(scale: Option<f64>) -> bool {
    scale.is_some_and(|s| s != 1.0)
}

/// A session or a cramp, for lists (`"kind"` says which in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry<'a> {
    Session(&'a SessionEntry),
    Cramp(&'a CrampEntry),
}

impl Entry<'_> {
    /// When it happened (sessions: their start).
    pub fn at(&self) -> LocalTime {
        match self {
            Entry::Session(s) => s.start,
            Entry::Cramp(c) => c.at,
        }
    }
}

/// The whole history, merged: sessions and cramps, each oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub sessions: Vec<SessionEntry>,
    pub cramps: Vec<CrampEntry>,
}

impl History {
    /// Every session and cramp, newest first (a session's cramp after the
    /// session when they share a start).
    pub fn newest_first(&self) -> Vec<Entry<'_>> {
        let mut all: Vec<Entry> =
            self.sessions.iter().map(Entry::Session).chain(self.cramps.iter().map(Entry::Cramp)).collect();
        // Stable: equal times keep sessions before cramps, then reversed.
        all.sort_by_key(|e| e.at().instant);
        all.reverse();
        all
    }

    /// The cramp recorded last (the last written to the file, whatever
    /// its time), for `limber note`.
    pub fn last_cramp(&self) -> Option<&CrampEntry> {
        self.cramps.iter().max_by_key(|c| c.seq)
    }
}

/// Merges the records of a history file (in file order) into sessions and
/// cramps.
pub fn merge(records: &[Record]) -> History {
    let mut by_id: HashMap<&str, Pieces> = HashMap::new();
    // Relief sessions by id, and whether the cramp went ("it's gone").
    let mut went: HashMap<&str, bool> = HashMap::new();
    for r in records {
        if let Record::Session { id: Some(id), mode: Mode::Relief, completed, .. } = r {
            went.insert(id.as_str(), *completed);
        }
        let id = match r {
            Record::Start { id, .. } | Record::Hold { id, .. } => id,
            Record::Session { id: Some(id), .. } | Record::Cramp { id: Some(id), .. } => id,
            _ => continue,
        };
        let p = by_id.entry(id.as_str()).or_default();
        match r {
            Record::Start { .. } => {
                p.start.get_or_insert(r);
            }
            Record::Hold { .. } => p.holds.push(r),
            Record::Session { .. } => p.finished = true,
            _ => p.cramp = true,
        }
    }

    let mut h = History::default();
    let mut notes: Vec<&Record> = Vec::new();
    for (seq, r) in records.iter().enumerate() {
        match r {
            Record::Session {
                id,
                routine,
                mode,
                start,
                end,
                completed,
                holds,
                planned_secs,
                held_secs,
                skipped,
                scale,
                ..
            } => {
                let pieces = id.as_deref().and_then(|i| by_id.get(i));
                let (steps, last_step) = pieces.map_or((None, None), progress);
                h.sessions.push(SessionEntry {
                    id: id.clone(),
                    routine: routine.clone(),
                    mode: *mode,
                    start: *start,
                    end: *end,
                    ended: true,
                    completed: *completed,
                    holds: holds.clone(),
                    steps,
                    last_step,
                    planned_secs: *planned_secs,
                    held_secs: *held_secs,
                    skipped: *skipped,
                    scale: *scale,
                });
            }
            Record::Cramp { id, muscle, at, holds, secs, logged, pain, note, scale, .. } => {
                h.cramps.push(CrampEntry {
                    id: id.clone(),
                    muscle: *muscle,
                    at: *at,
                    holds: *holds,
                    secs: *secs,
                    logged: *logged,
                    pain: *pain,
                    notes: note.iter().cloned().collect(),
                    scale: *scale,
                    interrupted: false,
                    stopped: !*logged && id.as_deref().and_then(|i| went.get(i)) == Some(&false),
                    seq,
                });
            }
            Record::Start { id, routine, mode, at, planned_secs, scale, .. } => {
                let Some(p) = by_id.get(id.as_str()) else { continue };
                // Only the first start of an id, and only when no final
                // record came: then the session was interrupted.
                if p.finished || !p.start.is_some_and(|s| std::ptr::eq(s, r)) {
                    continue;
                }
                let mut holds: Vec<HoldCount> = Vec::new();
                let mut held = 0u32;
                let mut end = *at;
                let mut muscle = None;
                for hr in &p.holds {
                    if let Record::Hold { at: hat, muscle: m, side, secs, .. } = hr {
                        add_hold(&mut holds, *m, *side);
                        held = held.saturating_add(*secs);
                        end = *hat;
                        muscle.get_or_insert(*m);
                    }
                }
                let (steps, last_step) = progress(p);
                let n = holds.iter().map(|x| x.holds).sum::<u32>();
                h.sessions.push(SessionEntry {
                    id: Some(id.clone()),
                    routine: routine.clone(),
                    mode: *mode,
                    start: *at,
                    end,
                    ended: false,
                    completed: false,
                    holds,
                    steps,
                    last_step,
                    planned_secs: Some(*planned_secs),
                    held_secs: Some(held),
                    skipped: None,
                    scale: *scale,
                });
                if *mode == Mode::Relief
                    && !p.cramp
                    && let Some(muscle) = muscle
                {
                    h.cramps.push(CrampEntry {
                        id: Some(id.clone()),
                        muscle,
                        at: *at,
                        holds: n,
                        secs: u64::try_from(end.instant.as_second() - at.instant.as_second()).unwrap_or(0),
                        logged: false,
                        pain: None,
                        notes: Vec::new(),
                        scale: *scale,
                        interrupted: true,
                        stopped: false,
                        seq,
                    });
                }
            }
            Record::Note { .. } => notes.push(r),
            Record::Hold { .. } => {}
        }
    }
    h.sessions.sort_by_key(|s| s.start.instant);
    h.cramps.sort_by_key(|c| c.at.instant);
    for n in notes {
        let Record::Note { cramp, cramp_id, pain, note, .. } = n else { continue };
        let target = match cramp_id {
            // The cramp it names by id (ids are unique per cramp).
            Some(id) => h.cramps.iter_mut().rfind(|c| c.id.as_deref() == Some(id.as_str())),
            // Older notes name it by time; if two share the moment, the
            // last written.
            None => {
                let i = h.cramps.partition_point(|c| c.at.instant <= cramp.instant);
                i.checked_sub(1).and_then(|i| h.cramps.get_mut(i)).filter(|c| c.at.instant == cramp.instant)
            }
        };
        if let Some(c) = target {
            if pain.is_some() {
                c.pain = *pain;
            }
            c.notes.extend(note.iter().cloned());
        }
    }
    h
}

/// The records sharing one session id.
#[derive(Default)]
struct Pieces<'a> {
    start: Option<&'a Record>,
    holds: Vec<&'a Record>,
    finished: bool,
    cramp: bool,
}

/// Steps in the routine and the furthest step with a finished hold.
fn progress(p: &Pieces) -> (Option<u32>, Option<u32>) {
    let steps = match p.start {
        Some(Record::Start { steps, .. }) => Some(*steps),
        _ => None,
    };
    let last = p
        .holds
        .iter()
        .filter_map(|r| if let Record::Hold { step, .. } = r { Some(*step) } else { None })
        .max();
    (steps, last)
}

fn add_hold(holds: &mut Vec<HoldCount>, muscle: Muscle, side: Option<Side>) {
    match holds.iter_mut().find(|h| h.muscle == muscle && h.side == side) {
        Some(h) => h.holds += 1,
        None => holds.push(HoldCount { muscle, side, holds: 1 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::store::parse;

    fn load(text: &str) -> History {
        let loaded = parse(text.as_bytes());
        assert_eq!(loaded.unreadable, 0, "{text}");
        merge(&loaded.records)
    }

    const START: &str = r#"{"kind":"start","v":2,"id":"a","routine":"nightly","mode":"nightly","at":"2026-11-22T22:00:00+01:00","steps":6,"planned_secs":360}"#;

    fn hold(step: u32, min: u32) -> String {
        format!(
            r#"{{"kind":"hold","v":2,"id":"a","at":"2026-11-22T22:{min:02}:00+01:00","step":{step},"rep":1,"side":"left","muscle":"calf","secs":30}}"#
        )
    }

    #[test]
    fn a_killed_session_is_rebuilt_from_its_start_and_holds() {
        let text = [START.to_string(), hold(0, 1), hold(1, 2), hold(2, 3)].join("\n");
        let h = load(&text);
        assert_eq!(h.sessions.len(), 1);
        let s = &h.sessions[0];
        assert!(!s.ended && !s.completed);
        assert_eq!(s.holds_done(), 3);
        assert_eq!((s.held_secs, s.planned_secs), (Some(90), Some(360)));
        assert_eq!((s.last_step, s.steps), (Some(2), Some(6)), "step 3 of 6 reached");
        assert_eq!(s.end.to_string(), "2026-11-22T22:03:00+01:00");
        assert!(!s.done(), "90 of 360 s is under half");
        // Two more holds (150 s) still under half; at 180 s it counts.
        let more = [text.clone(), hold(3, 4), hold(4, 5), hold(5, 6)].join("\n");
        assert!(load(&more).sessions[0].done());
    }

    #[test]
    fn a_final_record_wins_over_the_pieces() {
        let end = r#"{"kind":"session","v":2,"id":"a","routine":"nightly","mode":"nightly","start":"2026-11-22T22:00:00+01:00","end":"2026-11-22T22:08:00+01:00","completed":true,"holds":[{"muscle":"calf","side":"left","holds":1}],"planned_secs":360,"held_secs":30,"skipped":11}"#;
        let h = load(&[START.to_string(), hold(0, 1), end.to_string()].join("\n"));
        assert_eq!(h.sessions.len(), 1, "one session, not two");
        let s = &h.sessions[0];
        assert!(s.ended && s.completed && !s.done(), "skipped to the end: completed but not done");
        assert_eq!(s.skipped, Some(11));
        assert_eq!(s.last_step, Some(0));
    }

    #[test]
    fn a_killed_relief_session_keeps_its_cramp() {
        let text = [
            r#"{"kind":"start","v":2,"id":"r","routine":"calf-relief","mode":"relief","at":"2026-11-23T03:10:00+01:00","steps":3,"planned_secs":90}"#,
            r#"{"kind":"hold","v":2,"id":"r","at":"2026-11-23T03:10:45+01:00","step":0,"rep":1,"muscle":"calf","secs":30}"#,
        ]
        .join("\n");
        let h = load(&text);
        assert_eq!(h.cramps.len(), 1);
        let c = &h.cramps[0];
        assert_eq!((c.muscle, c.holds, c.secs, c.interrupted), (Muscle::Calf, 1, 45, true));
        // Killed before the first hold ended: the session, but no cramp.
        let h = load(text.lines().next().unwrap());
        assert_eq!((h.sessions.len(), h.cramps.len()), (1, 0));
    }

    #[test]
    fn notes_attach_to_their_cramp_and_v1_lines_still_read() {
        let text = [
            r#"{"kind":"cramp","v":1,"muscle":"calf","at":"2026-11-22T03:10:00+01:00","holds":2,"secs":70,"logged":false}"#,
            r#"{"kind":"cramp","v":2,"muscle":"hamstring","at":"2026-11-23T04:00:00+01:00","holds":0,"secs":0,"logged":true,"pain":3,"note":"after a long walk"}"#,
            r#"{"kind":"note","v":2,"at":"2026-11-23T08:00:00+01:00","cramp":"2026-11-23T04:00:00+01:00","pain":6,"note":"still sore"}"#,
            r#"{"kind":"note","v":2,"at":"2026-11-23T08:05:00+01:00","cramp":"2026-11-22T03:10:00+01:00","pain":2}"#,
        ]
        .join("\n");
        let h = load(&text);
        assert_eq!(h.cramps[0].pain, Some(2));
        assert!(h.cramps[0].notes.is_empty());
        assert_eq!(h.cramps[1].pain, Some(6), "the later rating wins");
        assert_eq!(h.cramps[1].notes, ["after a long walk", "still sore"]);
        let order: Vec<String> = h.newest_first().iter().map(|e| e.at().to_string()).collect();
        assert_eq!(order, ["2026-11-23T04:00:00+01:00", "2026-11-22T03:10:00+01:00"]);
    }

    #[test]
    fn a_note_names_its_cramp_by_id_and_last_cramp_is_the_last_written() {
        // Two cramps logged for the same minute; the note was given right
        // after the first (by id), so it must stay on the calf.
        let calf = r#"{"kind":"cramp","v":2,"id":"c1","muscle":"calf","at":"2026-11-23T03:10:00+00:00","holds":0,"secs":0,"logged":true}"#;
        let note = r#"{"kind":"note","v":2,"at":"2026-11-23T08:00:00+00:00","cramp":"2026-11-23T03:10:00+00:00","cramp_id":"c1","pain":8,"note":"calf note"}"#;
        let ham = r#"{"kind":"cramp","v":2,"id":"c2","muscle":"hamstring","at":"2026-11-23T03:10:00+00:00","holds":0,"secs":0,"logged":true}"#;
        let h = load(&[calf, note, ham].join("\n"));
        let c = h.cramps.iter().find(|c| c.muscle == Muscle::Calf).unwrap();
        let hm = h.cramps.iter().find(|c| c.muscle == Muscle::Hamstring).unwrap();
        assert_eq!((c.pain, c.notes.clone()), (Some(8), vec!["calf note".to_string()]));
        assert_eq!((hm.pain, hm.notes.len()), (None, 0));
        // The last recorded, even when an earlier line has a later time.
        let late = r#"{"kind":"cramp","v":2,"id":"c0","muscle":"quadriceps","at":"2026-11-23T05:00:00+00:00","holds":0,"secs":0,"logged":true}"#;
        let h = load(&[late, calf].join("\n"));
        assert_eq!(h.last_cramp().map(|c| c.muscle), Some(Muscle::Calf));
        // Old notes without an id still find their cramp by time.
        let old = r#"{"kind":"note","v":2,"at":"2026-11-23T08:00:00+00:00","cramp":"2026-11-23T05:00:00+00:00","pain":3}"#;
        assert_eq!(load(&[late, calf, old].join("\n")).cramps[1].pain, Some(3));
    }

    #[test]
    fn a_relief_session_left_with_q_is_a_stopped_cramp() {
        let session = |id: &str, done: bool| {
            format!(
                r#"{{"kind":"session","v":2,"id":"{id}","routine":"calf-relief","mode":"relief","start":"2026-11-23T03:10:00+01:00","end":"2026-11-23T03:12:00+01:00","completed":{done},"holds":[{{"muscle":"calf","side":null,"holds":2}}],"planned_secs":90,"held_secs":60}}"#
            )
        };
        let cramp = |id: &str| {
            format!(
                r#"{{"kind":"cramp","v":2,"id":"{id}","muscle":"calf","at":"2026-11-23T03:10:00+01:00","holds":2,"secs":120,"logged":false}}"#
            )
        };
        let h = load(&[session("q", false), cramp("q"), session("g", true), cramp("g")].join("\n"));
        let stopped: Vec<bool> = h.cramps.iter().map(|c| c.stopped).collect();
        assert_eq!(stopped, [true, false]);
        assert!(
            crate::history::text::entry_line(&Entry::Cramp(&h.cramps[0]), &jiff::tz::TimeZone::UTC)
                .contains("stopped")
        );
        assert!(
            !crate::history::text::entry_line(&Entry::Cramp(&h.cramps[1]), &jiff::tz::TimeZone::UTC)
                .contains("stopped")
        );
    }

    #[test]
    fn records_that_are_not_well_formed_are_refused() {
        for bad in [
            r#"{"kind":"start","v":1,"id":"a","routine":"n","mode":"nightly","at":"2026-11-22T22:00:00+01:00","steps":6,"planned_secs":360}"#,
            r#"{"kind":"note","v":2,"at":"2026-11-23T08:00:00+01:00","cramp":"2026-11-23T04:00:00+01:00"}"#,
            r#"{"kind":"cramp","v":2,"muscle":"calf","at":"2026-11-22T03:10:00+01:00","holds":2,"secs":70,"logged":false,"pain":11}"#,
            r#"{"kind":"cramp","v":3,"muscle":"calf","at":"2026-11-22T03:10:00+01:00","holds":2,"secs":70,"logged":false}"#,
        ] {
            assert_eq!(parse(bad.as_bytes()).unreadable, 1, "{bad}");
        }
    }
}
