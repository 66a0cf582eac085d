//! `limber new ID [--from ID] [--mode relief|nightly]`: a routine file to
//! start from, written in the routines folder and never over another.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::json_schema::{self, ROUTINE_DIRECTIVE};
use crate::routine::schema::RoutineFile;
use crate::routine::{Id, Library, Mode, Origin};
use crate::text::printable;

/// Templates with every key and a comment on each; `{{ID}}` is the new id.
pub const NIGHTLY_TEMPLATE: &str = include_str!("../../assets/templates/nightly.toml");
pub const RELIEF_TEMPLATE: &str = include_str!("../../assets/templates/relief.toml");

pub fn run(id: &str, from: Option<&str>, mode: Mode) -> Result<ExitCode> {
    let id = Id::new(id).map_err(|e| anyhow!("{e}"))?;
    let config = crate::paths::config_dir()
        .context("cannot tell where your config folder is; set LIMBER_CONFIG_DIR")?;
    let text = match from {
        None => template(mode, &id),
        Some(source) => copy_of(&Library::load_default(), source, &id)?,
    };
    let dir = config.join("routines");
    let path = dir.join(format!("{id}.toml"));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    json_schema::install(&config)
        .with_context(|| format!("cannot write the schemas in {}", config.display()))?;
    write_new(&path, &json_schema::with_directive(ROUTINE_DIRECTIVE, &text))?;
    crate::outln!("{}", printable(&path.display().to_string()))?;
    Ok(ExitCode::SUCCESS)
}

/// The template for `mode` with `id` filled in.
pub fn template(mode: Mode, id: &Id) -> String {
    let t = if mode == Mode::Relief { RELIEF_TEMPLATE } else { NIGHTLY_TEMPLATE };
    t.replace("{{ID}}", id.as_str())
}

/// The text of routine `source` (built-in or the user's file) with its id
/// changed to `id`: only the id's value is replaced, comments and layout
/// stay as the author wrote them.
fn copy_of(lib: &Library, source: &str, id: &Id) -> Result<String> {
    let r = lib.get(source).with_context(|| {
        let shown = printable(source);
        match crate::routine::diagnostic::closest(source, lib.ids()) {
            Some(c) => format!("no routine with id `{shown}`; did you mean `{c}`?"),
            None => format!("no routine with id `{shown}`; `limber list` shows them"),
        }
    })?;
    let text = match &r.origin {
        Origin::BuiltIn => crate::builtin::ROUTINES
            .iter()
            .find(|(name, _)| name.strip_suffix(".toml") == Some(r.id.as_str()))
            .map(|(_, t)| t.to_string())
            .with_context(|| format!("the built-in `{}` has no file", r.id))?,
        Origin::File(p) => {
            crate::routine::load::read_text(p, &p.display().to_string()).map_err(|d| anyhow!("{d}"))?
        }
    };
    replace_id(&text, id)
}

/// `text` with the value of its top-level `id` replaced by `id`.
pub fn replace_id(text: &str, id: &Id) -> Result<String> {
    let file: RoutineFile = toml::from_str(text).map_err(|e| anyhow!("{e}"))?;
    let span = file.id.span();
    Ok(format!("{}\"{id}\"{}", &text[..span.start], &text[span.end..]))
}

/// Creates `path` with `text`, refusing if it exists (atomically, so a file
/// made meanwhile is never clobbered).
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut f = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} already exists; `limber edit` opens it, or choose another id", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
    };
    f.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::routine::load::parse_routine;

    #[test]
    fn templates_parse_as_written_for_both_modes() {
        let id = Id::new("mine").unwrap();
        for mode in [Mode::Relief, Mode::Nightly] {
            let text = template(mode, &id);
            let r = parse_routine("t.toml", &text, builtin::catalogue(), Origin::BuiltIn)
                .unwrap_or_else(|d| panic!("{mode:?} template:\n{d}"));
            assert_eq!((r.id.as_str(), r.mode), ("mine", mode));
        }
    }

    #[test]
    fn replace_id_changes_only_the_id() {
        let id = Id::new("short-night").unwrap();
        let out = replace_id(builtin::ROUTINES[3].1, &id).unwrap();
        assert!(out.contains("id = \"short-night\"\n"));
        assert_eq!(out.replace("\"short-night\"", "\"nightly\""), builtin::ROUTINES[3].1);
    }

    /// The column of a trailing comment after a key or table header
    /// (commented out or not), if the line has one.
    fn trailing_comment_column(line: &str) -> Option<usize> {
        let body = line.strip_prefix("# ").unwrap_or(line);
        let starts_like_key = body.starts_with(|c: char| c.is_ascii_lowercase() || c == '[');
        let at = line.find(" # ")?;
        (starts_like_key && at > line.len() - body.len()).then_some(at)
    }

    #[test]
    fn template_comments_line_up_whatever_the_id() {
        let config = include_str!("../../assets/templates/config.toml").to_string();
        for id in ["x", "my-calf", "a-rather-long-routine-id-of-forty-chars"] {
            let id = Id::new(id).unwrap();
            for text in [template(Mode::Relief, &id), template(Mode::Nightly, &id), config.clone()] {
                let mut checked = 0;
                for block in text.split("\n\n") {
                    let columns: Vec<(usize, &str)> =
                        block.lines().filter_map(|l| trailing_comment_column(l).map(|c| (c, l))).collect();
                    if let Some((first, _)) = columns.first() {
                        for (c, l) in &columns {
                            assert_eq!(c, first, "{id}: comment out of line in {l:?}\n{block}");
                        }
                        checked += columns.len();
                    }
                }
                assert!(checked >= 6, "the check saw the comments ({checked})");
                // The id line carries no trailing comment to push out of line.
                assert!(text.lines().all(|l| !l.starts_with("id = ") || !l.contains('#')));
            }
        }
    }
}
