//! Health content through the real binary (issue 9): the `[relief]` start
//! stretch in `config.toml` (checked by `validate`, used by `relief`), the
//! after-care shown when relief is left with `q` after a hold, and
//! `limber learn`.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::{Tmux, tmux_available};

const T: Duration = Duration::from_secs(20);

fn validate(config_dir: &Path, text: &str) -> (bool, String, String) {
    let path = config_dir.join("config.toml");
    fs::write(&path, text).unwrap();
    let out = Command::cargo_bin("limber")
        .unwrap()
        .env("LIMBER_CONFIG_DIR", config_dir)
        .env("LIMBER_DATA_DIR", config_dir.join("data"))
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn validate_accepts_a_start_stretch_for_each_muscle() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = validate(
        dir.path(),
        "[relief]\nvolume = 60\ncalf = \"calf-foot-pull\"\nhamstring = \"hamstring-foot-pull\"\nquadriceps = \"quadriceps-chair\"\n",
    );
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("ok "), "{stdout}");
}

#[test]
fn validate_locates_a_misspelt_start_stretch_and_suggests_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = validate(dir.path(), "volume = 70\n[relief]\ncalf = \"calf-seatd\"\n");
    assert!(!ok);
    assert!(stderr.contains("config.toml:3:8: unknown stretch `calf-seatd`"), "{stderr}");
    assert!(stderr.contains("hint: did you mean `calf-seated`?"), "{stderr}");
}

#[test]
fn validate_refuses_a_stretch_for_another_muscle_and_lists_the_right_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = validate(dir.path(), "[relief]\ncalf = \"quadriceps-chair\"\n");
    assert!(!ok);
    assert!(
        stderr.contains("config.toml:2:8: `quadriceps-chair` is a quadriceps stretch, not a calf one"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the calf stretches are: calf-foot-pull, calf-seated, calf-standing"),
        "{stderr}"
    );
    let (ok, _, stderr) = validate(dir.path(), "[relief]\nfoot = \"calf-seated\"\n");
    assert!(!ok);
    assert!(stderr.contains("config.toml:2:1: unknown key `foot` in this table"), "{stderr}");
}

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            eprintln!("skipped: tmux is not installed");
            return;
        }
    };
}

#[test]
fn relief_starts_with_the_configured_stretch_and_names_the_others() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(dir.path().join("config/config.toml"), "[relief]\ncalf = \"calf-standing\"\n").unwrap();
    let t = Tmux::start_in(dir, "relief-start", 50, 15, &["relief", "calf"], &[]);
    let s = t.wait_for("HOLD", T);
    assert!(s.contains("Standing calf stretch"), "{s}");
    // The others follow in the routine's order, each with its key.
    assert!(s.contains("2 Seated calf stretch"), "{s}");
    assert!(s.contains("3 Straight-leg foot pull"), "{s}");
    t.keys(&["2"]);
    // Wait for text that only the switched screen has: "Seated calf
    // stretch" is on the first screen already, as an alternative.
    let s = t.wait_for("1 Standing calf stretch", T);
    assert!(!s.contains("2 Seated calf stretch"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_for("Relief stopped.", T);
    let doctor = s.find("When to see a doctor");
    assert!(doctor.is_some(), "the doctor advice is on the first page: {s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

#[test]
fn learn_json_names_each_items_article_and_covers_the_sections() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("limber")
        .unwrap()
        .env("LIMBER_CONFIG_DIR", dir.path())
        .env("LIMBER_DATA_DIR", dir.path().join("data"))
        .args(["learn", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items.len() >= 10, "{}", items.len());
    for i in &items {
        let article = limber::articles::by_key(i["source"].as_str().unwrap()).expect("a known article");
        assert_eq!(i["article"], article.title, "{i}");
        assert!(!i["quote"].as_str().unwrap().is_empty(), "{i}");
    }
    let mut sections: Vec<&str> = items.iter().map(|i| i["section"].as_str().unwrap()).collect();
    sections.dedup();
    for s in ["Causes and risk factors", "Patterns the article describes", "Before exercise", "Pregnancy"] {
        assert!(sections.contains(&s), "{sections:?}");
    }
    let text = Command::cargo_bin("limber")
        .unwrap()
        .env("LIMBER_CONFIG_DIR", dir.path())
        .arg("learn")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("\nPregnancy\n"), "{text}");
    // Not a terminal: wrapped to 80 columns, items' later lines indented.
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.lines().any(|l| l.starts_with("    ")), "{text}");
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("above heart level"), "{text}");
    assert!(joined.contains("(\"The Basics on Leg Spasms\")"), "{text}");
}
