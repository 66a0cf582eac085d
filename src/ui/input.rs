//! Everything that wakes the UI, as messages on one channel: key presses and
//! resizes from a reader thread, signals from a signal thread. The UI thread
//! blocks on the channel with a timeout equal to its next deadline.

use std::sync::mpsc::Sender;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use signal_hook::consts::signal::*;
use signal_hook::iterator::Signals;

/// Something for the UI loop.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
    /// A signal number: SIGTSTP, SIGCONT, or one of [`terminating`].
    Signal(i32),
    /// From the audio worker.
    Audio(crate::audio::Note),
    /// The history file, read (or not) off the UI thread, and its path.
    History(Box<HistoryLoad>),
    /// Something to show in the footer (the event log stopped).
    Notice(String),
    /// The history cannot be written, and why.
    HistoryProblem(String),
}

/// What the history loader sends: the result of reading, and the path.
pub type HistoryLoad = (Option<std::io::Result<crate::history::store::Loaded>>, Option<std::path::PathBuf>);

/// How long the key reader waits for input before looking again whether
/// limber is still in the foreground.
const KEY_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Starts the key reader. Only presses are passed on: some terminals also
/// report releases and repeats, which would act twice.
///
/// It reads only while limber owns the terminal: continued in the
/// background (`kill -CONT` on a stopped job), a read of what is typed to
/// the shell would stop limber again with SIGTTIN, and the shell, believing
/// the job running, would need a second `fg`.
pub fn spawn_keys(tx: Sender<Msg>) {
    std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            loop {
                if !super::terminal::is_foreground() {
                    std::thread::sleep(KEY_POLL);
                    continue;
                }
                match event::poll(KEY_POLL) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(_) => break,
                }
                let Ok(ev) = event::read() else { break };
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

/// Every signal whose default action ends the process and that a handler
/// may catch: each must restore the terminal, not leave it in raw mode.
/// (SIGKILL cannot be caught; faults such as SIGSEGV, SIGBUS and SIGABRT
/// must keep their default action, since returning from a handler would
/// repeat the fault.)
///
/// SIGPIPE is not here on purpose: Rust starts every program with it
/// ignored, so a `kill -PIPE` does nothing, and a write to a closed pipe (an
/// `--event-log` FIFO whose reader left) fails on its own while the session
/// goes on. Catching it would end a session because a log reader quit.
pub fn terminating() -> Vec<i32> {
    let mut sigs = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
        SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        sigs.extend([libc::SIGPWR, libc::SIGSTKFLT]);
        sigs.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    sigs
}

/// Starts the signal listener. Handling these signals ourselves (instead of
/// dying) is what lets the terminal be restored on every one of them.
pub fn spawn_signals(tx: Sender<Msg>) -> std::io::Result<()> {
    let mut sigs = terminating();
    sigs.extend([SIGTSTP, SIGCONT]);
    let mut signals = Signals::new(sigs)?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}
