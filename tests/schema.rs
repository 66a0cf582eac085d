//! The JSON Schemas: the shipped files are exactly what `limber schema`
//! prints, and a real JSON Schema validator (the `jsonschema` crate) agrees
//! with limber's parser on the shipped routines and the fixtures.
//!
//! After changing a type that parses routine or config files, regenerate
//! the files with `UPDATE_SCHEMAS=1 cargo test --test schema`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn printed(kind: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("limber")
        .unwrap()
        .env("LIMBER_CONFIG_DIR", dir.path())
        .args(["schema", kind])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed(kind)).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// A TOML file as the JSON value a TOML editor checks against the schema.
fn toml_as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn shipped_schema_files_match_the_command() {
    for kind in ["routine", "config"] {
        let path = format!("assets/schema/{kind}.json");
        let want = printed(kind);
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            fs::write(&path, &want).unwrap();
        }
        let have = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{path} differs from `limber schema {kind}`; regenerate with \
             `UPDATE_SCHEMAS=1 cargo test --test schema` and review the diff"
        );
    }
}

#[test]
fn every_shipped_routine_and_valid_fixture_passes_the_schema() {
    let v = validator("routine");
    let mut checked = 0;
    for folder in ["routines", "tests/fixtures/valid"] {
        for e in fs::read_dir(folder).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap();
            if ["stretches.toml", "advice.toml", "learn.toml"].contains(&name)
                || p.extension().is_none_or(|x| x != "toml")
            {
                continue;
            }
            let errs = errors(&v, &toml_as_json(&p));
            assert!(errs.is_empty(), "{}: {errs:?}", p.display());
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} files checked");
}

/// Fixtures the schema itself rejects, with the instance path of the error.
/// The others break rules a schema cannot state (an unknown stretch id, a
/// missing sound file, relief get-ready only up to 3 s, duplicate ids) or
/// are not TOML at all; the parser reports those.
const REJECTED: &[(&str, &str)] = &[
    ("misspelt-key.toml", "/steps/0"),         // unknown key `hodl`
    ("cues-misspelt.toml", "/cues"),           // unknown key `tick`
    ("escape-in-key.toml", ""),                // unknown top-level key
    ("wrong-type.toml", "/steps/0/reps"),      // "two" for a number
    ("hold-too-long.toml", "/steps/0/hold"),   // 45 > 30
    ("hold-too-short.toml", "/defaults/hold"), // 10 < 15
    ("rest-too-long.toml", "/steps/0/rest"),   // 600 > 120
    ("misspelt-mode.toml", "/mode"),           // not relief or nightly
    ("bad-id.toml", "/id"),                    // spaces and capitals
    ("escape-in-title.toml", "/title"),        // control character
    ("bell-in-summary.toml", "/summary"),      // control character
    ("missing-source.toml", ""),               // required key
    ("zero-steps.toml", "/steps"),             // at least one step
];

#[test]
fn unknown_key_wrong_type_and_out_of_range_fixtures_fail_the_schema() {
    let v = validator("routine");
    for (file, at) in REJECTED {
        let path = Path::new("tests/fixtures/invalid").join(file);
        let errs: Vec<(String, String)> = v
            .iter_errors(&toml_as_json(&path))
            .map(|e| (e.instance_path().to_string(), e.to_string()))
            .collect();
        assert!(!errs.is_empty(), "{file} passes the schema");
        assert!(errs.iter().any(|(p, _)| p == at), "{file}: expected an error at {at:?}, got {errs:?}");
    }
}

#[test]
fn templates_written_by_new_pass_the_schema() {
    let v = validator("routine");
    let dir = tempfile::tempdir().unwrap();
    for (id, mode) in [("a", "relief"), ("b", "nightly")] {
        let out = Command::cargo_bin("limber")
            .unwrap()
            .env("LIMBER_CONFIG_DIR", dir.path())
            .args(["new", id, "--mode", mode])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let path = dir.path().join(format!("routines/{id}.toml"));
        assert!(errors(&v, &toml_as_json(&path)).is_empty());
    }
}

#[test]
fn config_schema_accepts_good_files_and_refuses_bad_keys_types_and_ranges() {
    let v = validator("config");
    let ok = [
        "volume = 50\nticks = false\nvoice = \"off\"\n[relief]\nvolume = 90\n",
        "nightly = \"my-evening\"\n",
        "[nightly]\nroutine = \"short\"\nvolume = 20\n",
        "doctor_after_cramps = 5\n[sounds]\ntick = \"t.wav\"\n",
        include_str!("../assets/templates/config.toml"),
    ];
    for text in ok {
        let value: Value = toml::from_str(text).unwrap();
        assert!(errors(&v, &value).is_empty(), "{text}: {:?}", errors(&v, &value));
    }
    let bad = [
        ("volum = 3\n", ""),
        ("volume = 300\n", "/volume"),
        ("volume = \"loud\"\n", "/volume"),
        ("voice = \"\"\n", "/voice"),
        ("nightly = \"Not An Id\"\n", "/nightly"),
        ("[nightly]\nrutine = \"x\"\n", "/nightly"),
        ("doctor_after_cramps = 0\n", "/doctor_after_cramps"),
    ];
    for (text, at) in bad {
        let value: Value = toml::from_str(text).unwrap();
        let errs: Vec<String> = v.iter_errors(&value).map(|e| e.instance_path().to_string()).collect();
        assert!(errs.iter().any(|p| p == at), "{text:?}: expected an error at {at:?}, got {errs:?}");
    }
}
