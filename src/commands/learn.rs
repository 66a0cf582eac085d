//! `limber learn`: the Learn page as text or JSON.

use std::fmt::Write as _;
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
        println!("{}", serde_json::to_string_pretty(&shown)?);
    } else {
        print!("{}", describe(learn));
    }
    Ok(ExitCode::SUCCESS)
}

/// The page as text: sections, then each item with its article.
pub fn describe(learn: &Learn) -> String {
    let mut out =
        String::from("What the three articles say about leg cramps, each item naming its article.\n");
    for (section, items) in learn.sections() {
        let _ = writeln!(out, "\n{section}");
        for i in items {
            let _ = writeln!(out, "  {}: {} ({})", i.title, i.text, source_label(i.source.as_str()));
        }
    }
    out
}
