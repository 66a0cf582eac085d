//! `limber validate [PATH...]`: routine files, folders of them, and the
//! other TOML files limber reads, each named as what it is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::routine::library::toml_files;
use crate::routine::{Diagnostic, load};
use crate::text::printable;
use crate::{builtin, config};

/// What a TOML file turned out to be, when it is not a routine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Routine,
    Catalogue,
    Advice,
    Learn,
    Config,
}

impl Kind {
    /// Said after `ok PATH` for files that are not routines.
    fn note(self) -> Option<&'static str> {
        match self {
            Kind::Routine => None,
            Kind::Catalogue => Some("a stretch catalogue, not a routine"),
            Kind::Advice => Some("limber's advice file, not a routine"),
            Kind::Learn => Some("limber's Learn page, not a routine"),
            Kind::Config => Some("a config file, not a routine"),
        }
    }
}

pub fn run(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut all_ok = true;
    let targets = if paths.is_empty() {
        let found = default_targets();
        if found.is_empty() {
            crate::errln!(
                "nothing to check: no routine files in {} and no config.toml \
                 (`limber new ID` writes a routine)",
                crate::paths::routines_dir()
                    .map_or("the routines folder".into(), |d| printable(&d.display().to_string()))
            );
        }
        found
    } else {
        let mut out = Vec::new();
        for p in paths {
            match expand(p) {
                Ok(files) => out.extend(files),
                Err(d) => {
                    all_ok = false;
                    crate::errln!("{d}");
                }
            }
        }
        out
    };
    for path in &targets {
        match check(path) {
            Ok(kind) => {
                let shown = printable(&path.display().to_string());
                // `config.toml` is what its name says; no note needed.
                let by_name = path.file_name().is_some_and(|n| n == "config.toml");
                match kind.note().filter(|_| !by_name) {
                    Some(note) => crate::outln!("ok {shown} ({note})")?,
                    None => crate::outln!("ok {shown}")?,
                }
            }
            Err(d) => {
                all_ok = false;
                crate::errln!("{d}");
            }
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// With no argument: the user's routine files, then `config.toml`.
fn default_targets() -> Vec<PathBuf> {
    let mut out = crate::paths::routines_dir().and_then(|d| toml_files(&d).ok()).unwrap_or_default();
    if let Some(c) = crate::paths::config_dir().map(|d| d.join("config.toml"))
        && c.is_file()
    {
        out.push(c);
    }
    out
}

/// A file as itself; a folder as its `*.toml` files, sorted.
fn expand(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let label = path.display().to_string();
    let files = toml_files(path)
        .map_err(|e| Diagnostic::whole_file(&label, format!("cannot list the folder: {e}")))?;
    if files.is_empty() {
        crate::errln!("note: no *.toml files in {}", printable(&label));
    }
    Ok(files)
}

/// Checks one file as what it is: `config.toml` by name, other files by
/// their top-level keys.
pub fn check(path: &Path) -> Result<Kind, Diagnostic> {
    let label = path.display().to_string();
    if path.file_name().is_some_and(|n| n == "config.toml") {
        return config::validate_file(path).map(|()| Kind::Config);
    }
    let source = load::read_text(path, &label)?;
    let kind = classify(&source);
    match kind {
        Kind::Routine => load::validate_routine(path, builtin::catalogue())?,
        Kind::Catalogue => load::parse_catalogue(&label, &source).map(|_| ())?,
        Kind::Advice => crate::advice::parse(&label, &source).map(|_| ())?,
        Kind::Learn => crate::learn::parse(&label, &source).map(|_| ())?,
        Kind::Config => config::validate_file(path)?,
    }
    Ok(kind)
}

/// What a file is by its top-level keys. Anything unclear (bad TOML
/// included) is taken for a routine, whose checks give the located errors.
pub fn classify(source: &str) -> Kind {
    let Ok(table) = source.parse::<toml::Table>() else { return Kind::Routine };
    let has = |k: &str| table.contains_key(k);
    if ["id", "steps", "mode", "title"].iter().any(|k| has(k)) || table.is_empty() {
        return Kind::Routine;
    }
    if table.keys().all(|k| k == "stretches") {
        return Kind::Catalogue;
    }
    if has("items") && !has("tips") {
        return Kind::Learn;
    }
    if has("tips") {
        return Kind::Advice;
    }
    // The config's keys come from its schema, so new keys count at once.
    let schema = schemars::schema_for!(config::ConfigFile);
    let known = schema.get("properties").and_then(|p| p.as_object());
    if known.is_some_and(|props| table.keys().all(|k| props.contains_key(k))) {
        return Kind::Config;
    }
    Kind::Routine
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_their_keys() {
        assert_eq!(classify(builtin::STRETCHES.1), Kind::Catalogue);
        assert_eq!(classify(builtin::ADVICE.1), Kind::Advice);
        assert_eq!(classify(builtin::ROUTINES[0].1), Kind::Routine);
        assert_eq!(classify("volume = 40\n[nightly]\nvolume = 20\n"), Kind::Config);
        // A misspelt routine key keeps it a routine, to get the hint.
        assert_eq!(classify("id = \"x\"\nhodl = 3\n"), Kind::Routine);
        assert_eq!(classify("not toml ["), Kind::Routine);
    }
}
