//! Text that came from a file and may reach the terminal.
//!
//! A routine someone shares must not be able to write escape sequences to the
//! terminal, so every text field of a routine is a [`SafeText`]: deserializing
//! refuses control characters outright (naming the field through the TOML
//! error's span) instead of silently stripping them, which would hide the
//! problem from the author.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A string with no control characters (no ESC, BEL, CR, tab or newline).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct SafeText(String);

impl SafeText {
    /// Checks `s`, returning a message fit for a person when it is refused.
    pub fn new(s: impl Into<String>) -> Result<Self, String> {
        let s = s.into();
        if let Some((i, c)) = s.char_indices().find(|(_, c)| is_forbidden(*c)) {
            return Err(format!(
                "control character {} at character {} is not allowed in text \
                 (a shared routine must not send escape sequences to the terminal); \
                 remove it",
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

// Control characters are refused by the parser, so the schema refuses them
// too: Cc is U+0000-U+001F and U+007F-U+009F, what `char::is_control` tests.
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
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
        })
    }
}

impl<'de> Deserialize<'de> for SafeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        SafeText::new(s).map_err(serde::de::Error::custom)
    }
}

/// Control characters, including the C1 range and DEL, which some terminals
/// also interpret.
fn is_forbidden(c: char) -> bool {
    c.is_control()
}

fn describe(c: char) -> String {
    match c {
        '\u{1b}' => "ESC (escape)".to_string(),
        '\u{7}' => "BEL (bell)".to_string(),
        '\r' => "CR (carriage return)".to_string(),
        '\n' => "newline".to_string(),
        '\t' => "tab".to_string(),
        c => format!("U+{:04X}", c as u32),
    }
}

/// Makes any string safe to print on a terminal by replacing control
/// characters with a visible escape. Used for things that cannot be refused,
/// such as file names and the offending line quoted in an error.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_forbidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// "7 min 50 s" for people.
pub fn human_secs(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn accepts_plain_and_accented_text() {
        assert_eq!(SafeText::new("Gently flex — café").unwrap().as_str(), "Gently flex — café");
    }

    #[test]
    fn printable_escapes_control_characters() {
        assert_eq!(printable("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert!(!printable("\u{9b}x").chars().any(char::is_control));
    }
}
