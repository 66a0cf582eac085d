//! What the history file holds: one self-describing JSON object per line.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned, civil};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::routine::{Mode, Muscle, Side};

/// The highest pain rating (0 to 10, the usual numeric rating scale).
pub const PAIN_MAX: u8 = 10;

/// The format version written in every new record (`"v": 2`). Version 1
/// records (one line per session, written at its end) are still read.
pub const VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST_VERSION: u32 = 1;

/// A moment as the person lived it: the instant and the UTC offset in force
/// where they were, written as RFC 3339 (`2026-11-22T03:10:00+01:00`).
/// Keeping the offset means a record's local time, and so its night, never
/// changes when the person later travels or the clocks change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub instant: Timestamp,
    pub offset: Offset,
}

impl LocalTime {
    /// The moment `z`, to the whole second (the file needs no more).
    pub fn from_zoned(z: &Zoned) -> Self {
        let instant = Timestamp::from_second(z.timestamp().as_second()).unwrap_or(z.timestamp());
        LocalTime { instant, offset: z.offset() }
    }

    /// Now, in the system time zone (`TZ` respected).
    pub fn now() -> Self {
        Self::from_zoned(&Zoned::now())
    }

    /// The wall-clock time it was where the person was.
    pub fn civil(&self) -> civil::DateTime {
        self.offset.to_datetime(self.instant)
    }

    /// The night this moment belongs to: nights run from noon to noon, so
    /// 00:30 counts for the evening before. Named by the evening's date.
    pub fn night(&self) -> civil::Date {
        night_of(self.civil())
    }

    pub fn in_zone(&self, tz: &TimeZone) -> Zoned {
        self.instant.to_zoned(tz.clone())
    }
}

/// The night (noon to noon) a wall-clock time belongs to.
pub fn night_of(dt: civil::DateTime) -> civil::Date {
    if dt.hour() < 12 { dt.date().yesterday().unwrap_or(dt.date()) } else { dt.date() }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instant.display_with_offset(self.offset))
    }
}

impl FromStr for LocalTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // One parse gives both: the wall-clock time and its offset.
        let pieces = Pieces::parse(s).map_err(|e| format!("{e}"))?;
        let offset = pieces.to_numeric_offset().ok_or("the time has no UTC offset")?;
        let time = pieces.time().ok_or("the time has no time of day")?;
        let instant = offset.to_timestamp(pieces.date().to_datetime(time)).map_err(|e| format!("{e}"))?;
        Ok(LocalTime { instant, offset })
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// A new record id (a session's, or a logged cramp's): the time in
/// nanoseconds and the process id, so two limbers at once still differ.
pub fn new_id() -> String {
    format!("{:x}-{:x}", Timestamp::now().as_nanosecond(), std::process::id())
}

/// Holds done on one muscle and side in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldCount {
    pub muscle: Muscle,
    pub side: Option<Side>,
    pub holds: u32,
}

/// One line of the history file.
///
/// A session is written in pieces so that a crash loses at most the hold in
/// progress: a [`Record::Start`] when it begins, a [`Record::Hold`] after each
/// hold, and a [`Record::Session`] (plus, for relief, a [`Record::Cramp`])
/// when it ends, all carrying the same session `id`. Version 1 files hold only
/// the final records, without ids. [`super::merge`] puts the pieces together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "Flat")]
pub enum Record {
    /// A session, finished or not: written when it ends.
    Session {
        v: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        routine: String,
        mode: Mode,
        start: LocalTime,
        end: LocalTime,
        /// Every phase reached (nightly) or the cramp went (relief). A
        /// nightly session *counts* only if half its hold time was held: see
        /// [`super::merge::SessionEntry::done`].
        completed: bool,
        holds: Vec<HoldCount>,
        /// v2: seconds of holding the routine plans, and actually held.
        #[serde(skip_serializing_if = "Option::is_none")]
        planned_secs: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        held_secs: Option<u32>,
        /// v2: planned holds that were skipped (or cut short).
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        /// v2: the `LIMBER_TIME_SCALE` of a sped-up run (a test or a demo);
        /// such sessions are listed but never counted.
        #[serde(skip_serializing_if = "Option::is_none")]
        scale: Option<f64>,
    },
    /// A cramp: from a relief session, or logged afterwards.
    Cramp {
        v: u32,
        /// v2: the relief session it came from, or for a logged cramp its
        /// own id, so a later note names it whatever its time.
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        muscle: Muscle,
        at: LocalTime,
        /// Holds until it went (0 when logged afterwards).
        holds: u32,
        /// Seconds from the first hold until "it's gone" (0 when logged).
        secs: u64,
        /// Whether it was recorded with `limber log` rather than a session.
        logged: bool,
        /// v2: pain from 0 to [`PAIN_MAX`], and a note, given with `log`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pain: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        scale: Option<f64>,
    },
    /// v2: a session began. Written first, so a crash still leaves a trace.
    Start {
        v: u32,
        id: String,
        routine: String,
        mode: Mode,
        at: LocalTime,
        /// Steps in the routine, and the hold seconds it plans in all.
        steps: u32,
        planned_secs: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        scale: Option<f64>,
    },
    /// v2: one hold ran its full length: step `step` (0-based) of the
    /// routine, on `side`, the `rep`th time, for `secs` seconds.
    Hold {
        v: u32,
        id: String,
        at: LocalTime,
        step: u32,
        rep: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        side: Option<Side>,
        muscle: Muscle,
        secs: u32,
    },
    /// v2: a note or pain rating added later to a cramp (`limber note`):
    /// the file stays append-only. `cramp_id` names the cramp; notes written
    /// before cramps had ids name it only by its time `cramp`.
    Note {
        v: u32,
        at: LocalTime,
        cramp: LocalTime,
        #[serde(skip_serializing_if = "Option::is_none")]
        cramp_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pain: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

// `scale` is the one float; it is finite on reading (checked below) and on
// writing (`LIMBER_TIME_SCALE` is bounded), so equality is total.
impl Eq for Record {}

impl Record {
    /// When it happened (for sessions, the start).
    pub fn at(&self) -> LocalTime {
        match self {
            Record::Session { start, .. } => *start,
            Record::Cramp { at, .. }
            | Record::Start { at, .. }
            | Record::Hold { at, .. }
            | Record::Note { at, .. } => *at,
        }
    }

    /// The format version it was written with.
    pub fn version(&self) -> u32 {
        match self {
            Record::Session { v, .. }
            | Record::Cramp { v, .. }
            | Record::Start { v, .. }
            | Record::Hold { v, .. }
            | Record::Note { v, .. } => *v,
        }
    }
}

/// The same line as a flat struct: serde reads an internally tagged enum by
/// buffering every value first, which made ten years of history slow to
/// load. This reads straight through, then checks the kind's fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Flat {
    kind: Kind,
    v: u32,
    id: Option<String>,
    routine: Option<String>,
    mode: Option<Mode>,
    start: Option<LocalTime>,
    end: Option<LocalTime>,
    completed: Option<bool>,
    holds: Option<Holds>,
    muscle: Option<Muscle>,
    at: Option<LocalTime>,
    secs: Option<u64>,
    logged: Option<bool>,
    planned_secs: Option<u32>,
    held_secs: Option<u32>,
    skipped: Option<u32>,
    scale: Option<f64>,
    pain: Option<u8>,
    note: Option<String>,
    steps: Option<u32>,
    step: Option<u32>,
    rep: Option<u32>,
    side: Option<Side>,
    cramp: Option<LocalTime>,
    cramp_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Session,
    Cramp,
    Start,
    Hold,
    Note,
}

/// `holds` is a list for sessions and a number for cramps.
#[derive(Deserialize)]
#[serde(untagged)]
enum Holds {
    Count(u32),
    PerSide(Vec<HoldCount>),
}

impl TryFrom<Flat> for Record {
    type Error = String;
    fn try_from(f: Flat) -> Result<Self, String> {
        let missing = |k: &str| format!("missing `{k}`");
        if !(OLDEST_VERSION..=VERSION).contains(&f.v) {
            return Err(format!("version {} is not one this limber reads", f.v));
        }
        let v2 = |k: &str| if f.v < 2 { Err(format!("`{k}` records need version 2")) } else { Ok(()) };
        if let Some(p) = f.pain
            && p > PAIN_MAX
        {
            return Err(format!("pain {p} is over {PAIN_MAX}"));
        }
        if let Some(s) = f.scale
            && !(s.is_finite() && s > 0.0)
        {
            return Err("`scale` must be a positive number".into());
        }
        let secs32 = |x: Option<u64>| -> Result<u32, String> {
            u32::try_from(x.ok_or_else(|| missing("secs"))?).map_err(|_| "`secs` is too large".to_string())
        };
        Ok(match f.kind {
            Kind::Session => Record::Session {
                v: f.v,
                id: f.id,
                routine: f.routine.ok_or_else(|| missing("routine"))?,
                mode: f.mode.ok_or_else(|| missing("mode"))?,
                start: f.start.ok_or_else(|| missing("start"))?,
                end: f.end.ok_or_else(|| missing("end"))?,
                completed: f.completed.ok_or_else(|| missing("completed"))?,
                holds: match f.holds {
                    Some(Holds::PerSide(h)) => h,
                    _ => return Err(missing("holds")),
                },
                planned_secs: f.planned_secs,
                held_secs: f.held_secs,
                skipped: f.skipped,
                scale: f.scale,
            },
            Kind::Cramp => Record::Cramp {
                v: f.v,
                id: f.id,
                muscle: f.muscle.ok_or_else(|| missing("muscle"))?,
                at: f.at.ok_or_else(|| missing("at"))?,
                holds: match f.holds {
                    Some(Holds::Count(n)) => n,
                    _ => return Err(missing("holds")),
                },
                secs: f.secs.ok_or_else(|| missing("secs"))?,
                logged: f.logged.ok_or_else(|| missing("logged"))?,
                pain: f.pain,
                note: f.note,
                scale: f.scale,
            },
            Kind::Start => {
                v2("start")?;
                Record::Start {
                    v: f.v,
                    id: f.id.ok_or_else(|| missing("id"))?,
                    routine: f.routine.ok_or_else(|| missing("routine"))?,
                    mode: f.mode.ok_or_else(|| missing("mode"))?,
                    at: f.at.ok_or_else(|| missing("at"))?,
                    steps: f.steps.ok_or_else(|| missing("steps"))?,
                    planned_secs: f.planned_secs.ok_or_else(|| missing("planned_secs"))?,
                    scale: f.scale,
                }
            }
            Kind::Hold => {
                v2("hold")?;
                Record::Hold {
                    v: f.v,
                    id: f.id.ok_or_else(|| missing("id"))?,
                    at: f.at.ok_or_else(|| missing("at"))?,
                    step: f.step.ok_or_else(|| missing("step"))?,
                    rep: f.rep.ok_or_else(|| missing("rep"))?,
                    side: f.side,
                    muscle: f.muscle.ok_or_else(|| missing("muscle"))?,
                    secs: secs32(f.secs)?,
                }
            }
            Kind::Note => {
                v2("note")?;
                if f.pain.is_none() && f.note.is_none() {
                    return Err("a note needs `pain` or `note`".into());
                }
                Record::Note {
                    v: f.v,
                    at: f.at.ok_or_else(|| missing("at"))?,
                    cramp: f.cramp.ok_or_else(|| missing("cramp"))?,
                    cramp_id: f.cramp_id,
                    pain: f.pain,
                    note: f.note,
                }
            }
        })
    }
}
