//! Resuming a nightly routine, in a real terminal (tmux): a SIGTERM part
//! way, then `limber night` again the same night offers to resume at the
//! next step; finishing from there makes the night count once.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Tmux, tmux_available};

const T: Duration = Duration::from_secs(40);

/// `limber history --json`'s summary for a data folder.
fn summary(data: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(["history", "--json"])
        .env("LIMBER_DATA_DIR", data)
        .env("LIMBER_CONFIG_DIR", data.join("no-config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if j.get("summary").is_some() { j["summary"].clone() } else { j }
}

/// The history as if the runs had been at normal speed: the test runs the
/// routine 20 times faster, and sped-up runs are (rightly) never counted,
/// so the speed marker is taken out before asking what counts. Nothing
/// else in the records changes.
fn unscaled_copy(history: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("history.jsonl"), history.replace(",\"scale\":20.0", "")).unwrap();
    dir
}

fn lines(history: &str, kind: &str) -> Vec<serde_json::Value> {
    let tag = format!("\"kind\":\"{kind}\"");
    history.lines().filter(|l| l.contains(&tag)).map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn sigterm_part_way_then_resume_counts_one_night() {
    if !tmux_available() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let scale = [("LIMBER_TIME_SCALE", "20")];
    let first = Tmux::start("remind-resume-1", 80, 24, &["night"], &scale);
    first.wait_for("step 2 of 3", T);
    let kill = std::process::Command::new("kill").args(["-TERM", &first.pid().to_string()]).status().unwrap();
    assert!(kill.success());
    assert_eq!(first.wait_exit(T), Some(143));
    let history = std::fs::read_to_string(first.path("data/history.jsonl")).unwrap();
    let sessions = lines(&history, "session");
    assert_eq!(sessions.len(), 1, "the part is recorded on SIGTERM: {history}");
    assert_eq!(sessions[0]["completed"], false);
    // On its own the first part (step 1 of 3) is not a night done.
    let alone = unscaled_copy(&history);
    assert_eq!(summary(alone.path())["nights_done"], 0, "{history}");

    // The same night, in the same data folder.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/history.jsonl"), &history).unwrap();
    drop(first);
    let second = Tmux::start_in(dir, "remind-resume-2", 80, 24, &["night"], &scale);
    let s = second.wait_for("or start over", T);
    assert!(s.contains("Resume at step 2 of 3 (hamstring), or start over"), "{s}");
    second.keys(&["Enter"]);
    let s = second.wait_for("step 2 of 3", T);
    assert!(!s.contains("step 1 of 3"), "{s}");
    second.wait_for("Routine done. Good night.", T);
    second.keys(&["q"]);
    assert_eq!(second.wait_exit(T), Some(0));

    let history = std::fs::read_to_string(second.path("data/history.jsonl")).unwrap();
    let sessions = lines(&history, "session");
    assert_eq!(sessions.len(), 2, "two parts: {history}");
    let starts = lines(&history, "start");
    // The resumed part plans only what was left, and held all of it.
    assert!(starts[1]["planned_secs"].as_u64() < starts[0]["planned_secs"].as_u64(), "{history}");
    assert_eq!(sessions[1]["held_secs"], sessions[1]["planned_secs"], "{history}");
    assert!(lines(&history, "hold").iter().skip(4).all(|h| h["step"].as_u64() >= Some(1)), "{history}");
    let both = unscaled_copy(&history);
    let s = summary(both.path());
    assert_eq!(s["nights_done"], 1, "{s}");
    assert_eq!(s["streak"], 1, "{s}");
}
