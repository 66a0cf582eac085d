//! Everything a command prints goes through here.
//!
//! `println!` panics when stdout is a closed pipe (`limber list | head -1`)
//! or a full disk (`> /dev/full`). Here every write is checked and returns an
//! [`OutputError`], which `main` turns into a quiet exit for a closed pipe
//! (as `git` and `ripgrep` do) or a one-line error and exit 1 otherwise.
//!
//! Text is also made terminal-safe on the way out: control characters
//! (other than newline and tab), bidi controls and zero-width characters
//! from any file are shown escaped, so no command can pass escape sequences
//! to the terminal whatever the files hold. JSON escapes them as `\uXXXX`.
//!
//! Use [`outln!`](crate::outln) / [`out!`](crate::out) like `println!` /
//! `print!` (they return `Result<(), OutputError>`; use `?`), [`json`] for a
//! JSON document, and [`errln!`](crate::errln) for messages on stderr.

use std::fmt;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Writing to stdout failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output: {0}")]
pub struct OutputError(pub io::Error);

impl OutputError {
    /// The reader went away (`| head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Writes text to stdout, made terminal-safe, and flushes.
pub fn text(args: fmt::Arguments<'_>) -> Result<(), OutputError> {
    let s = match args.as_str() {
        Some(s) => crate::text::terminal_safe(s),
        None => crate::text::terminal_safe(&args.to_string()),
    };
    raw(s.as_bytes())
}

/// Writes bytes as they are and flushes: for limber's own generated text
/// (JSON schemas, shell completions, man pages), never for text from files.
pub fn bytes(bytes: &[u8]) -> Result<(), OutputError> {
    raw(bytes)
}

/// Writes bytes as they are (already safe) and flushes.
fn raw(bytes: &[u8]) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush()).map_err(OutputError)
}

/// Prints `value` as pretty JSON and a newline. Characters a terminal
/// could act on are escaped as `\uXXXX`, which every JSON reader decodes.
pub fn json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut buf = json_bytes(value)?;
    buf.push(b'\n');
    Ok(raw(&buf)?)
}

/// `value` as pretty JSON with terminal-unsafe characters escaped.
pub fn json_bytes(value: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeJson(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    Ok(buf)
}

/// Like `println!`, checked: `outln!("{x}")?`.
#[macro_export]
macro_rules! outln {
    () => { $crate::out::text(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::text(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like `print!`, checked: `out!("{x}")?`.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::out::text(format_args!($($arg)*)) };
}

/// Like `eprintln!`, but terminal-safe and never panicking (there is
/// nowhere left to report a failure to write to stderr).
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let s = $crate::text::terminal_safe(&format!("{}\n", format_args!($($arg)*)));
        let _ = ::std::io::stderr().write_all(s.as_bytes());
    }};
}

/// serde_json's pretty printer, escaping what a terminal would act on.
struct SafeJson<'a>(PrettyFormatter<'a>);

impl Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::is_unsafe_to_show(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_c1_bidi_and_del_and_still_round_trips() {
        let nasty = "a\u{1b}]0;x\u{7}\u{9b}2J\u{202e}\u{200b}\u{7f}é";
        let bytes = json_bytes(&serde_json::json!({ "routine": nasty })).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.chars().any(|c| c != '\n' && crate::text::is_unsafe_to_show(c)), "{text:?}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("é"), "{text}");
        let back: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back["routine"], nasty);
    }
}
