//! The history file: JSON Lines, append-only, safe against crashes, kills
//! and a second limber writing at the same time.
//!
//! Each record is one line written whole with a single `write_all` while an
//! exclusive lock is held, then synced. A kill can at worst leave a torn last
//! line; the next append starts on a new line, and the reader skips (and
//! counts) any line it cannot read. The file is never rewritten.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::record::Record;

/// `history.jsonl` in the data directory.
pub fn default_path() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("history.jsonl"))
}

/// Creates the data folder `dir` (and its parents). When a file stands
/// where a folder must be, says so by name: the system's own "File exists"
/// or "Not a directory" does not tell people what to change.
fn create_data_dir(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) => match dir.ancestors().find(|a| a.exists()).filter(|a| !a.is_dir()) {
            Some(file) => Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                FileInTheWay(format!(
                    "the data folder {} is {}, not a folder (set LIMBER_DATA_DIR to a folder)",
                    crate::text::printable(&file.display().to_string()),
                    if file.is_file() { "a file" } else { "a special file" },
                )),
            )),
            None => Err(e),
        },
    }
}

/// The reason [`create_data_dir`] gives when a file is in the way; its
/// message names the file, so it is shown as it is.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct FileInTheWay(String);

/// A write error as people read it: the history file, then the reason,
/// or only the reason when it already names what is wrong.
pub fn write_problem(path: &Path, e: &io::Error) -> String {
    if e.get_ref().is_some_and(|inner| inner.is::<FileInTheWay>()) {
        return e.to_string();
    }
    format!("{}: {e}", crate::text::printable(&path.display().to_string()))
}

/// Appends one record.
pub fn append(path: &Path, record: &Record) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        create_data_dir(dir)?;
    }
    let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
    line.push('\n');
    let mut file = OpenOptions::new().read(true).append(true).create(true).open(path)?;
    file.lock()?;
    // A torn line left by a kill must not swallow this record.
    if !ends_with_newline(&mut file)? {
        line.insert(0, '\n');
    }
    let written = file.write_all(line.as_bytes()).and_then(|_| file.sync_data());
    let _ = file.unlock();
    written
}

fn ends_with_newline(file: &mut File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Checks that the history can be written, without writing a record.
pub fn check_writable(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        create_data_dir(dir)?;
    }
    OpenOptions::new().append(true).create(true).open(path).map(|_| ())
}

/// What reading found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub records: Vec<Record>,
    /// Lines that could not be read, and the first one's number (1-based).
    pub unreadable: usize,
    pub first_unreadable: Option<usize>,
}

impl Loaded {
    /// "1 unreadable line in PATH, line 214", or nothing.
    pub fn damage_note(&self, path: &Path) -> Option<String> {
        let first = self.first_unreadable?;
        let n = self.unreadable;
        Some(format!(
            "{n} unreadable line{} in {}, line {first}{}; the file is left as it is",
            if n == 1 { "" } else { "s" },
            crate::text::printable(&path.display().to_string()),
            if n == 1 { "" } else { " first" },
        ))
    }
}

/// History lines longer than this are skipped as damaged without being
/// held in memory whole (a record is a few hundred bytes).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads every record it can. A missing file is an empty history; a
/// damaged line is skipped and counted, never an error. Only a regular file
/// is read (a FIFO, a device such as `/dev/zero` or a folder is an error
/// that says what it is), and a failed read is an error, not an empty
/// history.
pub fn load(path: &Path) -> io::Result<Loaded> {
    let file = match crate::fsx::open_regular(path) {
        Ok(f) => f,
        // Nothing written yet, or a data folder that cannot exist (the
        // writer reports that one): an empty history.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            return Ok(Loaded::default());
        }
        Err(e) => return Err(e),
    };
    parse_checked(BufReader::new(file))
}

/// Parses history lines from any reader; a read error ends the reading.
pub fn parse(reader: impl BufRead) -> Loaded {
    let mut out = Loaded::default();
    let _ = parse_into(reader, &mut out);
    out
}

/// Parses history lines from any reader; a read error is returned.
pub fn parse_checked(reader: impl BufRead) -> io::Result<Loaded> {
    let mut out = Loaded::default();
    parse_into(reader, &mut out)?;
    Ok(out)
}

fn parse_into(mut reader: impl BufRead, out: &mut Loaded) -> io::Result<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        number += 1;
        let (read, whole) = read_line_bounded(&mut reader, &mut line)?;
        if read == 0 {
            return Ok(());
        }
        // A byte-order mark, as some editors write, is not damage.
        let text = match line.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if number == 1 => rest,
            _ => &line[..],
        };
        if whole && text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(text) {
            // Versions this limber does not read are refused by the parse.
            Ok(r) if whole => out.records.push(r),
            _ => {
                out.unreadable += 1;
                out.first_unreadable.get_or_insert(number);
            }
        }
    }
}

/// Reads one line (without its newline) into `line`, keeping at most
/// [`MAX_LINE_BYTES`]; the rest of a longer line is read and dropped.
/// Returns the bytes consumed (0 at the end) and whether the line was kept
/// whole.
fn read_line_bounded(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<(usize, bool)> {
    line.clear();
    let mut consumed = 0;
    let mut whole = true;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((consumed, whole));
        }
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], i + 1),
            None => (buf, buf.len()),
        };
        if whole && line.len() + chunk.len() <= MAX_LINE_BYTES {
            line.extend_from_slice(chunk);
        } else {
            whole = false;
            line.clear();
        }
        let ended = done > chunk.len();
        reader.consume(done);
        consumed += done;
        if ended {
            return Ok((consumed, whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::{HoldCount, LocalTime, VERSION};
    use crate::routine::{Mode, Muscle, Side};

    fn samples() -> Vec<Record> {
        let t = |s: &str| s.parse::<LocalTime>().unwrap();
        vec![
            Record::Session {
                v: VERSION,
                routine: "nightly".into(),
                mode: Mode::Nightly,
                start: t("2026-11-22T22:00:00+01:00"),
                end: t("2026-11-22T22:07:50+01:00"),
                completed: true,
                holds: vec![HoldCount { muscle: Muscle::Calf, side: Some(Side::Left), holds: 2 }],
                id: Some("s1".into()),
                planned_secs: Some(360),
                held_secs: Some(300),
                skipped: Some(1),
                scale: None,
            },
            Record::Session {
                v: VERSION,
                routine: "calf-relief".into(),
                mode: Mode::Relief,
                start: t("2026-11-23T03:10:00+01:00"),
                end: t("2026-11-23T03:12:00+01:00"),
                completed: false,
                holds: vec![HoldCount { muscle: Muscle::Calf, side: None, holds: 3 }],
                id: None,
                planned_secs: None,
                held_secs: None,
                skipped: None,
                scale: Some(20.0),
            },
            Record::Cramp {
                v: VERSION,
                muscle: Muscle::Calf,
                at: t("2026-11-23T03:10:00+01:00"),
                holds: 3,
                secs: 95,
                logged: false,
                id: Some("s2".into()),
                pain: Some(7),
                note: Some("woke at 3".into()),
                scale: None,
            },
            Record::Cramp {
                v: VERSION,
                muscle: Muscle::Hamstring,
                at: t("2026-11-21T04:00:00-05:00"),
                holds: 0,
                secs: 0,
                logged: true,
                id: None,
                pain: None,
                note: None,
                scale: None,
            },
            Record::Start {
                v: VERSION,
                id: "s3".into(),
                routine: "nightly".into(),
                mode: Mode::Nightly,
                at: t("2026-11-24T22:00:00+01:00"),
                steps: 6,
                planned_secs: 360,
                scale: None,
            },
            Record::Hold {
                v: VERSION,
                id: "s3".into(),
                at: t("2026-11-24T22:01:00+01:00"),
                step: 0,
                rep: 1,
                side: Some(Side::Right),
                muscle: Muscle::Calf,
                secs: 30,
            },
            Record::Note {
                cramp_id: None,
                v: VERSION,
                at: t("2026-11-24T08:00:00+01:00"),
                cramp: t("2026-11-23T03:10:00+01:00"),
                pain: Some(4),
                note: None,
            },
        ]
    }

    #[test]
    fn every_record_kind_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history.jsonl");
        for r in samples() {
            append(&path, &r).unwrap();
        }
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.records, samples());
        assert_eq!(loaded.unreadable, 0);
        // The offset survives: the New York cramp is still 04:00 local.
        assert_eq!(loaded.records[3].at().civil().hour(), 4);
        // Optional fields are left out, not written as null.
        let line = serde_json::to_string(&samples()[3]).unwrap();
        assert!(!line.contains("null") && !line.contains("pain"), "{line}");
    }

    #[test]
    fn torn_and_garbage_lines_are_skipped_counted_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let recs = samples();
        append(&path, &recs[0]).unwrap();
        // Garbage in the middle, then a record, then a torn last line as a
        // kill during a write would leave.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"not json at all\n{\"kind\":\"cramp\",\"v\":99}\n").unwrap();
        drop(f);
        append(&path, &recs[1]).unwrap();
        let torn = serde_json::to_string(&recs[2]).unwrap();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&torn.as_bytes()[..torn.len() / 2]).unwrap();
        drop(f);
        let before = std::fs::read(&path).unwrap();

        let loaded = load(&path).unwrap();
        assert_eq!(loaded.records, recs[..2]);
        assert_eq!(loaded.unreadable, 3);
        assert_eq!(loaded.first_unreadable, Some(2));
        assert_eq!(
            loaded.damage_note(&path).unwrap(),
            format!("3 unreadable lines in {}, line 2 first; the file is left as it is", path.display())
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "reading never changes the file");

        // The next record after a torn line starts on its own line.
        append(&path, &recs[3]).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.records.last(), Some(&recs[3]));
        assert_eq!(loaded.records.len(), 3);
        assert_eq!(loaded.unreadable, 3);
    }

    #[test]
    fn a_bom_is_accepted_and_an_overlong_line_is_skipped_as_damaged() {
        let good = serde_json::to_string(&samples()[2]).unwrap();
        let long = format!("{{\"kind\":\"cramp\",\"pad\":\"{}\"}}", "x".repeat(MAX_LINE_BYTES));
        let text = format!("\u{feff}{good}\n{long}\n{good}\n");
        // A small buffer: the long line arrives in many pieces.
        let loaded = parse_checked(BufReader::with_capacity(64, text.as_bytes())).unwrap();
        assert_eq!(loaded.records, vec![samples()[2].clone(), samples()[2].clone()]);
        assert_eq!((loaded.unreadable, loaded.first_unreadable), (1, Some(2)));
        // A line of exactly the limit is still read.
        let pad = MAX_LINE_BYTES - good.len();
        let exact = format!("{}{}", good, " ".repeat(pad));
        assert_eq!(exact.len(), MAX_LINE_BYTES);
        assert_eq!(parse(exact.as_bytes()).records.len(), 1);
    }

    #[test]
    fn a_folder_or_a_device_is_an_error_not_an_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        let e = load(dir.path()).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        #[cfg(unix)]
        {
            let link = dir.path().join("history.jsonl");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            let e = load(&link).unwrap_err();
            assert!(e.to_string().contains("a device"), "{e}");
        }
    }

    #[test]
    fn a_missing_file_is_an_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("none.jsonl")).unwrap(), Loaded::default());
    }
}
