//! Owning the terminal: raw mode and the alternate screen on the way in, and
//! put back on every way out (normal exit, error return, panic, signals,
//! suspend).

use std::io::{self, Stdout, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The terminal in TUI mode. Dropping it restores the terminal, so an early
/// `?` return cannot leave the shell broken.
pub struct Tui {
    pub terminal: Term,
    /// Continued while in the background (`kill -CONT` on a stopped job):
    /// the shell owns the terminal until `fg`, so nothing is drawn.
    pub background: bool,
}

impl Tui {
    /// Switches the terminal to TUI mode, with the panic hook installed
    /// that undoes it before any panic message is printed.
    pub fn enter() -> io::Result<Self> {
        crate::panic::install();
        set_tui_mode()?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Tui { terminal, background: false })
    }

    /// Ctrl-Z: give the shell its terminal back, stop until `fg`, then take
    /// it again and redraw everything.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // Stops the process as the default SIGTSTP action would; returns
        // once the shell continues it.
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    /// After SIGCONT or a suspend: TUI mode again and a full redraw; or, if
    /// continued in the background, nothing until `fg` sends SIGCONT again
    /// (touching the terminal from the background would stop us again with
    /// SIGTTOU, and draw over the shell).
    pub fn resume(&mut self) -> io::Result<()> {
        self.background = !is_foreground();
        if self.background {
            return Ok(());
        }
        // After a SIGSTOP the shell put its own terminal modes back, but
        // crossterm still believes raw mode is on and would skip enabling
        // it: leave raw mode in crossterm's books first.
        let _ = disable_raw_mode();
        set_tui_mode()?;
        execute!(io::stdout(), Clear(ClearType::All))?;
        // A new `Terminal` has an empty previous frame, so the next draw
        // repaints everything. (`Terminal::clear` would ask the terminal for
        // the cursor position, and the key reader thread would swallow the
        // answer.)
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether the screen is in TUI mode now: set on the way in, cleared by the
/// one [`restore`] that undoes it. Restoring twice would print a second
/// "leave the alternate screen" after an error message and let the shell
/// prompt overwrite it.
static OWNED: AtomicBool = AtomicBool::new(false);

/// Panic messages of other threads, held while the screen is owned.
static DEFERRED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Whether limber owns the screen (raw mode, alternate screen) now.
pub fn is_owned() -> bool {
    OWNED.load(Ordering::SeqCst)
}

/// Keeps a message to print on stderr after the terminal is restored.
pub fn defer_message(msg: String) {
    if let Ok(mut d) = DEFERRED.lock() {
        d.push(msg);
    }
}

/// Whether our process group owns the terminal (true when this cannot be
/// told, as on a system without job control).
pub fn is_foreground() -> bool {
    #[cfg(unix)]
    {
        match rustix::termios::tcgetpgrp(io::stdin()) {
            Ok(pgrp) => pgrp == rustix::process::getpgrp(),
            Err(_) => true,
        }
    }
    #[cfg(not(unix))]
    {
        true
    }
}

fn set_tui_mode() -> io::Result<()> {
    // Set first: a failure half-way must still be undone.
    OWNED.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)
}

/// Leaves the alternate screen, shows the cursor and leaves raw mode, once:
/// later calls do nothing until the screen is taken again. Then prints the
/// messages deferred while the screen was owned.
/// Errors are ignored: this runs on the way out, when there is nothing
/// better to do, and each step is worth trying even if another fails.
pub fn restore() {
    if !OWNED.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
    for m in take_deferred() {
        crate::errln!("{m}");
    }
}

fn take_deferred() -> Vec<String> {
    DEFERRED.lock().map(|mut d| std::mem::take(&mut *d)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_panic_while_the_screen_is_owned_is_kept_for_after_the_restore() {
        crate::panic::install();
        // As if the TUI were up, without touching the test's terminal.
        OWNED.store(true, Ordering::SeqCst);
        let worker = std::thread::Builder::new().name("audio".into()).spawn(|| panic!("boom")).unwrap();
        assert!(worker.join().is_err());
        assert!(is_owned(), "a worker's panic leaves the session's screen alone");
        OWNED.store(false, Ordering::SeqCst);
        let kept = take_deferred();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].starts_with("limber: the audio thread stopped: boom ("), "{kept:?}");
        // Restoring a screen that is not owned does nothing (and says nothing).
        restore();
        assert!(!is_owned());
    }
}
