//! What each command does. Every function returns the exit code or an error
//! for `main` to print.

mod history;
mod init;
mod learn;
mod list;
mod show;
mod sound_check;
mod validate;

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use crate::builtin;
use crate::cli::{Cli, Command};
use crate::routine::diagnostic::closest;
use crate::routine::{Library, Muscle, Routine, load};
use crate::ui::{self, Start};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => ui::run(Library::load_default(), Start::Home, Default::default()),
        Some(Command::Relief { muscle, session }) => {
            let lib = Library::load_default();
            let start = match muscle {
                Some(m) => Start::Routine(relief_routine(&lib, m.into())?),
                None => Start::ReliefPicker,
            };
            ui::run(lib, start, session)
        }
        Some(Command::Night { session }) => {
            let lib = Library::load_default();
            let r = lib.get("nightly").cloned().context("no routine with id `nightly`")?;
            ui::run(lib, Start::Routine(r), session)
        }
        Some(Command::Run { routine, session }) => {
            let lib = Library::load_default();
            let r = find_routine(&lib, &routine)?;
            ui::run(lib, Start::Routine(r), session)
        }
        Some(Command::List { json }) => list::run(json),
        Some(Command::Show { id, json }) => show::run(&id, json),
        Some(Command::Validate { paths }) => Ok(validate::run(&paths)),
        Some(Command::Init { force }) => init::run(force),
        Some(Command::Learn { json }) => learn::run(json),
        Some(Command::SoundCheck { json }) => sound_check::run(json),
        Some(Command::Log { muscle, at }) => history::log(muscle.into(), at.as_deref()),
        Some(Command::History { days, json }) => history::show(days, json),
    }
}

/// The relief routine for a muscle: `MUSCLE-relief` (a user's file with that
/// id replaces the built-in).
pub fn relief_routine(lib: &Library, muscle: Muscle) -> Result<Arc<Routine>> {
    let id = format!("{}-relief", muscle.as_str());
    lib.get(&id).cloned().with_context(|| format!("no routine with id `{id}`"))
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
        eprintln!("warning: skipped a routine file:\n{p}");
    }
}
