//! Command-line arguments. `main` parses these and hands over to
//! [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::json_schema::Kind;
use crate::remind::RemindAt;
use crate::routine::{Mode, Muscle};

/// Where limber's files are and what changes them; the end of `--help`.
pub const FILES_HELP: &str = "\
Files:
  CONFIG/config.toml       settings (volume, cues, voice, nightly routine...)
  CONFIG/routines/*.toml   your routines; one with a built-in's id replaces it
  CONFIG/schema/*.json     JSON Schemas for TOML editors (new, edit, init write them)
  DATA/history.jsonl       sessions and cramps, one JSON object per line
CONFIG is $LIMBER_CONFIG_DIR, else ~/.config/limber on Linux
(~/Library/Application Support/limber on macOS, %APPDATA%\\limber on Windows).
DATA is $LIMBER_DATA_DIR, else ~/.local/share/limber on Linux
(the same folders as CONFIG on macOS and Windows).

Environment:
  LIMBER_CONFIG_DIR   the config folder (above)
  LIMBER_DATA_DIR     the data folder (above)
  LIMBER_TIME_SCALE   run every duration N times faster (N >= 1; for trying routines)
  LIMBER_LIBASOUND    the ALSA library to load for sound (Linux; default libasound.so.2)
  NO_COLOR            any value: no colours
  VISUAL, EDITOR      the editor `limber edit` opens (else vi; notepad on Windows)";

/// What a session reads and writes, for its `--help`.
const SESSION_FILES: &str = "Reads CONFIG/config.toml, CONFIG/routines/*.toml and DATA/history.jsonl; \
     appends the session to DATA/history.jsonl; --event-log writes PATH.";

/// `--help` of the commands that run a session: what it does with files,
/// the keys, then where the files are.
fn session_help(what: &str) -> String {
    format!("{what}\n{SESSION_FILES}\n\nKeys:\n{}\n{FILES_HELP}", crate::ui::keys::help_text())
}

/// The home screen's keys as the key table has them ("r relief, n
/// nightly, ..."), so `--help` names every one, new ones included.
fn home_keys() -> String {
    let keys = crate::ui::keys::BINDINGS.iter().filter(|b| b.context == crate::ui::keys::Context::Home);
    keys.map(|b| format!("{} {}", b.label, b.short)).collect::<Vec<_>>().join(", ")
}

/// `--help` of the other commands: what this one reads or writes, then
/// where the files are.
fn files_help(what: &str) -> String {
    format!("{what}\n\n{FILES_HELP}")
}

/// A terminal coach for leg-cramp stretches.
///
/// Run without a command for the home screen. During a cramp:
/// `limber relief calf`. Before bed: `limber night`.
#[derive(Debug, Parser)]
#[command(name = "limber", version, about, long_about, after_long_help = session_help(&format!(
    "Without a command: the home screen ({}).", home_keys()
)))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// For the home screen (no command): `limber --mute`.
    #[command(flatten)]
    pub session: SessionArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Stretch a cramp now: the stretch is on screen at once.
    #[command(after_long_help = session_help(
        "Runs MUSCLE-relief (your routines/MUSCLE-relief.toml replaces the built-in; \
         if that file has errors the built-in runs and the top line says so)."
    ))]
    Relief {
        /// The cramping muscle: calf (c), hamstring (h) or quadriceps (q,
        /// quad). Without it, one key press picks.
        #[arg(value_enum)]
        muscle: Option<MuscleArg>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// The calm prevention routine before bed: `nightly`, or the routine
    /// config.toml names with `nightly = "ID"`.
    #[command(after_long_help = session_help(
        "Runs the routine `nightly = \"ID\"` in config.toml names (default `nightly`). \
         If your file for that routine \
         has errors, a screen names the file and line and offers the built-in or quit."
    ))]
    Night {
        /// Run this nightly routine instead (see `limber list`).
        id: Option<String>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Run any routine, by id or from a file.
    #[command(after_long_help = session_help("Reads the routine file named, or CONFIG/routines/."))]
    Run {
        /// A routine id (see `limber list`) or the path of a routine file.
        routine: String,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// List every routine: id, mode, muscles, length, title and origin.
    #[command(after_long_help = files_help(
        "Reads the built-in routines and CONFIG/routines/*.toml."
    ))]
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a routine step by step with its instructions and total time.
    #[command(after_long_help = files_help(
        "Reads the built-in routines and CONFIG/routines/*.toml (or the routine file named)."
    ))]
    Show {
        /// The routine id (see `limber list`).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every stretch usable by id: built-in and your own, with muscle,
    /// position and where it is defined.
    #[command(after_long_help = files_help(
        "Reads the built-in stretches and the [[stretches]] tables \
         of CONFIG/routines/*.toml."
    ))]
    Stretches {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write a new routine file in your routines folder: a template with
    /// every key explained, or a copy of a routine under a new id.
    #[command(after_long_help = files_help(
        "Writes CONFIG/routines/ID.toml (never over an existing file) \
         and CONFIG/schema/*.json."
    ))]
    New {
        /// The new routine's id: lowercase letters, digits and hyphens.
        id: String,
        /// Copy this routine (built-in or yours) instead of the template.
        #[arg(long, value_name = "ID", conflicts_with = "mode")]
        from: Option<String>,
        /// The template's mode.
        #[arg(long, value_enum, default_value_t = ModeArg::Nightly)]
        mode: ModeArg,
    },
    /// Open a routine or config.toml in your editor, then check it; on
    /// errors, choose: edit again, restore the previous version, or keep.
    #[command(after_long_help = files_help(
        "Opens CONFIG/routines/ID.toml (a built-in is copied there first), the routine \
         file named, or CONFIG/config.toml (--config; created if missing) in $VISUAL, \
         else $EDITOR, else vi (notepad on Windows); writes CONFIG/schema/*.json. \
         Exit 0: the file as edited is valid; 1: restored or kept with errors."
    ))]
    Edit {
        /// A routine id (a built-in is copied to your routines folder first)
        /// or the path of a routine file.
        #[arg(required_unless_present = "config", conflicts_with = "config")]
        target: Option<String>,
        /// Edit config.toml (created with every key explained if missing).
        #[arg(long)]
        config: bool,
    },
    /// Check routine files: `ok PATH` for good ones, `PATH:LINE:COLUMN:
    /// message` for problems. Exits 1 if any file is invalid.
    ///
    /// Without a path: every file in your routines folder and config.toml.
    /// A folder: every `*.toml` in it. Files that are not routines (a stretch
    /// catalogue, the advice file, a config) are named and checked as what
    /// they are.
    #[command(after_long_help = files_help(
        "Reads the files and folders named; without one, CONFIG/routines/*.toml \
         and CONFIG/config.toml. Sound files they name are read too."
    ))]
    Validate {
        /// Files or folders to check.
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of routine files or of config.toml.
    #[command(after_long_help = files_help(
        "Reads no file; prints to stdout. The same schemas are in assets/schema/ \
         and, once new, edit or init has run, in CONFIG/schema/."
    ))]
    Schema {
        #[arg(value_enum)]
        kind: Kind,
    },
    /// Say which sound output is in use and why, play every cue with its
    /// name, and say whether a voice program was found.
    #[command(after_long_help = files_help(
        "Reads CONFIG/config.toml; plays through ALSA (LIMBER_LIBASOUND) \
         or the platform's output."
    ))]
    SoundCheck {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Record a cramp without running a session (one remembered the next
    /// morning, say).
    #[command(after_long_help = files_help(
        "Appends the cramp to DATA/history.jsonl."
    ))]
    Log {
        /// The muscle that cramped: calf (c), hamstring (h), quadriceps (q).
        #[arg(value_enum)]
        muscle: MuscleArg,
        /// When: "03:10" (the most recent 03:10), "yesterday 23:40",
        /// "2026-11-22 03:10" or RFC 3339. Default: now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// How bad it was, 0 (none) to 10 (worst imaginable).
        #[arg(long, value_name = "N", value_parser = crate::history::input::parse_pain)]
        pain: Option<u8>,
        /// A note to keep with it (what you were doing, what helped).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Add a note or a pain rating to the most recent cramp (kept as a new
    /// line: the history is never rewritten).
    Note {
        /// How bad it was, 0 (none) to 10 (worst imaginable).
        #[arg(long, value_name = "N", value_parser = crate::history::input::parse_pain)]
        pain: Option<u8>,
        /// The note.
        #[arg(value_name = "TEXT")]
        text: Option<String>,
    },
    /// Your streak, nights done, cramps by muscle and the cramp counts on
    /// nights with and without the routine.
    #[command(after_long_help = files_help(
        "Reads DATA/history.jsonl and CONFIG/config.toml (doctor_after_cramps)."
    ))]
    History {
        /// How many nights to look back over (the current one included);
        /// every line, the strip included, covers these nights.
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
    /// A report to take to a doctor: cramps by muscle and hour, how long
    /// they lasted, pain and notes, nights with and without the routine,
    /// every cramp, and the articles' advice on when to see a professional.
    Report {
        /// How many nights to cover, ending with last night (or tonight).
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3650))]
        days: u32,
        /// md: Markdown; csv: one row per record for a spreadsheet; html: one
        /// self-contained page with charts that prints on A4 or Letter.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write to this file (replaced whole if it exists) instead of the
        /// standard output; `-` is the standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The bedtime reminder: a desktop notification at a time of your
    /// choosing when tonight's routine is not done.
    #[command(after_long_help = files_help(
        "`at` and `off` change remind_at in CONFIG/config.toml (keeping the rest of the file as it is) \
         and write or remove ~/.config/systemd/user/limber-remind.{timer,service} (Linux) or \
         ~/Library/LaunchAgents/limber.remind.plist (macOS). `notify` reads the end of DATA/history.jsonl."
    ))]
    Remind {
        #[command(subcommand)]
        action: RemindAction,
    },
    /// For a shell prompt: prints `stretch` when the evening routine is due
    /// (after the reminder's time, or 20:00, and not done tonight), nothing
    /// otherwise.
    #[command(after_long_help = files_help(
        "Reads remind_at from CONFIG/config.toml and only the end of DATA/history.jsonl (tonight), \
         so it is fast enough for every prompt. A broken config is ignored here (20:00 applies)."
    ))]
    Status {
        /// `short` (a word or nothing) or `json` (always one object).
        #[arg(long, value_enum, default_value_t = StatusFormat::Short)]
        format: StatusFormat,
    },
    /// Copy the built-in routines into your routines folder to edit.
    #[command(after_long_help = files_help(
        "Writes CONFIG/routines/*.toml (one per built-in; --force overwrites) \
         and CONFIG/schema/*.json."
    ))]
    Init {
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script: `limber completions bash >
    /// ~/.local/share/bash-completion/completions/limber`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `limber man | man -l -`.
    Man,
}

/// A routine mode as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Relief,
    Nightly,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Relief => Mode::Relief,
            ModeArg::Nightly => Mode::Nightly,
        }
    }
}

/// What `limber remind` does.
#[derive(Debug, Subcommand)]
pub enum RemindAction {
    /// Remind every day at this time: a systemd user timer on Linux, a
    /// launchd agent on macOS, a crontab line to copy elsewhere.
    At {
        /// The time, HH:MM on the 24-hour clock (22:30).
        #[arg(value_name = "HH:MM", value_parser = parse_remind_at)]
        time: RemindAt,
    },
    /// Turn the reminder off and remove its files.
    Off,
    /// Show the reminder's time, its files and whether tonight is done.
    Status,
    /// Send the reminder now if tonight's routine is not done (the timer
    /// runs this; it never opens the interface).
    Notify,
}

fn parse_remind_at(s: &str) -> Result<RemindAt, String> {
    s.parse()
}

/// How `limber status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Short,
    Json,
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
    /// Colours for the terminal's background: auto asks the terminal (dark
    /// if it does not answer), over `theme` in config.toml. NO_COLOR still
    /// turns colour off.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<crate::ui::theme::ThemeChoice>,
}

/// The formats of `limber report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    #[value(alias = "markdown")]
    Md,
    Csv,
    Html,
}

impl From<ReportFormat> for crate::report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Md => crate::report::Format::Markdown,
            ReportFormat::Csv => crate::report::Format::Csv,
            ReportFormat::Html => crate::report::Format::Html,
        }
    }
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
