//! Hostile files, pipes and special files through the real binary (issue 8):
//! no panic, no hang, no escape bytes, a clear message each time.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_limber")
}

/// `limber ARGS` with config and data in `dir`.
fn limber(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("LIMBER_CONFIG_DIR", dir.join("config"))
        .env("LIMBER_DATA_DIR", dir.join("data"))
        .env_remove("LIMBER_TIME_SCALE")
        .stdin(Stdio::null());
    cmd
}

/// Runs with a deadline: a hang fails the test instead of stalling it.
/// Output is read while the program runs, so a large one cannot block it.
fn run(cmd: &mut Command) -> std::process::Output {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("limber hung (killed after 20 s)");
        }
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Bytes a terminal would act on: C0 controls but newline (and a CR right
/// before one, CSV's line end), DEL, and C1 (U+0080-U+009F, encoded as
/// C2 80-C2 9F).
fn has_terminal_controls(b: &[u8]) -> bool {
    let c0 = b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && c != b'\n' && !(c == b'\r' && b.get(i + 1) == Some(&b'\n'))) || c == 0x7f
    });
    c0 || b.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

const ROUTINE_WITH_SOUND: &str = "id = \"snd\"\ntitle = \"T\"\nmode = \"relief\"\nmuscles = [\"calf\"]\n\
    summary = \"s\"\nsource = \"leg-cramping\"\n[cues.sounds]\nhold_end = \"rate-zero.wav\"\n\
    [[steps]]\nstretch = \"calf-standing\"\n";

#[test]
fn a_wav_with_sample_rate_0_is_refused_by_validate_naming_file_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("tests/fixtures/sounds/rate-zero.wav", dir.path().join("rate-zero.wav")).unwrap();
    let routine = dir.path().join("r.toml");
    fs::write(&routine, ROUTINE_WITH_SOUND).unwrap();
    let out = run(&mut limber(dir.path(), &["validate", routine.to_str().unwrap()]));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("rate-zero.wav has a sample rate of 0 Hz; sounds must be 4000 to 192000 Hz"),
        "{err}"
    );
    assert!(err.contains(":8:12:"), "the error points at the sound's line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    // The same file in config.toml's [sounds].
    let cfg = dir.path().join("config.toml");
    fs::write(&cfg, "[sounds]\ntick = \"rate-zero.wav\"\n").unwrap();
    let out = run(&mut limber(dir.path(), &["validate", cfg.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("sample rate of 0 Hz"), "{}", text(&out.stderr));
}

fn write_history(dir: &Path, lines: &[String]) {
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(dir.join("data/history.jsonl"), lines.join("\n") + "\n").unwrap();
}

fn cramp(day: u32) -> String {
    format!(
        r#"{{"kind":"cramp","v":1,"muscle":"calf","at":"2026-{:02}-{:02}T03:10:00+00:00","holds":2,"secs":60,"logged":false}}"#,
        1 + day / 28 % 12,
        1 + day % 28
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    write_history(dir.path(), &(0..3000).map(cramp).collect::<Vec<_>>());
    let mut child = limber(dir.path(), &["history", "--days", "3650", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -c 100`: read a little, then close the pipe.
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stderr), "", "no panic, no message");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_full_disk_is_one_line_and_exit_1() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full on this system");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for args in [&["list"][..], &["list", "--json"], &["show", "nightly"], &["history"]] {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = limber(dir.path(), args).stdout(full).stderr(Stdio::piped()).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(
            err, "limber: cannot write the output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[test]
fn escape_bytes_in_history_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil";
    let record = serde_json::json!({
        "kind": "session", "v": 1, "routine": nasty, "mode": "nightly",
        "start": "2026-11-20T22:00:00+00:00", "end": "2026-11-20T22:07:50+00:00",
        "completed": true, "holds": []
    });
    write_history(dir.path(), &[record.to_string()]);
    let out = run(&mut limber(dir.path(), &["history", "--days", "3650"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!has_terminal_controls(&out.stdout), "{:?}", text(&out.stdout));
    let shown = text(&out.stdout);
    assert!(shown.contains("session  \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}evil"), "{shown}");

    for format in ["md", "csv", "html"] {
        let out = run(&mut limber(dir.path(), &["report", "--days", "3650", "--format", format]));
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(!has_terminal_controls(&out.stdout), "{format}: {:?}", text(&out.stdout));
    }

    let out = run(&mut limber(dir.path(), &["history", "--days", "3650", "--json"]));
    assert!(!has_terminal_controls(&out.stdout), "{:?}", text(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"][0]["routine"], nasty, "JSON escapes, and still carries the exact text");
}

#[test]
fn clap_does_not_echo_escape_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&mut limber(dir.path(), &["relief", "\u{1b}[2J\u{9b}x"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(!has_terminal_controls(&out.stderr), "{:?}", text(&out.stderr));
    // clap drops the CSI sequence itself; the C1 CSI byte is shown escaped.
    assert!(text(&out.stderr).contains("invalid value '\\u{9b}x'"), "{}", text(&out.stderr));
}

#[test]
fn special_files_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("config/routines")).unwrap();
    fs::create_dir_all(d.join("data")).unwrap();
    if !mkfifo(&d.join("fifo.toml")) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    mkfifo(&d.join("config/config.toml"));
    mkfifo(&d.join("config/routines/piped.toml"));
    mkfifo(&d.join("snd.wav"));

    // validate and run on a FIFO: refused at once.
    let out = run(&mut limber(d, &["validate", d.join("fifo.toml").to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("it is a FIFO (named pipe), not a regular file"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&mut limber(d, &["run", d.join("fifo.toml").to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));

    // A FIFO in the routines folder is a problem that `list` names; the
    // config FIFO is never opened by list, and history (which reads the
    // config) still answers.
    let out = run(&mut limber(d, &["list"]));
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("piped.toml:1:1: cannot read the file: it is a FIFO"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&mut limber(d, &["history"]));
    assert!(out.status.success(), "{}", text(&out.stderr));

    // A sound file that is a FIFO.
    let routine = d.join("r.toml");
    fs::write(&routine, ROUTINE_WITH_SOUND.replace("rate-zero.wav", "snd.wav")).unwrap();
    let out = run(&mut limber(d, &["validate", routine.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("snd.wav: it is a FIFO"), "{}", text(&out.stderr));
}

#[test]
fn a_history_that_is_dev_zero_a_fifo_or_a_folder_is_an_error_not_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("data")).unwrap();
    let h = d.join("data/history.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &h).unwrap();
    let out = run(&mut limber(d, &["history"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("it is a device, not a regular file"), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("Streak"), "no summary of an unread history");
    fs::remove_file(&h).unwrap();
    fs::create_dir(&h).unwrap();
    let out = run(&mut limber(d, &["history"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("it is a folder"), "{}", text(&out.stderr));
    fs::remove_dir(&h).unwrap();
    if mkfifo(&h) {
        let out = run(&mut limber(d, &["history"]));
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
    }
}

#[test]
fn a_bom_at_the_start_of_the_history_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    write_history(dir.path(), &[format!("\u{feff}{}", cramp(300)), cramp(301)]);
    let out = run(&mut limber(dir.path(), &["history", "--days", "3650", "--json"]));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["unreadable_lines"], 0);
    assert_eq!(v["records"].as_array().unwrap().len(), 2);
}

#[test]
fn a_config_over_1_mib_is_named_as_a_config() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    fs::write(&cfg, format!("# {}\n", "x".repeat(1024 * 1024))).unwrap();
    let out = run(&mut limber(dir.path(), &["validate", cfg.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("file is larger than 1 MiB; config files are small text files"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_time_scale_out_of_bounds_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for v in ["1e25", "0.5", "NaN", "1001"] {
        let out = run(limber(dir.path(), &["relief", "calf"]).env("LIMBER_TIME_SCALE", v));
        assert_eq!(out.status.code(), Some(1), "{v}");
        assert_eq!(
            text(&out.stderr),
            format!("limber: LIMBER_TIME_SCALE must be a number from 1 to 1000, found \"{v}\"\n"),
        );
    }
}

#[test]
fn no_terminal_on_stdin_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["relief", "calf"][..], &["night"], &[]] {
        let out = run(&mut limber(dir.path(), args));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(text(&out.stderr).starts_with("limber needs a terminal"), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn an_invalid_tz_gives_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(limber(dir.path(), &["history"]).env("TZ", "Not/AZone"));
    assert!(out.status.success());
    assert!(
        text(&out.stderr).starts_with("warning: TZ=\"Not/AZone\" is not a time zone limber knows"),
        "{}",
        text(&out.stderr)
    );
    let out = run(limber(dir.path(), &["history"]).env("TZ", "UTC"));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn list_names_the_entries_it_skipped_and_a_replacement_that_changes_a_builtin() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("config/routines");
    fs::create_dir_all(&r).unwrap();
    fs::write(r.join("notes.txt"), "x").unwrap();
    fs::write(
        r.join("calf.toml"),
        "id = \"calf-relief\"\ntitle = \"Q\"\nmode = \"nightly\"\nmuscles = [\"quadriceps\"]\nsummary = \"s\"\n\
         source = \"leg-cramping\"\n[defaults]\nget_ready = 30\n[[steps]]\nstretch = \"quadriceps-chair\"\n",
    )
    .unwrap();
    let out = run(&mut limber(dir.path(), &["list", "--json"]));
    let err = text(&out.stderr);
    assert!(err.contains("note: skipped in the routines folder: notes.txt: not a .toml file"), "{err}");
    assert!(
        err.contains(
            "replaces the built-in `calf-relief`, a relief routine, but this file is a nightly routine"
        ),
        "{err}"
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let calf = rows.as_array().unwrap().iter().find(|r| r["id"] == "calf-relief").unwrap();
    assert_eq!((calf["mode"].as_str(), calf["origin"].as_str()), (Some("relief"), Some("built-in")));
}

#[test]
fn a_sound_library_that_is_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("libasound.so.2");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = run(limber(dir.path(), &["sound-check", "--json"]).env("LIMBER_LIBASOUND", &fifo));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["output"], "bell");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.contains("could not be loaded: it is a FIFO (named pipe), not a regular file"),
        "{detail}"
    );
}
