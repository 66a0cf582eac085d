//! `limber list`.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::warn_problems;
use crate::routine::{Library, Mode, Muscle};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    mode: Mode,
    muscles: &'a [Muscle],
    total_secs: u32,
    title: &'a str,
    origin: String,
}

pub fn run(json: bool) -> Result<ExitCode> {
    let lib = Library::load_default();
    warn_problems(&lib);
    for s in &lib.skipped {
        crate::errln!("note: skipped in the routines folder: {s}");
    }
    let rows: Vec<Row> = lib
        .routines
        .iter()
        .map(|r| Row {
            id: r.id.as_str(),
            mode: r.mode,
            muscles: &r.muscles,
            total_secs: r.total_secs(),
            title: r.title.as_str(),
            origin: r.origin.label(),
        })
        .collect();
    if json {
        crate::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let id_w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let mus: Vec<String> =
        rows.iter().map(|r| r.muscles.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",")).collect();
    let mus_w = mus.iter().map(String::len).max().unwrap_or(7).max(7);
    let lengths: Vec<String> = lib.routines.iter().map(|r| r.length_label()).collect();
    let len_w = lengths.iter().map(String::len).max().unwrap_or(6).max(6);
    crate::outln!("{:id_w$}  {:7}  {:mus_w$}  {:len_w$}  TITLE (ORIGIN)", "ID", "MODE", "MUSCLES", "LENGTH")?;
    for ((r, m), length) in rows.iter().zip(&mus).zip(&lengths) {
        crate::outln!(
            "{:id_w$}  {:7}  {:mus_w$}  {:len_w$}  {} ({})",
            r.id,
            r.mode.as_str(),
            m,
            length,
            r.title,
            r.origin
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
