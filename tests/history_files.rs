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
    let out = limber(dir.path()).args(["log", "calf", "--at", "2099-01-01 00:00"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a time in the future is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is in the future"));

    let out = limber(dir.path()).args(["history", "--days", "3650", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = v["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    // Newest first.
    assert_eq!(records[0]["muscle"], "quadriceps");
    assert_eq!(records[0]["kind"], "cramp");
    assert_eq!(records[0]["logged"], true);
    assert!(records[1]["at"].as_str().unwrap().starts_with("2026-11-20T03:10:00"));
    assert_eq!(v["streak"], 0);
    // The JSON's figures are the strip's.
    let strip = v["strip"].as_array().unwrap();
    assert_eq!(strip.len(), 3650);
    let on_strip: u64 = strip.iter().map(|n| n["cramps"].as_u64().unwrap()).sum();
    assert_eq!(on_strip, 2);
    assert_eq!(v["cramps"], 2);
}

/// `limber` with a fixed time zone.
fn in_tz(data: &Path, tz: &str) -> Command {
    let mut cmd = limber(data);
    cmd.env("TZ", tz);
    cmd
}

fn records(data: &Path) -> Vec<serde_json::Value> {
    store::load(&data.join("history.jsonl"))
        .unwrap()
        .records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

#[test]
fn each_at_form_under_a_fixed_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let tz = "America/New_York";
    let zone = jiff::tz::TimeZone::get(tz).unwrap();
    let log = |at: &str| {
        let out = in_tz(dir.path(), tz).args(["log", "calf", "--at", at]).output().unwrap();
        assert!(out.status.success(), "{at}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let before = jiff::Timestamp::now();
    for at in ["03:10", "yesterday 03:10", "2026-11-20 03:10", "2026-07-20T03:10:00+01:00"] {
        log(at);
    }
    let r = records(dir.path());
    let at = |i: usize| r[i]["at"].as_str().unwrap().parse::<limber::history::LocalTime>().unwrap();
    // HH:MM: the most recent 03:10 in New York, not in the future.
    let hhmm = at(0).instant;
    assert!(hhmm <= jiff::Timestamp::now() && before.as_second() - hhmm.as_second() < 86400);
    assert_eq!(hhmm.to_zoned(zone.clone()).strftime("%H:%M").to_string(), "03:10");
    // yesterday HH:MM: the day before today, New York time.
    let yesterday = jiff::Zoned::now().with_time_zone(zone.clone()).date().yesterday().unwrap();
    assert_eq!(at(1).instant.to_zoned(zone.clone()).date(), yesterday);
    assert_eq!(r[2]["at"], "2026-11-20T03:10:00-05:00", "a local date-time in New York's winter offset");
    assert_eq!(r[3]["at"], "2026-07-20T03:10:00+01:00", "RFC 3339 keeps its own offset");
}

#[test]
fn each_refused_at_form_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |at: &str| {
        let out = in_tz(dir.path(), "Europe/London").args(["log", "calf", "--at", at]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{at}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    for bad in ["last night", "25:10", "yesterday", "2026-11-22"] {
        let e = refused(bad);
        assert!(e.contains(&format!("--at {bad:?} is not a time limber reads")), "{e}");
        for form in ["HH:MM", "yesterday HH:MM", "YYYY-MM-DD HH:MM", "RFC 3339"] {
            assert!(e.contains(form), "{bad}: the forms are listed: {e}");
        }
    }
    assert!(refused("1999-12-31 23:00").contains("the year 1999 is outside 2000-2100"));
    assert!(refused("2101-01-01T00:00:00Z").contains("the year 2101 is outside 2000-2100"));
    assert!(refused("2099-12-31 23:00").contains("is in the future"));
    assert!(!refused("\u{1b}[2J").contains('\u{1b}'), "the echo carries no escape byte");
    assert!(!dir.path().join("history.jsonl").exists(), "nothing refused was written");
}

#[test]
fn pain_and_notes_with_log_and_note() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| limber(dir.path()).args(args).output().unwrap();
    let out =
        run(&["log", "calf", "--at", "2026-11-20 03:10", "--pain", "7", "--note", "left calf, cold room"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["log", "hamstring", "--at", "2026-11-19 03:10"]);
    assert!(out.status.success());
    // Refused: pain outside 0-10, control characters in a note.
    let out = run(&["log", "calf", "--pain", "11"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 (none) to 10"));
    let out = run(&["log", "calf", "--note", "bad\u{1b}]0;title\u{7}"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ESC (escape) at character 4 is not allowed"));
    let out = run(&["note"]);
    assert_eq!(out.status.code(), Some(1), "a note needs text or pain");

    // `note` goes to the cramp recorded last (the hamstring, logged after
    // the calf though it happened a night earlier), as a new line.
    let before = std::fs::read_to_string(dir.path().join("history.jsonl")).unwrap();
    let out = run(&["note", "--pain", "5", "better after stretching"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("the hamstring cramp of 2026-11-19 03:10 (the last one recorded)"), "{said}");
    let after = std::fs::read_to_string(dir.path().join("history.jsonl")).unwrap();
    assert!(after.starts_with(&before), "append-only");
    assert_eq!(after.lines().count(), before.lines().count() + 1);

    let out = run(&["history", "--days", "3650"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let ham = text.lines().find(|l| l.contains("2026-11-19 03:10")).unwrap();
    assert!(ham.contains("pain 5/10") && ham.contains("\"better after stretching\""), "{ham}");
    let calf = text.lines().find(|l| l.contains("2026-11-20 03:10")).unwrap();
    assert!(calf.contains("pain 7/10") && calf.contains("\"left calf, cold room\""), "{calf}");
    assert!(!calf.contains("better after stretching"), "{calf}");
    let json = run(&["history", "--days", "3650", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["records"][1]["muscle"], "hamstring");
    assert_eq!(v["records"][1]["pain"], 5);
    assert_eq!(v["records"][1]["notes"][0], "better after stretching");
}

#[test]
fn a_note_stays_on_its_cramp_when_another_is_logged_for_the_same_minute() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = limber(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["log", "calf", "--at", "2026-11-22 03:10"]);
    let said = run(&["note", "--pain", "8", "calf note"]);
    assert!(said.contains("the calf cramp of 2026-11-22 03:10"), "{said}");
    run(&["log", "hamstring", "--at", "2026-11-22 03:10"]);
    let v: serde_json::Value = serde_json::from_str(&run(&["history", "--days", "3650", "--json"])).unwrap();
    let cramps: Vec<&serde_json::Value> =
        v["records"].as_array().unwrap().iter().filter(|r| r["kind"] == "cramp").collect();
    let calf = cramps.iter().find(|c| c["muscle"] == "calf").unwrap();
    let ham = cramps.iter().find(|c| c["muscle"] == "hamstring").unwrap();
    assert_eq!((calf["pain"].clone(), calf["notes"][0].clone()), (8.into(), "calf note".into()));
    assert!(ham["pain"].is_null() && ham["notes"].as_array().unwrap().is_empty(), "{ham}");
    // The same in the report.
    let md = run(&["report", "--days", "3650"]);
    let row = md.lines().find(|l| l.contains("calf note")).unwrap();
    assert!(row.contains("| calf |"), "{row}");
}

#[test]
fn history_is_newest_first_and_days_covers_every_line() {
    let dir = tempfile::tempdir().unwrap();
    // Logged out of order, as people remember them.
    let now = jiff::Zoned::now();
    let ago =
        |d: i64| now.checked_sub(jiff::Span::new().days(d)).unwrap().strftime("%Y-%m-%d 03:00").to_string();
    for d in [3, 10, 1, 5] {
        let out = limber(dir.path()).args(["log", "calf", "--at", &ago(d)]).output().unwrap();
        assert!(out.status.success());
    }
    let out = limber(dir.path()).args(["history", "--days", "7"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let listed: Vec<&str> = text.lines().filter(|l| l.contains("cramp    calf")).collect();
    assert_eq!(listed.len(), 3, "the 10-day-old cramp is outside 7 nights: {text}");
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(listed, sorted, "newest first: {text}");
    assert!(text.contains("History of the last 7 nights"), "{text}");
    assert!(text.contains("Cramps: 3 (calf 3)"), "{text}");
    assert!(text.contains("Nightly routine: 0 of 7 nights"), "{text}");
    assert!(text.contains("Nights without:          3 cramps in 7 nights"), "{text}");
    let strip = text.lines().skip_while(|l| !l.starts_with("Nights, newest first")).nth(1).unwrap();
    let marks = strip.split_whitespace().last().unwrap();
    assert_eq!(marks.chars().count(), 7, "the strip is 7 nights too: {text}");
    assert_eq!(marks.chars().filter(|c| *c == 'x').count(), 3);
}

#[test]
fn fixtures_at_night_week_and_daylight_saving_boundaries() {
    use limber::history::summarize;
    let loaded = store::load(Path::new("tests/fixtures/history/boundaries.jsonl")).unwrap();
    assert_eq!(loaded.unreadable, 0);
    let s = |now: &str, days: u32| summarize(&loaded.records, now.parse().unwrap(), days);
    let strip = |x: &limber::history::Summary| limber::history::text::strip_text(x);

    // Night: 11:59 belongs to the night before, 12:00 starts a new one.
    let a = s("2026-10-28T11:59:00+00:00", 7);
    assert!(a.last_night && a.current_done, "the 27th's routine is last night's");
    let b = s("2026-10-28T12:00:00+00:00", 7);
    assert!(!b.last_night && !b.current_done, "at noon tonight begins, not done");
    assert_eq!(b.streak, 4);
    // London's clocks went back on the 25th at 02:00 BST: the 01:30 BST
    // and 01:30 GMT cramps (the hour that happens twice) are both the
    // 24th's night, as is the routine at 23:30 BST on the 24th. The cramp at
    // 11:59 on the 27th is the 26th's; the one at 12:00 the 27th's.
    assert_eq!(strip(&a), "XX#X.#x", "{a:?}");
    let n24 = a.strip.iter().find(|n| n.date == jiff::civil::date(2026, 10, 24)).unwrap();
    assert_eq!((n24.done, n24.cramps), (true, 2));
    assert_eq!(a.strip[0].by_muscle.get(&limber::routine::Muscle::Quadriceps), Some(&1));
    assert_eq!(a.after_routine, limber::history::summary::Rate { cramps: 4, nights: 5 });
    assert_eq!(a.after_no_routine, limber::history::summary::Rate { cramps: 1, nights: 2 });
    // Week boundary: seven nights are one whole week; an eighth starts a
    // second week of its own.
    assert_eq!(a.weekly, [5]);
    let c = s("2026-10-28T11:59:00+00:00", 8);
    assert_eq!(c.weekly, [5, 1], "{}", strip(&c));
    assert_eq!(c.after_routine.cramps + c.after_no_routine.cramps, 6);
    assert_eq!(strip(&b), ".XX#X.#", "noon moves the whole range one night on");
    // New York's clocks went back on 1 November: a routine at 22:00 EDT on
    // the 31st and one at 22:00 EST on the 1st are consecutive nights.
    let d = s("2026-11-02T09:00:00-05:00", 3);
    assert_eq!(strip(&d), "##.", "{d:?}");
    assert_eq!((d.streak, d.last_night, d.current_done), (2, true, true));
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
    let json: Vec<serde_json::Value> = records(&t.path("data"))
        .into_iter()
        .filter(|r| r["kind"] == "session" || r["kind"] == "cramp")
        .collect();
    assert_eq!(json.len(), 2, "{json:?}");
    assert_eq!(json[0]["kind"], "session");
    assert_eq!(json[0]["routine"], "calf-relief");
    assert_eq!(json[0]["completed"], true);
    assert_eq!(json[0]["scale"], 20.0, "a sped-up run says so");
    assert_eq!(json[1]["kind"], "cramp");
    assert_eq!(json[1]["muscle"], "calf");
    assert_eq!(json[1]["holds"], 2);
    assert_eq!(json[0]["holds"][0]["holds"], 2, "the session and its cramp agree");
    assert_eq!(json[1]["logged"], false);
    assert_eq!(json[0]["id"], json[1]["id"]);
}

#[test]
fn a_relief_session_left_with_q_records_a_stopped_cramp() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    let t = Tmux::start("hist-relief-q", 80, 24, &["relief", "calf"], &[("LIMBER_TIME_SCALE", "20")]);
    t.wait_for("Still cramping?", T);
    t.keys(&["q"]);
    t.wait_for("Relief stopped.", T);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
    let data = t.path("data");
    let json: Vec<serde_json::Value> =
        records(&data).into_iter().filter(|r| r["kind"] == "session" || r["kind"] == "cramp").collect();
    assert_eq!(json[0]["completed"], false, "the cramp did not go: {json:?}");
    let out = limber(&data).args(["history"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let cramp = text.lines().find(|l| l.contains("cramp    calf")).unwrap();
    assert!(cramp.contains("stopped before it went"), "{text}");
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
    let json: Vec<serde_json::Value> =
        records(&t.path("data")).into_iter().filter(|r| r["kind"] == "session").collect();
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
    assert!(s.contains("the data folder /dev/null is a special file, not a folder"), "{s}");
    t.wait_for("Still cramping?", T);
    t.keys(&["Enter"]);
    t.wait_for("The cramp has gone.", T);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(T), Some(0));
}

/// Kills limber with SIGKILL and waits for the shell to report it. The
/// shell's "Killed" line can wrap the exit line, so it is read joined.
fn kill_9(t: &Tmux) {
    Command::new("kill").args(["-KILL", &t.pid().to_string()]).status().unwrap();
    let start = std::time::Instant::now();
    loop {
        let joined = t.screen().replace('\n', "");
        if joined.contains("limber-exit=137") {
            return;
        }
        assert!(start.elapsed() < T, "limber did not die of SIGKILL: {joined}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the history in `data` holds at least `n` hold records.
fn wait_for_holds(data: &Path, n: usize) {
    let start = std::time::Instant::now();
    while records(data).iter().filter(|r| r["kind"] == "hold").count() < n {
        assert!(start.elapsed() < T, "no {n} hold records: {:?}", records(data));
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_nightly_session_killed_with_sigkill_keeps_every_finished_hold() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    let t = Tmux::start("hist-kill", 80, 24, &["night"], &[("LIMBER_TIME_SCALE", "20")]);
    wait_for_holds(&t.path("data"), 3);
    kill_9(&t);

    let lines = records(&t.path("data"));
    let holds = lines.iter().filter(|r| r["kind"] == "hold").count();
    assert!(lines.iter().all(|r| r["kind"] == "start" || r["kind"] == "hold"), "{lines:?}");
    assert!(lines.iter().all(|r| r["id"] == lines[0]["id"]), "one session id ties them: {lines:?}");
    let loaded = store::load(&t.path("data/history.jsonl")).unwrap();
    assert_eq!(loaded.unreadable, 0);
    let merged = limber::history::merge(&loaded.records);
    assert_eq!(merged.sessions.len(), 1);
    let s = &merged.sessions[0];
    assert!(!s.ended && !s.completed);
    assert_eq!(s.holds_done() as usize, holds, "every finished hold is kept");
    assert_eq!(s.held_secs, Some(30 * holds as u32));
    assert_eq!(s.steps, Some(3));
    assert!(s.last_step.is_some(), "step N of M reached, for a resume");

    // `limber history` shows it as interrupted, and a sped-up run is not
    // counted as a night done.
    let out = limber(&t.path("data")).args(["history", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"][0]["kind"], "session");
    assert_eq!(v["records"][0]["ended"], false);
    assert_eq!(v["nights_done"], 0);
    assert_eq!(v["not_counted"], 1);
    let out = limber(&t.path("data")).args(["history"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nightly (interrupted at step"), "{text}");
    assert!(text.contains("[sped up x20, not counted]"), "{text}");
}

#[test]
fn a_relief_session_killed_mid_hold_keeps_its_cramp() {
    if !tmux_available() {
        eprintln!("skipped: needs tmux");
        return;
    }
    let t = Tmux::start("hist-kill-relief", 80, 24, &["relief", "calf"], &[("LIMBER_TIME_SCALE", "20")]);
    t.wait_for("Still cramping?", T);
    t.keys(&["Space"]);
    t.wait_for("hold 2", T);
    kill_9(&t);
    let merged = limber::history::merge(&store::load(&t.path("data/history.jsonl")).unwrap().records);
    assert_eq!(merged.cramps.len(), 1, "{merged:?}");
    let c = &merged.cramps[0];
    assert_eq!(c.muscle, limber::routine::Muscle::Calf);
    assert!(c.interrupted);
    assert_eq!(c.holds, 1, "the first hold finished; the second, in progress, is lost");
    assert!(!c.counted(), "a sped-up run");
}

#[test]
fn a_data_folder_that_is_a_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("limber-data");
    std::fs::write(&file, "not a folder").unwrap();
    for data in [file.clone(), file.join("below")] {
        let out = limber(&data).args(["log", "calf"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let expected = format!("cannot save it: the data folder {} is a file, not a folder", file.display());
        assert!(stderr.contains(&expected), "{stderr}");
        assert!(!stderr.contains("File exists") && !stderr.contains("history.jsonl"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder", "the file is left alone");
}
