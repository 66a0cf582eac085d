//! `limber log`, `limber note` and `limber history`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use jiff::Zoned;
use serde::Serialize;

use crate::config::Settings;
use crate::history::input::{check_note, parse_at};
use crate::history::merge::Entry;
use crate::history::record::VERSION;
use crate::history::summary::Summary;
use crate::history::text::{
    STRIP_LEGEND, by_muscle, doctor_advice, entry_line, range, rate, streak, strip_text,
};
use crate::history::{LocalTime, Record, merge, store, summarize_merged};
use crate::routine::Muscle;
use crate::text::printable;

/// Records listed by `limber history` (`--json` lists them all).
const LISTED: usize = 20;

fn history_path() -> Result<std::path::PathBuf> {
    store::default_path().context("cannot tell where your data folder is; set LIMBER_DATA_DIR")
}

fn append(record: &Record) -> Result<()> {
    let path = history_path()?;
    store::append(&path, record)
        .map_err(|e| anyhow::anyhow!("cannot save it: {}", store::write_problem(&path, &e)))
}

/// `limber log MUSCLE [--at TIME] [--pain N] [--note TEXT]`.
pub fn log(muscle: Muscle, at: Option<&str>, pain: Option<u8>, note: Option<&str>) -> Result<ExitCode> {
    let now = Zoned::now();
    let when = match at {
        Some(text) => parse_at(text, &now)?,
        None => LocalTime::from_zoned(&now),
    };
    let note = note.map(check_note).transpose()?;
    append(&Record::Cramp {
        v: VERSION,
        // Its own id: a later `limber note` names this cramp, not another
        // logged for the same minute.
        id: Some(crate::history::record::new_id()),
        muscle,
        at: when,
        holds: 0,
        secs: 0,
        logged: true,
        pain,
        note,
        scale: None,
    })?;
    let zone = crate::history::text::zone_at(LocalTime::from_zoned(&now));
    crate::outln!("logged a {} cramp at {}", muscle.as_str(), crate::history::text::when_text(when, &zone))?;
    Ok(ExitCode::SUCCESS)
}

/// `limber note [--pain N] [TEXT]`: a note on the cramp recorded last, as a
/// new record (the history file is never rewritten).
pub fn note(pain: Option<u8>, text: Option<&str>) -> Result<ExitCode> {
    let note = text.map(check_note).transpose()?;
    if pain.is_none() && note.is_none() {
        bail!("give a note, a pain rating (--pain 0-10), or both: limber note --pain 6 \"woke at 3\"");
    }
    let path = history_path()?;
    let loaded = store::load(&path)
        .with_context(|| format!("cannot read {}", printable(&path.display().to_string())))?;
    let history = merge(&loaded.records);
    let Some(cramp) = history.last_cramp() else {
        bail!(
            "there is no cramp in the history yet; `limber log MUSCLE --note TEXT` records one with a note"
        );
    };
    append(&Record::Note {
        v: VERSION,
        at: LocalTime::now(),
        cramp: cramp.at,
        cramp_id: cramp.id.clone(),
        pain,
        note,
    })?;
    crate::outln!(
        "added to the {} cramp of {} (the last one recorded)",
        cramp.muscle.as_str(),
        crate::history::text::when_text(cramp.at, &crate::history::text::zone_at(LocalTime::now()))
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    cramps_last_7_days: u32,
    see_a_doctor: bool,
    unreadable_lines: usize,
    /// Sessions and cramps of the range, merged, newest first.
    records: Vec<Entry<'a>>,
}

/// `limber history [--days N] [--json]`: every part covers the same nights.
pub fn show(days: u32, json: bool) -> Result<ExitCode> {
    let path = history_path()?;
    let loaded = store::load(&path)
        .with_context(|| format!("cannot read {}", printable(&path.display().to_string())))?;
    if let Some(note) = loaded.damage_note(&path) {
        crate::errln!("warning: {note}");
    }
    let history = merge(&loaded.records);
    let now = crate::clock::now().map_err(|e| anyhow::anyhow!(e))?;
    let summary = summarize_merged(&history, now, days);
    let (settings, _) = Settings::load();
    let doctor = summary.cramps_last_7_days() >= settings.doctor_after_cramps;
    let entries = in_range(&history, &summary);
    if json {
        let out = Json {
            summary: &summary,
            cramps_last_7_days: summary.cramps_last_7_days(),
            see_a_doctor: doctor,
            unreadable_lines: loaded.unreadable,
            records: entries,
        };
        crate::out::json(&out)?;
    } else {
        let zone = crate::history::text::zone_at(now);
        crate::out!("{}", describe(&summary, &entries, doctor, &zone))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The entries whose night is in the summary's range, newest first.
pub fn in_range<'a>(history: &'a crate::history::History, s: &Summary) -> Vec<Entry<'a>> {
    let (Some(new), Some(old)) = (s.strip.first(), s.strip.last()) else { return Vec::new() };
    let (new, old) = (new.date, old.date);
    history.newest_first().into_iter().filter(|e| (old..=new).contains(&e.at().night())).collect()
}

fn describe(s: &Summary, entries: &[Entry], doctor: bool, zone: &jiff::tz::TimeZone) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "History of {}, newest first", range(s));
    let _ = writeln!(out, "{}", streak(s));
    let _ = writeln!(out, "Nightly routine: {} of {} nights", s.nights_done, s.days);
    let _ = writeln!(out, "Cramps: {}{}", s.cramps, by_muscle(&s.cramps_by_muscle));
    let _ = writeln!(out, "Nights with the routine: {}", rate(s.after_routine));
    let _ = writeln!(out, "Nights without:          {}", rate(s.after_no_routine));
    if s.not_counted > 0 {
        let _ = writeln!(out, "Not counted: {} from sped-up runs (LIMBER_TIME_SCALE)", s.not_counted);
    }
    let _ = writeln!(out, "Nights, newest first ({STRIP_LEGEND}):");
    let strip = strip_text(s);
    let chars: Vec<char> = strip.chars().collect();
    for (row, nights) in chars.chunks(30).zip(s.strip.chunks(30)) {
        let from = nights.first().map(|n| n.date.to_string()).unwrap_or_default();
        let _ = writeln!(out, "  {from}  {}", row.iter().collect::<String>());
    }
    if doctor {
        let _ = writeln!(out, "\n{}", doctor_advice(s.cramps_last_7_days()));
    }
    if !entries.is_empty() {
        let _ = writeln!(out, "\nRecords, newest first:");
        for e in entries.iter().take(LISTED) {
            let _ = writeln!(out, "  {}", entry_line(e, zone));
        }
        if entries.len() > LISTED {
            let _ = writeln!(out, "  ... and {} more (--json lists them all)", entries.len() - LISTED);
        }
    }
    out
}
