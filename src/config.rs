//! `config.toml`: cue volume, cues and ticks on or off, voice, per-mode
//! volume, custom cue sounds and the bedtime reminder's time. Every key is optional; unknown keys are
//! errors with a suggestion, as in routine files.
//!
//! A broken config never stops a session (someone with a cramp needs the
//! stretch, not an error), and one bad key does not cost the others: the
//! session drops the keys the problems are in, keeps every other setting,
//! and says what it ignored. `limber validate config.toml` gives the details.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::audio::cues::Cue;
use crate::audio::voice::VoiceSetting;
use crate::remind::RemindAt;
use crate::routine::diagnostic::{self, Diagnostic, closest};
use crate::routine::load::{check_sounds, read_text_as};
use crate::routine::schema::{SoundFiles, Volume};
use crate::routine::{Id, Library, Mode, Muscle, Routine};
use crate::ui::theme::ThemeChoice;

/// Cue volume when nothing sets one.
pub const DEFAULT_VOLUME: u8 = 80;

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(title = "limber config.toml")]
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
    pub relief: Option<ReliefTable>,
    /// The nightly routine's id (`nightly = "my-evening"`), or a
    /// `[nightly]` table with `routine` and `volume`.
    pub nightly: Option<NightlyTable>,
    #[serde(default)]
    pub sounds: SoundFiles,
    /// Cramps in the last 7 days from which limber suggests seeing a doctor:
    /// limber's own threshold (the article says only "occur frequently").
    pub doctor_after_cramps: Option<DoctorThreshold>,
    /// The bedtime reminder's time, "HH:MM" (`limber remind at` sets it).
    pub remind_at: Option<RemindAt>,
    /// "auto" (ask the terminal), "dark", "light" or "high-contrast".
    pub theme: Option<ThemeChoice>,
}

crate::routine::schema::ranged!(
    /// See [`ConfigFile::doctor_after_cramps`].
    DoctorThreshold, 1, 50, "`doctor_after_cramps`", " cramps"
);

/// Cramps in 7 days from which the see-a-doctor advice shows, unless set.
pub const DEFAULT_DOCTOR_AFTER: u32 = 3;

/// `[relief]`: the volume, and the stretch each muscle's relief starts with
/// (`calf = "calf-standing"`), a catalogue id for that muscle.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReliefTable {
    /// Replaces the top-level volume in relief sessions.
    pub volume: Option<Volume>,
    /// The stretch calf relief starts with: a built-in calf stretch id.
    #[schemars(with = "Option<Id>")]
    pub calf: Option<Spanned<Id>>,
    /// The stretch hamstring relief starts with: a built-in hamstring stretch id.
    #[schemars(with = "Option<Id>")]
    pub hamstring: Option<Spanned<Id>>,
    /// The stretch quadriceps relief starts with: a built-in quadriceps stretch id.
    #[schemars(with = "Option<Id>")]
    pub quadriceps: Option<Spanned<Id>>,
}

impl ReliefTable {
    /// The start stretches as written, with their muscles.
    fn starts(&self) -> impl Iterator<Item = (Muscle, &Spanned<Id>)> {
        [
            (Muscle::Calf, &self.calf),
            (Muscle::Hamstring, &self.hamstring),
            (Muscle::Quadriceps, &self.quadriceps),
        ]
        .into_iter()
        .filter_map(|(m, id)| id.as_ref().map(|id| (m, id)))
    }
}

/// Checks `[relief]`'s start stretches against the built-in catalogue: each
/// must be a stretch for the muscle it is set for.
fn relief_starts(label: &str, source: &str, file: &ConfigFile) -> Result<Vec<(Muscle, Id)>, Diagnostic> {
    let Some(relief) = &file.relief else { return Ok(Vec::new()) };
    let catalogue = crate::builtin::catalogue();
    let mut out = Vec::new();
    for (muscle, spanned) in relief.starts() {
        let id = spanned.get_ref();
        let mut fitting: Vec<&str> =
            catalogue.values().filter(|s| s.muscle == muscle).map(|s| s.id.as_str()).collect();
        fitting.sort_unstable();
        let problem = match catalogue.get(id) {
            Some(s) if s.muscle == muscle => None,
            Some(s) => {
                Some(format!("`{}` is a {} stretch, not a {} one", id, s.muscle.as_str(), muscle.as_str()))
            }
            None => Some(format!("unknown stretch `{id}`")),
        };
        if let Some(message) = problem {
            let hint = closest(id.as_str(), fitting.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("the {} stretches are: {}", muscle.as_str(), fitting.join(", ")));
            return Err(Diagnostic::at(label, source, spanned.span(), message).with_hint(Some(hint)));
        }
        out.push((muscle, id.clone()));
    }
    Ok(out)
}

/// `nightly = "ID"`, or `[nightly]` with `routine = "ID"` and `volume`.
/// The short form is what people write first; the table is for those who
/// also set a volume (TOML allows only one of the two).
#[derive(Debug, Clone, Default)]
pub struct NightlyTable {
    /// The routine `n` and `limber night` run (default `nightly`).
    pub routine: Option<Id>,
    /// Replaces the top-level volume in nightly sessions.
    pub volume: Option<Volume>,
}

/// The `[nightly]` table form.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NightlyFields {
    /// The routine `n` and `limber night` run (default `nightly`).
    routine: Option<Id>,
    /// Replaces the top-level volume in nightly sessions.
    volume: Option<Volume>,
}

impl<'de> Deserialize<'de> for NightlyTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = NightlyTable;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a routine id such as \"nightly\", or a [nightly] table")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NightlyTable, E> {
                Id::new(v).map(|id| NightlyTable { routine: Some(id), volume: None }).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NightlyTable, A::Error> {
                let f = NightlyFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(NightlyTable { routine: f.routine, volume: f.volume })
            }
        }
        d.deserialize_any(Either)
    }
}

impl JsonSchema for NightlyTable {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NightlyTable".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let id = generator.subschema_for::<Id>();
        let table = generator.subschema_for::<NightlyFields>();
        schemars::json_schema!({
            "description": "The nightly routine's id, or a [nightly] table with `routine` and `volume`",
            "anyOf": [id, table],
        })
    }
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
    /// `[relief]`: the stretch a muscle's relief starts with, when set.
    pub relief_start: Vec<(Muscle, Id)>,
    /// Custom sounds from the config, resolved against its folder.
    pub sounds: Vec<(Cue, PathBuf)>,
    /// `--volume`: wins over every file.
    pub volume_flag: Option<u8>,
    /// `--mute`: start muted (`m` unmutes).
    pub start_muted: bool,
    pub doctor_after_cramps: u32,
    /// The routine `n` and `limber night` run, when not `nightly`.
    pub nightly_routine: Option<String>,
    /// Keys of a broken config that were left out (`volume`,
    /// `relief.calf`); every other key is in effect.
    pub ignored_keys: Vec<String>,
    /// The bedtime reminder, when one is set.
    pub remind_at: Option<RemindAt>,
    /// The colour theme; `--theme` replaces it.
    pub theme: ThemeChoice,
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
            relief_start: Vec::new(),
            sounds: Vec::new(),
            volume_flag: None,
            start_muted: false,
            doctor_after_cramps: DEFAULT_DOCTOR_AFTER,
            nightly_routine: None,
            ignored_keys: Vec::new(),
            remind_at: None,
            theme: ThemeChoice::Auto,
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
    /// The id of the routine `n` and `limber night` run.
    pub fn nightly_id(&self) -> &str {
        self.nightly_routine.as_deref().unwrap_or("nightly")
    }

    /// `config.toml` in the config directory (defaults if it is missing).
    /// A broken file gives every setting that is right, the first problem
    /// to show once, and the keys left out in [`Settings::ignored_keys`].
    pub fn load() -> (Settings, Option<Diagnostic>) {
        match crate::paths::config_dir().map(|d| d.join("config.toml")) {
            // `exists` follows links; a FIFO or device is refused by the
            // read, not waited on.
            Some(path) if path.exists() => {
                let label = path.display().to_string();
                match read_text_as(&path, &label, "config files") {
                    Ok(source) => parse_lenient(&label, &source, &path),
                    Err(d) => (Settings::default(), Some(d)),
                }
            }
            _ => (Settings::default(), None),
        }
    }

    /// A relief routine as `[relief]` asks: its steps turned so the stretch
    /// set for its muscle comes first, the others after it in their order
    /// (so "next" still visits every one). A routine without that stretch
    /// is returned as it is, with a line saying why.
    pub fn relief_start(&self, r: &Arc<Routine>) -> (Arc<Routine>, Option<String>) {
        let wanted = self.relief_start.iter().find(|(m, _)| r.mode == Mode::Relief && r.muscles.contains(m));
        let Some((muscle, id)) = wanted else { return (Arc::clone(r), None) };
        match r.steps.iter().position(|s| s.stretch.id == *id) {
            Some(0) => (Arc::clone(r), None),
            Some(i) => {
                let mut turned = Routine::clone(r);
                turned.steps.rotate_left(i);
                (Arc::new(turned), None)
            }
            None => (
                Arc::clone(r),
                Some(format!(
                    "config [relief] {} = \"{id}\" is not a step of `{}`; starting with its first stretch",
                    muscle.as_str(),
                    r.id
                )),
            ),
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
    let source = read_text_as(path, &label, "config files")?;
    parse(&label, &source, path)
}

/// Parses config text; `path` locates relative sound files.
pub fn parse(label: &str, source: &str, path: &Path) -> Result<Settings, Diagnostic> {
    from_table(label, source, path, parse_table(label, source)?)
}

/// The TOML document with the spans of its keys and values, which locate
/// every later problem in `source`.
fn parse_table<'s>(label: &str, source: &'s str) -> Result<Spanned<DeTable<'s>>, Diagnostic> {
    DeTable::parse(source).map_err(|e| diagnostic::from_toml(label, source, &e))
}

fn config_file(label: &str, source: &str, table: Spanned<DeTable<'_>>) -> Result<ConfigFile, Diagnostic> {
    ConfigFile::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| diagnostic::from_toml(label, source, &e))
}

fn from_table(
    label: &str,
    source: &str,
    path: &Path,
    table: Spanned<DeTable<'_>>,
) -> Result<Settings, Diagnostic> {
    let file = config_file(label, source, table)?;
    let relief_start = relief_starts(label, source, &file)?;
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(Settings {
        relief_start,
        volume: file.volume.map_or(DEFAULT_VOLUME, |v| v.0 as u8),
        cues: file.cues.unwrap_or(true),
        ticks: file.ticks.unwrap_or(true),
        voice: file.voice.unwrap_or_default(),
        relief_volume: file.relief.as_ref().and_then(|m| m.volume).map(|v| v.0 as u8),
        nightly_volume: file.nightly.as_ref().and_then(|m| m.volume).map(|v| v.0 as u8),
        nightly_routine: file.nightly.and_then(|m| m.routine).map(|id| id.as_str().to_string()),
        sounds: file.sounds.resolve(base),
        volume_flag: None,
        start_muted: false,
        doctor_after_cramps: file.doctor_after_cramps.map_or(DEFAULT_DOCTOR_AFTER, |d| d.0),
        ignored_keys: Vec::new(),
        remind_at: file.remind_at,
        theme: file.theme.unwrap_or_default(),
    })
}

/// How many broken keys a session leaves out before it gives up on the
/// file and uses the defaults. Each retry parses the small file again, so
/// this bounds the work; nobody has more broken keys than this.
const MAX_IGNORED_KEYS: usize = 16;

/// Settings from config text, keeping all that can be kept: while a
/// problem points into a key (top level, or a key of a table), that key is
/// left out and the rest parsed again. Gives the settings (with the keys
/// left out in `ignored_keys`) and the first problem. Bad TOML syntax, or a
/// problem in no key, gives the defaults.
pub fn parse_lenient(label: &str, source: &str, path: &Path) -> (Settings, Option<Diagnostic>) {
    let mut table = match parse_table(label, source) {
        Ok(t) => t,
        Err(d) => return (Settings::default(), Some(d)),
    };
    let mut first: Option<Diagnostic> = None;
    let mut ignored = Vec::new();
    for _ in 0..=MAX_IGNORED_KEYS {
        match from_table(label, source, path, table.clone()) {
            Ok(settings) => return (Settings { ignored_keys: ignored, ..settings }, first),
            Err(d) => {
                // A whole-file problem has no place, so no key to leave out.
                let at = d.snippet.as_ref().and_then(|_| byte_offset(source, d.line, d.column));
                let dropped = at.and_then(|at| drop_key_at(table.get_mut(), at));
                first.get_or_insert(d);
                match dropped {
                    Some(key) if ignored.len() < MAX_IGNORED_KEYS => ignored.push(key),
                    _ => break,
                }
            }
        }
    }
    (Settings::default(), first)
}

/// The byte offset of a 1-based line and column (in characters), as
/// [`Diagnostic::at`] counts them.
fn byte_offset(source: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { source.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)? };
    let rest = &source[start..];
    let within = rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Removes the key whose text (key to end of value) holds byte `at`: a key
/// of a table first, as the smaller loss, else a top-level key (a whole
/// table when the problem is in its name). Gives the key's dotted name.
fn drop_key_at(table: &mut DeTable<'_>, at: usize) -> Option<String> {
    let holds = |k: &Spanned<toml::de::DeString<'_>>, v: &Spanned<DeValue<'_>>| {
        (k.span().start..v.span().end.max(k.span().end)).contains(&at)
    };
    for (name, value) in table.iter_mut() {
        let parent = name.get_ref().to_string();
        if let DeValue::Table(inner) = value.get_mut()
            && let Some(key) = inner.iter().find(|(k, v)| holds(k, v)).map(|(k, _)| k.get_ref().to_string())
        {
            inner.remove(key.as_str());
            return Some(format!("{parent}.{key}"));
        }
    }
    let key = table.iter().find(|(k, v)| holds(k, v)).map(|(k, _)| k.get_ref().to_string())?;
    table.remove(key.as_str());
    Some(key)
}

/// `limber validate` on a config file: syntax, keys, ranges, sounds, and
/// that the nightly routine it names is one `limber night` can run.
pub fn validate_file(path: &Path) -> Result<(), Diagnostic> {
    let label = path.display().to_string();
    let source = read_text_as(path, &label, "config files")?;
    validate_text(&label, &source, path, &Library::load_default())
}

/// [`validate_file`] on text, against a given set of routines.
pub fn validate_text(label: &str, source: &str, path: &Path, library: &Library) -> Result<(), Diagnostic> {
    let table = parse_table(label, source)?;
    let file = config_file(label, source, table.clone())?;
    relief_starts(label, source, &file)?;
    check_nightly(label, source, table.get_ref(), library)?;
    check_sounds(label, source, path, &file.sounds)
}

/// `nightly = "ID"` (or `[nightly] routine = "ID"`) must name a nightly
/// routine, built-in or the user's, or `limber night` refuses it at bedtime.
fn check_nightly(
    label: &str,
    source: &str,
    table: &DeTable<'_>,
    library: &Library,
) -> Result<(), Diagnostic> {
    let Some(value) = table.get("nightly") else { return Ok(()) };
    let spanned = match value.get_ref() {
        DeValue::Table(t) => match t.get("routine") {
            Some(r) => r,
            None => return Ok(()),
        },
        _ => value,
    };
    // Types were checked when the file was read.
    let Some(id) = spanned.get_ref().as_str() else { return Ok(()) };
    let mut nightly: Vec<&str> =
        library.routines.iter().filter(|r| r.mode == Mode::Nightly).map(|r| r.id.as_str()).collect();
    nightly.sort_unstable();
    let listed = format!("the nightly routines are: {}", nightly.join(", "));
    let suggest = || closest(id, nightly.iter().copied()).map(|c| format!("did you mean `{c}`?"));
    let (message, hint) = match library.get(id) {
        Some(r) if r.mode == Mode::Nightly => return Ok(()),
        Some(_) => (format!("`{id}` is a relief routine, not a nightly one"), suggest().unwrap_or(listed)),
        None => match library.broken(id) {
            Some(b) => (
                format!("your routine `{id}` has errors, so `limber night` cannot run it"),
                format!("`limber validate {}` shows them", b.path.display()),
            ),
            None => (format!("no nightly routine with id `{id}`"), suggest().unwrap_or(listed)),
        },
    };
    Err(Diagnostic::at(label, source, spanned.span(), message).with_hint(Some(hint)))
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
    fn relief_start_turns_the_steps_and_leaves_other_routines_alone() {
        let ids = |r: &Routine| r.steps.iter().map(|s| s.stretch.id.to_string()).collect::<Vec<_>>();
        let calf = Arc::new(routine("calf-relief"));
        assert_eq!(ids(&calf), ["calf-seated", "calf-foot-pull", "calf-standing"], "seated by default");
        let s = parse("c.toml", "[relief]\ncalf = \"calf-standing\"\n", Path::new("c.toml")).unwrap();
        let (turned, problem) = s.relief_start(&calf);
        assert_eq!(ids(&turned), ["calf-standing", "calf-seated", "calf-foot-pull"]);
        assert_eq!(problem, None);
        // The hamstring and nightly routines are untouched.
        let night = Arc::new(routine("nightly"));
        assert!(Arc::ptr_eq(&s.relief_start(&night).0, &night));
        // A user's calf routine without that stretch starts as written and says why.
        let mut own = routine("calf-relief");
        own.steps.retain(|st| st.stretch.id.as_str() != "calf-standing");
        let own = Arc::new(own);
        let (same, problem) = s.relief_start(&own);
        assert!(Arc::ptr_eq(&same, &own));
        assert!(problem.unwrap().contains("calf = \"calf-standing\" is not a step of `calf-relief`"));
    }

    #[test]
    fn relief_start_must_be_a_catalogue_stretch_for_that_muscle() {
        let e = parse("c.toml", "[relief]\nhamstring = \"calf-seated\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 13));
        assert_eq!(e.message, "`calf-seated` is a calf stretch, not a hamstring one");
        assert_eq!(e.hint.as_deref(), Some("the hamstring stretches are: hamstring-foot-pull"));
        let e = parse("c.toml", "[relief]\nquadriceps = \"Quad\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.message.contains("lowercase letters"), "{}", e.message);
    }

    #[test]
    fn theme_takes_the_four_names_and_locates_a_bad_one() {
        for (text, want) in [
            ("auto", ThemeChoice::Auto),
            ("dark", ThemeChoice::Dark),
            ("light", ThemeChoice::Light),
            ("high-contrast", ThemeChoice::HighContrast),
        ] {
            let s = parse("c.toml", &format!("theme = \"{text}\"\n"), Path::new("c.toml")).unwrap();
            assert_eq!(s.theme, want);
        }
        assert_eq!(parse("c.toml", "", Path::new("c.toml")).unwrap().theme, ThemeChoice::Auto);
        let e = parse("c.toml", "volume = 50\ntheme = \"sepia\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        assert!(e.message.contains("sepia"), "{}", e.message);
        assert!(e.hint.as_deref().is_some_and(|h| h.contains("high-contrast")), "{e:?}");
        let e = parse("c.toml", "theme = \"ligth\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean the value `light`?"));
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

    #[test]
    fn nightly_is_an_id_or_a_table_and_errors_stay_located() {
        let s = parse("c.toml", "nightly = \"my-evening\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(s.nightly_id(), "my-evening");
        let s =
            parse("c.toml", "[nightly]\nroutine = \"short\"\nvolume = 30\n", Path::new("c.toml")).unwrap();
        assert_eq!((s.nightly_id(), s.nightly_volume), ("short", Some(30)));
        assert_eq!(Settings::default().nightly_id(), "nightly");
        let e = parse("c.toml", "[nightly]\nrutine = \"x\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "unknown key `rutine` in this table"));
        assert_eq!(e.hint.as_deref(), Some("did you mean the key `routine`?"));
        let e = parse("c.toml", "nightly = \"Not An Id\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (1, 11));
        let e = parse("c.toml", "[nightly]\nvolume = 300\n", Path::new("c.toml")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
    }

    fn lenient(text: &str) -> (Settings, Option<Diagnostic>) {
        parse_lenient("c.toml", text, Path::new("/cfg/config.toml"))
    }

    #[test]
    fn a_bad_key_loses_only_itself() {
        let text = "volume = 500\nnightly = \"my-evening\"\n[relief]\ncalf = \"calf-standing\"\n";
        let (s, problem) = lenient(text);
        assert_eq!(s.ignored_keys, ["volume"]);
        assert_eq!(s.volume, DEFAULT_VOLUME);
        assert_eq!(s.nightly_id(), "my-evening");
        assert_eq!(s.relief_start, [(Muscle::Calf, Id::new("calf-standing").unwrap())]);
        let problem = problem.unwrap();
        assert_eq!((problem.line, problem.column), (1, 10));
        assert!(problem.message.contains("from 0 to 100"), "{}", problem.message);
    }

    #[test]
    fn keys_of_tables_are_left_out_one_by_one() {
        let text = "ticks = false\nvolum = 3\n[relief]\nvolume = 300\ncalf = \"calf-standng\"\n\
                    hamstring = \"hamstring-foot-pull\"\n[nightly]\nroutine = \"short\"\nvolume = 20\n";
        let (s, problem) = lenient(text);
        let mut ignored = s.ignored_keys.clone();
        ignored.sort();
        assert_eq!(ignored, ["relief.calf", "relief.volume", "volum"]);
        assert!(!s.ticks);
        assert_eq!(s.relief_volume, None);
        assert_eq!(s.relief_start, [(Muscle::Hamstring, Id::new("hamstring-foot-pull").unwrap())]);
        assert_eq!((s.nightly_id(), s.nightly_volume), ("short", Some(20)));
        // The problem shown is one of them, located in the file.
        assert!([2, 4, 5].contains(&problem.unwrap().line));
    }

    #[test]
    fn an_unknown_table_is_left_out_whole() {
        let (s, problem) = lenient("volume = 40\n[relif]\ncalf = \"calf-standing\"\n");
        assert_eq!(s.ignored_keys, ["relif"]);
        assert_eq!(s.volume, 40);
        assert!(problem.unwrap().message.contains("`relif`"));
    }

    #[test]
    fn a_good_file_ignores_nothing_and_bad_syntax_gives_defaults() {
        let (s, problem) = lenient("volume = 40\n");
        assert_eq!((s.volume, problem, s.ignored_keys.len()), (40, None, 0));
        let (s, problem) = lenient("volume = 40\nnightly = \n");
        assert_eq!(s, Settings::default());
        assert_eq!(problem.unwrap().line, 2);
    }

    #[test]
    fn leaving_keys_out_is_bounded() {
        let text: String = (0..40).map(|i| format!("bad{i} = 1\n")).collect();
        let (s, problem) = lenient(&format!("volume = 40\n{text}"));
        assert_eq!(s, Settings::default(), "too many broken keys: the defaults");
        assert_eq!(problem.unwrap().line, 2);
    }

    #[test]
    fn byte_offsets_follow_lines_and_characters() {
        let text = "a = 1\nvoice = \"é\" x\n";
        assert_eq!(byte_offset(text, 1, 1), Some(0));
        assert_eq!(byte_offset(text, 2, 1), Some(6));
        assert_eq!(&text[byte_offset(text, 2, 13).unwrap()..], "x\n");
        assert_eq!(byte_offset(text, 9, 1), None);
    }

    fn validate(text: &str, library: &Library) -> Result<(), Diagnostic> {
        validate_text("c.toml", text, Path::new("/cfg/config.toml"), library)
    }

    #[test]
    fn validate_checks_the_nightly_routine_exists_and_is_nightly() {
        let lib = Library::load(None);
        assert_eq!(validate("nightly = \"nightly\"\n", &lib), Ok(()));
        let e = validate("volume = 3\nnightly = \"no-such\"\n", &lib).unwrap_err();
        assert_eq!((e.line, e.column), (2, 11));
        assert_eq!(e.message, "no nightly routine with id `no-such`");
        assert_eq!(e.hint.as_deref(), Some("the nightly routines are: nightly"));
        let e = validate("nightly = \"nightyl\"\n", &lib).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `nightly`?"));
        let e = validate("[nightly]\nvolume = 20\nroutine = \"calf-relief\"\n", &lib).unwrap_err();
        assert_eq!((e.line, e.column), (3, 11));
        assert_eq!(e.message, "`calf-relief` is a relief routine, not a nightly one");
        // A user's nightly routine counts.
        let mut own = routine("nightly");
        own.id = Id::new("my-evening").unwrap();
        let mut lib = lib;
        lib.routines.push(Arc::new(own));
        assert_eq!(validate("nightly = \"my-evening\"\n", &lib), Ok(()));
        let e = validate("nightly = \"my-evenin\"\n", &lib).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `my-evening`?"));
    }
}
