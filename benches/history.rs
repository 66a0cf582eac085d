//! Ten years of nightly use (3,650 sessions and 1,000 cramps): how long
//! loading and summarising the history takes. Run with
//! `cargo bench --bench history`; the target is under 20 ms.

use std::io::Write;
use std::time::{Duration, Instant};

use limber::history::record::{HoldCount, VERSION};
use limber::history::{LocalTime, Record, store, summarize};
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
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: at(n * day),
            end: at(n * day + 470),
            completed: n % 7 != 3,
            holds: holds.clone(),
        };
        writeln!(file, "{}", serde_json::to_string(&r).expect("json")).expect("write");
    }
    for n in 0..1000i64 {
        let r = Record::Cramp {
            v: VERSION,
            muscle: Muscle::Calf,
            at: at(n * 365 * day / 100 + 5 * 3600),
            holds: 3,
            secs: 95,
            logged: n % 5 == 0,
        };
        writeln!(file, "{}", serde_json::to_string(&r).expect("json")).expect("write");
    }
    drop(file);
    let bytes = std::fs::metadata(&path).expect("size").len();

    let now: LocalTime = "2026-11-23T21:00:00+01:00".parse().expect("time");
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            let loaded = store::load(&path).expect("load");
            let s = summarize(&loaded.records, now, 30);
            std::hint::black_box(&s);
            assert_eq!(loaded.records.len(), 4650);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "history: 3650 sessions + 1000 cramps ({} KiB): load + summarise min {:.2} ms, median {:.2} ms, max {:.2} ms (30 runs)",
        bytes / 1024,
        times[0].as_secs_f64() * 1e3,
        times[15].as_secs_f64() * 1e3,
        times[29].as_secs_f64() * 1e3
    );
}
