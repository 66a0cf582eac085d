//! `config.toml`: cue volume, cues and ticks on or off, voice, per-mode
//! volume and custom cue sounds. Every key is optional; unknown keys are
//! errors with a suggestion, as in routine files.
//!
//! A broken config never stops a session (someone with a cramp needs the
//! stretch, not an error): the session starts with defaults and the footer
//! says what is wrong. `limber validate config.toml` gives the details.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::audio::cues::Cue;
use crate::audio::voice::VoiceSetting;
use crate::routine::diagnostic::{self, Diagnostic};
use crate::routine::load::{check_sounds, read_text};
use crate::routine::schema::{SoundFiles, Volume};
use crate::routine::{Mode, Routine};

/// Cue volume when nothing sets one.
pub const DEFAULT_VOLUME: u8 = 80;

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Cue volume, 0-100.
    pub volume: Option<Volume>,
    /// `false` turns every cue off.
    pub cues: Option<bool>,
    /// `false` turns off the ticks in the last three seconds of a hold.
    pub ticks: Option<bool>,
    /// "auto", "off" or a speech program.
    pub voice: Option<VoiceSetting>,
    /// Settings for relief sessions.
    pub relief: Option<ModeTable>,
    /// Settings for nightly sessions.
    pub nightly: Option<ModeTable>,
    #[serde(default)]
    pub sounds: SoundFiles,
    /// Cramps in the last 7 days from which limber suggests seeing a doctor.
    pub doctor_after_cramps: Option<DoctorThreshold>,
}

crate::routine::schema::ranged!(
    /// See [`ConfigFile::doctor_after_cramps`].
    DoctorThreshold, 1, 50, "`doctor_after_cramps`", " cramps"
);

/// Cramps in 7 days from which the see-a-doctor advice shows, unless set.
pub const DEFAULT_DOCTOR_AFTER: u32 = 3;

/// `[relief]` and `[nightly]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeTable {
    /// Replaces the top-level volume in this mode.
    pub volume: Option<Volume>,
}

/// Settings in effect: the config file, then command-line flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub volume: u8,
    pub cues: bool,
    pub ticks: bool,
    pub voice: VoiceSetting,
    pub relief_volume: Option<u8>,
    pub nightly_volume: Option<u8>,
    /// Custom sounds from the config, resolved against its folder.
    pub sounds: Vec<(Cue, PathBuf)>,
    /// `--volume`: wins over every file.
    pub volume_flag: Option<u8>,
    /// `--mute`: start muted (`m` unmutes).
    pub start_muted: bool,
    pub doctor_after_cramps: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: DEFAULT_VOLUME,
            cues: true,
            ticks: true,
            voice: VoiceSetting::Auto,
            relief_volume: None,
            nightly_volume: None,
            sounds: Vec::new(),
            volume_flag: None,
            start_muted: false,
            doctor_after_cramps: DEFAULT_DOCTOR_AFTER,
        }
    }
}

/// What a session's cues do, all settings applied.
#[derive(Debug, Clone, PartialEq)]
pub struct CuePlan {
    pub enabled: bool,
    pub ticks: bool,
    pub volume: u8,
    pub sounds: HashMap<Cue, PathBuf>,
}

impl Settings {
    /// `config.toml` in the config directory (defaults if it is missing).
    /// A broken file gives defaults and the problem, to show once.
    pub fn load() -> (Settings, Option<Diagnostic>) {
        match crate::paths::config_dir().map(|d| d.join("config.toml")) {
            Some(path) if path.exists() => match parse_file(&path) {
                Ok(s) => (s, None),
                Err(d) => (Settings::default(), Some(d)),
            },
            _ => (Settings::default(), None),
        }
    }

    /// The cue plan for a routine: its `[cues]` over this config, and the
    /// `--volume` flag over both.
    pub fn plan_for(&self, r: &Routine) -> CuePlan {
        let mode_volume = match r.mode {
            Mode::Relief => self.relief_volume,
            Mode::Nightly => self.nightly_volume,
        };
        let mut sounds: HashMap<Cue, PathBuf> = self.sounds.iter().cloned().collect();
        sounds.extend(r.cues.sounds.iter().cloned());
        CuePlan {
            enabled: r.cues.enabled.unwrap_or(self.cues),
            ticks: r.cues.ticks.unwrap_or(self.ticks),
            volume: self.volume_flag.or(r.cues.volume).or(mode_volume).unwrap_or(self.volume),
            sounds,
        }
    }
}

/// Parses a config file, sound files included.
pub fn parse_file(path: &Path) -> Result<Settings, Diagnostic> {
    let label = path.display().to_string();
    let source = read_text(path, &label)?;
    parse(&label, &source, path)
}

/// Parses config text; `path` locates relative sound files.
pub fn parse(label: &str, source: &str, path: &Path) -> Result<Settings, Diagnostic> {
    let file: ConfigFile = toml::from_str(source).map_err(|e| diagnostic::from_toml(label, source, &e))?;
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(Settings {
        volume: file.volume.map_or(DEFAULT_VOLUME, |v| v.0 as u8),
        cues: file.cues.unwrap_or(true),
        ticks: file.ticks.unwrap_or(true),
        voice: file.voice.unwrap_or_default(),
        relief_volume: file.relief.and_then(|m| m.volume).map(|v| v.0 as u8),
        nightly_volume: file.nightly.and_then(|m| m.volume).map(|v| v.0 as u8),
        sounds: file.sounds.resolve(base),
        volume_flag: None,
        start_muted: false,
        doctor_after_cramps: file.doctor_after_cramps.map_or(DEFAULT_DOCTOR_AFTER, |d| d.0),
    })
}

/// `limber validate` on a config file: syntax, keys, ranges and sounds.
pub fn validate_file(path: &Path) -> Result<(), Diagnostic> {
    let label = path.display().to_string();
    let source = read_text(path, &label)?;
    let file: ConfigFile = toml::from_str(&source).map_err(|e| diagnostic::from_toml(&label, &source, &e))?;
    check_sounds(&label, &source, path, &file.sounds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn routine(id: &str) -> Routine {
        (*builtin::routines().iter().find(|r| r.id.as_str() == id).unwrap().clone()).clone()
    }

    #[test]
    fn volume_precedence_flag_routine_mode_global() {
        let s = parse("c.toml", "volume = 70\n[nightly]\nvolume = 30\n", Path::new("/x/c.toml")).unwrap();
        let mut night = routine("nightly");
        assert_eq!(s.plan_for(&routine("calf-relief")).volume, 70);
        assert_eq!(s.plan_for(&night).volume, 30);
        night.cues.volume = Some(20);
        assert_eq!(s.plan_for(&night).volume, 20);
        let flagged = Settings { volume_flag: Some(5), ..s };
        assert_eq!(flagged.plan_for(&night).volume, 5);
    }

    #[test]
    fn routine_turns_ticks_off_and_sounds_resolve_against_the_file() {
        let s =
            parse("c.toml", "ticks = true\n[sounds]\ntick = \"t.wav\"\n", Path::new("/cfg/c.toml")).unwrap();
        let mut r = routine("nightly");
        r.cues.ticks = Some(false);
        let plan = s.plan_for(&r);
        assert!(!plan.ticks && plan.enabled);
        assert_eq!(plan.sounds[&Cue::Tick], PathBuf::from("/cfg/t.wav"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let e = parse("c.toml", "volum = 3\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(e.hint.as_deref(), Some("did you mean the key `volume`?"));
        let e = parse("c.toml", "[relief]\nvolume = 300\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.message, "`volume` must be from 0 to 100 percent, found 300");
        let e = parse("c.toml", "voice = \"\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.message.contains("`voice`"));
    }
}
