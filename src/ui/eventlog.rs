//! `--event-log PATH`: one JSON object per session event, written by its own
//! thread so the UI never waits on the disk.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

use super::app::Logged;

/// The writer. Dropping it flushes and closes the file.
pub struct EventLog {
    tx: Option<Sender<String>>,
    thread: Option<JoinHandle<()>>,
}

impl EventLog {
    /// Creates (or truncates) the file now, so a bad path is reported before
    /// the session starts.
    pub fn create(path: &Path) -> io::Result<Self> {
        let file = File::create(path)?;
        let (tx, rx) = mpsc::channel::<String>();
        let thread = std::thread::Builder::new().name("event-log".into()).spawn(move || {
            let mut out = BufWriter::new(file);
            for line in rx {
                // Flushed per line: the log is for checking timing, and a
                // killed session should still leave what happened before.
                if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
                    break;
                }
            }
        })?;
        Ok(EventLog { tx: Some(tx), thread: Some(thread) })
    }

    pub fn write(&self, e: &Logged) {
        self.write_value(e);
    }

    /// Any JSON-serialisable line (the audio worker's cue timings).
    pub fn write_value(&self, v: &impl serde::Serialize) {
        if let (Some(tx), Ok(line)) = (&self.tx, serde_json::to_string(v)) {
            let _ = tx.send(line);
        }
    }
}

impl Drop for EventLog {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
