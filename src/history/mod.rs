//! The record of sessions and cramps, and what it says: streaks, nights,
//! cramps by week and the counts that show whether the nightly habit helps.

pub mod input;
pub mod merge;
pub mod record;
pub mod store;
pub mod summary;
pub mod tail;
pub mod text;

use std::path::PathBuf;

pub use merge::{History, merge};
pub use record::{LocalTime, Record};
pub use summary::{Night, Summary, nights, summarize, summarize_merged};

use crate::worker::Worker;

/// Appends records on its own thread: the UI never waits on the disk.
/// Dropping it finishes the queued writes.
pub struct Writer(Worker<Record>);

impl Writer {
    /// Starts the writer; `problem` is called (on the writer thread) once if
    /// the history cannot be written, with the reason.
    pub fn start(path: Option<PathBuf>, problem: impl Fn(String) + Send + 'static) -> Self {
        Writer(Worker::spawn("history", move |rx| {
            let Some(path) = path else {
                problem("no data folder is known (set LIMBER_DATA_DIR)".into());
                return;
            };
            let mut told = false;
            let mut tell = |e: std::io::Error| {
                if !std::mem::replace(&mut told, true) {
                    problem(store::write_problem(&path, &e));
                }
            };
            // Say at the start, not at the end, that nothing will be saved.
            if let Err(e) = store::check_writable(&path) {
                tell(e);
            }
            for r in rx {
                if let Err(e) = store::append(&path, &r) {
                    tell(e);
                }
            }
        }))
    }

    pub fn write(&self, r: Record) {
        self.0.send(r);
    }
}
