//! Command-line arguments. `main` parses these and hands over to
//! [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::routine::Muscle;

/// A terminal coach for leg-cramp stretches.
///
/// Run without a command for the home screen. During a cramp:
/// `limber relief calf`. Before bed: `limber night`.
#[derive(Debug, Parser)]
#[command(name = "limber", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Stretch a cramp now: the stretch is on screen at once.
    Relief {
        /// The cramping muscle: calf (c), hamstring (h) or quadriceps (q,
        /// quad). Without it, one key press picks.
        #[arg(value_enum)]
        muscle: Option<MuscleArg>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// The calm prevention routine before bed (your own `nightly` routine
    /// replaces the built-in).
    Night {
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Run any routine, by id or from a file.
    Run {
        /// A routine id (see `limber list`) or the path of a routine file.
        routine: String,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// List every routine: id, mode, muscles, length, title and origin.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a routine step by step with its instructions and total time.
    Show {
        /// The routine id (see `limber list`).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check routine files: `ok PATH` for good ones, `PATH:LINE:COLUMN:
    /// message` for problems. Exits 1 if any file is invalid.
    Validate {
        /// Routine files to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Say which sound output is in use and why, play every cue with its
    /// name, and say whether a voice program was found.
    SoundCheck {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Record a cramp without running a session (one remembered the next
    /// morning, say).
    Log {
        /// The muscle that cramped: calf (c), hamstring (h), quadriceps (q).
        #[arg(value_enum)]
        muscle: MuscleArg,
        /// When, in local time: "2026-11-22 03:10". Default: now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// Your streak, nights done, cramps by muscle and the cramp counts on
    /// nights with and without the routine.
    History {
        /// How many nights to look back over.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
        days: u32,
        /// Print one JSON object (with the records in range) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What the three articles say about leg cramps beyond the stretches:
    /// causes and risk factors, patterns, warm-up, pregnancy, help from a
    /// professional. Each item names its article.
    Learn {
        /// Print a JSON array (with each item's quote from its article).
        #[arg(long)]
        json: bool,
    },
    /// Copy the built-in routines into your routines folder to edit.
    Init {
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Options shared by the commands that run a session.
#[derive(Debug, Clone, Default, Args)]
pub struct SessionArgs {
    /// Write every session event as one JSON object per line to this file
    /// (milliseconds since the start, step, stretch, side).
    #[arg(long, value_name = "PATH")]
    pub event_log: Option<PathBuf>,
    /// Start with the cues muted (`m` unmutes).
    #[arg(long)]
    pub mute: bool,
    /// Cue volume, 0-100, over the config file and the routine.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub volume: Option<u8>,
}

/// A muscle as typed on the command line, short forms included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MuscleArg {
    #[value(alias = "c")]
    Calf,
    #[value(alias = "h")]
    Hamstring,
    #[value(alias = "q", alias = "quad")]
    Quadriceps,
}

impl From<MuscleArg> for Muscle {
    fn from(m: MuscleArg) -> Self {
        match m {
            MuscleArg::Calf => Muscle::Calf,
            MuscleArg::Hamstring => Muscle::Hamstring,
            MuscleArg::Quadriceps => Muscle::Quadriceps,
        }
    }
}
