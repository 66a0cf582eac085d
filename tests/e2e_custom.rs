//! Customising routines in a real terminal (tmux): the `limber edit` loop
//! answered by typing, the nightly routine chosen in config.toml, and the
//! screen before a nightly routine whose user file is broken.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{Tmux, tmux_available};

const T: Duration = Duration::from_secs(20);
const MINIMAL: &str = include_str!("fixtures/valid/minimal.toml");

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not installed");
            return;
        }
    };
}

/// A folder with `config/routines/minimal.toml` and an editor script that
/// writes `versions[N-1]` on its Nth call (the last one from then on).
fn prepared(versions: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("config/routines")).unwrap();
    fs::write(d.join("config/routines/minimal.toml"), MINIMAL).unwrap();
    for (i, v) in versions.iter().enumerate() {
        fs::write(d.join(format!("version{}", i + 1)), v).unwrap();
    }
    let last = versions.len();
    let p = d.display();
    fs::write(
        d.join("editor.sh"),
        format!(
            "#!/bin/sh\nn=$(cat {p}/calls 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > {p}/calls\n\
             [ $n -gt {last} ] && n={last}\ncp {p}/version$n \"$1\"\n"
        ),
    )
    .unwrap();
    fs::set_permissions(d.join("editor.sh"), fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// Waits until `path` contains `text` the `count`th time.
fn wait_file(path: &Path, text: &str, count: usize) -> String {
    let start = Instant::now();
    loop {
        let s = fs::read_to_string(path).unwrap_or_default();
        if s.matches(text).count() >= count {
            return s;
        }
        assert!(start.elapsed() < T, "timed out waiting for {text:?} in {}:\n{s}", path.display());
        std::thread::sleep(Duration::from_millis(40));
    }
}

fn broken() -> String {
    MINIMAL.replace("calf-standing\"", "calf-standing\"\nhold = 45")
}

#[test]
fn edit_again_then_a_fixed_file_is_accepted() {
    require_tmux!();
    let dir = prepared(&[&broken(), &MINIMAL.replace("\"Minimal\"", "\"Fixed\"")]);
    let editor = dir.path().join("editor.sh").display().to_string();
    let t = Tmux::start_in(dir, "edit-again", 100, 20, &["edit", "minimal"], &[("EDITOR", &editor)]);
    let err = wait_file(&t.path("stderr.txt"), "What now?", 1);
    assert!(err.contains("minimal.toml:11:8: `hold` must be from 15 to 30"), "{err}");
    t.keys(&["Enter"]); // Enter is "edit again"
    assert_eq!(t.wait_exit(T), Some(0));
    assert!(t.screen().contains("ok config/routines/minimal.toml"), "{}", t.screen());
    let now = fs::read_to_string(t.path("config/routines/minimal.toml")).unwrap();
    assert!(now.contains("title = \"Fixed\""), "{now}");
    assert_eq!(fs::read_to_string(t.path("calls")).unwrap().trim(), "2");
}

#[test]
fn keep_leaves_the_broken_file_and_restore_puts_the_old_one_back() {
    require_tmux!();
    for (answer, code, expect_broken) in [("k", 1, true), ("r", 1, false), ("e", 1, false)] {
        let dir = prepared(&[&broken()]);
        let editor = dir.path().join("editor.sh").display().to_string();
        let t = Tmux::start_in(
            dir,
            &format!("edit-{answer}"),
            100,
            20,
            &["edit", "minimal"],
            &[("EDITOR", &editor)],
        );
        wait_file(&t.path("stderr.txt"), "What now?", 1);
        if answer == "e" {
            // Edit again (still broken), then an unknown answer, then restore.
            t.keys(&["e", "Enter"]);
            wait_file(&t.path("stderr.txt"), "What now?", 2);
            t.keys(&["x", "Enter"]);
            wait_file(&t.path("stderr.txt"), "please answer e, r or k", 1);
            t.keys(&["r", "Enter"]);
        } else {
            t.keys(&[answer, "Enter"]);
        }
        assert_eq!(t.wait_exit(T), Some(code), "{answer}");
        let now = fs::read_to_string(t.path("config/routines/minimal.toml")).unwrap();
        assert_eq!(now == broken(), expect_broken, "{answer}: {now}");
        if !expect_broken {
            assert_eq!(now, MINIMAL, "{answer}");
        }
        let err = fs::read_to_string(t.path("stderr.txt")).unwrap();
        let said =
            if expect_broken { "kept config/routines/minimal.toml with its errors" } else { "restored" };
        assert!(err.contains(said), "{answer}: {err}");
    }
}

#[test]
fn night_runs_the_routine_config_names() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config/routines")).unwrap();
    fs::copy("tests/fixtures/valid/own-stretch.toml", dir.path().join("config/routines/evening.toml"))
        .unwrap();
    fs::write(dir.path().join("config/config.toml"), "nightly = \"evening-calves\"\n").unwrap();
    let t = Tmux::start_in(dir, "night-config", 90, 30, &["night"], &[]);
    let s = t.wait_for("Evening calves", T);
    assert!(s.contains("nightly"), "{s}");
    t.keys(&["C-c"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

#[test]
fn a_broken_nightly_file_stops_at_a_screen_that_offers_the_builtin() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config/routines")).unwrap();
    fs::copy("tests/fixtures/broken-override/nightly.toml", dir.path().join("config/routines/nightly.toml"))
        .unwrap();
    let t = Tmux::start_in(dir, "broken-night", 80, 24, &["night"], &[]);
    let s = t.wait_for("Your routine file has errors", T);
    assert!(s.contains("config/routines/nightly.toml, line 13:"), "{s}");
    assert!(s.contains("Enter  run the built-in instead"), "{s}");
    assert!(!s.contains("GET READY") && !s.contains("HOLD"), "nothing runs before the choice: {s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    let err = fs::read_to_string(t.path("stderr.txt")).unwrap();
    assert!(err.contains("fix it with `limber edit nightly`"), "{err}");
    assert!(err.contains("nightly.toml:13:8: `hold` must be from 15 to 30"), "{err}");
}
