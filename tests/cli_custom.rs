//! Customising routines through the real binary: new, edit (without a
//! terminal), validate with no argument and on folders, stretches, night
//! ID, schema directives, completions, man and --help.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn limber(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("limber").unwrap();
    cmd.env("LIMBER_CONFIG_DIR", config)
        .env("LIMBER_DATA_DIR", config.join("data"))
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    cmd
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

const MINIMAL: &str = include_str!("fixtures/valid/minimal.toml");

/// An editor script: on call N it copies `versions[N-1]` (the last one
/// from then on) over the file, and records the file it was given.
fn scripted_editor(dir: &Path, versions: &[&str]) -> PathBuf {
    for (i, v) in versions.iter().enumerate() {
        fs::write(dir.join(format!("version{}", i + 1)), v).unwrap();
    }
    let last = versions.len();
    let script = dir.join("editor.sh");
    let d = dir.display();
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nn=$(cat {d}/calls 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > {d}/calls\n\
             echo \"$1\" >> {d}/opened\n[ $n -gt {last} ] && n={last}\ncp {d}/version$n \"$1\"\n"
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn validate_without_arguments_checks_every_user_routine_and_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("nothing to check"), "{}", text(&out.stderr));

    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::write(routines.join("a.toml"), MINIMAL).unwrap();
    fs::copy("tests/fixtures/invalid/hold-too-long.toml", routines.join("b.toml")).unwrap();
    fs::write(dir.path().join("config.toml"), "volume = 40\n").unwrap();
    let out = limber(dir.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("ok ") && lines[0].ends_with("routines/a.toml"), "{stdout}");
    assert!(lines[1].starts_with("ok ") && lines[1].ends_with("config.toml"), "{stdout}");
    assert!(text(&out.stderr).contains("b.toml:10:8: `hold` must be from 15 to 30"), "{}", text(&out.stderr));
}

#[test]
fn validate_a_folder_names_files_that_are_not_routines() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["validate", "routines"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ok routines/advice.toml (limber's advice file, not a routine)\n"), "{stdout}");
    assert!(stdout.contains("ok routines/stretches.toml (a stretch catalogue, not a routine)\n"), "{stdout}");
    assert!(stdout.contains("ok routines/learn.toml (limber's Learn page, not a routine)\n"), "{stdout}");
    assert!(stdout.contains("ok routines/nightly.toml\n"), "{stdout}");
    assert_eq!(stdout.lines().count(), 7, "{stdout}");

    // A single file too, and a config under another name.
    let out = limber(dir.path()).args(["validate", "routines/advice.toml"]).output().unwrap();
    assert_eq!(text(&out.stdout), "ok routines/advice.toml (limber's advice file, not a routine)\n");
    let other = dir.path().join("settings.toml");
    fs::write(&other, "volume = 300\n").unwrap();
    let out = limber(dir.path()).arg("validate").arg(&other).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("settings.toml:1:10: `volume` must be from 0 to 100"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_unknown_stretch_hint_prefers_the_shared_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, MINIMAL.replace("calf-standing", "calf-stand")).unwrap();
    let out = limber(dir.path()).arg("validate").arg(&file).output().unwrap();
    let err = text(&out.stderr);
    assert!(err.contains("unknown stretch `calf-stand`"), "{err}");
    assert!(err.contains("hint: did you mean `calf-standing`?"), "{err}");
}

#[test]
fn new_writes_a_template_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["new", "my-evening"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = dir.path().join("routines/my-evening.toml");
    assert_eq!(text(&out.stdout), format!("{}\n", path.display()));
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("#:schema ../schema/routine.json\n"), "{written}");
    assert!(written.contains("id = \"my-evening\""));
    // Every key of the format is in the template (the own-stretch ones as a
    // commented example).
    for key in [
        "title",
        "mode",
        "muscles",
        "summary",
        "source",
        "hold",
        "reps",
        "sides",
        "get_ready",
        "rest",
        "switch",
        "enabled",
        "ticks",
        "volume",
        "stretch",
        "name",
        "muscle",
        "position",
        "instructions",
        "cue",
        "cautions",
        "figure",
    ] {
        assert!(written.contains(&format!("{key} =")), "template lacks `{key}`");
    }
    // The schema the directive points at is there, and equals the command's.
    let schema = fs::read_to_string(dir.path().join("schema/routine.json")).unwrap();
    assert_eq!(schema, text(&limber(dir.path()).args(["schema", "routine"]).output().unwrap().stdout));
    let out = limber(dir.path()).arg("validate").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&limber(dir.path()).args(["list", "--json"]).output().unwrap().stdout);
    assert!(listed.contains("\"my-evening\""));

    fs::write(&path, "# mine\n").unwrap();
    let out = limber(dir.path()).args(["new", "my-evening", "--mode", "relief"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"), "{}", text(&out.stderr));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\n");
}

#[test]
fn new_from_copies_a_routine_under_the_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["new", "short-night", "--from", "nightly"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = fs::read_to_string(dir.path().join("routines/short-night.toml")).unwrap();
    let original = fs::read_to_string("routines/nightly.toml").unwrap();
    assert_eq!(
        written,
        format!(
            "#:schema ../schema/routine.json\n{}",
            original.replace("id = \"nightly\"", "id = \"short-night\"")
        )
    );
    let out = limber(dir.path()).args(["show", "short-night", "--json"]).output().unwrap();
    assert!(out.status.success());

    let out = limber(dir.path()).args(["new", "x", "--from", "nightyl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("did you mean `nightly`?"), "{}", text(&out.stderr));
    let out = limber(dir.path()).args(["new", "Bad Id"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("lowercase letters"), "{}", text(&out.stderr));
}

#[test]
fn edit_without_a_terminal_restores_a_broken_edit() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    let file = routines.join("minimal.toml");
    fs::write(&file, MINIMAL).unwrap();
    let editor =
        scripted_editor(dir.path(), &[&MINIMAL.replace("calf-standing\"", "calf-standing\"\nhold = 45")]);
    let out = limber(dir.path()).args(["edit", "minimal"]).env("EDITOR", &editor).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("minimal.toml:11:8: `hold` must be from 15 to 30"), "{err}");
    assert!(err.contains("no terminal on stdin") && err.contains("restored"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), MINIMAL, "the broken version is not left behind");
}

#[test]
fn edit_gives_a_file_in_the_routines_folder_its_schema_line() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::write(routines.join("minimal.toml"), MINIMAL).unwrap();
    let out = limber(dir.path()).args(["edit", "minimal"]).env("EDITOR", "true").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let now = fs::read_to_string(routines.join("minimal.toml")).unwrap();
    assert_eq!(now, format!("#:schema ../schema/routine.json\n{MINIMAL}"));
    // A file elsewhere keeps its first line: the relative path would be wrong.
    let other = dir.path().join("elsewhere.toml");
    fs::write(&other, MINIMAL).unwrap();
    let out = limber(dir.path()).arg("edit").arg(&other).env("EDITOR", "true").output().unwrap();
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(&other).unwrap(), MINIMAL);
}

#[test]
fn edit_prefers_visual_copies_a_builtin_and_opens_a_broken_override() {
    let dir = tempfile::tempdir().unwrap();
    let good = fs::read_to_string("routines/calf-relief.toml").unwrap().replace("hold = 30", "hold = 20");
    let editor = scripted_editor(dir.path(), &[&good]);
    let out = limber(dir.path())
        .args(["edit", "calf-relief"])
        .env("VISUAL", &editor)
        .env("EDITOR", "/nonexistent/editor")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = dir.path().join("routines/calf-relief.toml");
    assert!(text(&out.stderr).contains("copied the built-in `calf-relief`"), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("ok {}\n", copy.display()));
    assert_eq!(fs::read_to_string(&copy).unwrap(), good);

    // A broken file for a built-in id: edit opens that file, not a copy.
    let broken = dir.path().join("routines/my-night.toml");
    fs::copy("tests/fixtures/broken-override/nightly.toml", &broken).unwrap();
    let editor = scripted_editor(dir.path(), &[&fs::read_to_string("routines/nightly.toml").unwrap()]);
    let out = limber(dir.path()).args(["edit", "nightly"]).env("EDITOR", &editor).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let opened = fs::read_to_string(dir.path().join("opened")).unwrap();
    assert_eq!(opened.lines().last().unwrap(), broken.display().to_string());
}

#[test]
fn edit_config_creates_a_commented_file_and_checks_it() {
    let dir = tempfile::tempdir().unwrap();
    let editor =
        scripted_editor(dir.path(), &["#:schema schema/config.json\nnightly = \"nightly\"\nvolume = 30\n"]);
    let out = limber(dir.path()).args(["edit", "--config"]).env("EDITOR", &editor).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("schema/config.json").is_file());
    let out = limber(dir.path()).args(["edit", "--config"]).env("EDITOR", "true").output().unwrap();
    assert!(out.status.success());
    let out = limber(dir.path()).args(["edit", "--config", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--config and a routine conflict");
    let out = limber(dir.path()).args(["edit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "edit needs something to edit");
}

#[test]
fn an_editor_that_cannot_run_is_reported_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        limber(dir.path()).args(["edit", "--config"]).env("EDITOR", "/nonexistent/ed").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot run the editor `/nonexistent/ed`"), "{}", text(&out.stderr));
}

#[test]
fn init_writes_the_schema_directive_and_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success());
    let copy = fs::read_to_string(dir.path().join("routines/nightly.toml")).unwrap();
    assert_eq!(
        copy,
        format!("#:schema ../schema/routine.json\n{}", fs::read_to_string("routines/nightly.toml").unwrap())
    );
    assert!(
        dir.path().join("schema/routine.json").is_file() && dir.path().join("schema/config.json").is_file()
    );
}

#[derive(serde::Deserialize)]
struct StretchRow {
    id: String,
    muscle: String,
    position: String,
    origin: String,
}

#[test]
fn stretches_lists_builtin_and_user_stretches_with_where_they_live() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::copy("tests/fixtures/valid/own-stretch.toml", routines.join("mine.toml")).unwrap();
    let out = limber(dir.path()).args(["stretches", "--json"]).output().unwrap();
    assert!(out.status.success());
    let rows: Vec<StretchRow> = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "calf-standing",
            "calf-seated",
            "calf-foot-pull",
            "hamstring-foot-pull",
            "quadriceps-chair",
            "my-seated-calf"
        ]
    );
    let mine = rows.last().unwrap();
    assert_eq!((mine.muscle.as_str(), mine.position.as_str()), ("calf", "seated"));
    assert!(mine.origin.ends_with("routines/mine.toml"), "{}", mine.origin);
    assert!(rows[..5].iter().all(|r| r.origin == "built-in"));
    let out = limber(dir.path()).arg("stretches").output().unwrap();
    let table = text(&out.stdout);
    assert!(table.lines().next().unwrap().starts_with("ID "), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with("quadriceps-chair") && l.contains("with a chair")),
        "{table}"
    );
}

#[test]
fn night_takes_an_id_and_refuses_relief_or_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = limber(dir.path()).args(["night", "calf-relief"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`calf-relief` is a relief routine"), "{}", text(&out.stderr));
    let out = limber(dir.path()).args(["night", "nightyl"]).output().unwrap();
    assert!(text(&out.stderr).contains("did you mean `nightly`?"), "{}", text(&out.stderr));
    fs::write(dir.path().join("config.toml"), "nightly = \"evening\"\n").unwrap();
    let out = limber(dir.path()).arg("night").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no nightly routine with id `evening`"), "{}", text(&out.stderr));
}

#[test]
fn completions_and_man_come_from_the_clap_definitions() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_limber()"),
        ("zsh", "#compdef limber"),
        ("fish", "complete -c limber"),
        ("elvish", "edit:completion:arg-completer[limber]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = limber(dir.path()).args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for sub in ["relief", "night", "stretches", "new", "edit", "schema"] {
            assert!(script.contains(sub), "{shell}: no {sub}");
        }
    }
    let out = limber(dir.path()).arg("man").output().unwrap();
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie \\n(.g") || page.contains(".TH limber"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(
        page.contains("LIMBER_CONFIG_DIR") && page.contains("validate"),
        "man page lacks the environment"
    );
}

#[test]
fn every_help_names_files_and_environment_and_session_helps_name_keys() {
    let dir = tempfile::tempdir().unwrap();
    let subs = [
        "relief",
        "night",
        "run",
        "list",
        "show",
        "stretches",
        "new",
        "edit",
        "validate",
        "schema",
        "sound-check",
        "log",
        "history",
        "init",
    ];
    for sub in subs {
        let out = limber(dir.path()).args([sub, "--help"]).output().unwrap();
        let help = text(&out.stdout);
        for needle in [
            "LIMBER_CONFIG_DIR",
            "LIMBER_DATA_DIR",
            "LIMBER_TIME_SCALE",
            "LIMBER_LIBASOUND",
            "NO_COLOR",
            "VISUAL",
            "config.toml",
            "routines/",
            "history.jsonl",
        ] {
            assert!(help.contains(needle), "`limber {sub} --help` does not name {needle}");
        }
    }
    for sub in ["relief", "night", "run"] {
        let help = text(&limber(dir.path()).args([sub, "--help"]).output().unwrap().stdout);
        assert!(
            help.contains("Keys:") && help.contains("Space") && help.contains("pause / resume"),
            "{sub}: {help}"
        );
    }
    let help = text(&limber(dir.path()).arg("relief").arg("--help").output().unwrap().stdout);
    assert!(help.contains("hold again"), "relief keys: {help}");
    // The home line names every home key, the Learn page's included.
    let help = text(&limber(dir.path()).arg("--help").output().unwrap().stdout);
    assert!(help.contains("the home screen (r relief, n nightly, b browse, h history, l learn)"), "{help}");
}

#[test]
fn validate_refuses_a_config_whose_nightly_routine_night_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "volume = 40\nnightly = \"no-such\"\n").unwrap();
    let out = limber(dir.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("config.toml:2:11: no nightly routine with id `no-such`"), "{stderr}");
    assert!(stderr.contains("hint: the nightly routines are: nightly\n"), "{stderr}");

    fs::write(&config, "[nightly]\nroutine = \"calf-relief\"\n").unwrap();
    let out = limber(dir.path()).args(["validate", &config.display().to_string()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("config.toml:2:11: `calf-relief` is a relief routine, not a nightly one"),
        "{stderr}"
    );
    // `night` agrees with `validate` about the same file.
    let out = limber(dir.path()).arg("night").output().unwrap();
    assert!(text(&out.stderr).contains("`calf-relief` is a relief routine"), "{}", text(&out.stderr));

    // A user's own nightly routine is a fine choice; a misspelling of it is
    // pointed at it.
    let routines = dir.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    fs::write(routines.join("minimal.toml"), MINIMAL).unwrap();
    fs::write(&config, "nightly = \"minimal\"\n").unwrap();
    let out = limber(dir.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    fs::write(&config, "nightly = \"minmal\"\n").unwrap();
    let out = limber(dir.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("hint: did you mean `minimal`?"), "{}", text(&out.stderr));
}
