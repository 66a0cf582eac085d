//! Owning the terminal: raw mode and the alternate screen on the way in, and
//! put back on every way out (normal exit, error return, panic, signals,
//! suspend).

use std::io::{self, Stdout, Write};

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
}

impl Tui {
    /// Switches the terminal to TUI mode and installs the panic hook that
    /// undoes it before the panic message is printed.
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        set_tui_mode()?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Tui { terminal })
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

    /// After SIGCONT or a suspend: TUI mode again and a full redraw.
    pub fn resume(&mut self) -> io::Result<()> {
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

fn set_tui_mode() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)
}

/// Leaves the alternate screen, shows the cursor and leaves raw mode.
/// Errors are ignored: this runs on the way out, when there is nothing
/// better to do, and each step is worth trying even if another fails.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    use std::sync::Once;
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic on the UI thread ends the program: restore first, so
            // the message lands on the normal screen. A worker thread's
            // panic (audio, history) leaves the session running, so the
            // terminal stays as the UI needs it.
            if std::thread::current().name() == Some("main") {
                restore();
            }
            previous(info);
        }));
    });
}
