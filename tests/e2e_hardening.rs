//! Issue 8 in a real terminal (tmux): every terminating signal restores the
//! screen, special files never block the first frame, and what goes wrong
//! (a bad sound, a log that cannot be written) is a notice, not a broken
//! terminal.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{Tmux, tmux_available};

const T: Duration = Duration::from_secs(20);

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not installed");
            return;
        }
    };
}

fn kill(sig: &str, pid: u32) {
    let ok = Command::new("kill").args(["-s", sig, &pid.to_string()]).status().unwrap().success();
    assert!(ok, "kill -s {sig} {pid}");
}

/// Leaves a relief session: Escape, then Escape again on the after-care
/// (shown once a hold has started).
fn quit_relief(t: &Tmux) {
    t.keys(&["Escape"]);
    let start = std::time::Instant::now();
    while !t.exited() && start.elapsed() < T {
        if t.screen().contains("Relief stopped.") {
            t.keys(&["Escape"]);
            break;
        }
        std::thread::sleep(Duration::from_millis(40));
    }
    assert_eq!(t.wait_exit(T), Some(0));
}

fn mkfifo(path: &std::path::Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

#[test]
fn every_terminating_signal_restores_the_terminal() {
    require_tmux!();
    // Name, number on Linux.
    let mut sigs = vec![("USR1", 10), ("USR2", 12), ("ALRM", 14), ("VTALRM", 26), ("XCPU", 24)];
    if cfg!(target_os = "linux") {
        sigs.extend([("PWR", 30), ("RTMIN", 34)]);
    }
    for (name, num) in sigs {
        let t = Tmux::start(&format!("sig-{name}"), 80, 24, &["night"], &[]);
        t.wait_for("step 1 of 3", T);
        assert_eq!(t.format("#{alternate_on}"), "1");
        kill(name, t.pid());
        assert_eq!(t.wait_exit(T), Some(128 + num), "SIG{name}");
        assert_eq!(t.format("#{alternate_on}"), "0", "SIG{name}: left the alternate screen");
        let stderr = std::fs::read_to_string(t.path("stderr.txt")).unwrap();
        assert_eq!(stderr, "", "SIG{name}");
    }
}

#[test]
fn a_sigpipe_from_outside_is_ignored_and_the_session_goes_on() {
    require_tmux!();
    let t = Tmux::start("sigpipe", 80, 24, &["relief", "calf"], &[]);
    t.wait_for("HOLD", T);
    kill("PIPE", t.pid());
    std::thread::sleep(Duration::from_millis(500));
    assert!(!t.exited(), "still running");
    assert_eq!(t.format("#{alternate_on}"), "1");
    quit_relief(&t);
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn a_bad_sound_is_a_notice_and_the_session_goes_on() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::copy("tests/fixtures/sounds/rate-zero.wav", dir.path().join("config/rate-zero.wav")).unwrap();
    std::fs::write(dir.path().join("config/config.toml"), "[sounds]\nhold_end = \"rate-zero.wav\"\n")
        .unwrap();
    let t = Tmux::start_in(
        dir,
        "badsound",
        200,
        30,
        &["relief", "calf"],
        &[("LIMBER_LIBASOUND", "/nonexistent.so")],
    );
    let s = t.wait_for("sample rate of 0 Hz", T);
    assert!(s.contains("the built-in hold_end cue plays"), "{s}");
    assert!(!s.contains("panicked"), "{s}");
    assert_eq!(t.format("#{alternate_on}"), "1");
    quit_relief(&t);
    assert_eq!(std::fs::read_to_string(t.path("stderr.txt")).unwrap(), "");
}

#[test]
fn a_config_that_is_a_fifo_starts_the_session_with_a_notice() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    if !mkfifo(&dir.path().join("config/config.toml")) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let t = Tmux::start_in(dir, "cfgfifo", 200, 30, &["relief", "calf"], &[]);
    let s = t.wait_for("HOLD", T);
    t.wait_for("FIFO (named pipe), not a regular file", T);
    assert!(s.contains("the cramped leg") || t.screen().contains("the cramped leg"));
    quit_relief(&t);
}

#[test]
fn an_event_log_fifo_needs_a_reader() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    if !mkfifo(&dir.path().join("events.fifo")) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let t = Tmux::start_in(dir, "logfifo", 80, 24, &["night", "--event-log", "events.fifo"], &[]);
    assert_eq!(t.wait_exit(T), Some(1), "no reader: a clear error, not a hang");
    let err = std::fs::read_to_string(t.path("stderr.txt")).unwrap();
    assert!(err.contains("cannot create the event log events.fifo"), "{err}");
    assert!(err.contains("FIFO (named pipe) with no reader; start the reader first"), "{err}");

    // With a reader, the log flows through the FIFO.
    let fifo = t.path("events.fifo");
    let out = t.path("read.jsonl");
    let mut reader = Command::new("sh")
        .arg("-c")
        .arg(format!("cat '{}' > '{}'", fifo.display(), out.display()))
        .spawn()
        .unwrap();
    // Give the reader time to open its end.
    std::thread::sleep(Duration::from_millis(300));
    let t2 = Tmux::start_in(
        tempfile::tempdir().unwrap(),
        "logfifo2",
        80,
        24,
        &["relief", "calf", "--event-log", fifo.to_str().unwrap()],
        &[],
    );
    t2.wait_for("HOLD", T);
    quit_relief(&t2);
    let _ = reader.wait();
    let got = std::fs::read_to_string(&out).unwrap();
    assert!(got.contains("\"event\":\"hold_started\""), "{got}");
}

#[test]
fn an_event_log_on_a_full_disk_is_a_notice() {
    require_tmux!();
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full on this system");
        return;
    }
    let t = Tmux::start("logfull", 200, 30, &["relief", "calf", "--event-log", "/dev/full"], &[]);
    t.wait_for("HOLD", T);
    t.wait_for("the event log /dev/full stopped: No space left on device", T);
    quit_relief(&t);
}

#[test]
fn mute_works_on_the_home_screen() {
    require_tmux!();
    let t = Tmux::start("homemute", 80, 24, &["--mute"], &[]);
    let s = t.wait_for("muted", T);
    assert!(s.contains("Nightly routine"), "the home screen: {s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

/// A private tmux server running an interactive shell, for job control.
struct Shell {
    socket: String,
    dir: tempfile::TempDir,
}

impl Shell {
    fn start(name: &str) -> Shell {
        let s = Shell {
            socket: format!("limber-test-{}-{name}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        };
        s.tmux(&["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24"]);
        s.tmux(&[
            "respawn-pane",
            "-k",
            "-t",
            "t",
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color PS1='$ ' bash --norc --noprofile -i",
        ]);
        s
    }
    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t:0"])
    }
    fn line(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t:0", "-l", text]);
        self.tmux(&["send-keys", "-t", "t:0", "Enter"]);
    }
    fn wait_for(&self, text: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(start.elapsed() < T, "timed out waiting for {text:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(40));
        }
    }
    fn alternate(&self) -> String {
        self.tmux(&["display-message", "-p", "-t", "t:0", "#{alternate_on}"]).trim().to_string()
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

#[test]
fn after_kill_stop_and_kill_cont_one_fg_resumes() {
    require_tmux!();
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("skipped: bash is not installed");
        return;
    }
    let sh = Shell::start("stopcont");
    sh.wait_for("$");
    let d = sh.dir.path().display().to_string();
    sh.line(&format!(
        "LIMBER_CONFIG_DIR={d}/c LIMBER_DATA_DIR={d}/d {} night & echo pid=$!; fg",
        env!("CARGO_BIN_EXE_limber")
    ));
    sh.wait_for("step 1 of 3");
    let pid: u32 = {
        let out = Command::new("pgrep")
            .args(["-f", &format!("{} night", env!("CARGO_BIN_EXE_limber"))])
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&out.stdout).into_owned();
        // Only ours: its environment names our folder.
        all.lines()
            .filter_map(|l| l.trim().parse::<u32>().ok())
            .find(|p| {
                std::fs::read(format!("/proc/{p}/environ"))
                    .is_ok_and(|e| String::from_utf8_lossy(&e).contains(&d))
            })
            .expect("limber's pid")
    };
    kill("STOP", pid);
    // SIGSTOP cannot be caught: the screen stays as it was.
    sh.wait_for("Stopped");
    kill("CONT", pid);
    std::thread::sleep(Duration::from_millis(500));
    sh.line("fg");
    // Wait until the shell has handed the terminal over and limber runs:
    // /proc/PID/stat has the state (field 3), the process group (5) and the
    // terminal's foreground group (8). A key typed before that would be the
    // shell's.
    let stat = |p: u32| -> Vec<String> {
        let s = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
        s.rsplit(')').next().unwrap_or("").split_whitespace().map(String::from).collect()
    };
    let start = std::time::Instant::now();
    loop {
        let f = stat(pid);
        if f.len() > 5 && f[0] != "T" && f[2] == f[5] {
            break;
        }
        assert!(start.elapsed() < T, "one fg: still stopped or in the background: {f:?}");
        std::thread::sleep(Duration::from_millis(40));
    }
    // Let it take the terminal back (raw mode, redraw) before typing.
    std::thread::sleep(Duration::from_millis(500));
    assert_ne!(stat(pid)[0], "T", "one fg: running, not stopped again");
    // It takes keys and draws: `m` mutes, and the footer says so.
    sh.tmux(&["send-keys", "-t", "t:0", "m"]);
    let s = sh.wait_for("muted");
    assert!(s.contains("step 1 of 3"), "{s}");
    assert_eq!(sh.alternate(), "1", "one fg brings the session back");
    sh.tmux(&["send-keys", "-t", "t:0", "q"]);
    sh.tmux(&["send-keys", "-t", "t:0", "q"]);
    std::thread::sleep(Duration::from_millis(500));
    let _ = Command::new("kill").arg(pid.to_string()).status();
}

#[test]
fn a_history_linked_to_dev_zero_is_a_notice_not_an_abort() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("data/history.jsonl")).unwrap();
    let t = Tmux::start_in(dir, "histzero", 200, 30, &[], &[]);
    let s = t.wait_for("history could not be read: it is a device, not a regular file", T);
    assert!(s.contains("Nightly routine"), "the home screen is up: {s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    assert_eq!(t.format("#{alternate_on}"), "0");
}
