//! `limber remind at|off|status|notify` and `limber status`: the bedtime
//! reminder and the prompt nudge.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use crate::cli::StatusFormat;
use crate::config::Settings;
use crate::history::{LocalTime, store, tail};
use crate::remind::install::{self, Scheduler};
use crate::remind::notify::{self, Sent};
use crate::remind::{RemindAt, due, setting};
use crate::routine::Library;

/// `limber remind at HH:MM`: the time into `config.toml`, then the
/// scheduler's files. A broken config is refused before anything is written.
pub fn at(time: RemindAt) -> Result<ExitCode> {
    let path = setting::config_path().ok_or(setting::SettingError::NoFolder)?;
    let job = install::current_job()?;
    setting::write(&path, Some(time))?;
    crate::outln!(
        "Reminder set for {time} every day (remind_at in {}).",
        crate::text::printable(&path.display().to_string())
    )?;
    for line in install::set(Scheduler::here(), &job, time)? {
        crate::outln!("{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `limber remind off`: the scheduler's job first (so no reminder comes
/// even if the config cannot be changed), then the key.
pub fn off() -> Result<ExitCode> {
    for line in install::remove(Scheduler::here())? {
        crate::outln!("{line}")?;
    }
    let path = setting::config_path().ok_or(setting::SettingError::NoFolder)?;
    if path.exists() {
        setting::write(&path, None)?;
    }
    crate::outln!("The bedtime reminder is off.")?;
    Ok(ExitCode::SUCCESS)
}

/// `limber remind status`: the time, the scheduler's files and tonight.
pub fn status() -> Result<ExitCode> {
    let (settings, problem) = Settings::load();
    if let Some(d) = problem {
        crate::outln!("config.toml has a problem, so no reminder time can be read:\n{d}")?;
        return Ok(ExitCode::FAILURE);
    }
    let Some(time) = settings.remind_at else {
        crate::outln!("No bedtime reminder is set. `limber remind at 22:30` sets one.")?;
        return Ok(ExitCode::SUCCESS);
    };
    let scheduler = Scheduler::here();
    // Plainly whether it will go off: a time in the config with files on
    // disk is not a reminder unless the scheduler runs them.
    let state = match scheduler {
        Scheduler::Systemd => install::systemd_state(),
        _ => None,
    };
    let active = match scheduler {
        Scheduler::Systemd => state.as_deref() == Some("active"),
        Scheduler::Launchd => install::scheduled_on_disk(scheduler) == Some(true),
        Scheduler::Manual => false,
    };
    if active {
        crate::outln!("Reminder at {time} every day: it is scheduled.")?;
    } else {
        crate::outln!("Reminder time {time} is set, but it is not scheduled: no reminder will go off.")?;
    }
    for f in install::files(scheduler) {
        let shown = crate::text::printable(&f.display().to_string());
        match f.exists() {
            true => crate::outln!("  {shown}")?,
            false => crate::outln!("  {shown} is missing: run `limber remind at {time}` again")?,
        }
    }
    if scheduler == Scheduler::Systemd {
        match &state {
            Some(state) => crate::outln!("  limber-remind.timer: {state}")?,
            None => crate::outln!("  limber-remind.timer: systemctl --user is not available here")?,
        }
    }
    if !active {
        if scheduler == Scheduler::Systemd {
            crate::outln!("In a desktop session, `limber remind at {time}` turns it on, or run:")?;
            crate::outln!(
                "  systemctl --user daemon-reload && systemctl --user enable --now limber-remind.timer"
            )?;
            crate::outln!("Or add this line to your crontab (crontab -e):")?;
        } else {
            crate::outln!(
                "Add this line to your crontab (crontab -e), or a daily task that runs the same command:"
            )?;
        }
        let job = install::current_job()?;
        crate::outln!("  {}", crate::remind::units::cron_line(&job, time))?;
    }
    let now = crate::clock::now().map_err(|e| anyhow!(e))?;
    let done = tonight_done(now);
    crate::outln!("{}", night_line(now, done))?;
    Ok(ExitCode::SUCCESS)
}

/// "Tonight's routine: done." or, between midnight and noon, "Last night's
/// routine: ...": the current night named as the history names it.
pub fn night_line(now: LocalTime, done: bool) -> String {
    let mut word = crate::remind::current_night_word(now).to_string();
    word[..1].make_ascii_uppercase();
    format!("{word}'s routine: {}.", if done { "done" } else { "not done yet" })
}

/// `limber remind notify`, run by the scheduler: a desktop notification if
/// tonight's nightly routine is not done. Never starts the interface; with
/// no desktop session it does nothing and succeeds.
pub fn notify() -> Result<ExitCode> {
    let now = crate::clock::now().map_err(|e| anyhow!(e))?;
    if tonight_done(now) {
        crate::errln!("limber: tonight's routine is done; no reminder");
        return Ok(ExitCode::SUCCESS);
    }
    // The length of the routine `limber night` runs: the configured one.
    let lib = Library::load_default();
    let id = Settings::load().0.nightly_id().to_string();
    let secs = lib.get(&id).or_else(|| lib.get("nightly")).map_or(0, |r| r.total_secs());
    let text = reminder_text(secs);
    match notify::send(&text, "")? {
        Sent::Shown(_) => {}
        Sent::NoBus(why) => crate::errln!("limber: no desktop session ({why}); no reminder shown"),
        Sent::NoService(why) => {
            crate::errln!("limber: nothing on the session bus shows notifications ({why}); no reminder shown")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "Time for your 8-minute bedtime stretch: run limber night", with the
/// nightly routine's length to the nearest minute.
pub fn reminder_text(total_secs: u32) -> String {
    let minutes = ((total_secs + 30) / 60).max(1);
    format!("Time for your {minutes}-minute bedtime stretch: run limber night")
}

/// `limber status`: a word for the shell prompt when the evening routine is
/// due, nothing otherwise. Reads the config and the end of the history only.
pub fn prompt_status(format: StatusFormat) -> Result<ExitCode> {
    let now = crate::clock::now().map_err(|e| anyhow!(e))?;
    // A broken config must not fill every prompt with errors: the default
    // evening applies, and `limber validate` tells what is wrong.
    let remind_at = setting::read();
    let from = remind_at.unwrap_or(RemindAt::DEFAULT_EVENING);
    let done = tonight_done(now);
    let due = due::is_due(now, from, done);
    let mut out = std::io::stdout().lock();
    let text = match format {
        StatusFormat::Short => due.then(|| "stretch\n".to_string()),
        StatusFormat::Json => Some(format!(
            "{}\n",
            serde_json::json!({
                "due": due,
                "tonight_done": done,
                "night": now.night().to_string(),
                "remind_at": remind_at.map(|t| t.to_string()),
                "due_from": from.to_string(),
            })
        )),
    };
    if let Some(text) = text {
        // A closed pipe (`limber status | head -c0`) is not an error here.
        let _ = out.write_all(text.as_bytes());
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether tonight's routine is done, from the end of the history. A
/// history that cannot be read counts as not done: a reminder too many is
/// better than none.
fn tonight_done(now: LocalTime) -> bool {
    let Some(path) = store::default_path() else { return false };
    tail::tonight(&path, now)
        .with_context(|| format!("reading {}", path.display()))
        .map(|records| due::tonight_done(&records, now))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_names_last_night_in_the_morning() {
        let morning: LocalTime = "2026-11-25T10:10:00+01:00".parse().unwrap();
        let evening: LocalTime = "2026-11-24T21:00:00+01:00".parse().unwrap();
        assert_eq!(night_line(morning, true), "Last night's routine: done.");
        assert_eq!(night_line(evening, false), "Tonight's routine: not done yet.");
    }
}
