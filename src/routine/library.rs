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
    /// Entries of the routines folder that are not routine files, and why
    /// ("notes.txt: not a .toml file"), for `limber list` to mention.
    pub skipped: Vec<String>,
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
        let mut lib = Library {
            routines: builtin::routines().to_vec(),
            problems: Vec::new(),
            broken: Vec::new(),
            skipped: Vec::new(),
        };
        let Some(dir) = user_dir else { return lib };
        let files = match scan_folder(dir, &mut lib) {
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
                    if let Some(why) = changes_builtin(&r) {
                        // The built-in stays; the file is broken, so the
                        // interface can say so where the built-in runs.
                        let d = Diagnostic::whole_file(&path.display().to_string(), why);
                        lib.broken.push(Broken { id, path: path.clone(), problem: d.clone() });
                        lib.problems.push(d);
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

/// `*.toml` regular files directly in `dir`, sorted by name so loading is
/// repeatable.
pub fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && crate::fsx::check_regular(p).is_ok())
        .collect();
    files.sort();
    Ok(files)
}

/// Why a user routine may not replace the built-in with its id, if so: a
/// replacement keeps the built-in's mode and, for relief, its muscles. (A
/// "calf-relief" that is really a 46-minute nightly quadriceps routine
/// must never start during a calf cramp.)
fn changes_builtin(r: &Routine) -> Option<String> {
    let b = builtin::routines().iter().find(|b| b.id == r.id)?;
    let muscles = |m: &[super::Muscle]| m.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
    if r.mode != b.mode {
        return Some(format!(
            "this file's id `{id}` replaces the built-in `{id}`, a {} routine, but this file is a {} \
             routine; keep `mode = \"{}\"` or give the file another id",
            b.mode.as_str(),
            r.mode.as_str(),
            b.mode.as_str(),
            id = r.id,
        ));
    }
    if b.mode == super::Mode::Relief && r.muscles != b.muscles {
        return Some(format!(
            "this file's id `{id}` replaces the built-in `{id}`, relief for the {}, but this file is \
             for {}; keep `muscles = [\"{}\"]` or give the file another id",
            muscles(&b.muscles),
            muscles(&r.muscles),
            b.muscles.iter().map(|m| m.as_str()).collect::<Vec<_>>().join("\", \""),
            id = r.id,
        ));
    }
    None
}

/// [`toml_files`] for the library: a `.toml` entry that is not a regular
/// file is a problem (it was surely meant as a routine); any other entry is
/// noted as skipped.
fn scan_folder(dir: &Path, lib: &mut Library) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    let mut files = Vec::new();
    for p in entries {
        let name = crate::text::printable(&p.file_name().unwrap_or_default().to_string_lossy());
        if p.extension().is_none_or(|e| e != "toml") {
            lib.skipped.push(format!("{name}: not a .toml file"));
            continue;
        }
        match crate::fsx::check_regular(&p) {
            Ok(_) => files.push(p),
            Err(e) => lib
                .problems
                .push(Diagnostic::whole_file(&p.display().to_string(), format!("cannot read the file: {e}"))),
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::{Mode, Muscle};

    const HEAD: &str = "title = \"T\"\nsummary = \"s\"\nsource = \"leg-cramping\"\n\
                        [[steps]]\nstretch = \"calf-standing\"\n";

    fn lib_with(files: &[(&str, String)]) -> Library {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Library::load(Some(dir.path()))
    }

    #[test]
    fn a_replacement_that_changes_mode_or_muscle_is_refused_naming_both() {
        let night = format!("id = \"calf-relief\"\nmode = \"nightly\"\nmuscles = [\"quadriceps\"]\n{HEAD}");
        let quad = format!("id = \"calf-relief\"\nmode = \"relief\"\nmuscles = [\"quadriceps\"]\n{HEAD}");
        let relief_nightly = format!("id = \"nightly\"\nmode = \"relief\"\nmuscles = [\"foot\"]\n{HEAD}");
        let lib = lib_with(&[("a.toml", night), ("b.toml", quad), ("c.toml", relief_nightly)]);
        let msgs: Vec<String> = lib.problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("a relief routine, but this file is a nightly routine"), "{}", msgs[0]);
        assert!(msgs[1].contains("relief for the calf, but this file is for quadriceps"), "{}", msgs[1]);
        assert!(msgs[1].contains("muscles = [\"calf\"]"), "{}", msgs[1]);
        assert!(msgs[2].contains("a nightly routine, but this file is a relief routine"), "{}", msgs[2]);
        let calf = lib.get("calf-relief").unwrap();
        assert_eq!((calf.mode, calf.muscles.as_slice()), (Mode::Relief, &[Muscle::Calf][..]));
        assert!(calf.origin.label().contains("built-in"), "{}", calf.origin.label());
        assert_eq!(lib.get("nightly").unwrap().mode, Mode::Nightly);
    }

    #[test]
    fn a_replacement_keeping_mode_and_muscle_is_used() {
        let own = format!("id = \"calf-relief\"\nmode = \"relief\"\nmuscles = [\"calf\"]\n{HEAD}");
        let lib = lib_with(&[("own.toml", own)]);
        assert!(lib.problems.is_empty(), "{:?}", lib.problems);
        assert_eq!(lib.get("calf-relief").unwrap().title.as_str(), "T");
    }

    #[test]
    fn other_entries_are_noted_and_special_toml_entries_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
        let lib = Library::load(Some(dir.path()));
        assert_eq!(lib.skipped, vec!["notes.txt: not a .toml file".to_string()]);
        assert_eq!(lib.problems.len(), 1);
        assert!(
            lib.problems[0].message.contains("it is a folder, not a regular file"),
            "{}",
            lib.problems[0]
        );
    }
}
