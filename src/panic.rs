//! The panic hook: no panic, on any thread, ever prints over the TUI.
//!
//! While the terminal is owned ([`crate::ui::terminal::is_owned`]), a panic
//! on the UI thread restores the terminal first and then prints; a panic on
//! another thread (audio, history, speech) leaves the session running and
//! its message is kept, to be printed once the terminal is restored. A panic
//! inside [`catch_quietly`] prints nothing at all: its message becomes the
//! error returned.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

use crate::ui::terminal;

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook (once; later calls do nothing). `main` calls it
/// first thing, before anything can panic.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                CAUGHT.with(|c| *c.borrow_mut() = Some(message(info)));
                return;
            }
            if terminal::is_owned() {
                let thread = std::thread::current();
                if thread.name() == Some("main") {
                    terminal::restore();
                } else {
                    terminal::defer_message(format!(
                        "limber: the {} thread stopped: {}",
                        thread.name().unwrap_or("unnamed"),
                        message(info)
                    ));
                    return;
                }
            }
            previous(info);
        }));
    });
}

/// Runs `f`; a panic inside it is returned as its message instead of being
/// printed. For third-party code fed untrusted input (sound decoders), as a
/// last guard behind the checks made before calling it.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install();
    let was = CATCHING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    result.map_err(|_| CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_else(|| "unknown panic".into()))
}

fn message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    match info.location() {
        Some(l) => format!("{text} ({}:{})", l.file(), l.line()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_becomes_its_message() {
        let r: Result<(), String> = catch_quietly(|| panic!("TimeBase cannot have 0 numerator"));
        let e = r.unwrap_err();
        assert!(e.starts_with("TimeBase cannot have 0 numerator ("), "{e}");
        assert_eq!(catch_quietly(|| 7), Ok(7));
    }
}
