//! What the history file holds: one self-describing JSON object per line.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned, civil};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::routine::{Mode, Muscle, Side};

/// The format version written in every record (`"v": 1`).
pub const VERSION: u32 = 1;

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

/// Holds done on one muscle and side in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldCount {
    pub muscle: Muscle,
    pub side: Option<Side>,
    pub holds: u32,
}

/// One line of the history file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields, try_from = "Flat")]
pub enum Record {
    /// A session, finished or not.
    Session {
        v: u32,
        routine: String,
        mode: Mode,
        start: LocalTime,
        end: LocalTime,
        /// Every phase done (nightly) or the cramp went (relief).
        completed: bool,
        holds: Vec<HoldCount>,
    },
    /// A cramp: from a relief session, or logged afterwards.
    Cramp {
        v: u32,
        muscle: Muscle,
        at: LocalTime,
        /// Holds until it went (0 when logged afterwards).
        holds: u32,
        /// Seconds from the first hold until "it's gone" (0 when logged).
        secs: u64,
        /// Whether it was recorded with `limber log` rather than a session.
        logged: bool,
    },
}

impl Record {
    /// When it happened (for sessions, the start).
    pub fn at(&self) -> LocalTime {
        match self {
            Record::Session { start, .. } => *start,
            Record::Cramp { at, .. } => *at,
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
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Session,
    Cramp,
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
        Ok(match f.kind {
            Kind::Session => Record::Session {
                v: f.v,
                routine: f.routine.ok_or_else(|| missing("routine"))?,
                mode: f.mode.ok_or_else(|| missing("mode"))?,
                start: f.start.ok_or_else(|| missing("start"))?,
                end: f.end.ok_or_else(|| missing("end"))?,
                completed: f.completed.ok_or_else(|| missing("completed"))?,
                holds: match f.holds {
                    Some(Holds::PerSide(h)) => h,
                    _ => return Err(missing("holds")),
                },
            },
            Kind::Cramp => Record::Cramp {
                v: f.v,
                muscle: f.muscle.ok_or_else(|| missing("muscle"))?,
                at: f.at.ok_or_else(|| missing("at"))?,
                holds: match f.holds {
                    Some(Holds::Count(n)) => n,
                    _ => return Err(missing("holds")),
                },
                secs: f.secs.ok_or_else(|| missing("secs"))?,
                logged: f.logged.ok_or_else(|| missing("logged"))?,
            },
        })
    }
}
