//! `--event-log PATH`: one JSON object per session event, written by its own
//! thread so the UI never waits on the disk.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::app::Logged;
use crate::worker::Worker;

/// The writer. Dropping it flushes and closes the file.
pub struct EventLog(Worker<String>);

impl EventLog {
    /// Creates (or truncates) the file now, so a bad path is reported before
    /// the session starts. A FIFO is used only if a reader is already there
    /// (see [`crate::fsx::create_log`]). `problem` is called once, on the
    /// log's thread, if a write fails (a full disk, `/dev/full`, a reader
    /// that left): the session goes on without the log.
    pub fn create(path: &Path, problem: impl Fn(String) + Send + 'static) -> io::Result<Self> {
        let file: File = crate::fsx::create_log(path)?;
        let shown = crate::text::printable(&path.display().to_string());
        Ok(EventLog(Worker::spawn("event-log", move |rx| {
            let mut out = BufWriter::new(file);
            for line in rx {
                // Flushed per line: the log is for checking timing, and a
                // killed session should still leave what happened before.
                if let Err(e) = writeln!(out, "{line}").and_then(|_| out.flush()) {
                    problem(format!("the event log {shown} stopped: {e}"));
                    break;
                }
            }
        })))
    }

    pub fn write(&self, e: &Logged) {
        self.write_value(e);
    }

    /// Any JSON-serialisable line (the audio worker's cue timings).
    pub fn write_value(&self, v: &impl serde::Serialize) {
        if let Ok(line) = serde_json::to_string(v) {
            self.0.send(line);
        }
    }
}
