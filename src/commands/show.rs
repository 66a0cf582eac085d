//! `limber show ID`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{find_routine, warn_problems};
use crate::articles::source_label;
use crate::routine::{Library, Mode, Muscle, Routine, Sides, Step, leg_label};
use crate::text::human_secs;

#[derive(Serialize)]
struct Shown<'a> {
    id: &'a str,
    title: &'a str,
    mode: Mode,
    muscles: &'a [Muscle],
    summary: &'a str,
    source: &'a str,
    origin: String,
    total_secs: u32,
    steps: &'a [Step],
}

pub fn run(id: &str, json: bool) -> Result<ExitCode> {
    let lib = Library::load_default();
    warn_problems(&lib);
    let r = find_routine(&lib, id)?;
    if json {
        let shown = Shown {
            id: r.id.as_str(),
            title: r.title.as_str(),
            mode: r.mode,
            muscles: &r.muscles,
            summary: r.summary.as_str(),
            source: r.source.as_str(),
            origin: r.origin.label(),
            total_secs: r.total_secs(),
            steps: &r.steps,
        };
        crate::out::json(&shown)?;
    } else {
        crate::out!("{}", describe(&r))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The routine as text, step by step.
pub fn describe(r: &Routine) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}, {} routine, {})", r.title, r.id, r.mode.as_str(), r.origin.label());
    let _ = writeln!(out, "{}", r.summary);
    let _ = writeln!(out, "Source: {}", source_label(r.source.as_str()));
    for (i, s) in r.steps.iter().enumerate() {
        let st = &s.stretch;
        let _ = match st.position.as_str() {
            // The muscle's label has its own parentheses ("hamstring (back
            // of the thigh)"), so it follows a colon rather than nesting.
            "" => writeln!(out, "\n{}. {}: {}", i + 1, st.name, st.muscle.label()),
            pos => writeln!(out, "\n{}. {}: {}, {pos}", i + 1, st.name, st.muscle.label()),
        };
        let sides = match s.sides() {
            [one] => leg_label(r.mode, *one).to_string(),
            many => many.iter().map(|side| leg_label(r.mode, *side)).collect::<Vec<_>>().join(", then "),
        };
        let mut timing = format!("   {sides}: {} x {} s hold", s.reps, s.hold_secs);
        if s.get_ready_secs > 0 {
            let _ = write!(timing, ", get ready {} s", s.get_ready_secs);
        }
        if s.reps > 1 && s.rest_secs > 0 {
            let _ = write!(timing, ", rest {} s", s.rest_secs);
        }
        if s.sides == Sides::Both && s.switch_secs > 0 {
            let _ = write!(timing, ", switch legs {} s", s.switch_secs);
        }
        let _ = writeln!(out, "{timing}");
        for (n, line) in st.instructions.iter().enumerate() {
            let _ = writeln!(out, "   {}. {}", n + 1, line);
        }
        for c in &st.cautions {
            let _ = writeln!(out, "   Caution: {c}");
        }
        match &st.quote {
            Some(q) => writeln!(out, "   Source: {}: \"{q}\"", source_label(st.source.as_str())),
            None => writeln!(out, "   Source: {}", source_label(st.source.as_str())),
        }
        .ok();
    }
    let total = r.total_secs();
    let what = if r.mode == Mode::Relief { "Each stretch once" } else { "Total" };
    let _ = writeln!(out, "\n{what}: {} ({total} s)", human_secs(total));
    out
}
