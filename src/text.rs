//! Text that came from a file and may reach the terminal.
//!
//! A routine someone shares must not be able to write escape sequences to the
//! terminal, so every text field of a routine is a [`SafeText`]: deserializing
//! refuses control characters outright (naming the field through the TOML
//! error's span) instead of silently stripping them, which would hide the
//! problem from the author.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A string with no control characters (no ESC, BEL, CR, tab or newline),
/// no bidi controls and no zero-width characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct SafeText(String);

impl SafeText {
    /// Checks `s`, returning a message fit for a person when it is refused.
    pub fn new(s: impl Into<String>) -> Result<Self, String> {
        let s = s.into();
        if let Some((i, c)) = s.char_indices().find(|(_, c)| is_unsafe_to_show(*c)) {
            let why = if is_forbidden(c) {
                "a shared routine must not send escape sequences to the terminal"
            } else {
                "it makes the screen and the terminal disagree on widths"
            };
            return Err(format!(
                "{} at character {} is not allowed in text ({why}); remove it",
                describe(c),
                s[..i].chars().count() + 1
            ));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// What the parser refuses, the schema refuses too: control characters (Cc
// is U+0000-U+001F and U+007F-U+009F, what `char::is_control` tests), bidi
// controls, zero-width characters, and text with nothing but spaces.
impl schemars::JsonSchema for SafeText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SafeText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]*[^\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff\\s][^\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]*$",
        })
    }
}

/// Text in a file is never blank: every text field is one a person reads
/// (a title, an instruction, a source), and a blank one is a mistake.
impl<'de> Deserialize<'de> for SafeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(serde::de::Error::custom(if s.is_empty() {
                "this text is empty; write the text here"
            } else {
                "this text is only spaces; write the text here"
            }));
        }
        SafeText::new(s).map_err(serde::de::Error::custom)
    }
}

/// Control characters, including the C1 range and DEL, which some terminals
/// also interpret.
fn is_forbidden(c: char) -> bool {
    c.is_control()
}

/// Bidi controls: they reorder text, so what is shown is not what is there.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Zero-width characters and line/paragraph separators: ratatui and the
/// terminal disagree on their width, so borders shift and stale cells stay.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether a character from a file must not reach the terminal as it is:
/// control characters, bidi controls and zero-width characters.
pub fn is_unsafe_to_show(c: char) -> bool {
    is_forbidden(c) || is_bidi(c) || is_zero_width(c)
}

fn describe(c: char) -> String {
    match c {
        '\u{1b}' => "control character ESC (escape)".to_string(),
        '\u{7}' => "control character BEL (bell)".to_string(),
        '\r' => "control character CR (carriage return)".to_string(),
        '\n' => "control character newline".to_string(),
        '\t' => "control character tab".to_string(),
        c if is_bidi(c) => format!("bidi control U+{:04X}", c as u32),
        c if is_zero_width(c) => format!("zero-width character U+{:04X}", c as u32),
        c => format!("control character U+{:04X}", c as u32),
    }
}

/// Makes any string safe to print on a terminal by replacing control
/// characters with a visible escape. Used for things that cannot be refused,
/// such as file names and the offending line quoted in an error.
pub fn printable(s: &str) -> String {
    escape_unsafe(s, false)
}

/// Like [`printable`] but keeps newlines: for whole blocks of output.
pub fn terminal_safe(s: &str) -> String {
    escape_unsafe(s, true)
}

fn escape_unsafe(s: &str, keep_newlines: bool) -> String {
    // With newlines kept, a CR right before one is kept too (CSV's CRLF
    // line ends); a lone CR, which would let text overwrite its own line,
    // is escaped.
    let kept =
        |c: char, next: Option<char>| keep_newlines && (c == '\n' || (c == '\r' && next == Some('\n')));
    let mut chars = s.chars().peekable();
    let mut out: Option<String> = None;
    let mut i = 0;
    while let Some(c) = chars.next() {
        let unsafe_here = is_unsafe_to_show(c) && !kept(c, chars.peek().copied());
        if unsafe_here && out.is_none() {
            out = Some(s[..i].to_string());
        }
        if let Some(o) = &mut out {
            if unsafe_here {
                o.extend(c.escape_default());
            } else {
                o.push(c);
            }
        }
        i += c.len_utf8();
    }
    out.unwrap_or_else(|| s.to_string())
}

/// "7 min 50 s" for people.
pub fn human_secs(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// A rough length for people: "40 s" under a minute, else "about 3 min",
/// rounded to the nearest minute (66 s is about 1 min, not 2).
pub fn about_secs(secs: u32) -> String {
    if secs < 60 { format!("{secs} s") } else { format!("about {} min", (secs + 30) / 60) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rough_lengths_are_seconds_under_a_minute_and_nearest_minutes_after() {
        assert_eq!(about_secs(3), "3 s");
        assert_eq!(about_secs(59), "59 s");
        assert_eq!(about_secs(66), "about 1 min");
        assert_eq!(about_secs(89), "about 1 min");
        assert_eq!(about_secs(90), "about 2 min");
        assert_eq!(human_secs(45), "45 s");
        assert_eq!(human_secs(470), "7 min 50 s");
    }

    #[test]
    fn refuses_escape_bell_and_carriage_return() {
        for bad in ["a\u{1b}[2Jb", "ding\u{7}", "over\rwrite", "tab\there", "c1\u{9b}31m"] {
            let err = SafeText::new(bad).unwrap_err();
            assert!(err.contains("control character"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn names_the_character_and_its_position() {
        let err = SafeText::new("ab\u{1b}").unwrap_err();
        assert!(err.contains("ESC (escape) at character 3"), "{err}");
    }

    #[test]
    fn refuses_bidi_controls_and_zero_width_characters() {
        for (bad, what) in [
            ("evil\u{202e}txt", "bidi control U+202E at character 5"),
            ("a\u{2066}b", "bidi control U+2066"),
            ("zero\u{200b}width", "zero-width character U+200B at character 5"),
            ("joiner\u{200d}", "zero-width character U+200D"),
            ("word\u{2060}joiner", "zero-width character U+2060"),
            ("line\u{2028}sep", "zero-width character U+2028"),
            ("para\u{2029}sep", "zero-width character U+2029"),
            ("in\u{feff}side", "zero-width character U+FEFF"),
        ] {
            let err = SafeText::new(bad).unwrap_err();
            assert!(err.contains(what), "{bad:?}: {err}");
            assert!(err.contains("disagree on widths"), "{err}");
        }
    }

    #[test]
    fn terminal_safe_keeps_newlines_and_escapes_the_rest() {
        let s = terminal_safe("ok\n\u{1b}]0;x\u{7}\u{9b}2J\u{202e}\n");
        assert_eq!(s, "ok\n\\u{1b}]0;x\\u{7}\\u{9b}2J\\u{202e}\n");
        assert_eq!(terminal_safe("plain — café\n"), "plain — café\n");
        assert_eq!(terminal_safe("a,b\r\nc\rd\r"), "a,b\r\nc\\rd\\r", "CRLF kept, a lone CR escaped");
        assert_eq!(printable("a\r\n"), "a\\r\\n");
    }

    #[test]
    fn accepts_plain_and_accented_text() {
        assert_eq!(SafeText::new("Gently flex — café").unwrap().as_str(), "Gently flex — café");
    }

    #[test]
    fn printable_escapes_control_characters() {
        assert_eq!(printable("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert!(!printable("\u{9b}x").chars().any(char::is_control));
    }
}
