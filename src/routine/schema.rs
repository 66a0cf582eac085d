//! The routine file format as people write it (TOML), before defaults are
//! applied and stretch references resolved.
//!
//! Every table denies unknown keys so a misspelt key is an error with a
//! suggestion rather than a silently ignored setting. Range checks live in the
//! value types' `Deserialize` impls so the TOML error carries the value's exact
//! line and column.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use crate::text::SafeText;

/// Declares a whole-number setting with a range, checked while parsing.
#[macro_export]
#[doc(hidden)]
macro_rules! ranged {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:literal, $why:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ::serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            pub const MIN: u32 = $min;
            pub const MAX: u32 = $max;
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // i128: TOML integers beyond i64 must still get the range
                // message, not a type error about "i128".
                let v = <i128 as ::serde::Deserialize>::deserialize(d)?;
                if (i128::from($min)..=i128::from($max)).contains(&v) {
                    Ok(Self(v as u32))
                } else {
                    Err(::serde::de::Error::custom(format!(
                        concat!($what, " must be from {} to {}", $why, ", found {}"),
                        $min, $max, v
                    )))
                }
            }
        }

        // The JSON Schema says what the parser accepts: a whole number in
        // the same range, with the same words as the parser's error.
        impl ::schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "integer",
                    "minimum": $min,
                    "maximum": $max,
                    "description": format!(concat!($what, " from {} to {}", $why), $min, $max),
                })
            }
        }
    };
}

pub use crate::ranged;

ranged!(
    /// Seconds to hold a stretch.
    HoldSecs, 15, 30, "`hold`",
    " seconds (the articles: \"hold the stretch for 15-30 seconds\")"
);
ranged!(
    /// How many times a stretch is held on each side.
    Reps, 1, 10, "`reps`", " holds per side"
);
ranged!(
    /// Seconds to get into position before the first hold of a step.
    GetReadySecs, 0, 30, "`get_ready`", " seconds"
);
ranged!(
    /// Seconds of rest between holds and between steps.
    RestSecs, 0, 120, "`rest`", " seconds"
);
ranged!(
    /// Seconds to change legs between the two sides of a stretch.
    SwitchSecs, 0, 60, "`switch`", " seconds"
);

ranged!(
    /// Cue volume, percent.
    Volume, 0, 100, "`volume`", " percent"
);

/// Relief routines must put the first hold on screen at once.
pub const RELIEF_MAX_GET_READY: u32 = 3;

/// An identifier: lowercase letters, digits and hyphens, 1 to 40 long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    pub fn new(s: impl Into<String>) -> Result<Self, String> {
        let s = s.into();
        let ok_chars = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if s.is_empty() || s.len() > 40 || !ok_chars || s.starts_with('-') {
            return Err(format!(
                "id {:?} must be 1 to 40 lowercase letters, digits and hyphens, such as \"calf-relief\"",
                crate::text::printable(&s)
            ));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9-]*$",
            "minLength": 1,
            "maxLength": 40,
            "description": "1 to 40 lowercase letters, digits and hyphens, such as \"calf-relief\"",
        })
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Id::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// When a routine is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, JsonSchema, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// During a cramp: straight to the hold, "hold again" until it lets go.
    Relief,
    /// Before bed: a calm prevention routine.
    Nightly,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Relief => "relief",
            Mode::Nightly => "nightly",
        }
    }
}

/// The muscles the articles give stretches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, JsonSchema, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Muscle {
    Calf,
    Hamstring,
    Quadriceps,
    Foot,
}

impl Muscle {
    pub fn as_str(self) -> &'static str {
        match self {
            Muscle::Calf => "calf",
            Muscle::Hamstring => "hamstring",
            Muscle::Quadriceps => "quadriceps",
            Muscle::Foot => "foot",
        }
    }

    /// The one name shown for the muscle: the thigh muscles always say which
    /// side of the thigh they are.
    pub fn label(self) -> &'static str {
        match self {
            Muscle::Calf => "calf",
            Muscle::Hamstring => "hamstring (back of the thigh)",
            Muscle::Quadriceps => "quadriceps (front of the thigh)",
            Muscle::Foot => "foot",
        }
    }
}

/// Which legs a step is held on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sides {
    Left,
    Right,
    /// Left, then right.
    Both,
    /// A symmetric stretch, or in relief mode the cramped leg.
    None,
}

/// How the body is placed for a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Standing,
    Seated,
    Floor,
    Chair,
    Lying,
    /// The article does not say; whatever position lets the person do it.
    Any,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Standing => "standing",
            Position::Seated => "seated",
            Position::Floor => "on the floor",
            Position::Chair => "with a chair",
            Position::Lying => "lying down",
            // The article names no position for the foot pull, so limber
            // names none either: `any` is a value of the file format only.
            Position::Any => "",
        }
    }
}

/// Settings a step inherits unless it overrides them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Unset: 30 seconds.
    pub hold: Option<HoldSecs>,
    pub reps: Option<Reps>,
    pub sides: Option<Sides>,
    #[schemars(with = "Option<GetReadySecs>")]
    pub get_ready: Option<Spanned<GetReadySecs>>,
    pub rest: Option<RestSecs>,
    pub switch: Option<SwitchSecs>,
}

/// One `[[steps]]` entry: a stretch and any settings it overrides.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    #[schemars(with = "Id")]
    pub stretch: Spanned<Id>,
    // The settings are repeated rather than `#[serde(flatten)]`ed: flatten
    // buffers values, which loses their spans and defeats deny_unknown_fields.
    pub hold: Option<HoldSecs>,
    pub reps: Option<Reps>,
    pub sides: Option<Sides>,
    #[schemars(with = "Option<GetReadySecs>")]
    pub get_ready: Option<Spanned<GetReadySecs>>,
    pub rest: Option<RestSecs>,
    pub switch: Option<SwitchSecs>,
}

impl StepSpec {
    /// This step's own settings, to lay over the routine's defaults.
    pub fn settings(&self) -> Settings {
        Settings {
            hold: self.hold,
            reps: self.reps,
            sides: self.sides,
            get_ready: self.get_ready.clone(),
            rest: self.rest,
            switch: self.switch,
        }
    }
}

/// One `[[stretches]]` entry: a reusable stretch.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StretchSpec {
    /// The id steps use to name this stretch.
    #[schemars(with = "Id")]
    pub id: Spanned<Id>,
    /// The name shown on screen, 1 to 48 characters.
    #[schemars(with = "SafeText", length(min = 1, max = 48))]
    pub name: Spanned<SafeText>,
    pub muscle: Muscle,
    pub position: Position,
    /// What to do, one short line each, 1 to 8 lines.
    #[schemars(with = "Vec<SafeText>", length(min = 1, max = 8))]
    pub instructions: Spanned<Vec<SafeText>>,
    /// A short line, short enough to speak, said when the stretch starts.
    pub cue: SafeText,
    /// Warnings shown with the stretch.
    #[serde(default)]
    pub cautions: Vec<SafeText>,
    /// An article key (`leg-cramping`, `managing-leg-spasms`,
    /// `basics-leg-spasms`) or your own citation.
    pub source: SafeText,
    /// The article's own sentence the stretch is taken from. Optional in a
    /// person's own files; every built-in stretch has one, checked against
    /// the article text by the test suite.
    pub quote: Option<SafeText>,
    /// A built-in figure's id: calf-standing, calf-seated, foot-pull, quad-chair.
    #[schemars(with = "Option<Id>")]
    pub figure: Option<Spanned<Id>>,
}

/// A whole routine file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoutineFile {
    /// The routine's id: `limber run ID`. A user routine with a built-in's
    /// id (calf-relief, hamstring-relief, quadriceps-relief, nightly)
    /// replaces it.
    #[schemars(with = "Id")]
    pub id: Spanned<Id>,
    /// The title shown on screen, 1 to 60 characters.
    #[schemars(with = "SafeText", length(min = 1, max = 60))]
    pub title: Spanned<SafeText>,
    pub mode: Mode,
    /// The muscles it stretches, at least one.
    #[schemars(with = "Vec<Muscle>", length(min = 1))]
    pub muscles: Spanned<Vec<Muscle>>,
    /// One line saying what the routine is for.
    pub summary: SafeText,
    /// An article key (`leg-cramping`, `managing-leg-spasms`,
    /// `basics-leg-spasms`) or your own citation.
    pub source: SafeText,
    /// Settings every step uses unless it sets its own.
    #[serde(default)]
    pub defaults: Settings,
    /// The stretches in order, 1 to 50 steps.
    #[schemars(with = "Vec<StepSpec>", length(min = 1, max = 50))]
    pub steps: Spanned<Vec<StepSpec>>,
    /// Stretches of your own, usable by id in this file's steps.
    #[serde(default)]
    pub stretches: Vec<StretchSpec>,
    /// Cue settings for this routine, over the config file's.
    pub cues: Option<CueOverrides>,
}

/// A routine's `[cues]` table.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueOverrides {
    /// `false` silences every cue of this routine.
    pub enabled: Option<bool>,
    /// `false` drops the ticks in the last three seconds of each hold.
    pub ticks: Option<bool>,
    pub volume: Option<Volume>,
    #[serde(default)]
    pub sounds: SoundFiles,
}

/// Custom sound files for cues (WAV, OGG or FLAC, up to 2 MiB), relative to
/// the file that names them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoundFiles {
    #[schemars(with = "Option<SafeText>")]
    pub get_ready: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub hold_start: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub tick: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub hold_end: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub switch_sides: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub next_stretch: Option<Spanned<SafeText>>,
    #[schemars(with = "Option<SafeText>")]
    pub complete: Option<Spanned<SafeText>>,
}

impl SoundFiles {
    /// Each named file with its cue, in cue order.
    pub fn entries(&self) -> Vec<(crate::audio::cues::Cue, &Spanned<SafeText>)> {
        use crate::audio::cues::Cue;
        [
            (Cue::GetReady, &self.get_ready),
            (Cue::HoldStart, &self.hold_start),
            (Cue::Tick, &self.tick),
            (Cue::HoldEnd, &self.hold_end),
            (Cue::SwitchSides, &self.switch_sides),
            (Cue::NextStretch, &self.next_stretch),
            (Cue::Complete, &self.complete),
        ]
        .into_iter()
        .filter_map(|(c, f)| f.as_ref().map(|f| (c, f)))
        .collect()
    }

    /// The files resolved against `base` (the naming file's folder).
    pub fn resolve(&self, base: &std::path::Path) -> Vec<(crate::audio::cues::Cue, std::path::PathBuf)> {
        self.entries().into_iter().map(|(c, f)| (c, base.join(f.get_ref().as_str()))).collect()
    }
}

/// The built-in stretch catalogue file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueFile {
    pub stretches: Vec<StretchSpec>,
}
