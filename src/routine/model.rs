//! Routines as the rest of limber uses them: defaults applied, stretches
//! resolved, every number checked.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

pub use super::schema::{Id, Mode, Muscle, Position, Sides};
use crate::text::SafeText;

/// A stretch from the catalogue or defined in a routine file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stretch {
    pub id: Id,
    pub name: SafeText,
    pub muscle: Muscle,
    pub position: Position,
    pub instructions: Vec<SafeText>,
    /// A short line, short enough to speak, said when the stretch starts.
    pub cue: SafeText,
    pub cautions: Vec<SafeText>,
    /// An article key (see [`crate::articles`]) or the author's own citation.
    pub source: SafeText,
    /// The article's sentence the stretch comes from (see
    /// [`crate::articles::normalise`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<SafeText>,
    /// The ASCII figure's id in `assets/figures/`.
    pub figure: Option<Id>,
}

/// One step of a routine with every setting decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub stretch: Arc<Stretch>,
    pub hold_secs: u32,
    pub reps: u32,
    pub sides: Sides,
    pub get_ready_secs: u32,
    pub rest_secs: u32,
    pub switch_secs: u32,
}

impl Step {
    /// The legs this step is held on, in order. `None` stands for a
    /// symmetric stretch (or, in relief mode, the cramped leg).
    pub fn sides(&self) -> &'static [Option<Side>] {
        match self.sides {
            Sides::Left => &[Some(Side::Left)],
            Sides::Right => &[Some(Side::Right)],
            Sides::Both => &[Some(Side::Left), Some(Side::Right)],
            Sides::None => &[None],
        }
    }
}

/// One leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// How a side is named. In relief mode a one-legged stretch is on "the
/// cramped leg", whichever it is.
pub fn leg_label(mode: Mode, side: Option<Side>) -> &'static str {
    match (side, mode) {
        (Some(Side::Left), _) => "left leg",
        (Some(Side::Right), _) => "right leg",
        (None, Mode::Relief) => "the cramped leg",
        (None, Mode::Nightly) => "both legs",
    }
}

/// Where a routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

impl Origin {
    /// "built-in" or the file's path, safe to print.
    pub fn label(&self) -> String {
        match self {
            Origin::BuiltIn => "built-in".to_string(),
            Origin::File(p) => crate::text::printable(&p.display().to_string()),
        }
    }
}

/// A routine ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Routine {
    pub id: Id,
    pub title: SafeText,
    pub mode: Mode,
    pub muscles: Vec<Muscle>,
    pub summary: SafeText,
    pub source: SafeText,
    pub steps: Vec<Step>,
    pub origin: Origin,
    /// The routine's own cue settings (`[cues]`), if any.
    pub cues: RoutineCues,
}

/// A routine's cue settings, with sound paths resolved against its folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoutineCues {
    pub enabled: Option<bool>,
    pub ticks: Option<bool>,
    pub volume: Option<u8>,
    pub sounds: Vec<(crate::audio::cues::Cue, PathBuf)>,
}

impl Routine {
    /// Planned length in seconds when every step is done once as written
    /// (for relief routines: trying each stretch once).
    pub fn total_secs(&self) -> u32 {
        crate::session::plan::expand(self).iter().map(|p| p.secs).sum()
    }

    /// How long it takes, as lists show it: a nightly routine's planned
    /// length; for a relief routine, which holds as many times as the cramp
    /// needs, its hold length ("30 s holds, as needed"), since a total
    /// would promise an end the session does not have.
    pub fn length_label(&self) -> String {
        if self.mode == Mode::Nightly {
            return crate::text::human_secs(self.total_secs());
        }
        let holds = self.steps.iter().map(|s| s.hold_secs);
        match (holds.clone().min(), holds.max()) {
            (Some(low), Some(high)) if low != high => format!("{low}-{high} s holds, as needed"),
            (Some(hold), _) => format!("{hold} s holds, as needed"),
            _ => "as needed".to_string(),
        }
    }
}
