//! Reading, parsing and checking routine files.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::diagnostic::{self, Diagnostic, closest};
use super::model::{Origin, Routine, RoutineCues, Step, Stretch};
use super::schema::{
    CatalogueFile, Id, Mode, RELIEF_MAX_GET_READY, RoutineFile, Settings, Sides, SoundFiles, StretchSpec,
};

/// Routine files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Arrays and inline tables nested deeper than this are refused before
/// parsing: no routine needs more than two levels, and deep nesting is how a
/// hostile file would try to exhaust the parser's stack.
const MAX_NESTING: usize = 16;

/// Stretches by id.
pub type Catalogue = HashMap<Id, Arc<Stretch>>;

/// Reads a routine file from disk and checks it against `catalogue`.
pub fn read_routine(path: &Path, catalogue: &Catalogue) -> Result<Routine, Diagnostic> {
    let label = path.display().to_string();
    let source = read_text(path, &label)?;
    parse_routine(&label, &source, catalogue, Origin::File(path.to_path_buf()))
}

/// Reads a routine file as UTF-8 text, refusing special, large, binary
/// and empty files with a message that says what to do.
pub fn read_text(path: &Path, label: &str) -> Result<String, Diagnostic> {
    read_text_as(path, label, "routine files")
}

/// [`read_text`] for any small text file; `what` names the kind of file in
/// the too-large message ("config files").
pub fn read_text_as(path: &Path, label: &str, what: &str) -> Result<String, Diagnostic> {
    // Only a regular file is opened, and never more than the limit read:
    // a FIFO would block, a device such as /dev/zero would never end.
    let bytes = crate::fsx::read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::fsx::ReadError::Io(e) => Diagnostic::whole_file(label, format!("cannot read the file: {e}")),
        crate::fsx::ReadError::TooLarge => Diagnostic::whole_file(
            label,
            format!("file is larger than 1 MiB; {what} are small text files, check the path"),
        ),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let mut d = Diagnostic::at(label, &text, text.len()..text.len(), "");
        d.snippet = None;
        d.message = "the file is not UTF-8 text; save it as UTF-8".to_string();
        d
    })
}

/// `limber validate` on a routine file: everything [`read_routine`] checks,
/// plus the sound files it names (they exist, are at most 2 MiB and decode).
/// Only validation insists on sounds; at run time a bad one is a warning and
/// the built-in cue plays.
pub fn validate_routine(path: &Path, catalogue: &Catalogue) -> Result<(), Diagnostic> {
    let label = path.display().to_string();
    let source = read_text(path, &label)?;
    let file = parse_file(&label, &source)?;
    if let Some(cues) = &file.cues {
        check_sounds(&label, &source, path, &cues.sounds)?;
    }
    resolve(&label, &source, file, catalogue, Origin::File(path.to_path_buf())).map(|_| ())
}

/// The sound files of a `[sounds]`-style table, resolved against the folder
/// of `path`.
pub fn check_sounds(label: &str, source: &str, path: &Path, sounds: &SoundFiles) -> Result<(), Diagnostic> {
    let base = path.parent().unwrap_or(Path::new(""));
    for (_, spanned) in sounds.entries() {
        let file = base.join(spanned.get_ref().as_str());
        if let Err(e) = crate::audio::sounds::load(&file) {
            return Err(at(label, source, spanned, e));
        }
    }
    Ok(())
}

/// Parses and checks routine text. `label` names the file in messages.
pub fn parse_routine(
    label: &str,
    source: &str,
    catalogue: &Catalogue,
    origin: Origin,
) -> Result<Routine, Diagnostic> {
    let file = parse_file(label, source)?;
    resolve(label, source, file, catalogue, origin)
}

/// The file as written, before defaults and stretch references are resolved.
fn parse_file(label: &str, source: &str) -> Result<RoutineFile, Diagnostic> {
    precheck(label, source)?;
    toml::from_str(source).map_err(|e| diagnostic::from_toml(label, source, &e))
}

/// The stretches a routine file defines for itself (`[[stretches]]`), in
/// file order, for `limber stretches`.
pub fn own_stretches(path: &Path) -> Result<Vec<Arc<Stretch>>, Diagnostic> {
    let label = path.display().to_string();
    let source = read_text(path, &label)?;
    let file = parse_file(&label, &source)?;
    let mut own = Catalogue::new();
    add_stretches(&label, &source, &file.stretches, &mut own)?;
    Ok(file.stretches.iter().filter_map(|s| own.get(s.id.get_ref()).cloned()).collect())
}

/// Parses the built-in stretch catalogue (or any file of `[[stretches]]`).
pub fn parse_catalogue(label: &str, source: &str) -> Result<Catalogue, Diagnostic> {
    precheck(label, source)?;
    let file: CatalogueFile = toml::from_str(source).map_err(|e| diagnostic::from_toml(label, source, &e))?;
    let mut out = Catalogue::new();
    add_stretches(label, source, &file.stretches, &mut out)?;
    Ok(out)
}

fn precheck(label: &str, source: &str) -> Result<(), Diagnostic> {
    let meaningful = source.lines().map(str::trim).any(|l| !l.is_empty() && !l.starts_with('#'));
    if !meaningful {
        return Err(Diagnostic::whole_file(
            label,
            "the file is empty; a routine needs id, title, mode, muscles, summary, source \
             and at least one [[steps]] (run `limber show calf-relief` for an example)",
        ));
    }
    if let Some(at) = too_deep(source) {
        return Err(Diagnostic::at(
            label,
            source,
            at..at + 1,
            format!("values are nested more than {MAX_NESTING} deep; routines need at most two levels"),
        ));
    }
    Ok(())
}

/// The byte offset where nesting first exceeds [`MAX_NESTING`], skipping
/// strings and comments. Brackets count, and so does each dot of a dotted
/// key or table header (`[a.b.c]`, `a.b.c = 1`), which the parser also
/// nests (a dot between digits is a number's, and does not count). Only a
/// guard: the parser reports real syntax errors.
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut dots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => dots = 0,
            b'.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !(digit_before && digit_after) {
                    dots += 1;
                    if depth + dots > MAX_NESTING {
                        return Some(i);
                    }
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = bytes[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if q == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && bytes[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !triple && (bytes[i] == q || bytes[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth + dots > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn add_stretches(
    label: &str,
    source: &str,
    specs: &[StretchSpec],
    out: &mut Catalogue,
) -> Result<(), Diagnostic> {
    let mut seen: HashMap<&Id, ()> = HashMap::new();
    for spec in specs {
        let id = spec.id.get_ref();
        if seen.insert(id, ()).is_some() {
            return Err(at(
                label,
                source,
                &spec.id,
                format!("duplicate stretch id `{id}`: give each stretch its own id"),
            ));
        }
        if spec.name.get_ref().as_str().trim().is_empty() || spec.name.get_ref().as_str().chars().count() > 48
        {
            return Err(at(label, source, &spec.name, "`name` must be 1 to 48 characters"));
        }
        let steps = spec.instructions.get_ref();
        if steps.is_empty() || steps.len() > 8 {
            return Err(at(
                label,
                source,
                &spec.instructions,
                format!("`instructions` must have 1 to 8 lines, found {}", steps.len()),
            ));
        }
        let figure = match &spec.figure {
            None => None,
            Some(f) => {
                if crate::builtin::figure(f.get_ref().as_str()).is_none() {
                    let hint =
                        closest(f.get_ref().as_str(), crate::builtin::FIGURES.iter().map(|(id, _)| *id))
                            .map(|c| format!("did you mean `{c}`?"))
                            .or_else(|| {
                                Some(format!("the figures are: {}", crate::builtin::figure_ids().join(", ")))
                            });
                    return Err(
                        at(label, source, f, format!("unknown figure `{}`", f.get_ref())).with_hint(hint)
                    );
                }
                Some(f.get_ref().clone())
            }
        };
        out.insert(
            id.clone(),
            Arc::new(Stretch {
                id: id.clone(),
                name: spec.name.get_ref().clone(),
                muscle: spec.muscle,
                position: spec.position,
                instructions: steps.clone(),
                cue: spec.cue.clone(),
                cautions: spec.cautions.clone(),
                source: spec.source.clone(),
                quote: spec.quote.clone(),
                figure,
            }),
        );
    }
    Ok(())
}

fn at<T>(label: &str, source: &str, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::at(label, source, spanned.span(), message)
}

/// Built-in defaults for anything neither the routine nor the step sets.
fn builtin_default(mode: Mode) -> (u32, u32, Sides, u32, u32, u32) {
    match mode {
        // hold, reps, sides, get ready, rest, switch
        Mode::Relief => (30, 1, Sides::None, 3, 0, 0),
        Mode::Nightly => (30, 1, Sides::Both, 5, 10, 5),
    }
}

fn resolve(
    label: &str,
    source: &str,
    file: RoutineFile,
    catalogue: &Catalogue,
    origin: Origin,
) -> Result<Routine, Diagnostic> {
    let title = file.title.get_ref();
    if title.as_str().trim().is_empty() || title.as_str().chars().count() > 60 {
        return Err(at(label, source, &file.title, "`title` must be 1 to 60 characters"));
    }
    if file.muscles.get_ref().is_empty() {
        return Err(at(
            label,
            source,
            &file.muscles,
            "`muscles` must name at least one of calf, hamstring, quadriceps, foot",
        ));
    }
    let muscles = file.muscles.get_ref();
    if let Some(m) = muscles.iter().enumerate().find_map(|(i, m)| muscles[..i].contains(m).then_some(m)) {
        return Err(at(
            label,
            source,
            &file.muscles,
            format!("`muscles` names {} twice; name each muscle once", m.as_str()),
        ));
    }
    if file.steps.get_ref().is_empty() {
        return Err(at(
            label,
            source,
            &file.steps,
            "a routine needs at least one step: add a [[steps]] table with `stretch = \"...\"`",
        ));
    }
    if file.steps.get_ref().len() > 50 {
        return Err(at(label, source, &file.steps, "a routine may have at most 50 steps"));
    }

    // The file's own stretches shadow the catalogue's.
    let mut own = Catalogue::new();
    add_stretches(label, source, &file.stretches, &mut own)?;

    let (hold, reps, sides, get_ready, rest, switch) = builtin_default(file.mode);
    let d = &file.defaults;
    let mut steps = Vec::new();
    for spec in file.steps.get_ref() {
        let id = spec.stretch.get_ref();
        let Some(stretch) = own.get(id).or_else(|| catalogue.get(id)) else {
            let known = own.keys().chain(catalogue.keys()).map(Id::as_str);
            let hint = closest(id.as_str(), known).map(|c| format!("did you mean `{c}`?")).or_else(|| {
                Some("define it in a [[stretches]] table in this file, or run `limber show` on a built-in routine to see the built-in stretch ids".to_string())
            });
            return Err(at(label, source, &spec.stretch, format!("unknown stretch `{id}`")).with_hint(hint));
        };
        let s = spec.settings();
        let get_ready_set = s.get_ready.as_ref().or(d.get_ready.as_ref());
        let get_ready_secs = get_ready_set.map_or(get_ready, |g| g.get_ref().0);
        if file.mode == Mode::Relief && get_ready_secs > RELIEF_MAX_GET_READY {
            let msg = format!(
                "`get_ready` is at most {RELIEF_MAX_GET_READY} seconds in a relief routine (the hold must start at once), found {get_ready_secs}"
            );
            return Err(match get_ready_set {
                Some(g) => at(label, source, g, msg),
                None => at(label, source, &spec.stretch, msg),
            });
        }
        steps.push(Step {
            stretch: Arc::clone(stretch),
            hold_secs: pick(&s, d, |x| x.hold.map(|v| v.0)).unwrap_or(hold),
            reps: pick(&s, d, |x| x.reps.map(|v| v.0)).unwrap_or(reps),
            sides: pick(&s, d, |x| x.sides).unwrap_or(sides),
            get_ready_secs,
            rest_secs: pick(&s, d, |x| x.rest.map(|v| v.0)).unwrap_or(rest),
            switch_secs: pick(&s, d, |x| x.switch.map(|v| v.0)).unwrap_or(switch),
        });
    }

    let base = match &origin {
        Origin::File(p) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        Origin::BuiltIn => Default::default(),
    };
    let cues = file.cues.as_ref().map_or_else(Default::default, |c| RoutineCues {
        enabled: c.enabled,
        ticks: c.ticks,
        volume: c.volume.map(|v| v.0 as u8),
        sounds: c.sounds.resolve(&base),
    });
    Ok(Routine {
        cues,
        id: file.id.into_inner(),
        title: file.title.into_inner(),
        mode: file.mode,
        muscles: file.muscles.into_inner(),
        summary: file.summary,
        source: file.source,
        steps,
        origin,
    })
}

/// The step's setting, else the routine's default.
fn pick<T>(step: &Settings, defaults: &Settings, get: impl Fn(&Settings) -> Option<T>) -> Option<T> {
    get(step).or_else(|| get(defaults))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_guard_counts_brackets_outside_strings() {
        assert_eq!(too_deep("a = [[1]]"), None);
        assert_eq!(too_deep("a = \"[[[[[[[[[[[[[[[[[[[[[[\""), None);
        assert_eq!(too_deep("# [[[[[[[[[[[[[[[[[[[[[[[[\n"), None);
        let deep = format!("a = {}", "[".repeat(40));
        assert_eq!(too_deep(&deep), Some(4 + MAX_NESTING));
    }

    #[test]
    fn nesting_guard_counts_dotted_keys_and_headers_but_not_numbers() {
        let header = format!("[{}]\n", vec!["a"; 300].join("."));
        assert!(too_deep(&header).is_some());
        let key = format!("{} = 1\n", vec!["a"; 300].join("."));
        assert!(too_deep(&key).is_some());
        assert_eq!(too_deep("[cues.sounds]\nx = 1.5\nt = 07:32:00.999\n[a.b.c]\n"), None);
        let err = parse_file("deep.toml", &format!("id = \"x\"\n{header}")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 33), "{err}"); // the 16th dot, after the bracket
        assert!(err.message.contains("nested more than 16 deep"), "{err}");
    }

    const HEAD: &str = "id = \"x\"\nmode = \"relief\"\nsummary = \"s\"\nsource = \"leg-cramping\"\n\
                        [[steps]]\nstretch = \"calf-standing\"\n";

    fn parse(text: &str) -> Result<Routine, Diagnostic> {
        parse_routine("t.toml", text, crate::builtin::catalogue(), Origin::BuiltIn)
    }

    #[test]
    fn blank_text_and_repeated_muscles_are_refused_where_they_are() {
        let e = parse(&format!("title = \"   \"\nmuscles = [\"calf\"]\n{HEAD}")).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (1, "this text is only spaces; write the text here"), "{e}");
        let e = parse(&format!("title = \"T\"\nmuscles = [\"calf\"]\n{}", HEAD.replace("\"s\"", "\"\"")))
            .unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (5, "this text is empty; write the text here"), "{e}");
        let e =
            parse(&format!("title = \"T\"\nmuscles = [\"calf\", \"foot\", \"calf\"]\n{HEAD}")).unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "`muscles` names calf twice; name each muscle once"),
            "{e}"
        );
        assert!(parse(&format!("title = \"T\"\nmuscles = [\"calf\", \"foot\"]\n{HEAD}")).is_ok());
    }

    #[test]
    fn an_integer_beyond_64_bits_gets_the_range_message() {
        let text = "id = \"x\"\ntitle = \"T\"\nmode = \"relief\"\nmuscles = [\"calf\"]\nsummary = \"s\"\n\
                    source = \"leg-cramping\"\n[[steps]]\nstretch = \"calf-standing\"\nhold = 99999999999999999999\n";
        let err = parse_routine("big.toml", text, crate::builtin::catalogue(), Origin::BuiltIn).unwrap_err();
        assert_eq!(err.line, 9, "{err}");
        assert!(err.message.starts_with("`hold` must be from 15 to 30 seconds"), "{err}");
        assert!(err.message.ends_with("found 99999999999999999999"), "{err}");
        assert!(!err.to_string().contains("i128"), "{err}");
    }
}
