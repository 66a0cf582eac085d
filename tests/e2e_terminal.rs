//! The real binary in a real terminal (tmux): whole sessions typed as a
//! person would, and signals that must leave the terminal restored.

mod common;

use std::time::Duration;

use common::{Tmux, read_log, tmux_available};

const T: Duration = Duration::from_secs(20);

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not installed");
            return;
        }
    };
}

fn events<'a>(log: &'a [serde_json::Value], name: &str) -> Vec<&'a serde_json::Value> {
    log.iter().filter(|e| e["event"] == name).collect()
}

#[test]
fn a_full_relief_session() {
    require_tmux!();
    let t = Tmux::start(
        "relief",
        90,
        30,
        &["relief", "calf", "--event-log", "events.jsonl"],
        &[("LIMBER_TIME_SCALE", "20")],
    );
    let s = t.wait_for("HOLD", T);
    assert!(s.contains("the cramped leg"), "{s}");
    t.wait_for("Still cramping?", T);
    t.keys(&["Space"]);
    t.wait_for("hold 2", T);
    t.wait_for("Still cramping?", T);
    t.keys(&["Enter"]);
    let s = t.wait_for("The cramp has gone.", T);
    assert!(s.contains("2 holds"), "{s}");
    assert!(s.contains("Massage"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    assert_eq!(t.format("#{alternate_on}"), "0", "left the alternate screen");

    let log = read_log(&t.path("events.jsonl"));
    assert_eq!(events(&log, "hold_started").len(), 2);
    assert_eq!(events(&log, "its_gone").len(), 1);
    assert_eq!(log.last().unwrap()["event"], "routine_complete");
    // The seated stretch by default: nobody is asked to stand on a cramp.
    assert!(log.iter().all(|e| e["stretch"] == "calf-seated"));
}

#[test]
fn relief_without_a_muscle_picks_with_one_key() {
    require_tmux!();
    let t = Tmux::start("picker", 80, 24, &["relief"], &[("LIMBER_TIME_SCALE", "20")]);
    t.wait_for("Which muscle is cramping?", T);
    // `t` for thigh: `q` quits here as everywhere.
    t.keys(&["t"]);
    let s = t.wait_for("HOLD", T);
    assert!(s.contains("Quadriceps stretch at a chair"), "{s}");
    t.keys(&["Escape"]);
    // A hold had started: the after-care shows before the exit.
    t.wait_for("Relief stopped.", T);
    t.keys(&["Escape"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

#[test]
fn a_full_nightly_session_with_accurate_holds() {
    require_tmux!();
    let t = Tmux::start(
        "nightly",
        80,
        24,
        &["night", "--event-log", "events.jsonl"],
        &[("LIMBER_TIME_SCALE", "40")],
    );
    t.wait_for("step 1 of 3", T);
    t.wait_for("step 2 of 3", T);
    t.wait_for("step 3 of 3", T);
    let s = t.wait_for("Good night", T);
    assert!(s.contains("Habits that help prevent cramps"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));

    let log = read_log(&t.path("events.jsonl"));
    let starts = events(&log, "hold_started");
    let ends = events(&log, "hold_ended");
    assert_eq!(starts.len(), 12);
    assert_eq!(ends.len(), 12);
    assert_eq!(events(&log, "switch_sides").len(), 3);
    let sides: Vec<&str> = starts.iter().map(|e| e["side"].as_str().unwrap()).collect();
    assert_eq!(&sides[..4], ["left", "left", "right", "right"]);
    let done = log.last().unwrap();
    assert_eq!(done["event"], "routine_complete");
    // Loose bounds here (the machine may be busy); the benchmark script
    // measures the real accuracy.
    let total = done["ms"].as_u64().unwrap();
    assert!((470_000..470_000 + 2_000).contains(&total), "total {total} ms");
    for (s, e) in starts.iter().zip(&ends) {
        let held = e["ms"].as_u64().unwrap() - s["ms"].as_u64().unwrap();
        assert!(held.abs_diff(30_000) < 1_000, "hold lasted {held} ms");
    }
}

fn signal_restores_terminal(name: &str, signal: &str, code: i32) {
    let t = Tmux::start(name, 80, 24, &["night"], &[]);
    t.wait_for("HOLD", T);
    assert_eq!(t.format("#{alternate_on}"), "1", "the TUI uses the alternate screen");
    assert_eq!(t.format("#{cursor_flag}"), "0", "the TUI hides the cursor");
    let status =
        std::process::Command::new("kill").args(["-s", signal, &t.pid().to_string()]).status().unwrap();
    assert!(status.success());
    assert_eq!(t.wait_exit(T), Some(code));
    assert_eq!(t.format("#{alternate_on}"), "0", "{signal}: alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "{signal}: cursor shown");
}

#[test]
fn sigterm_mid_session_restores_the_terminal() {
    require_tmux!();
    signal_restores_terminal("term", "TERM", 143);
}

#[test]
fn sighup_mid_session_restores_the_terminal() {
    require_tmux!();
    signal_restores_terminal("hup", "HUP", 129);
}

#[test]
fn resizing_to_tiny_and_back_keeps_working() {
    require_tmux!();
    let t = Tmux::start("resize", 80, 24, &["relief", "h"], &[]);
    t.wait_for("the cramped leg", T);
    let resize = |w: &str, h: &str| {
        std::process::Command::new("tmux")
            .args(["-L", &format!("limber-test-{}-resize", std::process::id())])
            .args(["resize-window", "-t", "t", "-x", w, "-y", h])
            .output()
            .unwrap();
    };
    resize("20", "5");
    t.wait_for("enlarge", T);
    resize("100", "30");
    t.wait_for("the cramped leg", T);
    assert!(!t.exited());
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

#[test]
fn bad_time_scale_is_a_clear_error_before_the_terminal_is_touched() {
    require_tmux!();
    let t = Tmux::start("scale", 80, 24, &["night"], &[("LIMBER_TIME_SCALE", "0.5")]);
    assert_eq!(t.wait_exit(T), Some(1));
    let err = std::fs::read_to_string(t.path("stderr.txt")).unwrap();
    assert_eq!(err, "limber: LIMBER_TIME_SCALE must be a number from 1 to 1000, found \"0.5\"\n");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn voice_prompts_name_the_stretch_and_stop_with_the_session() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    // A stand-in speech program: records what it is asked to say, then
    // keeps "speaking" so the test can see it being stopped.
    let marker = format!("fake-say-{}", std::process::id());
    let speaker = dir.path().join(&marker);
    std::fs::write(
        &speaker,
        format!("#!/bin/sh\necho \"$@\" >> {}/said.txt\nexec sleep 30\n", dir.path().display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&speaker, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(config.join("config.toml"), format!("voice = \"{}\"\n", speaker.display())).unwrap();

    let t = Tmux::start_in(dir, "voice", 80, 24, &["night"], &[("LIMBER_TIME_SCALE", "20")]);
    t.wait_for("SWITCH LEGS", T);
    t.keys(&["q"]);
    t.wait_for("Stop the routine?", T);
    t.keys(&["y"]);
    assert_eq!(t.wait_exit(T), Some(0));
    let said = std::fs::read_to_string(t.path("said.txt")).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    // The stretch's name, the leg and its cue line from the catalogue.
    assert_eq!(
        lines[0],
        "Standing calf stretch, left leg. Weight on the leg, knee slightly bent. Hold for 30 seconds."
    );
    assert_eq!(
        lines[1],
        "Standing calf stretch, right leg. Weight on the leg, knee slightly bent. Hold for 30 seconds."
    );
    std::thread::sleep(Duration::from_millis(300));
    let left = std::process::Command::new("pgrep").args(["-f", &marker]).output().unwrap();
    assert!(left.stdout.is_empty(), "speech is stopped when the session ends");
}

#[test]
fn a_broken_config_still_starts_the_stretch_and_says_why() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    // One bad key: the other settings still count (the start stretch here).
    let config = "volume = 300\n[relief]\ncalf = \"calf-standing\"\n";
    std::fs::write(dir.path().join("config/config.toml"), config).unwrap();
    let t = Tmux::start_in(dir, "badconfig", 100, 30, &["relief", "calf"], &[]);
    let s = t.wait_for("HOLD", T);
    assert!(s.contains("config.toml line 1: `volume` must be from 0 to 100 percent"), "{s}");
    assert!(s.contains("found 300; `volume` ignored"), "{s}");
    // Standing first, as `[relief] calf` asks: the others are the alternatives.
    assert!(s.contains("Other stretches: 2 Seated calf stretch · 3 Straight-leg foot pull"), "{s}");
    t.keys(&["q"]);
    // A hold had started: leaving shows the after-care before the exit.
    t.wait_for("Relief stopped.", T);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    require_tmux!();
    let t = Tmux::start("suspend", 80, 24, &["night"], &[]);
    t.wait_for("HOLD", T);
    t.keys(&["C-z"]);
    // limber runs under a non-interactive shell here, so there is no job
    // prompt and `fg`: the process is stopped, and SIGCONT (what `fg` sends)
    // continues it. While stopped, the terminal must be back to normal.
    let start = std::time::Instant::now();
    while t.format("#{alternate_on}") != "0" && start.elapsed() < T {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(t.format("#{alternate_on}"), "0", "suspended: the shell's screen is back");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    let pid = t.pid().to_string();
    std::process::Command::new("kill").args(["-CONT", &pid]).status().unwrap();
    t.wait_for("HOLD", T);
    assert_eq!(t.format("#{alternate_on}"), "1", "continued: the TUI is back");
    t.keys(&["Space"]);
    t.wait_for("Paused", T);
    t.keys(&["q"]);
    t.wait_for("Stop the routine?", T);
    t.keys(&["y"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

/// Every word limber could print: the words of its sources and data.
fn vocabulary() -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    let mut stack = ["src", "routines", "assets"].map(std::path::PathBuf::from).to_vec();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            words.extend(text.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_lowercase));
        }
    }
    words
}

/// Words on a captured screen that limber never prints whole: a word cut
/// at the edge of a box or the screen.
/// Text beside an overlay is covered by it, not cut: on rows with a box
/// border only what is inside the box counts.
fn cut_words(screen: &str, vocab: &std::collections::HashSet<String>) -> Vec<String> {
    let border = |c: char| "│┌└┐┘║█".contains(c);
    let inside: Vec<&str> = screen
        .lines()
        .map(|l| match (l.find(border), l.rfind(border)) {
            (Some(a), Some(b)) if a < b => &l[a..b],
            _ => l,
        })
        .collect();
    inside
        .join("\n")
        .split(|c: char| !c.is_ascii_alphabetic() && c != '…')
        .filter(|w| w.len() >= 3 && !w.ends_with('…'))
        .map(str::to_lowercase)
        .filter(|w| !vocab.contains(w))
        .collect()
}

/// Reads the screen until `done` shows (or the program ends), keeping every
/// distinct capture.
fn captures_until(t: &Tmux, done: &str, seen: &mut Vec<String>) {
    let start = std::time::Instant::now();
    while start.elapsed() < T {
        let s = t.screen();
        // A capture taken mid-redraw mixes two frames: keep steady ones.
        std::thread::sleep(Duration::from_millis(30));
        if s == t.screen() && !seen.contains(&s) {
            seen.push(s.clone());
        }
        if s.contains(done) || t.exited() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{done:?} never showed");
}

#[test]
fn relief_and_nightly_at_small_sizes_never_cut_a_word() {
    require_tmux!();
    let vocab = vocabulary();
    assert!(vocab.contains("cramping") && !vocab.contains("crampi"));
    assert_eq!(cut_words("Still crampi · Space: hold aga", &vocab), ["crampi", "aga"]);
    for (w, h) in [(50u16, 15u16), (80, 24)] {
        let mut seen = Vec::new();
        let t = Tmux::start(
            &format!("cut-relief-{w}"),
            w,
            h,
            &["relief", "calf"],
            &[("LIMBER_TIME_SCALE", "20")],
        );
        captures_until(&t, "Still cramping?", &mut seen);
        t.keys(&["?"]);
        captures_until(&t, "Keys", &mut seen);
        for _ in 0..12 {
            t.keys(&["Down"]);
            captures_until(&t, "Keys", &mut seen);
        }
        t.keys(&["x"]);
        captures_until(&t, "Still cramping?", &mut seen);
        t.keys(&["Enter"]);
        captures_until(&t, "The cramp has gone.", &mut seen);
        for _ in 0..12 {
            t.keys(&["Down"]);
            captures_until(&t, "After-care", &mut seen);
        }
        t.keys(&["q"]);
        assert_eq!(t.wait_exit(T), Some(0));

        let n = Tmux::start(&format!("cut-night-{w}"), w, h, &["night"], &[("LIMBER_TIME_SCALE", "40")]);
        captures_until(&n, "Good night", &mut seen);
        n.keys(&["q"]);
        assert_eq!(n.wait_exit(T), Some(0));

        assert!(seen.len() > 10, "{w}x{h}: only {} screens captured", seen.len());
        // The pane before the first frame and after the exit is not limber's.
        for s in seen.iter().filter(|s| !s.trim().is_empty() && !s.contains("limber-exit")) {
            let cut = cut_words(s, &vocab);
            assert!(cut.is_empty(), "{w}x{h}: cut-off words {cut:?} in:\n{s}");
            let footer = s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
            assert!(
                footer.contains("q") || footer.contains("Esc"),
                "{w}x{h}: no way out in the footer: {footer:?}"
            );
        }
    }
}
