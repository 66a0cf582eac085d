//! `remind_at` in `config.toml`, written so the rest of the person's file
//! stays exactly as they wrote it: other keys, comments, order and spacing
//! (`toml_edit` keeps them; re-serialising the parsed struct would not).

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;
use toml_edit::DocumentMut;

use super::RemindAt;
use crate::config::ConfigFile;
use crate::routine::diagnostic::{self, Diagnostic};
use crate::routine::load::read_text;

/// The key in `config.toml`.
pub const KEY: &str = "remind_at";

/// Why `remind_at` could not be written.
#[derive(Debug, Error)]
pub enum SettingError {
    /// The file does not parse: it is left alone, and the problem shown.
    #[error("{0}\nconfig.toml was left as it is: fix the problem above, then set the reminder again")]
    Broken(Box<Diagnostic>),
    #[error("no config folder is known (set LIMBER_CONFIG_DIR or XDG_CONFIG_HOME)")]
    NoFolder,
    #[error("cannot write {}: {source}", crate::text::printable(&.path.display().to_string()))]
    Write { path: PathBuf, source: std::io::Error },
}

/// `config.toml` in the config folder.
pub fn config_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|d| d.join("config.toml"))
}

/// `remind_at` as the config file sets it, read cheaply for the prompt: the
/// file's keys only, never the stretch catalogue that `[relief]` checks
/// need. A missing or broken file gives `None`.
pub fn read() -> Option<RemindAt> {
    let path = config_path()?;
    let label = path.display().to_string();
    let source = read_text(&path, &label).ok()?;
    toml::from_str::<ConfigFile>(&source).ok()?.remind_at
}

/// Sets `remind_at` (or removes it, for `None`) in the file at `path`,
/// creating the file if there is none. A file that does not parse is never
/// rewritten.
pub fn write(path: &Path, at: Option<RemindAt>) -> Result<(), SettingError> {
    // Write through a symlink (a dotfiles folder) rather than replace it.
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let source = if path.exists() {
        let label = path.display().to_string();
        let source = read_text(&path, &label).map_err(|d| SettingError::Broken(Box::new(d)))?;
        toml::from_str::<ConfigFile>(&source)
            .map_err(|e| SettingError::Broken(Box::new(diagnostic::from_toml(&label, &source, &e))))?;
        source
    } else {
        String::new()
    };
    let updated = edit(&source, at).map_err(|d| SettingError::Broken(Box::new(d)))?;
    if updated == source && path.exists() {
        return Ok(());
    }
    replace(&path, &updated).map_err(|source| SettingError::Write { path: path.clone(), source })
}

/// The text of a config file with `remind_at` set or removed. Pure.
pub fn edit(source: &str, at: Option<RemindAt>) -> Result<String, Diagnostic> {
    let mut doc: DocumentMut = source.parse().map_err(|e: toml_edit::TomlError| match e.span() {
        Some(span) => Diagnostic::at("config.toml", source, span, e.message().to_string()),
        None => Diagnostic::whole_file("config.toml", e.message().to_string()),
    })?;
    match at {
        Some(at) => {
            let mut value = toml_edit::Value::from(at.to_string());
            match doc.get_mut(KEY).and_then(|i| i.as_value_mut()) {
                // Keep a trailing comment on the line (`remind_at = "22:30" # weekdays`).
                Some(old) => {
                    *value.decor_mut() = old.decor().clone();
                    *old = value;
                }
                None => {
                    doc.insert(KEY, toml_edit::Item::Value(value));
                }
            }
        }
        None => {
            doc.remove(KEY);
        }
    }
    Ok(doc.to_string())
}

/// Replaces the file whole: a new file beside it, then a rename, so a crash
/// or a full disk never leaves half a config.
fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(".config.toml.limber-new");
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: RemindAt = RemindAt { hour: 22, minute: 30 };

    #[test]
    fn setting_keeps_every_other_line_and_comment() {
        let source =
            "# my limber settings\nvolume = 60 # quiet flat\n\n[nightly]\n# softer at night\nvolume = 30\n";
        let out = edit(source, Some(AT)).unwrap();
        assert_eq!(
            out,
            "# my limber settings\nvolume = 60 # quiet flat\nremind_at = \"22:30\"\n\n[nightly]\n# softer at night\nvolume = 30\n"
        );
        // Changing it keeps its place and its trailing comment.
        let with_comment = out.replace("remind_at = \"22:30\"", "remind_at = \"22:30\" # weekdays");
        let changed = edit(&with_comment, Some(RemindAt { hour: 21, minute: 5 })).unwrap();
        assert!(changed.contains("remind_at = \"21:05\" # weekdays\n"), "{changed}");
        // Turning it off gives back the original file.
        assert_eq!(edit(&out, None).unwrap(), source);
    }

    #[test]
    fn an_empty_file_gets_just_the_key() {
        assert_eq!(edit("", Some(AT)).unwrap(), "remind_at = \"22:30\"\n");
    }

    #[test]
    fn a_broken_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let broken = "volume = 60\nvolum = 3\n";
        std::fs::write(&path, broken).unwrap();
        let e = write(&path, Some(AT)).unwrap_err().to_string();
        assert!(e.contains(":2:1: unknown key `volum`"), "{e}");
        assert!(e.contains("left as it is"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        std::fs::write(&path, "volume = [\n").unwrap();
        assert!(write(&path, Some(AT)).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "volume = [\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles-config.toml");
        std::fs::write(&real, "volume = 50\n").unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, Some(AT)).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "volume = 50\nremind_at = \"22:30\"\n");
    }
}
