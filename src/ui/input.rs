//! Everything that wakes the UI, as messages on one channel: key presses and
//! resizes from a reader thread, signals from a signal thread. The UI thread
//! blocks on the channel with a timeout equal to its next deadline.

use std::sync::mpsc::Sender;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// Something for the UI loop.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
    /// A signal number (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT).
    Signal(i32),
    /// From the audio worker.
    Audio(crate::audio::Note),
    /// The history file, read (or not) off the UI thread, and its path.
    History(Box<HistoryLoad>),
    /// The history cannot be written, and why.
    HistoryProblem(String),
}

/// What the history loader sends: the result of reading, and the path.
pub type HistoryLoad = (Option<std::io::Result<crate::history::store::Loaded>>, Option<std::path::PathBuf>);

/// Starts the key reader. Only presses are passed on: some terminals also
/// report releases and repeats, which would act twice.
pub fn spawn_keys(tx: Sender<Msg>) {
    std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            while let Ok(ev) = event::read() {
                let msg = match ev {
                    Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
                    Event::Resize(..) => Msg::Resize,
                    _ => continue,
                };
                if tx.send(msg).is_err() {
                    break;
                }
            }
        })
        .expect("spawning a thread only fails when the system is out of resources");
}

/// Starts the signal listener. Handling these signals ourselves (instead of
/// dying) is what lets the terminal be restored on SIGTERM and SIGHUP.
pub fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}
