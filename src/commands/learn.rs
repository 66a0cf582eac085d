//! `limber learn`: the Learn page as text or JSON.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::articles::{by_key, source_label};
use crate::builtin;
use crate::learn::Learn;

/// One item as printed by `--json`: the data plus its article's title.
#[derive(Serialize)]
struct Shown<'a> {
    section: &'a str,
    title: &'a str,
    text: &'a str,
    /// Article key.
    source: &'a str,
    /// The article's own title.
    article: &'a str,
    quote: &'a str,
}

pub fn run(json: bool) -> Result<ExitCode> {
    let learn = builtin::learn();
    if json {
        let shown: Vec<Shown> = learn
            .items
            .iter()
            .map(|i| Shown {
                section: i.section.as_str(),
                title: i.title.as_str(),
                text: i.text.as_str(),
                source: i.source.as_str(),
                article: by_key(i.source.as_str()).map_or("", |a| a.title),
                quote: i.quote.as_str(),
            })
            .collect();
        crate::out::json(&shown)?;
    } else {
        crate::out!("{}", describe(learn, width()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Width to wrap to: the terminal's when printing to one, else 80 (a
/// pipe or a file is read in whatever comes next; 80 suits most).
fn width() -> usize {
    let terminal = std::io::stdout().is_terminal().then(crossterm::terminal::size).and_then(Result::ok);
    terminal.map_or(80, |(columns, _)| usize::from(columns))
}

/// Narrower than this, wrapping would put a word or two on each line; the
/// terminal's own wrap reads better.
const MIN_WIDTH: usize = 30;

/// The page as text, wrapped to `width` columns: sections, then each item
/// with its article, its later lines indented under its title.
pub fn describe(learn: &Learn, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let mut out = fill(
        "What the three articles say about leg cramps, each item naming its article.",
        textwrap::Options::new(width),
    );
    for (section, items) in learn.sections() {
        let _ = write!(out, "\n{}", fill(section, textwrap::Options::new(width)));
        for i in items {
            let item = format!("{}: {} ({})", i.title, i.text, source_label(i.source.as_str()));
            out.push_str(&fill(
                &item,
                textwrap::Options::new(width).initial_indent("  ").subsequent_indent("    "),
            ));
        }
    }
    out
}

/// `text` wrapped, each line ended by a newline. Words longer than a line
/// (none in the data) are broken rather than run past the edge.
fn fill(text: &str, options: textwrap::Options) -> String {
    let mut out = String::new();
    for line in textwrap::wrap(text, options.break_words(true)) {
        let _ = writeln!(out, "{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::core::display_width;

    #[test]
    fn text_is_wrapped_to_the_width_with_hanging_indents() {
        let learn = builtin::learn();
        for width in [40, 80, 120] {
            let text = describe(learn, width);
            let widest = text.lines().map(display_width).max().unwrap();
            assert!(widest <= width, "{width}: a line of {widest}");
            // Nothing lost: the words are those of the unwrapped page.
            let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            assert_eq!(words(&text), words(&describe(learn, usize::MAX)), "{width}");
            // Items start two columns in; their continuation lines four.
            for l in text.lines().filter(|l| l.starts_with(' ')) {
                assert!(l.starts_with("  ") && !l.starts_with("   ") || l.starts_with("    "), "{l:?}");
            }
        }
        let narrow = describe(learn, 80);
        assert!(narrow.lines().count() > describe(learn, 120).lines().count());
        assert!(narrow.contains("\nPregnancy\n"), "sections stay on their own lines");
        assert!(narrow.lines().any(|l| l.starts_with("    ")), "long items wrap under their title");
    }

    #[test]
    fn a_tiny_width_still_gives_readable_lines() {
        let text = describe(builtin::learn(), 3);
        assert!(text.lines().all(|l| display_width(l) <= MIN_WIDTH));
        assert!(text.lines().any(|l| display_width(l) > 20));
    }
}
