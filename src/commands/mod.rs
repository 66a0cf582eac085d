//! What each command does. Every function returns the exit code or an error
//! for `main` to print.

mod edit;
mod history;
mod init;
mod learn;
mod list;
mod new;
mod remind;
mod report;
mod show;
mod sound_check;
mod stretches;
mod validate;

pub use remind::reminder_text;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use crate::builtin;
use crate::cli::{Cli, Command, RemindAction};
use crate::config::Settings;
use crate::routine::diagnostic::closest;
use crate::routine::{Library, Mode, Muscle, Routine, load};
use crate::ui::{self, Start};

pub fn run(cli: Cli) -> Result<ExitCode> {
    // `limber --mute relief calf` means the same as `limber relief calf --mute`.
    let top = cli.session;
    let merged = |s: crate::cli::SessionArgs| crate::cli::SessionArgs {
        event_log: s.event_log.or_else(|| top.event_log.clone()),
        mute: s.mute || top.mute,
        volume: s.volume.or(top.volume),
        theme: s.theme.or(top.theme),
    };
    if matches!(cli.command, Some(Command::Log { .. } | Command::History { .. }))
        && let Some(w) = crate::clock::tz_warning()
    {
        crate::errln!("warning: {w}");
    }
    match cli.command {
        None => ui::run(Library::load_default(), Start::Home, top.clone()),
        Some(Command::Relief { muscle, session }) => {
            let lib = Library::load_default();
            let start = match muscle {
                Some(m) => Start::Routine(relief_routine(&lib, m.into())?),
                None => Start::ReliefPicker,
            };
            ui::run(lib, start, merged(session))
        }
        Some(Command::Night { id, session }) => {
            let lib = Library::load_default();
            let id = id.unwrap_or_else(|| Settings::load().0.nightly_id().to_string());
            let r = nightly_routine(&lib, &id)?;
            ui::run(lib, Start::Routine(r), merged(session))
        }
        Some(Command::Run { routine, session }) => {
            let lib = Library::load_default();
            let r = find_routine(&lib, &routine)?;
            ui::run(lib, Start::Routine(r), merged(session))
        }
        Some(Command::List { json }) => list::run(json),
        Some(Command::Show { id, json }) => show::run(&id, json),
        Some(Command::Validate { paths }) => validate::run(&paths),
        Some(Command::Stretches { json }) => stretches::run(json),
        Some(Command::New { id, from, mode }) => new::run(&id, from.as_deref(), mode.into()),
        Some(Command::Edit { target, config }) => edit::run(target.as_deref(), config),
        Some(Command::Schema { kind }) => {
            crate::out::bytes(crate::json_schema::text(kind).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "limber", &mut buf);
            crate::out::bytes(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            crate::out::bytes(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { force }) => init::run(force),
        Some(Command::Learn { json }) => learn::run(json),
        Some(Command::SoundCheck { json }) => sound_check::run(json),
        Some(Command::Log { muscle, at, pain, note }) => {
            history::log(muscle.into(), at.as_deref(), pain, note.as_deref())
        }
        Some(Command::Note { pain, text }) => history::note(pain, text.as_deref()),
        Some(Command::History { days, json }) => history::show(days, json),
        Some(Command::Remind { action }) => match action {
            RemindAction::At { time } => remind::at(time),
            RemindAction::Off => remind::off(),
            RemindAction::Status => remind::status(),
            RemindAction::Notify => remind::notify(),
        },
        Some(Command::Status { format }) => remind::prompt_status(format),
        Some(Command::Report { days, format, output }) => report::run(days, format.into(), output.as_deref()),
    }
}

/// The relief routine for a muscle: `MUSCLE-relief` (a user's file with that
/// id replaces the built-in). Only a relief routine for that muscle is
/// ever started during a cramp.
pub fn relief_routine(lib: &Library, muscle: Muscle) -> Result<Arc<Routine>> {
    let id = format!("{}-relief", muscle.as_str());
    let r = lib.get(&id).cloned().with_context(|| format!("no routine with id `{id}`"))?;
    if r.mode != Mode::Relief || !r.muscles.contains(&muscle) {
        bail!("`{id}` is not a relief routine for the {}; `limber list` shows the routines", muscle.as_str());
    }
    Ok(r)
}

/// The nightly routine `id`. A broken user file for an id with no built-in
/// is an error here; one that replaces a built-in is the interface's to
/// show (it offers the built-in).
pub fn nightly_routine(lib: &Library, id: &str) -> Result<Arc<Routine>> {
    let Some(r) = lib.get(id) else {
        if let Some(b) = lib.broken(id) {
            bail!("your routine `{id}` has errors, so it cannot run:\n{}", b.problem);
        }
        let shown = crate::text::printable(id);
        let nightly = lib.routines.iter().filter(|r| r.mode == Mode::Nightly).map(|r| r.id.as_str());
        match closest(id, nightly) {
            Some(c) => bail!("no nightly routine with id `{shown}`; did you mean `{c}`?"),
            None => bail!("no nightly routine with id `{shown}`; `limber list` shows the routines"),
        }
    };
    if r.mode != Mode::Nightly {
        bail!("`{}` is a relief routine; `limber run {}` runs it", r.id, r.id);
    }
    Ok(Arc::clone(r))
}

/// A routine by id, or from a file when the argument is a path.
pub fn find_routine(lib: &Library, arg: &str) -> Result<Arc<Routine>> {
    let path = std::path::Path::new(arg);
    let looks_like_path =
        arg.contains(std::path::MAIN_SEPARATOR) || arg.contains('/') || arg.ends_with(".toml");
    if looks_like_path || (lib.get(arg).is_none() && path.is_file()) {
        return load::read_routine(path, builtin::catalogue())
            .map(Arc::new)
            .map_err(|d| anyhow::anyhow!("{d}"));
    }
    if let Some(r) = lib.get(arg) {
        return Ok(Arc::clone(r));
    }
    let shown = crate::text::printable(arg);
    match closest(arg, lib.ids()) {
        Some(c) => bail!("no routine with id `{shown}`; did you mean `{c}`? (`limber list` shows them all)"),
        None => bail!("no routine with id `{shown}` and no such file; `limber list` shows the routines"),
    }
}

/// Prints warnings for user files that could not be loaded.
fn warn_problems(lib: &Library) {
    for p in &lib.problems {
        crate::errln!("warning: skipped a routine file:\n{p}");
    }
}
