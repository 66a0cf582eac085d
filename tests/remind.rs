//! The bedtime reminder and the prompt nudge, through the real binary:
//! scheduler files against golden copies (and `systemd-analyze verify`),
//! `remind at/off` with the config kept as written, `limber status` at fixed
//! times, and `remind notify` against a private D-Bus session bus.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command as Cmd;
use limber::history::record::{HoldCount, VERSION};
use limber::history::{LocalTime, Record, store};
use limber::remind::RemindAt;
use limber::remind::units::{self, Job};
use limber::routine::{Mode, Muscle, Side};

const AT: RemindAt = RemindAt { hour: 22, minute: 30 };

/// A fresh home for one test: config, data and XDG config folders.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for d in ["config", "data", "xdg"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        Home { dir }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// `limber ARGS` in this home. systemctl is a program that fails unless
    /// a test names another: no test reaches the real user manager.
    fn limber(&self, args: &[&str]) -> Cmd {
        let mut c = Cmd::cargo_bin("limber").unwrap();
        c.args(args)
            .env("LIMBER_CONFIG_DIR", self.path("config"))
            .env("LIMBER_DATA_DIR", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("xdg"))
            .env("HOME", self.dir.path())
            .env("LIMBER_SYSTEMCTL", self.path("no-systemctl"))
            .env_remove("LIMBER_NOW")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", self.path("no-runtime"));
        c
    }

    fn units(&self) -> PathBuf {
        self.path("xdg/systemd/user")
    }

    fn write_history(&self, records: &[Record]) {
        for r in records {
            store::append(&self.path("data/history.jsonl"), r).unwrap();
        }
    }
}

fn t(s: &str) -> LocalTime {
    s.parse().unwrap()
}

/// A nightly routine done (or left a quarter of the way) from `start`,
/// eight minutes.
fn nightly(start: &str, completed: bool) -> Record {
    let start = t(start);
    let end = LocalTime { instant: start.instant + jiff::SignedDuration::from_mins(8), offset: start.offset };
    Record::Session {
        v: VERSION,
        routine: "nightly".into(),
        mode: Mode::Nightly,
        start,
        end,
        completed,
        holds: vec![HoldCount { muscle: Muscle::Calf, side: Some(Side::Left), holds: 2 }],
        id: None,
        // Done means half the planned hold time held: all of it, or a quarter.
        planned_secs: Some(240),
        held_secs: Some(if completed { 240 } else { 60 }),
        skipped: None,
        scale: None,
    }
}

fn stdout(c: &mut Cmd) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

// ---------------------------------------------------------------- files

fn golden_job() -> Job {
    Job {
        exe: "/usr/local/bin/limber".into(),
        env: vec![("LIMBER_DATA_DIR".into(), "/home/ana/limber data".into())],
    }
}

/// Compares with `tests/golden/remind/NAME`; `LIMBER_BLESS=1` rewrites it.
fn golden(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/remind").join(name);
    if std::env::var_os("LIMBER_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "{name} differs from its golden copy (LIMBER_BLESS=1 rewrites it)");
}

#[test]
fn scheduler_files_match_their_golden_copies() {
    let job = golden_job();
    golden("limber-remind.timer", &units::systemd_timer(AT));
    golden("limber-remind.service", &units::systemd_service(&job));
    golden("limber.remind.plist", &units::launchd_plist(&job, AT));
    golden("crontab.txt", &format!("{}\n", units::cron_line(&job, AT)));
    // The times in each file are the ones asked for, not a constant.
    let early = RemindAt { hour: 6, minute: 5 };
    assert!(units::systemd_timer(early).contains("OnCalendar=*-*-* 06:05:00\n"));
    assert!(units::launchd_plist(&job, early).contains("<key>Hour</key>\n\t\t<integer>6</integer>"));
    assert!(units::cron_line(&job, early).starts_with("5 6 * * * "));
}

#[test]
fn systemd_analyze_accepts_the_units_and_would_catch_a_bad_one() {
    if Command::new("systemd-analyze").arg("--version").output().is_err() {
        eprintln!("skipped: systemd-analyze is not installed (Debian package `systemd`)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // `verify` checks that ExecStart's program exists: use the real one.
    let job = Job { exe: env!("CARGO_BIN_EXE_limber").into(), env: golden_job().env };
    let verify = |timer: &str| {
        std::fs::write(dir.path().join("limber-remind.timer"), timer).unwrap();
        std::fs::write(dir.path().join("limber-remind.service"), units::systemd_service(&job)).unwrap();
        Command::new("systemd-analyze")
            .args(["verify", "limber-remind.timer", "limber-remind.service"])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = verify(&units::systemd_timer(AT));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !said.contains("limber-remind"), "{said}");
    // The check is real: a timer with an impossible time is refused.
    let bad = units::systemd_timer(AT).replace("22:30:00", "25:30:00");
    assert!(!verify(&bad).status.success(), "systemd-analyze accepted OnCalendar=25:30");
}

#[test]
fn the_plist_is_a_property_list_with_the_time() {
    let Ok(out) = Command::new("python3")
        .args(["-c", "import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(units::launchd_plist(&golden_job(), AT).as_bytes())?;
            c.wait_with_output()
        })
    else {
        eprintln!("skipped: python3 is not installed to read the plist");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["StartCalendarInterval"], serde_json::json!({"Hour": 22, "Minute": 30}));
    assert_eq!(v["ProgramArguments"], serde_json::json!(["/usr/local/bin/limber", "remind", "notify"]));
    assert_eq!(v["EnvironmentVariables"]["LIMBER_DATA_DIR"], "/home/ana/limber data");
    assert_eq!(v["Label"], "limber.remind");
}

// ------------------------------------------------------- remind at / off

const CONFIG: &str =
    "# my settings\nvolume = 60 # the flat is quiet\n\n[nightly]\n# softer at night\nvolume = 30\n";

#[test]
fn remind_at_writes_the_units_enables_them_and_keeps_the_config_as_written() {
    let home = Home::new();
    std::fs::write(home.path("config/config.toml"), CONFIG).unwrap();
    // A stand-in systemctl that records how it was called.
    let fake = home.path("systemctl");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$@\" >> {}\n[ \"$2\" = is-active ] && echo active\nexit 0\n",
            home.path("calls.txt").display()
        ),
    )
    .unwrap();
    make_executable(&fake);

    let out = stdout(home.limber(&["remind", "at", "22:30"]).env("LIMBER_SYSTEMCTL", &fake));
    assert!(out.contains("Reminder set for 22:30"), "{out}");
    assert!(out.contains("enabled limber-remind.timer"), "{out}");
    let calls = std::fs::read_to_string(home.path("calls.txt")).unwrap();
    assert_eq!(calls, "--user daemon-reload\n--user enable --now limber-remind.timer\n");
    let timer = std::fs::read_to_string(home.units().join("limber-remind.timer")).unwrap();
    assert!(timer.contains("OnCalendar=*-*-* 22:30:00\nPersistent=false\n"), "{timer}");
    let service = std::fs::read_to_string(home.units().join("limber-remind.service")).unwrap();
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_limber")).unwrap();
    assert!(service.contains(&format!("ExecStart={} remind notify\n", exe.display())), "{service}");
    assert!(service.contains(&format!("LIMBER_DATA_DIR={}", home.path("data").display())), "{service}");
    let config = std::fs::read_to_string(home.path("config/config.toml")).unwrap();
    assert_eq!(config, CONFIG.replace("quiet\n", "quiet\nremind_at = \"22:30\"\n"));
    let status = stdout(home.limber(&["remind", "status"]).env("LIMBER_SYSTEMCTL", &fake));
    assert!(status.starts_with("Reminder at 22:30 every day: it is scheduled.\n"), "{status}");
    assert!(status.contains("limber-remind.timer: active\n"), "{status}");
    assert!(!status.contains("crontab"), "{status}");

    // A new time replaces the old one in place.
    stdout(home.limber(&["remind", "at", "21:05"]).env("LIMBER_SYSTEMCTL", &fake));
    let config = std::fs::read_to_string(home.path("config/config.toml")).unwrap();
    assert_eq!(config, CONFIG.replace("quiet\n", "quiet\nremind_at = \"21:05\"\n"));

    let out = stdout(home.limber(&["remind", "off"]).env("LIMBER_SYSTEMCTL", &fake));
    assert!(out.contains("turned limber-remind.timer off"), "{out}");
    assert!(!home.units().join("limber-remind.timer").exists());
    assert!(!home.units().join("limber-remind.service").exists());
    assert_eq!(std::fs::read_to_string(home.path("config/config.toml")).unwrap(), CONFIG);
    let calls = std::fs::read_to_string(home.path("calls.txt")).unwrap();
    assert!(calls.ends_with("--user disable --now limber-remind.timer\n--user daemon-reload\n"), "{calls}");
    let status = stdout(&mut home.limber(&["remind", "status"]));
    assert!(status.starts_with("No bedtime reminder is set."), "{status}");
}

#[test]
fn without_a_user_manager_the_files_are_written_and_the_cron_line_printed() {
    let home = Home::new();
    let out = stdout(&mut home.limber(&["remind", "at", "22:30"]));
    assert!(out.contains("systemctl --user is not available here (no-systemctl was not found)"), "{out}");
    assert!(out.contains("written but not turned on"), "{out}");
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_limber")).unwrap();
    let cron = out.lines().last().unwrap().trim();
    assert!(cron.starts_with("30 22 * * * LIMBER_CONFIG_DIR="), "{cron}");
    assert!(cron.ends_with(&format!("{} remind notify", exe.display())), "{cron}");
    assert!(home.units().join("limber-remind.timer").exists());
    assert_eq!(std::fs::read_to_string(home.path("config/config.toml")).unwrap(), "remind_at = \"22:30\"\n");
    // Status says plainly that nothing will go off, and how to fix it.
    let status = stdout(&mut home.limber(&["remind", "status"]));
    assert!(
        status.starts_with("Reminder time 22:30 is set, but it is not scheduled: no reminder will go off.\n"),
        "{status}"
    );
    assert!(status.contains("limber-remind.timer: systemctl --user is not available here\n"), "{status}");
    assert!(status.contains(&format!("  {cron}\n")), "{status}");
    assert!(!status.contains("every day"), "{status}");
}

#[test]
fn a_broken_config_is_refused_and_nothing_is_written() {
    let home = Home::new();
    let broken = "volume = 60\nvoluem = 3\n";
    std::fs::write(home.path("config/config.toml"), broken).unwrap();
    let out = home.limber(&["remind", "at", "22:30"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2:1: unknown key `voluem`"), "{err}");
    assert!(err.contains("did you mean the key `volume`?"), "{err}");
    assert_eq!(std::fs::read_to_string(home.path("config/config.toml")).unwrap(), broken);
    assert!(!home.units().exists(), "no unit written for a refused config");
    let out = home.limber(&["remind", "at", "7pm"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write it as HH:MM"));
}

fn make_executable(p: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

// ------------------------------------------------------------- status

fn status_at(home: &Home, now: &str) -> String {
    stdout(home.limber(&["status"]).env("LIMBER_NOW", now))
}

#[test]
fn status_is_a_word_after_the_reminder_until_the_routine_is_done() {
    let home = Home::new();
    std::fs::write(home.path("config/config.toml"), "remind_at = \"22:30\"\n").unwrap();
    home.write_history(&[nightly("2026-11-23T22:30:00+01:00", true)]); // last night
    assert_eq!(status_at(&home, "2026-11-24T22:29:00+01:00"), "");
    assert_eq!(status_at(&home, "2026-11-24T22:31:00+01:00"), "stretch\n");
    assert_eq!(status_at(&home, "2026-11-25T00:40:00+01:00"), "stretch\n", "past midnight, same night");
    assert_eq!(status_at(&home, "2026-11-25T15:00:00+01:00"), "", "not the next afternoon");
    // Left part way: still due.
    home.write_history(&[nightly("2026-11-24T22:35:00+01:00", false)]);
    assert_eq!(status_at(&home, "2026-11-24T22:50:00+01:00"), "stretch\n");
    home.write_history(&[nightly("2026-11-24T22:55:00+01:00", true)]);
    assert_eq!(status_at(&home, "2026-11-24T23:10:00+01:00"), "");
    assert_eq!(status_at(&home, "2026-11-25T01:10:00+01:00"), "", "done counts for the whole night");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        home.limber(&["status", "--format", "json"]).env("LIMBER_NOW", "2026-11-24T23:10:00+01:00"),
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"due": false, "tonight_done": true, "night": "2026-11-24",
            "remind_at": "22:30", "due_from": "22:30"})
    );
}

#[test]
fn without_a_reminder_the_evening_starts_at_eight_and_a_broken_config_stays_quiet() {
    let home = Home::new();
    assert_eq!(status_at(&home, "2026-11-24T19:59:00+01:00"), "");
    assert_eq!(status_at(&home, "2026-11-24T20:00:00+01:00"), "stretch\n");
    std::fs::write(home.path("config/config.toml"), "remind_at = \"late\"\n").unwrap();
    let out = home.limber(&["status"]).env("LIMBER_NOW", "2026-11-24T21:00:00+01:00").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "stretch\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "a prompt is never filled with errors");
    let out = home.limber(&["status"]).env("LIMBER_NOW", "yesterday").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("LIMBER_NOW must be a time with its offset"));
}

// -------------------------------------------------------- remind notify

/// A private session bus: `dbus-daemon` on a socket in a temporary folder.
struct Bus {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Bus {
    fn start() -> Option<Bus> {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("session.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.path().display()
            ),
        )
        .unwrap();
        let mut child = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take()?).read_line(&mut line).ok()?;
        Some(Bus { child, address: line.trim().to_string(), _dir: dir })
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each `Notify` call's application name, summary and body.
type Calls = Arc<Mutex<Vec<(String, String, String)>>>;

/// A stand-in notification server that records each `Notify` call.
struct Recorder(Calls);

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut calls = self.0.lock().unwrap();
        calls.push((app_name, summary, body));
        calls.len() as u32
    }
}

fn serve(bus: &Bus) -> (zbus::blocking::Connection, Calls) {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let conn = zbus::blocking::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .name("org.freedesktop.Notifications")
        .unwrap()
        .serve_at("/org/freedesktop/Notifications", Recorder(Arc::clone(&calls)))
        .unwrap()
        .build()
        .unwrap();
    (conn, calls)
}

macro_rules! require_dbus {
    () => {
        match Bus::start() {
            Some(b) => b,
            None => {
                eprintln!("skipped: dbus-daemon is not installed (Debian package `dbus`)");
                return;
            }
        }
    };
}

fn notify(home: &Home, bus: Option<&str>, now: &str) -> std::process::Output {
    let mut c = home.limber(&["remind", "notify"]);
    c.env("LIMBER_NOW", now).timeout(Duration::from_secs(30));
    if let Some(a) = bus {
        c.env("DBUS_SESSION_BUS_ADDRESS", a);
    }
    c.output().unwrap()
}

#[test]
fn notify_sends_one_notification_when_tonight_is_not_done_and_none_when_it_is() {
    let bus = require_dbus!();
    let (_server, calls) = serve(&bus);
    let home = Home::new();
    home.write_history(&[nightly("2026-11-23T22:30:00+01:00", true)]);
    let out = notify(&home, Some(&bus.address), "2026-11-24T22:30:00+01:00");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "no terminal interface");
    let minutes = {
        let lib = limber::routine::Library::load_default();
        (lib.get("nightly").unwrap().total_secs() + 30) / 60
    };
    let want = format!("Time for your {minutes}-minute bedtime stretch: run limber night");
    assert_eq!(*calls.lock().unwrap(), vec![("limber".to_string(), want, String::new())]);

    home.write_history(&[nightly("2026-11-24T22:40:00+01:00", true)]);
    let out = notify(&home, Some(&bus.address), "2026-11-24T23:00:00+01:00");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("done; no reminder"));
    assert_eq!(calls.lock().unwrap().len(), 1, "no notification once the routine is done");
}

#[test]
fn notify_on_a_bus_without_a_notification_service_exits_zero() {
    let bus = require_dbus!();
    let home = Home::new();
    let started = Instant::now();
    let out = notify(&home, Some(&bus.address), "2026-11-24T22:30:00+01:00");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing on the session bus shows notifications"));
    assert!(started.elapsed() < Duration::from_secs(20), "it does not wait for a service to appear");
}

#[test]
fn notify_without_a_bus_does_nothing_and_exits_zero() {
    let home = Home::new();
    let gone = format!("unix:path={}", home.path("no-bus").display());
    for bus in [None, Some(gone.as_str())] {
        let out = notify(&home, bus, "2026-11-24T22:30:00+01:00");
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stdout.is_empty());
        assert!(String::from_utf8_lossy(&out.stderr).contains("no desktop session"), "{bus:?}");
    }
}
