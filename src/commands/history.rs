//! `limber log` and `limber history`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use jiff::tz::TimeZone;
use jiff::{Zoned, civil};
use serde::Serialize;

use crate::config::Settings;
use crate::history::record::VERSION;
use crate::history::summary::Summary;
use crate::history::text::{by_muscle, doctor_advice, rate, strip_text};
use crate::history::{LocalTime, Record, store, summarize};
use crate::routine::Muscle;

/// Parses a local date-time such as "2026-11-22 03:10" in the system zone.
pub fn parse_local(text: &str, tz: &TimeZone) -> Result<Zoned> {
    let formats = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"];
    let dt = formats
        .iter()
        .find_map(|f| civil::DateTime::strptime(f, text.trim()).ok())
        .with_context(|| format!("--at {text:?} is not a local date and time like \"2026-11-22 03:10\""))?;
    // In a daylight-saving gap or overlap, the earlier reading is taken.
    Ok(dt.to_zoned(tz.clone())?)
}

pub fn log(muscle: Muscle, at: Option<&str>) -> Result<ExitCode> {
    let tz = TimeZone::system();
    let now = Zoned::now().with_time_zone(tz.clone());
    let when = match at {
        Some(text) => parse_local(text, &tz)?,
        None => now.clone(),
    };
    if when.timestamp() > now.timestamp() {
        bail!("--at {} is in the future", when.strftime("%Y-%m-%d %H:%M"));
    }
    let path = store::default_path().context("cannot tell where your data folder is; set LIMBER_DATA_DIR")?;
    let record = Record::Cramp {
        v: VERSION,
        muscle,
        at: LocalTime::from_zoned(&when),
        holds: 0,
        secs: 0,
        logged: true,
    };
    store::append(&path, &record).with_context(|| format!("cannot write {}", path.display()))?;
    println!("logged a {} cramp at {}", muscle.as_str(), when.strftime("%Y-%m-%d %H:%M (%:z)"));
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    cramps_last_7_days: u32,
    see_a_doctor: bool,
    unreadable_lines: usize,
    records: Vec<&'a Record>,
}

pub fn show(days: u32, json: bool) -> Result<ExitCode> {
    let path = store::default_path().context("cannot tell where your data folder is; set LIMBER_DATA_DIR")?;
    let loaded = store::load(&path).with_context(|| format!("cannot read {}", path.display()))?;
    if let Some(note) = loaded.damage_note(&path) {
        eprintln!("warning: {note}");
    }
    let now = LocalTime::now();
    let summary = summarize(&loaded.records, now, days);
    let (settings, _) = Settings::load();
    let doctor = summary.cramps_last_7_days() >= settings.doctor_after_cramps;
    let since = now.instant.as_second() - i64::from(days) * 24 * 3600;
    let in_range: Vec<&Record> =
        loaded.records.iter().filter(|r| r.at().instant.as_second() >= since).collect();
    if json {
        let out = Json {
            summary: &summary,
            cramps_last_7_days: summary.cramps_last_7_days(),
            see_a_doctor: doctor,
            unreadable_lines: loaded.unreadable,
            records: in_range,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print!("{}", describe(&summary, &in_range, doctor));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(s: &Summary, records: &[&Record], doctor: bool) -> String {
    let mut out = String::new();
    let tonight = if s.tonight_done { " (tonight done)" } else { "" };
    let _ = writeln!(out, "Streak: {} night{}{tonight}", s.streak, if s.streak == 1 { "" } else { "s" });
    let _ = writeln!(out, "Nightly routine: {} of the last {} nights", s.nights_done, s.days);
    let c7 = s.cramps_last_7_days();
    let _ = writeln!(out, "Cramps, last 7 days: {c7}{}", by_muscle(&s.cramps_7_days));
    let _ =
        writeln!(out, "Cramps, last 30 days: {}{}", s.cramps_last_30_days(), by_muscle(&s.cramps_30_days));
    let _ = writeln!(out, "Nights with the routine: {}", rate(s.after_routine));
    let _ = writeln!(out, "Nights without:          {}", rate(s.after_no_routine));
    let _ = writeln!(out, "Last 30 nights, oldest first (# routine, . none, x cramp, X both):");
    let _ = writeln!(out, "  {}", strip_text(s));
    if doctor {
        let _ = writeln!(out, "\n{}", doctor_advice(c7));
    }
    if !records.is_empty() {
        let _ = writeln!(out, "\nRecent:");
        for r in records.iter().rev().take(10) {
            let when = r.at().civil().strftime("%Y-%m-%d %H:%M");
            let _ = match r {
                Record::Session { routine, completed, .. } => {
                    writeln!(
                        out,
                        "  {when}  session  {routine}{}",
                        if *completed { "" } else { " (stopped)" }
                    )
                }
                Record::Cramp { muscle, holds, logged, .. } => {
                    let how = if *logged { "logged".to_string() } else { format!("{holds} holds") };
                    writeln!(out, "  {when}  cramp    {} ({how})", muscle.as_str())
                }
            };
        }
    }
    out
}
