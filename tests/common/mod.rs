//! Running the real binary in a terminal: a private tmux server per test,
//! keys typed with send-keys, the screen read with capture-pane.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server and one pane running a command.
pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

/// Whether tmux can be used here; tests print why they skip otherwise.
pub fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts `limber ARGS` in a `w`×`h` pane with `env`, in a fresh config
    /// and data folder. The pane stays after the program exits so its exit
    /// status and last screen can be read.
    pub fn start(name: &str, w: u16, h: u16, args: &[&str], env: &[(&str, &str)]) -> Tmux {
        Self::start_in(tempfile::tempdir().unwrap(), name, w, h, args, env)
    }

    /// As [`start`](Self::start), in a folder the test has prepared (for
    /// example with `config/config.toml`).
    pub fn start_in(
        dir: tempfile::TempDir,
        name: &str,
        w: u16,
        h: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tmux {
        let socket = format!("limber-test-{}-{name}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_limber");
        let mut cmd = format!(
            "cd {} && env LIMBER_CONFIG_DIR=config LIMBER_DATA_DIR=data TERM=xterm-256color",
            dir.path().display()
        );
        for (k, v) in env {
            cmd.push_str(&format!(" {k}={v}"));
        }
        cmd.push_str(&format!(" {bin}"));
        for a in args {
            cmd.push_str(&format!(" '{a}'"));
        }
        // stderr goes to a file the test can read; the shell outlives limber
        // so its last output is not lost with the pane, and says how limber
        // ended.
        cmd.push_str(" 2>stderr.txt; echo limber-exit=$?; sleep 3600");
        let t = Tmux { socket, dir };
        t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        t.tmux(&["respawn-pane", "-k", "-t", "t", &cmd]);
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// limber's screen (window 0 of the session).
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t:0"])
    }

    /// Opens a second window and makes it current (tmux flags a bell only
    /// in windows that are not current).
    pub fn new_window(&self) {
        self.tmux(&["new-window", "-t", "t"]);
    }

    /// A tmux format value for window `index`.
    pub fn format_window(&self, index: u32, f: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", &format!("t:{index}"), f]).trim().to_string()
    }

    /// Types keys as tmux names them ("Space", "Enter", "q").
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t:0"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// A tmux format value for the pane, such as `#{alternate_on}`.
    pub fn format(&self, f: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "t:0", f]).trim().to_string()
    }

    /// limber's process id: the pane's shell's child.
    pub fn pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }

    /// Whether limber has ended.
    pub fn exited(&self) -> bool {
        self.screen().contains("limber-exit=")
    }

    /// limber's exit status once it has ended.
    pub fn wait_exit(&self, timeout: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            let s = self.screen();
            if let Some(at) = s.find("limber-exit=") {
                let code: String = s[at + 12..].chars().take_while(char::is_ascii_digit).collect();
                return code.parse().ok();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

/// Reads an event log: one JSON object per line.
pub fn read_log(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
