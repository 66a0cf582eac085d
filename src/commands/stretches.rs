//! `limber stretches [--json]`: every stretch a routine can name by id.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::warn_problems;
use crate::builtin;
use crate::routine::{Library, Muscle, Origin, Position, load};
use crate::text::printable;

#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    muscle: Muscle,
    position: Position,
    /// "built-in" (usable in any routine) or the routine file that defines
    /// it (usable in that file).
    origin: String,
}

pub fn run(json: bool) -> Result<ExitCode> {
    let lib = Library::load_default();
    warn_problems(&lib);
    let mut rows: Vec<Row> = Vec::new();
    // The catalogue in its file's order, which groups stretches by muscle.
    let mut builtin_rows: Vec<_> = builtin::catalogue().values().collect();
    let order = |id: &str| builtin::STRETCHES.1.find(&format!("id = \"{id}\"")).unwrap_or(usize::MAX);
    builtin_rows.sort_by_key(|s| order(s.id.as_str()));
    for s in builtin_rows {
        rows.push(Row {
            id: s.id.to_string(),
            name: s.name.to_string(),
            muscle: s.muscle,
            position: s.position,
            origin: "built-in".into(),
        });
    }
    for r in &lib.routines {
        let Origin::File(path) = &r.origin else { continue };
        // The file loaded a moment ago, so its stretches parse; a file
        // changed since is skipped rather than reported twice.
        for s in load::own_stretches(path).unwrap_or_default() {
            rows.push(Row {
                id: s.id.to_string(),
                name: s.name.to_string(),
                muscle: s.muscle,
                position: s.position,
                origin: r.origin.label(),
            });
        }
    }
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let id_w = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(2).max(2);
    let name_w = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(4).max(4);
    writeln!(out, "{:id_w$}  {:10}  {:24}  {:name_w$}  ORIGIN", "ID", "MUSCLE", "POSITION", "NAME")?;
    for r in &rows {
        writeln!(
            out,
            "{:id_w$}  {:10}  {:24}  {:name_w$}  {}",
            r.id,
            r.muscle.as_str(),
            r.position.as_str(),
            printable(&r.name),
            r.origin
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
