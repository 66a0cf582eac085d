//! `limber edit ID|PATH` and `limber edit --config`: open the file in the
//! person's editor, check it when the editor exits, and on errors ask, as
//! `crontab -e` and `visudo` do: edit again, restore, or keep. A broken file
//! is never left behind without asking; with no terminal to ask, the
//! previous version is restored.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use super::new::write_new;
use super::validate;
use crate::json_schema::{self, CONFIG_DIRECTIVE, ROUTINE_DIRECTIVE};
use crate::routine::diagnostic::closest;
use crate::routine::{Id, Library, Origin, load};
use crate::text::printable;

/// `config.toml` as `limber edit --config` creates it: every key, commented.
pub const CONFIG_TEMPLATE: &str = include_str!("../../assets/templates/config.toml");

/// The answer to "what now?" after a failed check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Open the editor again (also Enter).
    Edit,
    /// Put the previous version back.
    Restore,
    /// Leave the file as it is, errors and all.
    Keep,
}

pub fn run(target: Option<&str>, config: bool) -> Result<ExitCode> {
    let config_dir = crate::paths::config_dir()
        .context("cannot tell where your config folder is; set LIMBER_CONFIG_DIR")?;
    let path = if config { config_file(&config_dir)? } else { routine_file(target.unwrap_or_default())? };
    json_schema::install(&config_dir)
        .with_context(|| format!("cannot write the schemas in {}", config_dir.display()))?;
    // Files where limber keeps them get the `#:schema` line (its relative
    // path is only right there); a file elsewhere is left as it is.
    let directive = if config {
        Some(CONFIG_DIRECTIVE)
    } else if path.parent().is_some_and(|p| Some(p) == crate::paths::routines_dir().as_deref()) {
        Some(ROUTINE_DIRECTIVE)
    } else {
        None
    };
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    edit_loop(&path, directive, &mut stdin.lock(), interactive)
}

/// `config.toml`, created from the template when missing.
fn config_file(config_dir: &Path) -> Result<PathBuf> {
    let path = config_dir.join("config.toml");
    if !path.exists() {
        std::fs::create_dir_all(config_dir)
            .with_context(|| format!("cannot create {}", config_dir.display()))?;
        write_new(&path, &json_schema::with_directive(CONFIG_DIRECTIVE, CONFIG_TEMPLATE))?;
    }
    Ok(path)
}

/// The file behind a routine id or path. A user file with errors is the
/// one to fix, even though the built-in runs in its place; a built-in is
/// first copied into the routines folder.
fn routine_file(arg: &str) -> Result<PathBuf> {
    let looks_like_path =
        arg.contains(std::path::MAIN_SEPARATOR) || arg.contains('/') || arg.ends_with(".toml");
    if looks_like_path {
        let path = PathBuf::from(arg);
        if !path.is_file() {
            bail!("{} is not a file; `limber new ID` writes a new routine", printable(arg));
        }
        return Ok(path);
    }
    let id = Id::new(arg).map_err(|e| anyhow!("{e}"))?;
    let lib = Library::load_default();
    if let Some(b) = lib.broken(id.as_str()) {
        return Ok(b.path.clone());
    }
    let Some(r) = lib.get(id.as_str()) else {
        let hint =
            closest(id.as_str(), lib.ids()).map(|c| format!("did you mean `{c}`? ")).unwrap_or_default();
        bail!("no routine with id `{id}`; {hint}`limber new {id}` writes a new one");
    };
    match &r.origin {
        Origin::File(p) => Ok(p.clone()),
        Origin::BuiltIn => {
            let text = crate::builtin::ROUTINES
                .iter()
                .find(|(name, _)| name.strip_suffix(".toml") == Some(id.as_str()))
                .map(|(_, t)| *t)
                .with_context(|| format!("the built-in `{id}` has no file"))?;
            let dir = crate::paths::routines_dir().context("cannot tell where your routines folder is")?;
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let path = dir.join(format!("{id}.toml"));
            write_new(&path, &json_schema::with_directive(ROUTINE_DIRECTIVE, text))?;
            crate::errln!(
                "copied the built-in `{id}` to {}; yours replaces it",
                printable(&path.display().to_string())
            );
            Ok(path)
        }
    }
}

/// Edit, check, ask, until the file is good or the person decides.
/// Exit 0 when the file as edited is valid; 1 when it was restored or kept
/// with errors.
pub fn edit_loop(
    path: &Path,
    directive: Option<&str>,
    answers: &mut dyn BufRead,
    interactive: bool,
) -> Result<ExitCode> {
    let shown = printable(&path.display().to_string());
    let previous = read_previous(path)?;
    if let (Some(d), Ok(text)) = (directive, std::str::from_utf8(&previous))
        && !text.starts_with("#:schema")
    {
        std::fs::write(path, json_schema::with_directive(d, text))
            .with_context(|| format!("cannot write {shown}"))?;
    }
    loop {
        run_editor(path)?;
        match validate::check(path) {
            Ok(_) => {
                crate::outln!("ok {shown}")?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(d) => {
                crate::errln!("{d}");
                match ask(answers, interactive)? {
                    Answer::Edit => continue,
                    Answer::Restore => {
                        std::fs::write(path, &previous).with_context(|| format!("cannot restore {shown}"))?;
                        crate::errln!("restored the previous version of {shown}");
                        return Ok(ExitCode::FAILURE);
                    }
                    Answer::Keep => {
                        crate::errln!("kept {shown} with its errors; `limber validate` shows them again");
                        return Ok(ExitCode::FAILURE);
                    }
                }
            }
        }
    }
}

/// The file's bytes before editing, to restore. Bounded like every read.
fn read_previous(path: &Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
    if len > load::MAX_FILE_BYTES {
        bail!("{} is larger than 1 MiB; routine and config files are small text files", path.display());
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Asks on stderr, reads one line. Without a terminal, or at end of input,
/// the answer is restore: nobody is there to fix the file.
pub fn ask(input: &mut dyn BufRead, interactive: bool) -> Result<Answer> {
    if !interactive {
        crate::errln!("no terminal on stdin to ask what to do: restoring the previous version");
        return Ok(Answer::Restore);
    }
    loop {
        eprint!("What now? e: edit again (Enter) · r: restore the previous version · k: keep it as it is > ");
        std::io::stderr().flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            crate::errln!("");
            return Ok(Answer::Restore);
        }
        match parse_answer(&line) {
            Some(a) => return Ok(a),
            None => crate::errln!("please answer e, r or k"),
        }
    }
}

/// One answer line: `e` or empty, `r`, `k` (words and capitals too).
pub fn parse_answer(line: &str) -> Option<Answer> {
    match line.trim().to_ascii_lowercase().as_str() {
        "" | "e" | "edit" => Some(Answer::Edit),
        "r" | "restore" => Some(Answer::Restore),
        "k" | "keep" => Some(Answer::Keep),
        _ => None,
    }
}

/// `$VISUAL`, else `$EDITOR`, else the platform's default.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| if cfg!(windows) { "notepad".into() } else { "vi".into() })
}

/// Runs the editor on `path` and waits. On Unix through `sh`, as git does,
/// so `EDITOR="code --wait"` and quoted paths work.
fn run_editor(path: &Path) -> Result<()> {
    let editor = editor();
    let status = if cfg!(windows) {
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("notepad");
        std::process::Command::new(program).args(words).arg(path).status()
    } else {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(&editor)
            .arg(path)
            .status()
    }
    .with_context(|| format!("cannot start the editor `{}`; set VISUAL or EDITOR", printable(&editor)))?;
    match status.code() {
        Some(0) => Ok(()),
        // The shell's "command not found" and "not executable": the editor
        // never ran, the file is as it was.
        Some(126 | 127) => {
            bail!("cannot run the editor `{}`; set VISUAL or EDITOR", printable(&editor))
        }
        _ => {
            crate::errln!(
                "the editor `{}` ended with {status}; checking the file anyway",
                printable(&editor)
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_one_letter_words_or_enter() {
        assert_eq!(parse_answer("\n"), Some(Answer::Edit));
        assert_eq!(parse_answer("E\n"), Some(Answer::Edit));
        assert_eq!(parse_answer(" r \n"), Some(Answer::Restore));
        assert_eq!(parse_answer("keep\n"), Some(Answer::Keep));
        assert_eq!(parse_answer("yes\n"), None);
    }

    #[test]
    fn no_terminal_or_end_of_input_restores() {
        assert_eq!(ask(&mut &b"k\n"[..], false).unwrap(), Answer::Restore);
        assert_eq!(ask(&mut &b""[..], true).unwrap(), Answer::Restore);
        assert_eq!(ask(&mut &b"what\nk\n"[..], true).unwrap(), Answer::Keep);
    }
}
