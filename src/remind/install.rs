//! Putting the reminder's files in place and asking the system's scheduler
//! to run them: a systemd user timer on Linux, a launchd agent on macOS, a
//! crontab line to copy elsewhere.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

use super::RemindAt;
use super::units::{self, Job, LAUNCHD_LABEL, UNIT};

/// `LIMBER_SYSTEMCTL`: the `systemctl` program to run (for tests, which
/// must never touch the real user manager).
pub const SYSTEMCTL_VAR: &str = "LIMBER_SYSTEMCTL";

/// Environment overrides carried into the scheduled job, so the reminder
/// reads the same folders as the shell that set it.
const CARRIED_ENV: [&str; 2] = ["LIMBER_CONFIG_DIR", "LIMBER_DATA_DIR"];

/// Why the reminder could not be set or removed.
#[derive(Debug, Error)]
pub enum InstallError {
    #[error("cannot find the limber program's own path: {0}")]
    NoProgram(io::Error),
    #[error("{0}")]
    BadValue(String),
    #[error("no home or config folder is known (set HOME or XDG_CONFIG_HOME)")]
    NoFolder,
    #[error("cannot write {}: {source}", crate::text::printable(&.path.display().to_string()))]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot remove {}: {source}", crate::text::printable(&.path.display().to_string()))]
    Remove { path: PathBuf, source: io::Error },
}

/// Which scheduler this system has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduler {
    Systemd,
    Launchd,
    /// Neither: the person adds a crontab line (or a scheduled task).
    Manual,
}

impl Scheduler {
    pub fn here() -> Self {
        if cfg!(target_os = "linux") {
            Scheduler::Systemd
        } else if cfg!(target_os = "macos") {
            Scheduler::Launchd
        } else {
            Scheduler::Manual
        }
    }
}

/// The job for this program as it runs now: its absolute path and the
/// folder overrides in force.
pub fn current_job() -> Result<Job, InstallError> {
    let exe = std::env::current_exe().map_err(InstallError::NoProgram)?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let exe = exe
        .to_str()
        .ok_or_else(|| {
            InstallError::BadValue(format!(
                "the program's path {} is not UTF-8 text",
                crate::text::printable(&exe.to_string_lossy())
            ))
        })?
        .to_string();
    units::check_value("the program's path", &exe).map_err(InstallError::BadValue)?;
    let mut env = Vec::new();
    for name in CARRIED_ENV {
        if let Some(v) = std::env::var_os(name).filter(|v| !v.is_empty()) {
            let v = v.into_string().map_err(|v| {
                InstallError::BadValue(format!(
                    "{name} ({}) is not UTF-8 text",
                    crate::text::printable(&v.to_string_lossy())
                ))
            })?;
            units::check_value(name, &v).map_err(InstallError::BadValue)?;
            env.push((name.to_string(), v));
        }
    }
    Ok(Job { exe, env })
}

/// `~/.config/systemd/user` (`$XDG_CONFIG_HOME/systemd/user`).
pub fn systemd_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("systemd").join("user"))
}

/// `~/Library/LaunchAgents`.
pub fn launch_agents_dir() -> Option<PathBuf> {
    dirs::home_dir().map(|d| d.join("Library").join("LaunchAgents"))
}

/// Whether the scheduler will start the reminder, as far as one look at
/// the disk tells (no program is run: the home screen asks this before its
/// first frame). systemd: `systemctl --user enable` made the timer's
/// `timers.target.wants` link; launchd: the agent's file is in place (it is
/// loaded at login). `None` where limber cannot schedule it at all (cron is
/// the person's own).
pub fn scheduled_on_disk(s: Scheduler) -> Option<bool> {
    match s {
        Scheduler::Systemd => {
            systemd_dir().map(|d| d.join("timers.target.wants").join(format!("{UNIT}.timer")).exists())
        }
        Scheduler::Launchd => launch_agents_dir().map(|d| d.join(format!("{LAUNCHD_LABEL}.plist")).exists()),
        Scheduler::Manual => None,
    }
}

/// The files this scheduler uses, whether or not they exist.
pub fn files(s: Scheduler) -> Vec<PathBuf> {
    match s {
        Scheduler::Systemd => systemd_dir()
            .map(|d| vec![d.join(format!("{UNIT}.timer")), d.join(format!("{UNIT}.service"))])
            .unwrap_or_default(),
        Scheduler::Launchd => {
            launch_agents_dir().map(|d| vec![d.join(format!("{LAUNCHD_LABEL}.plist"))]).unwrap_or_default()
        }
        Scheduler::Manual => Vec::new(),
    }
}

/// Writes the scheduler's files and turns them on. Returns what to tell the
/// person, line by line.
pub fn set(s: Scheduler, job: &Job, at: RemindAt) -> Result<Vec<String>, InstallError> {
    let cron = units::cron_line(job, at);
    let mut said = Vec::new();
    match s {
        Scheduler::Systemd => {
            let dir = systemd_dir().ok_or(InstallError::NoFolder)?;
            let timer = dir.join(format!("{UNIT}.timer"));
            let service = dir.join(format!("{UNIT}.service"));
            write(&service, &units::systemd_service(job))?;
            write(&timer, &units::systemd_timer(at))?;
            said.push(format!("wrote {}", shown(&timer)));
            said.push(format!("wrote {}", shown(&service)));
            let enabled = systemctl(&["daemon-reload"])
                .and_then(|_| systemctl(&["enable", "--now", &format!("{UNIT}.timer")]));
            match enabled {
                Ok(()) => said.push(format!("enabled {UNIT}.timer: limber reminds you every day at {at}")),
                Err(why) => {
                    said.push(format!("systemctl --user is not available here ({why}),"));
                    said.push("so the timer is written but not turned on. In a desktop session, run:".into());
                    said.push(format!(
                        "  systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
                    ));
                    said.push("or add this line to your crontab (crontab -e):".into());
                    said.push(format!("  {cron}"));
                }
            }
        }
        Scheduler::Launchd => {
            let dir = launch_agents_dir().ok_or(InstallError::NoFolder)?;
            let plist = dir.join(format!("{LAUNCHD_LABEL}.plist"));
            write(&plist, &units::launchd_plist(job, at))?;
            said.push(format!("wrote {}", shown(&plist)));
            let path = plist.to_string_lossy().to_string();
            // Unloading first makes a changed time take effect.
            let _ = run("launchctl", &["unload", &path]);
            match run("launchctl", &["load", "-w", &path]) {
                Ok(()) => said.push(format!("loaded {LAUNCHD_LABEL}: limber reminds you every day at {at}")),
                Err(why) => {
                    said.push(format!("launchctl could not load it ({why}); run: launchctl load -w {path}"))
                }
            }
        }
        Scheduler::Manual => {
            said.push("limber cannot schedule a reminder on this system by itself.".into());
            said.push(
                "Add this line to your crontab (crontab -e), or a daily task that runs the same command:"
                    .into(),
            );
            said.push(format!("  {cron}"));
        }
    }
    Ok(said)
}

/// Turns the scheduler's job off and removes its files.
pub fn remove(s: Scheduler) -> Result<Vec<String>, InstallError> {
    let mut said = Vec::new();
    match s {
        Scheduler::Systemd => {
            let reachable = systemctl(&["disable", "--now", &format!("{UNIT}.timer")]).is_ok();
            for f in files(s) {
                if remove_file(&f)? {
                    said.push(format!("removed {}", shown(&f)));
                }
            }
            if reachable {
                let _ = systemctl(&["daemon-reload"]);
                said.push(format!("turned {UNIT}.timer off"));
            } else {
                said.push("if you added the limber line to your crontab, remove it too (crontab -e)".into());
            }
        }
        Scheduler::Launchd => {
            for f in files(s) {
                if f.exists() {
                    let _ = run("launchctl", &["unload", "-w", &f.to_string_lossy()]);
                }
                if remove_file(&f)? {
                    said.push(format!("removed {}", shown(&f)));
                }
            }
        }
        Scheduler::Manual => {
            said.push("if you added the limber line to your crontab, remove it (crontab -e)".into());
        }
    }
    Ok(said)
}

/// Whether the timer is active, as `systemctl --user is-active` says;
/// `None` where that cannot be asked.
/// `systemctl --user is-active limber-remind.timer`: "active",
/// "inactive"...; `None` when systemctl cannot answer (not installed, no
/// user manager).
pub fn systemd_state() -> Option<String> {
    let program = std::env::var_os(SYSTEMCTL_VAR).unwrap_or_else(|| "systemctl".into());
    let out = Command::new(program).args(["--user", "is-active", &format!("{UNIT}.timer")]).output().ok()?;
    let state = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!state.is_empty()).then(|| crate::text::printable(&state))
}

fn systemctl(args: &[&str]) -> Result<(), String> {
    let program = std::env::var_os(SYSTEMCTL_VAR).unwrap_or_else(|| "systemctl".into());
    let mut all = vec!["--user"];
    all.extend_from_slice(args);
    run_program(Path::new(&program), &all)
}

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_program(Path::new(program), args)
}

/// Runs a program to completion, its output captured: a failure's first
/// line of stderr is the reason.
fn run_program(program: &Path, args: &[&str]) -> Result<(), String> {
    let name = program.file_name().map_or_else(|| "?".into(), |n| n.to_string_lossy().to_string());
    match Command::new(program).args(args).stdin(std::process::Stdio::null()).output() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(format!("{name} was not found")),
        Err(e) => Err(format!("{name} could not run: {e}")),
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => {
            let err = String::from_utf8_lossy(&out.stderr);
            let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message").trim();
            Err(format!("{name} said: {}", crate::text::printable(first)))
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), InstallError> {
    let err = |source| InstallError::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    std::fs::write(path, text).map_err(err)
}

/// Removes a file; whether there was one.
fn remove_file(path: &Path) -> Result<bool, InstallError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(InstallError::Remove { path: path.to_path_buf(), source }),
    }
}

fn shown(p: &Path) -> String {
    crate::text::printable(&p.display().to_string())
}
