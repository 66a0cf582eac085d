//! The routines a person can run: the built-ins, replaced or joined by their
//! own files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diagnostic::Diagnostic;
use super::load;
use super::model::Routine;
use crate::builtin;

/// Built-in and user routines, with the problems found loading user files.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Built-ins first (in shipped order), then user routines by file name.
    pub routines: Vec<Arc<Routine>>,
    /// One entry per user file that could not be used; the others still load.
    pub problems: Vec<Diagnostic>,
    /// User files that could not be used, by the routine id they were meant
    /// to have, so a broken `nightly.toml` is never silently replaced by the
    /// built-in (see [`Library::broken`]).
    pub broken: Vec<Broken>,
}

/// A user routine file with errors, and the id it was meant to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The file's `id` if that much could be read, else its file name
    /// without `.toml`.
    pub id: String,
    pub path: PathBuf,
    pub problem: Diagnostic,
}

impl Library {
    /// Built-ins plus the `*.toml` files in `user_dir` (when it exists).
    pub fn load(user_dir: Option<&Path>) -> Self {
        let mut lib =
            Library { routines: builtin::routines().to_vec(), problems: Vec::new(), broken: Vec::new() };
        let Some(dir) = user_dir else { return lib };
        let files = match toml_files(dir) {
            Ok(files) => files,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return lib,
            Err(e) => {
                let label = dir.display().to_string();
                lib.problems
                    .push(Diagnostic::whole_file(&label, format!("cannot list the routines folder: {e}")));
                return lib;
            }
        };
        let mut user_ids: Vec<(String, PathBuf)> = Vec::new();
        for path in files {
            match load::read_routine(&path, builtin::catalogue()) {
                Ok(r) => {
                    let id = r.id.as_str().to_string();
                    if let Some((_, first)) = user_ids.iter().find(|(i, _)| *i == id) {
                        let label = path.display().to_string();
                        lib.problems.push(Diagnostic::whole_file(
                            &label,
                            format!("duplicate routine id `{id}`, also used by {}; this file is skipped, give it another id", first.display()),
                        ));
                        continue;
                    }
                    user_ids.push((id, path));
                    lib.insert(Arc::new(r));
                }
                Err(d) => {
                    lib.broken.push(Broken { id: meant_id(&path), path: path.clone(), problem: d.clone() });
                    lib.problems.push(d);
                }
            }
        }
        lib
    }

    /// Built-ins plus the user's routines folder.
    pub fn load_default() -> Self {
        Self::load(crate::paths::routines_dir().as_deref())
    }

    /// Adds a routine; one with the same id as an earlier one replaces it in
    /// place, so a user's `nightly` takes the built-in's spot.
    fn insert(&mut self, r: Arc<Routine>) {
        match self.routines.iter_mut().find(|x| x.id == r.id) {
            Some(slot) => *slot = r,
            None => self.routines.push(r),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Routine>> {
        self.routines.iter().find(|r| r.id.as_str() == id)
    }

    /// The user file meant to be routine `id` that could not be loaded, if
    /// any: when it exists, whatever runs under `id` is not what the person
    /// wrote.
    pub fn broken(&self, id: &str) -> Option<&Broken> {
        self.broken.iter().find(|b| b.id == id)
    }

    /// The routine ids, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.routines.iter().map(|r| r.id.as_str())
    }
}

/// The id a broken file was meant to have: its `id = "..."` when the file
/// is at least valid TOML, else its name (`nightly.toml` is meant to be
/// `nightly`; `limber init` and `limber new` name files that way).
fn meant_id(path: &Path) -> String {
    // Through `read_text`, so the read is bounded like every other.
    let from_text = load::read_text(path, "")
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("id").and_then(|v| v.as_str()).map(str::to_string));
    from_text
        .unwrap_or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
}

/// `*.toml` files directly in `dir`, sorted by name so loading is repeatable.
pub fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
