//! Audio through the real binary: real ALSA with its `file` plugin capturing
//! what limber plays, the bell fallback when ALSA is missing or has no
//! device, and the guarantee that libasound is never linked.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Tmux, read_log, tmux_available};
use limber::audio::cues::{Cue, Voicing, render, to_pcm};

const T: Duration = Duration::from_secs(30);

/// A short nightly routine: both legs, one 15 s hold each.
const SHORT: &str = r#"
id = "short"
title = "Short"
mode = "nightly"
muscles = ["calf"]
summary = "One stretch, both legs."
source = "leg-cramping"

[defaults]
hold = 15
sides = "both"
get_ready = 2
switch = 2
rest = 0

[[steps]]
stretch = "calf-standing"
"#;

fn libasound_loads() -> bool {
    #[cfg(target_os = "linux")]
    {
        limber::audio::alsa::Alsa::load("libasound.so.2").is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn real_alsa_plays_every_cue_in_order_with_the_rendered_samples() {
    if !tmux_available() || !libasound_loads() {
        eprintln!("skipped: needs tmux and libasound.so.2");
        return;
    }
    let conf_dir = tempfile::tempdir().unwrap();
    let capture = conf_dir.path().join("capture.raw");
    let conf = write(
        conf_dir.path(),
        "asound.conf",
        &format!(
            "pcm.!default {{ type file; slave.pcm {{ type null }}; file \"{}\"; format \"raw\" }}\n",
            capture.display()
        ),
    );
    let routine = write(conf_dir.path(), "short.toml", SHORT);
    let t = Tmux::start(
        "alsa",
        80,
        24,
        &["run", &routine, "--event-log", "events.jsonl"],
        &[("ALSA_CONFIG_PATH", &conf), ("LIMBER_TIME_SCALE", "10")],
    );
    t.wait_for("Good night", T);
    let s = t.screen();
    assert!(s.contains("sound: ALSA"), "the footer names the output: {s}");
    // Wait for the last cue to be written in full.
    let expected_cues = [
        Cue::GetReady,
        Cue::HoldStart,
        Cue::Tick,
        Cue::Tick,
        Cue::Tick,
        Cue::HoldEnd,
        Cue::SwitchSides,
        Cue::HoldStart,
        Cue::Tick,
        Cue::Tick,
        Cue::Tick,
        Cue::HoldEnd,
        Cue::Complete,
    ];
    let expected: Vec<i16> =
        expected_cues.iter().flat_map(|c| to_pcm(&render(*c, Voicing::NIGHTLY), 80)).collect();
    let start = Instant::now();
    while std::fs::metadata(&capture).map_or(0, |m| m.len()) < expected.len() as u64 * 2
        && start.elapsed() < T
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));

    let bytes = std::fs::read(&capture).unwrap();
    let got: Vec<i16> = bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect();
    assert_eq!(got.len(), expected.len(), "captured {} samples, expected {}", got.len(), expected.len());
    // Cue by cue, so a failure names the cue.
    let mut at = 0;
    for c in expected_cues {
        let n = c.len_samples();
        assert!(
            got[at..at + n] == expected[at..at + n],
            "{c:?} at sample {at} differs from its offline render"
        );
        at += n;
    }

    let log = read_log(&t.path("events.jsonl"));
    let played: Vec<&str> =
        log.iter().filter(|e| e["event"] == "cue").map(|e| e["cue"].as_str().unwrap()).collect();
    assert_eq!(played, expected_cues.iter().map(|c| c.name()).collect::<Vec<_>>());
}

fn runs_with_the_bell(name: &str, env: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let routine = write(dir.path(), "short.toml", SHORT);
    let t = Tmux::start(name, 80, 24, &["run", &routine], env);
    // Make another window current so tmux flags the bell in limber's.
    t.new_window();
    let s = t.wait_for("Good night", T);
    assert!(s.contains("sound: terminal bell"), "the footer says why: {s}");
    assert_eq!(t.format_window(0, "#{window_bell_flag}"), "1", "the bell rang");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    let stderr = std::fs::read_to_string(t.path("stderr.txt")).unwrap();
    assert!(stderr.is_empty(), "nothing from ALSA on stderr: {stderr:?}");
}

#[test]
fn a_missing_libasound_falls_back_to_the_bell() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    runs_with_the_bell(
        "nolib",
        &[("LIMBER_LIBASOUND", "/nonexistent/libasound.so.2"), ("LIMBER_TIME_SCALE", "20")],
    );
}

#[test]
fn an_alsa_config_with_no_usable_device_falls_back_quietly() {
    if !tmux_available() || !libasound_loads() {
        eprintln!("skipped: needs tmux and libasound.so.2");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let conf = write(dir.path(), "asound.conf", "pcm.!default { type hw; card 31; device 0 }\n");
    runs_with_the_bell("nodev", &[("ALSA_CONFIG_PATH", &conf), ("LIMBER_TIME_SCALE", "20")]);
    drop(dir);
}

#[test]
fn libasound_and_cpal_are_not_dependencies_on_linux() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["tree", "--offline", "--locked", "--edges", "normal,build", "--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(tree.contains("rodio v0.23"), "rodio is used for synthesis");
    for banned in ["alsa-sys", "cpal", "alsa v"] {
        assert!(!tree.lines().any(|l| l.starts_with(banned)), "{banned} is in the dependency tree");
    }
}
