//! The history file through the real binary: concurrent writers, sessions
//! recorded by the TUI, and an unwritable data folder.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Tmux, tmux_available};
use limber::history::store;

const T: Duration = Duration::from_secs(30);

fn limber(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_limber"));
    cmd.env("LIMBER_DATA_DIR", data).env("LIMBER_CONFIG_DIR", data.join("config"));
    cmd
}

#[test]
fn two_processes_appending_500_records_each_leave_1000_valid_records() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let writers: Vec<_> = [("calf", "2026-11-01 03:00"), ("hamstring", "2026-11-02 04:00")]
        .into_iter()
        .map(|(muscle, at)| {
            let data = data.clone();
            std::thread::spawn(move || {
                for _ in 0..500 {
                    let out = limber(&data).args(["log", muscle, "--at", at]).output().unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let loaded = store::load(&data.join("history.jsonl")).unwrap();
    assert_eq!(loaded.unreadable, 0, "no line was interleaved");
    assert_eq!(loaded.records.len(), 1000);
    let text = std::fs::read_to_string(data.join("history.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 1000);
}

#[test]
fn log_and_history_json_agree() {
    let dir = tempfile::tempdir().unwrap();
    for (m, at) in [("calf", "2026-11-20 03:10"), ("q", "2026-11-21 02:00")] {
        let out = limber(dir.path()).args(["log", m, "--at", at]).output().unwrap();
        assert!(out.status.success());
    }
    let out = limber(dir.path()).args(["log", "calf", "--at", "2999-01-01 00:00"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a time in the future is refused");
    let out = limber(dir.path()).args(["log", "calf", "--at", "last night"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("like \"2026-11-22 03:10\""));

    let out = limber(dir.path()).args(["history", "--days", "3650", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = v["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["muscle"], "quadriceps");
    assert_eq!(records[1]["logged"], true);
    assert!(records[0]["at"].as_str().unwrap().starts_with("2026-11-20T03:10:00"));
    assert_eq!(v["streak"], 0);
}

#[test]
fn a_damaged_history_is_reported_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/history/sample.jsonl", dir.path().join("history.jsonl")).unwrap();
    let out = limber(dir.path()).args(["history"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("unreadable line").count(), 1, "{err}");
    assert!(err.contains("1 unreadable line in"), "{err}");
    assert!(err.contains("history.jsonl, line 7"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("history.jsonl")).unwrap(),
        std::fs::read("tests/fixtures/history/sample.jsonl").unwrap()
    );
}

#[test]
fn a_relief_session_records_the_session_and_the_cramp() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    let t = Tmux::start("hist-relief", 80, 24, &["relief", "calf"], &[("LIMBER_TIME_SCALE", "20")]);
    t.wait_for("Still cramping?", T);
    t.keys(&["Space"]);
    t.wait_for("hold 2", T);
    t.wait_for("Still cramping?", T);
    t.keys(&["Enter"]);
    t.wait_for("The cramp has gone.", T);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    let loaded = store::load(&t.path("data/history.jsonl")).unwrap();
    let json: Vec<serde_json::Value> =
        loaded.records.iter().map(|r| serde_json::to_value(r).unwrap()).collect();
    assert_eq!(json.len(), 2, "{json:?}");
    assert_eq!(json[0]["kind"], "session");
    assert_eq!(json[0]["routine"], "calf-relief");
    assert_eq!(json[0]["completed"], true);
    assert_eq!(json[1]["kind"], "cramp");
    assert_eq!(json[1]["muscle"], "calf");
    assert_eq!(json[1]["holds"], 2);
    assert_eq!(json[1]["logged"], false);
}

#[test]
fn a_stopped_nightly_session_is_recorded_as_not_completed() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    let t = Tmux::start("hist-stop", 80, 24, &["night"], &[]);
    t.wait_for("HOLD", T);
    let pid = t.pid();
    Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    assert_eq!(t.wait_exit(T), Some(143));
    let loaded = store::load(&t.path("data/history.jsonl")).unwrap();
    let json = serde_json::to_value(&loaded.records).unwrap();
    assert_eq!(json[0]["routine"], "nightly");
    assert_eq!(json[0]["completed"], false);
}

#[test]
fn an_unwritable_data_folder_warns_and_the_session_runs_to_the_end() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    // A data folder under a regular file can never be created, even by
    // root (who would ignore a read-only mode bit).
    let t = Tmux::start(
        "hist-ro",
        100,
        30,
        &["relief", "quad"],
        &[("LIMBER_TIME_SCALE", "20"), ("LIMBER_DATA_DIR", "/dev/null/limber")],
    );
    let s = t.wait_for("this session will not be saved", T);
    assert!(s.contains("the cramped leg"), "the stretch is on screen: {s}");
    t.wait_for("Still cramping?", T);
    t.keys(&["Enter"]);
    t.wait_for("The cramp has gone.", T);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}
