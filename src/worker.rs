//! A thread fed by a channel, for work that must stay off the UI thread
//! (file writes, speech processes). Dropping the handle closes the channel
//! and waits for the thread to finish what was queued.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// The handle to a worker thread that takes `T`s.
pub struct Worker<T> {
    tx: Option<Sender<T>>,
    thread: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> Worker<T> {
    /// Starts `run` on a thread named `name`; it gets every message sent
    /// and should return when the receiver is exhausted. If the thread
    /// cannot be started, messages are dropped: losing a log line or a
    /// prompt must never stop a session.
    pub fn spawn(name: &str, run: impl FnOnce(Receiver<T>) + Send + 'static) -> Self {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new().name(name.into()).spawn(move || run(rx)).ok();
        Worker { tx: Some(tx), thread }
    }

    pub fn send(&self, msg: T) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(msg);
        }
    }
}

impl<T> Drop for Worker<T> {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
