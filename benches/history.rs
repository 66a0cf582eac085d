//! Ten years of nightly use (3,650 sessions and 1,000 cramps): how long
//! loading, merging and summarising the history takes. Run with
//! `cargo bench --bench history`; the target is under 20 ms. A second
//! figure writes the same ten years as version 2 does, with a start record
//! and a record per hold for every session (a file about ten times longer).
//! Then `limber report` on both files: load, count and render each format,
//! for the default 90 nights and for all ten years; the target is under
//! 100 ms.

use std::io::Write;
use std::time::{Duration, Instant};

use limber::history::record::{HoldCount, VERSION};
use limber::history::{LocalTime, Record, store, summarize};
use limber::report::{Format, Report, render};
use limber::routine::{Mode, Muscle, Side};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("history.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let start: LocalTime = "2016-11-24T22:00:00+01:00".parse().expect("time");
    let day = 24 * 3600;
    let at = |secs: i64| LocalTime {
        instant: jiff::Timestamp::from_second(start.instant.as_second() + secs).expect("in range"),
        offset: start.offset,
    };
    let holds: Vec<HoldCount> = [Muscle::Calf, Muscle::Hamstring, Muscle::Quadriceps]
        .into_iter()
        .flat_map(|muscle| {
            [Side::Left, Side::Right].map(|side| HoldCount { muscle, side: Some(side), holds: 2 })
        })
        .collect();
    for n in 0..3650i64 {
        let r = Record::Session {
            v: VERSION,
            id: None,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: at(n * day),
            end: at(n * day + 470),
            completed: n % 7 != 3,
            holds: holds.clone(),
            planned_secs: Some(360),
            held_secs: Some(if n % 7 == 3 { 90 } else { 360 }),
            skipped: Some(if n % 7 == 3 { 9 } else { 0 }),
            scale: None,
        };
        writeln!(file, "{}", serde_json::to_string(&r).expect("json")).expect("write");
    }
    for n in 0..1000i64 {
        let r = Record::Cramp {
            v: VERSION,
            id: None,
            muscle: Muscle::Calf,
            at: at(n * 365 * day / 100 + 5 * 3600),
            holds: 3,
            secs: 95,
            logged: n % 5 == 0,
            pain: (n % 3 == 0).then_some(5),
            note: (n % 10 == 0).then(|| "woke at 5".to_string()),
            scale: None,
        };
        writeln!(file, "{}", serde_json::to_string(&r).expect("json")).expect("write");
    }
    drop(file);

    let now: LocalTime = "2026-11-23T21:00:00+01:00".parse().expect("time");
    report("history", &path, 4650, now);

    // The same ten years with every session's start and per-hold records.
    let path2 = dir.path().join("history-v2.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path2).expect("create"));
    let mut lines = 0;
    for line in std::fs::read_to_string(&path).expect("read").lines() {
        let r: Record = serde_json::from_str(line).expect("record");
        if let Record::Session { start, mode, .. } = &r {
            let id = format!("s{}", start.instant.as_second());
            let s = Record::Start {
                v: VERSION,
                id: id.clone(),
                routine: "nightly".into(),
                mode: *mode,
                at: *start,
                steps: 3,
                planned_secs: 360,
                scale: None,
            };
            writeln!(file, "{}", serde_json::to_string(&s).expect("json")).expect("write");
            lines += 1;
            for k in 0..12u32 {
                let h = Record::Hold {
                    v: VERSION,
                    id: id.clone(),
                    at: *start,
                    step: k / 4,
                    rep: k % 2 + 1,
                    side: Some(if k % 4 < 2 { Side::Left } else { Side::Right }),
                    muscle: Muscle::Calf,
                    secs: 30,
                };
                writeln!(file, "{}", serde_json::to_string(&h).expect("json")).expect("write");
                lines += 1;
            }
            let mut r = r.clone();
            if let Record::Session { id: slot, .. } = &mut r {
                *slot = Some(id);
            }
            writeln!(file, "{}", serde_json::to_string(&r).expect("json")).expect("write");
        } else {
            writeln!(file, "{line}").expect("write");
        }
        lines += 1;
    }
    drop(file);
    report("history, per-hold records", &path2, lines, now);

    doctor_report("report", &path, now);
    doctor_report("report, per-hold records", &path2, now);
}

/// Loads `path`, builds the report and renders it, 30 times for each range
/// and format, as `limber report` does, and prints the figures.
fn doctor_report(name: &str, path: &std::path::Path, now: LocalTime) {
    for days in [90, 3650] {
        for (format, label) in [(Format::Markdown, "md"), (Format::Csv, "csv"), (Format::Html, "html")] {
            let mut times: Vec<Duration> = (0..30)
                .map(|_| {
                    let t = Instant::now();
                    let loaded = store::load(path).expect("load");
                    let r = Report::build(&loaded.records, now, days, loaded.unreadable);
                    let out = render(&r, format);
                    std::hint::black_box(&out);
                    assert!(r.total_cramps() > 0);
                    t.elapsed()
                })
                .collect();
            times.sort();
            println!(
                "{name}: --days {days} --format {label}: load + count + render min {:.2} ms, median {:.2} ms, max {:.2} ms (30 runs)",
                times[0].as_secs_f64() * 1e3,
                times[15].as_secs_f64() * 1e3,
                times[29].as_secs_f64() * 1e3
            );
        }
    }
}

/// Loads, merges and summarises `path` 30 times and prints the figures.
fn report(name: &str, path: &std::path::Path, records: usize, now: LocalTime) {
    let bytes = std::fs::metadata(path).expect("size").len();
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            let loaded = store::load(path).expect("load");
            let s = summarize(&loaded.records, now, 30);
            std::hint::black_box(&s);
            assert_eq!(loaded.records.len(), records);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name}: {records} lines ({} KiB): load + merge + summarise min {:.2} ms, median {:.2} ms, max {:.2} ms (30 runs)",
        bytes / 1024,
        times[0].as_secs_f64() * 1e3,
        times[15].as_secs_f64() * 1e3,
        times[29].as_secs_f64() * 1e3
    );
}
