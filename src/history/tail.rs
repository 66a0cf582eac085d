//! The end of the history file only, read backwards: what `limber status`
//! (run in every shell prompt) and `limber remind notify` need is tonight,
//! not ten years.
//!
//! Records are appended as they happen, so reading from the end stops at the
//! first one written before the cut-off. Cramps logged afterwards
//! (`limber log --at`) carry the time of the cramp, not of the writing, so
//! they never stop the reading.

use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use jiff::{Timestamp, ToSpan};

use super::record::{LocalTime, OLDEST_VERSION, Record, VERSION};

/// Bytes read backwards at a time.
const CHUNK: u64 = 8 * 1024;
/// Reading stops after this much whatever it found: a bound on the work a
/// prompt can cause, even in a file of only logged cramps.
const MAX_BYTES: u64 = 1024 * 1024;

/// The records written at or after `since`, in file order. Unreadable lines
/// are skipped; a missing file is an empty history.
pub fn read_since(path: &Path, since: Timestamp) -> io::Result<Vec<Record>> {
    // Look before opening: opening a FIFO for reading would wait for a
    // writer, and a shell prompt must never hang.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(io::Error::other("the history is not a regular file")),
        _ => {}
    }
    // Opened without blocking, in case a FIFO was swapped in since the look.
    let mut file = match crate::fsx::open_regular(path) {
        Ok(f) => f,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            return Ok(Vec::new());
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("the history is not a regular file"));
    }
    let mut pos = meta.len();
    let mut carry: Vec<u8> = Vec::new();
    let mut found = Vec::new();
    loop {
        let start = pos.saturating_sub(CHUNK);
        let mut buf = vec![0u8; (pos - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf)?;
        buf.extend_from_slice(&carry);
        pos = start;
        let mut end = buf.len();
        // Every line after the chunk's first newline is whole.
        while let Some(nl) = buf[..end].iter().rposition(|b| *b == b'\n') {
            if !take(&buf[nl + 1..end], since, &mut found) {
                return Ok(finish(found));
            }
            end = nl;
        }
        if pos == 0 {
            take(&buf[..end], since, &mut found);
            return Ok(finish(found));
        }
        if meta.len() - pos >= MAX_BYTES {
            return Ok(finish(found));
        }
        carry = buf[..end].to_vec();
    }
}

/// Tonight's records (and a margin of half a day before the night began,
/// for clocks changed or time zones crossed since).
pub fn tonight(path: &Path, now: LocalTime) -> io::Result<Vec<Record>> {
    let noon = now.night().at(12, 0, 0, 0);
    let since = now.offset.to_timestamp(noon).unwrap_or(now.instant);
    let since = since.checked_sub(12.hours()).unwrap_or(since);
    read_since(path, since)
}

fn finish(mut found: Vec<Record>) -> Vec<Record> {
    found.reverse();
    found
}

/// Keeps one line's record; `false` once a record was written before
/// `since` (reading can stop).
fn take(line: &[u8], since: Timestamp, found: &mut Vec<Record>) -> bool {
    if line.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    let Ok(record) = serde_json::from_slice::<Record>(line) else { return true };
    // When the line was written: a session's end, the moment of a start,
    // a hold or a cramp from a session. Logged cramps and notes may name
    // any time, so they never stop the reading.
    let written = match &record {
        Record::Session { end, .. } => Some(end.instant),
        Record::Cramp { at, logged: false, .. } | Record::Start { at, .. } | Record::Hold { at, .. } => {
            Some(at.instant)
        }
        Record::Cramp { logged: true, .. } | Record::Note { .. } => None,
    };
    if !(OLDEST_VERSION..=VERSION).contains(&record.version()) {
        return true;
    }
    if written.is_some_and(|w| w < since) {
        return false;
    }
    found.push(record);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::store;
    use crate::routine::{Mode, Muscle};

    fn t(s: &str) -> LocalTime {
        s.parse().unwrap()
    }

    fn nightly(start: &str, end: &str) -> Record {
        Record::Session {
            v: VERSION,
            routine: "nightly".into(),
            mode: Mode::Nightly,
            start: t(start),
            end: t(end),
            completed: true,
            holds: vec![crate::history::record::HoldCount {
                muscle: Muscle::Calf,
                side: Some(crate::routine::Side::Left),
                holds: 2,
            }],
            id: None,
            planned_secs: None,
            held_secs: None,
            skipped: None,
            scale: None,
        }
    }

    #[test]
    fn reads_back_only_to_tonight_across_chunks_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        // A year of nights: far more than one chunk.
        let mut day = jiff::civil::date(2025, 11, 1);
        while day < jiff::civil::date(2026, 11, 24) {
            let s = format!("{day}T22:00:00+01:00");
            let e = format!("{day}T22:08:00+01:00");
            store::append(&path, &nightly(&s, &e)).unwrap();
            day = day.tomorrow().unwrap();
        }
        let logged_old = Record::Cramp {
            v: VERSION,
            muscle: Muscle::Calf,
            at: t("2026-01-01T03:00:00+01:00"),
            holds: 0,
            secs: 0,
            logged: true,
            id: None,
            pain: None,
            note: None,
            scale: None,
        };
        store::append(&path, &logged_old).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| {
                use std::io::Write;
                f.write_all(b"garbage\n")
            })
            .unwrap();
        let tonight_rec = nightly("2026-11-24T22:00:00+01:00", "2026-11-24T22:08:00+01:00");
        store::append(&path, &tonight_rec).unwrap();

        let got = tonight(&path, t("2026-11-24T23:00:00+01:00")).unwrap();
        // Tonight's, the logged cramp (whatever its date), and nothing from
        // the night before (ended 22:08 on the 23rd, before the margin).
        assert_eq!(got, vec![logged_old, tonight_rec]);
        // The same history read whole agrees on tonight.
        let all = store::load(&path).unwrap().records;
        let now = t("2026-11-24T23:00:00+01:00");
        let done = crate::remind::due::tonight_done;
        assert!(done(&all, now) && done(&got, now));
        let before = t("2026-11-24T21:00:00+01:00");
        assert_eq!(done(&all, before), done(&tonight(&path, before).unwrap(), before));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_history_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        assert!(tonight(&path, t("2026-11-24T23:00:00+01:00")).is_err());
    }

    #[test]
    fn a_missing_file_and_a_file_without_a_newline_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        assert!(tonight(&path, t("2026-11-24T23:00:00+01:00")).unwrap().is_empty());
        let rec = nightly("2026-11-24T22:00:00+01:00", "2026-11-24T22:08:00+01:00");
        std::fs::write(&path, serde_json::to_string(&rec).unwrap()).unwrap();
        assert_eq!(tonight(&path, t("2026-11-25T01:00:00+01:00")).unwrap(), vec![rec]);
    }
}
