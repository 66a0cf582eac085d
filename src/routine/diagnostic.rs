//! Errors in routine files, written for the person who will fix them: the
//! file, line and column, the offending line, and a hint.

use std::fmt;
use std::ops::Range;

use crate::text::printable;

/// One problem in one file, located to a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostic {
    /// The file as the user named it (already made printable).
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending line and the columns to underline.
    pub snippet: Option<(String, Range<usize>)>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with the file as a whole (size, encoding, emptiness).
    pub fn whole_file(path: &str, message: impl Into<String>) -> Self {
        Self { path: printable(path), line: 1, column: 1, message: message.into(), snippet: None, hint: None }
    }

    /// A problem at a byte range of `source`.
    pub fn at(path: &str, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = span.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let text = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count() + 1;
        let width = source[start..span.end.clamp(start, line_end.max(start))].chars().count().max(1);
        Self {
            path: printable(path),
            line,
            column,
            message: printable(&message.into()),
            snippet: Some((printable(text), column - 1..column - 1 + width)),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint.map(|h| printable(&h));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)?;
        if let Some((text, cols)) = &self.snippet {
            let gutter = self.line.to_string();
            write!(f, "\n  {gutter} | {text}")?;
            // Underline under the characters; `printable` may have widened
            // escaped characters, so clamp to the shown text.
            let shown = text.chars().count().max(cols.start + 1);
            let end = cols.end.min(shown);
            write!(
                f,
                "\n  {} | {}{}",
                " ".repeat(gutter.len()),
                " ".repeat(cols.start),
                "^".repeat(end.saturating_sub(cols.start).max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Turns a TOML or serde error into a diagnostic, adding a "did you mean"
/// hint for misspelt keys and values.
pub fn from_toml(path: &str, source: &str, err: &toml::de::Error) -> Diagnostic {
    let hint = suggestion_for(err.message());
    let message = tidy_message(err.message());
    match err.span() {
        Some(span) => Diagnostic::at(path, source, span, message),
        None => Diagnostic::whole_file(path, message),
    }
    .with_hint(hint)
}

/// serde's messages end without context; the ones people meet most get a
/// plainer wording here.
fn tidy_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("missing key {field}: add it to this table");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("unknown key {key} in this table");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = rest.split(',').next().unwrap_or(rest);
        return format!("unknown value {value}");
    }
    message
        .replace("expected i64", "expected a whole number without quotes")
        .replace("expected i128", "expected a whole number without quotes")
        .replace("expected a sequence", "expected a list in [brackets]")
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" and
/// "unknown variant `x`, expected `a` or `b`", the closest expected word.
fn suggestion_for(message: &str) -> Option<String> {
    let kind = if message.starts_with("unknown field") {
        "key"
    } else if message.starts_with("unknown variant") {
        "value"
    } else {
        return None;
    };
    let mut quoted = message.split('`').skip(1).step_by(2);
    let found = quoted.next()?;
    let expected: Vec<&str> = quoted.collect();
    match closest(found, expected.iter().copied()) {
        Some(best) => Some(format!("did you mean the {kind} `{best}`?")),
        None => Some(format!("the allowed {kind}s are: {}", expected.join(", "))),
    }
}

/// The candidate most likely meant by `word`: the one sharing the longest
/// prefix with it, then the nearest by edit distance. People type the start
/// of a name and stop (`calf-stand`), so a shared start says more than a
/// count of edits, which would rank `calf-seated` as near as `calf-standing`.
/// A candidate qualifies when it is within a few edits, or when `word` (three
/// characters or more) is the start of it.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (shared_prefix(word, c), edit_distance(word, c), c))
        .filter(|(_, d, c)| *d <= limit || (word.chars().count() >= 3 && c.starts_with(word)))
        .min_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)))
        .map(|(_, _, c)| c)
}

/// How many leading characters two words share.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev_diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev_diag + cost);
            prev_diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("hold", "hold"), 0);
        assert_eq!(edit_distance("hodl", "hold"), 2);
        assert_eq!(edit_distance("hol", "hold"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn closest_ignores_far_words() {
        assert_eq!(closest("stretchs", ["stretch", "steps"]), Some("stretch"));
        assert_eq!(closest("xyzzy", ["hold", "reps"]), None);
    }

    #[test]
    fn closest_prefers_the_longest_shared_start_then_fewest_edits() {
        // Both are 3 edits away; only one starts the same way.
        assert_eq!(closest("calf-stand", ["calf-seated", "calf-standing"]), Some("calf-standing"));
        assert_eq!(closest("calf-stand", ["calf-standing", "calf-seated"]), Some("calf-standing"));
        // A typed start of a long name qualifies though many edits away.
        assert_eq!(closest("quadri", ["quadriceps-relief", "calf-relief"]), Some("quadriceps-relief"));
        // Equal starts: the nearer one.
        assert_eq!(closest("nightyl", ["nightly-long", "nightly"]), Some("nightly"));
        assert_eq!(closest("hodl", ["reps", "hold"]), Some("hold"));
    }

    #[test]
    fn unknown_field_suggests_the_key() {
        let hint = suggestion_for("unknown field `hodl`, expected one of `hold`, `reps`");
        assert_eq!(hint.as_deref(), Some("did you mean the key `hold`?"));
    }

    #[test]
    fn location_is_line_and_character_column() {
        let src = "a = 1\nhold = 45\n";
        let d = Diagnostic::at("f.toml", src, 13..15, "bad");
        assert_eq!((d.line, d.column), (2, 8));
        assert_eq!(d.to_string(), "f.toml:2:8: bad\n  2 | hold = 45\n    |        ^^");
    }
}
