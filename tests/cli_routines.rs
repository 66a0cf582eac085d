//! The routine commands through the real binary: validate, list, show, init,
//! and loading user routines.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn limber(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").unwrap();
    cmd.env("LIMBER_CONFIG_DIR", config).env("LIMBER_DATA_DIR", config.join("data"));
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Each invalid fixture and the exact first line of the error it must give.
const INVALID: &[(&str, &str)] = &[
    (
        "bad-id.toml",
        "1:6: id \"Calf Relief\" must be 1 to 40 lowercase letters, digits and hyphens, such as \"calf-relief\"",
    ),
    (
        "bell-in-summary.toml",
        "5:11: control character BEL (bell) at character 5 is not allowed in text (a shared routine must not send escape sequences to the terminal); remove it",
    ),
    ("cues-misspelt.toml", "10:1: unknown key `tick` in this table"),
    ("deeply-nested.toml", "2:27: values are nested more than 16 deep; routines need at most two levels"),
    ("duplicate-stretch-id.toml", "18:6: duplicate stretch id `a`: give each stretch its own id"),
    (
        "empty.toml",
        "1:1: the file is empty; a routine needs id, title, mode, muscles, summary, source and at least one [[steps]] (run `limber show calf-relief` for an example)",
    ),
    ("escape-in-key.toml", "2:1: unknown key `\\u{1b}[2Jtitle` in this table"),
    (
        "escape-in-title.toml",
        "2:9: control character ESC (escape) at character 2 is not allowed in text (a shared routine must not send escape sequences to the terminal); remove it",
    ),
    (
        "hold-too-long.toml",
        "10:8: `hold` must be from 15 to 30 seconds (the articles: \"hold the stretch for 15-30 seconds\"), found 45",
    ),
    (
        "hold-too-short.toml",
        "9:8: `hold` must be from 15 to 30 seconds (the articles: \"hold the stretch for 15-30 seconds\"), found 10",
    ),
    ("missing-source.toml", "1:1: missing key `source`: add it to this table"),
    (
        "missing-sound.toml",
        "10:12: sound file tests/fixtures/invalid/../sounds/missing.wav: No such file or directory (os error 2)",
    ),
    ("misspelt-key.toml", "10:1: unknown key `hodl` in this table"),
    ("misspelt-mode.toml", "3:8: unknown value `nightlly`"),
    ("not-utf8.toml", "5:15: the file is not UTF-8 text; save it as UTF-8"),
    (
        "relief-slow-start.toml",
        "10:13: `get_ready` is at most 3 seconds in a relief routine (the hold must start at once), found 10",
    ),
    ("rest-too-long.toml", "10:8: `rest` must be from 0 to 120 seconds, found 600"),
    ("syntax-error.toml", "8:9: unclosed array table, expected `]`"),
    (
        "undecodable-sound.toml",
        "10:8: sound file tests/fixtures/invalid/../sounds/not-audio.wav is not WAV, OGG or FLAC audio (its first bytes are not a known header)",
    ),
    ("unknown-stretch.toml", "9:11: unknown stretch `calf-standng`"),
    ("wrong-type.toml", "10:8: invalid type: string \"two\", expected a whole number without quotes"),
    (
        "zero-steps.toml",
        "7:9: a routine needs at least one step: add a [[steps]] table with `stretch = \"...\"`",
    ),
];

#[test]
fn every_invalid_fixture_gives_its_exact_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut listed: Vec<&str> = INVALID.iter().map(|(f, _)| *f).collect();
    listed.sort();
    let mut on_disk: Vec<String> = fs::read_dir("tests/fixtures/invalid")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, listed, "every invalid fixture needs an expected error here");

    for (file, expected) in INVALID {
        let path = format!("tests/fixtures/invalid/{file}");
        let out = limber(dir.path()).args(["validate", &path]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(out.stdout.is_empty(), "{file}: nothing on stdout");
        let err = stderr_of(&out);
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(first, format!("{path}:{expected}"), "{file}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{file}: raw control characters in {err:?}"
        );
    }
}

#[test]
fn hints_name_the_closest_key_value_and_stretch() {
    let dir = tempfile::tempdir().unwrap();
    for (file, hint) in [
        (
            "missing-sound.toml",
            "10:12: sound file tests/fixtures/invalid/../sounds/missing.wav: No such file or directory (os error 2)",
        ),
        ("misspelt-key.toml", "hint: did you mean the key `hold`?"),
        ("misspelt-mode.toml", "hint: did you mean the value `nightly`?"),
        (
            "undecodable-sound.toml",
            "10:8: sound file tests/fixtures/invalid/../sounds/not-audio.wav is not WAV, OGG or FLAC audio (its first bytes are not a known header)",
        ),
        ("unknown-stretch.toml", "hint: did you mean `calf-standing`?"),
    ] {
        let out = limber(dir.path())
            .args(["validate", &format!("tests/fixtures/invalid/{file}")])
            .output()
            .unwrap();
        assert!(stderr_of(&out).contains(hint), "{file}: {}", stderr_of(&out));
    }
}

#[test]
fn valid_fixtures_and_shipped_routines_print_ok() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths: Vec<String> = Vec::new();
    for folder in ["tests/fixtures/valid", "routines"] {
        for e in fs::read_dir(folder).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap();
            // The catalogue, the advice and the Learn page are not routines.
            if !["stretches.toml", "advice.toml", "learn.toml"].contains(&name) {
                paths.push(p.display().to_string());
            }
        }
    }
    assert!(paths.len() >= 7);
    let out = limber(dir.path()).arg("validate").args(&paths).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    for p in &paths {
        assert!(stdout.lines().any(|l| l == format!("ok {p}")), "{p} in {stdout}");
    }
}

#[test]
fn validate_reports_each_file_and_fails_if_any_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path())
        .args(["validate", "tests/fixtures/valid/minimal.toml", "tests/fixtures/invalid/hold-too-long.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout.clone()).unwrap(), "ok tests/fixtures/valid/minimal.toml\n");
    assert!(stderr_of(&out).starts_with("tests/fixtures/invalid/hold-too-long.toml:10:8:"));
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    fs::write(&big, "# padding\n".repeat(110_000)).unwrap();
    let out = limber(dir.path()).arg("validate").arg(&big).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("larger than 1 MiB"), "{}", stderr_of(&out));
}

#[test]
fn missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["validate", "no/such/file.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).starts_with("no/such/file.toml:1:1: cannot read the file:"));
}

#[derive(serde::Deserialize)]
struct ListRow {
    id: String,
    mode: String,
    muscles: Vec<String>,
    total_secs: u32,
    title: String,
    origin: String,
}

fn list_json(config: &Path) -> Vec<ListRow> {
    let out = limber(config).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn list_json_has_every_builtin_with_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let rows = list_json(dir.path());
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["calf-relief", "hamstring-relief", "quadriceps-relief", "nightly"]);
    let nightly = rows.iter().find(|r| r.id == "nightly").unwrap();
    assert_eq!(nightly.mode, "nightly");
    assert_eq!(nightly.muscles, ["calf", "hamstring", "quadriceps"]);
    // 3 stretches x (5 s get ready + 2 legs x (30 + 10 + 30) s + 5 s switch),
    // with 10 s rests between the stretches.
    assert_eq!(nightly.total_secs, 3 * (5 + 2 * 70 + 5) + 2 * 10);
    assert!((360..=600).contains(&nightly.total_secs), "nightly should take 6-10 minutes");
    assert!(rows.iter().all(|r| r.origin == "built-in" && !r.title.is_empty()));
}

#[test]
fn a_user_routine_with_a_builtin_id_replaces_it_and_bad_files_do_not_hide_others() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::copy("tests/fixtures/valid/relief-override.toml", routines.join("calf.toml")).unwrap();
    fs::copy("tests/fixtures/valid/own-stretch.toml", routines.join("mine.toml")).unwrap();
    fs::copy("tests/fixtures/invalid/hold-too-long.toml", routines.join("broken.toml")).unwrap();

    let out = limber(dir.path()).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("broken.toml:10:8: `hold` must be from 15 to 30"), "{err}");
    let rows: Vec<ListRow> = serde_json::from_slice(&out.stdout).unwrap();
    let calf: Vec<&ListRow> = rows.iter().filter(|r| r.id == "calf-relief").collect();
    assert_eq!(calf.len(), 1, "the user file replaces the built-in, not joins it");
    assert_eq!(calf[0].title, "My calf relief");
    assert!(calf[0].origin.ends_with("calf.toml"), "{}", calf[0].origin);
    assert!(rows.iter().any(|r| r.id == "evening-calves"));
    assert_eq!(rows.len(), 5);
}

#[test]
fn show_json_expands_steps_and_matches_list_total() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["show", "nightly", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0]["stretch"]["id"], "calf-standing");
    assert_eq!(steps[0]["sides"], "both");
    assert_eq!(steps[0]["reps"], 2);
    assert!(!steps[2]["stretch"]["instructions"].as_array().unwrap().is_empty());
    let total = list_json(dir.path()).into_iter().find(|r| r.id == "nightly").unwrap().total_secs;
    assert_eq!(v["total_secs"], total);
}

#[test]
fn show_text_names_sources_and_total() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["show", "calf-relief"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Seated first: nobody woken by a cramp is asked to stand on it.
    assert!(text.contains("1. Seated calf stretch: calf, seated"), "{text}");
    // The foot pull names no position: the article gives none.
    assert!(text.contains("2. Straight-leg foot pull: calf\n"), "{text}");
    // Every "Caution:" line is a caution, not when to use the stretch.
    for line in text.lines().filter(|l| l.contains("Caution:")) {
        assert!(!line.contains("For when"), "{line}");
    }
    assert!(text.contains("Caution: Only if you are able to stand."), "{text}");
    assert!(text.contains("the cramped leg: 1 x 30 s hold"), "{text}");
    assert!(text.contains("Source: \"Leg Cramping\""), "{text}");
    assert!(text.contains("Each stretch once:"), "{text}");
}

#[test]
fn unknown_id_suggests_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["show", "nightyl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("did you mean `nightly`?"), "{}", stderr_of(&out));
}

#[test]
fn init_copies_builtins_and_never_clobbers_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    let mine = routines.join("nightly.toml");
    fs::write(&mine, "# my edits\n").unwrap();

    let out = limber(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(&mine).unwrap(), "# my edits\n", "init must not clobber");
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept"));
    // The copy starts with the `#:schema` line for TOML editors.
    assert_eq!(
        fs::read_to_string(routines.join("calf-relief.toml")).unwrap(),
        format!(
            "#:schema ../schema/routine.json\n{}",
            fs::read_to_string("routines/calf-relief.toml").unwrap()
        )
    );

    let out = limber(dir.path()).args(["init", "--force"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        fs::read_to_string(&mine).unwrap(),
        format!("#:schema ../schema/routine.json\n{}", fs::read_to_string("routines/nightly.toml").unwrap())
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["frobnicate"][..], &["relief", "elbow"], &["new"], &["show"], &["schema", "x"]] {
        let out = limber(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn oversized_sound_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.wav"), vec![0u8; 2 * 1024 * 1024 + 1]).unwrap();
    let routine = dir.path().join("r.toml");
    let text = fs::read_to_string("tests/fixtures/valid/custom-sound.toml")
        .unwrap()
        .replace("../sounds/chime.wav", "big.wav");
    fs::write(&routine, text).unwrap();
    let out = limber(dir.path()).arg("validate").arg(&routine).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("big.wav is larger than 2 MiB"), "{}", stderr_of(&out));
}

#[test]
fn config_files_are_validated_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "volume = 50\nticks = false\nvoice = \"off\"\n[nightly]\nvolume = 20\n").unwrap();
    let out = limber(dir.path()).arg("validate").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    fs::write(&config, "volume = 50\n[sounds]\nhold_end = \"nope.ogg\"\n").unwrap();
    let out = limber(dir.path()).arg("validate").arg(&config).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("config.toml:3:12: sound file"), "{}", stderr_of(&out));
}

#[test]
fn sound_check_without_libasound_reports_the_bell_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path())
        .args(["sound-check", "--json"])
        .env("LIMBER_LIBASOUND", "/nonexistent/libasound.so.2")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["output"], "bell");
    assert!(v["detail"].as_str().unwrap().contains("/nonexistent/libasound.so.2 could not be loaded"), "{v}");
    let names: Vec<&str> =
        v["cues"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["get_ready", "hold_start", "tick", "hold_end", "switch_sides", "next_stretch", "complete"]
    );
    assert!(v["cues"].as_array().unwrap().iter().all(|c| c["played"] == false));
    assert_eq!(v["voice"]["program"], serde_json::Value::Null);
}

#[test]
fn two_user_files_with_one_id_keep_the_first_and_name_both() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::copy("tests/fixtures/valid/minimal.toml", routines.join("a.toml")).unwrap();
    let second = fs::read_to_string("tests/fixtures/valid/minimal.toml")
        .unwrap()
        .replace("title = \"Minimal\"", "title = \"Second\"");
    fs::write(routines.join("b.toml"), second).unwrap();
    let out = limber(dir.path()).args(["list", "--json"]).output().unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("b.toml:1:1: duplicate routine id `minimal`, also used by"), "{err}");
    assert!(err.contains("a.toml"), "{err}");
    let rows: Vec<ListRow> = serde_json::from_slice(&out.stdout).unwrap();
    let minimal: Vec<&ListRow> = rows.iter().filter(|r| r.id == "minimal").collect();
    assert_eq!(minimal.len(), 1);
    assert_eq!(minimal[0].title, "Minimal");
}

#[test]
fn show_never_nests_parentheses_around_a_muscle() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["show", "nightly"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2. Straight-leg foot pull: hamstring (back of the thigh)\n"), "{text}");
    assert!(text.contains(": quadriceps (front of the thigh), with a chair\n"), "{text}");
    assert!(!text.contains("((") && !text.contains("))"), "{text}");
}

#[test]
fn list_gives_relief_its_holds_not_a_total_it_never_has() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |id: &str| text.lines().find(|l| l.starts_with(&format!("{id} "))).unwrap().to_string();
    for id in ["calf-relief", "hamstring-relief", "quadriceps-relief"] {
        assert!(row(id).contains("  30 s holds, as needed  "), "{text}");
        assert!(!row(id).contains("min"), "{text}");
    }
    // A nightly routine has an end: its planned length, the JSON total.
    let total = list_json(dir.path()).into_iter().find(|r| r.id == "nightly").unwrap().total_secs;
    assert_eq!(total, 470);
    assert!(row("nightly").contains("  7 min 50 s  "), "{text}");
}
