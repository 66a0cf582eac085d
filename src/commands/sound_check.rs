//! `limber sound-check`: which output is in use and why, every cue played
//! with its name, and whether a voice program was found.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::audio::cues::{self, Cue, Voicing};
use crate::audio::speaker::Speaker;
use crate::audio::voice::{self, VoiceSetting};
use crate::config::Settings;

#[derive(Serialize)]
struct Report {
    /// "alsa", "platform" or "bell".
    output: &'static str,
    detail: String,
    volume: u8,
    cues: Vec<CueReport>,
    voice: VoiceReport,
    config_problem: Option<String>,
}

#[derive(Serialize)]
struct CueReport {
    name: &'static str,
    ms: usize,
    /// Whether it went to the sound output (else the bell stood in, or
    /// nothing for minor cues).
    played: bool,
}

#[derive(Serialize)]
struct VoiceReport {
    setting: VoiceSetting,
    program: Option<String>,
}

pub fn run(json: bool) -> Result<ExitCode> {
    let (settings, problem) = Settings::load();
    let mut speaker = Speaker::new();
    let opened = speaker.open();
    let (output, detail) = match &opened {
        Ok(()) if cfg!(target_os = "linux") => ("alsa", speaker.describe()),
        Ok(()) => ("platform", speaker.describe()),
        Err(why) => ("bell", why.clone()),
    };
    let speech = voice::find(&settings.voice);
    if !json {
        match output {
            "bell" => crate::outln!("output: terminal bell, because {detail}")?,
            _ => crate::outln!("output: {detail}")?,
        }
        if let Some(p) = &problem {
            crate::outln!("config: {p}\n(defaults used)")?;
        }
        crate::outln!("volume: {}", settings.volume)?;
        crate::outln!("playing each cue (relief voicing):")?;
    }
    let mut reports = Vec::new();
    for cue in Cue::ALL {
        if !json {
            crate::out!("  {:<13}", cue.name())?;
            let _ = std::io::stdout().flush();
        }
        let samples = cues::render(cue, Voicing::RELIEF);
        let ms = samples.len() * 1000 / cues::SAMPLE_RATE as usize;
        let played = opened.is_ok() && speaker.play(&cues::to_pcm(&samples, settings.volume)).is_ok();
        if !played && cue.important() {
            let _ = std::io::stderr().write_all(b"\x07");
        }
        if !json {
            crate::outln!(
                "{ms:>5} ms  {}",
                if played {
                    "played"
                } else if cue.important() {
                    "bell"
                } else {
                    "-"
                }
            )?;
        }
        reports.push(CueReport { name: cue.name(), ms, played });
        // A short gap so each cue is heard on its own.
        std::thread::sleep(std::time::Duration::from_millis(400));
    }
    let program = speech.as_ref().map(|s| s.program.display().to_string());
    if json {
        let report = Report {
            output,
            detail,
            volume: settings.volume,
            cues: reports,
            voice: VoiceReport { setting: settings.voice.clone(), program },
            config_problem: problem.map(|p| p.to_string()),
        };
        crate::out::json(&report)?;
    } else {
        match (&settings.voice, program) {
            (VoiceSetting::Off, _) => crate::outln!("voice: off (config.toml)")?,
            (_, Some(p)) => crate::outln!("voice: {p}")?,
            (VoiceSetting::Auto, None) => {
                crate::outln!("voice: none found (looked for espeak-ng, spd-say, say)")?
            }
            (VoiceSetting::Command(c), None) => crate::outln!("voice: {c:?} was not found")?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
