//! JSON Schemas for routine files and `config.toml`, generated from the
//! serde types that parse them, so the schema cannot drift from the parser.
//! TOML editors (Taplo, Even Better TOML) read them through a `#:schema`
//! comment at the top of a file to complete and check keys.
//!
//! The shipped copies in `assets/schema/` are checked against these by
//! `tests/schema.rs`; `UPDATE_SCHEMAS=1 cargo test --test schema` rewrites
//! them (see `docs/ARCHITECTURE.md`).

use std::path::{Path, PathBuf};

use schemars::Schema;
use serde_json::Value;

use crate::config::ConfigFile;
use crate::routine::schema::RoutineFile;

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A routine file (`routines/*.toml`).
    Routine,
    /// `config.toml`.
    Config,
}

impl Kind {
    /// The schema's file name, in `assets/schema/` and in the config folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Routine => "routine.json",
            Kind::Config => "config.json",
        }
    }
}

/// The schema as pretty JSON with a final newline.
pub fn text(kind: Kind) -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = match kind {
        Kind::Routine => generator.into_root_schema_for::<RoutineFile>(),
        Kind::Config => generator.into_root_schema_for::<ConfigFile>(),
    };
    no_null(&mut schema);
    let (title, description) = match kind {
        Kind::Routine => ("limber routine", "A limber routine file (TOML): `limber new ID` writes one."),
        Kind::Config => ("limber config.toml", "limber's settings (TOML); every key is optional."),
    };
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    // A schema is plain JSON values; serializing one cannot fail.
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

/// TOML has no null: an `Option` field is a key that may be left out, so
/// schemars's `"null"` alternatives are removed to describe what the parser
/// accepts.
fn no_null(schema: &mut Schema) {
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            schema.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = schema.get_mut("anyOf") {
        any.retain(|s| s != &serde_json::json!({ "type": "null" }));
        if let [Value::Object(only)] = any.as_slice() {
            let only = only.clone();
            schema.remove("anyOf");
            for (k, v) in only {
                schema.insert(k, v);
            }
        }
    }
    schemars::transform::transform_subschemas(&mut no_null, schema);
}

/// The first line of a routine file in the routines folder: its schema is
/// in `schema/` beside that folder.
pub const ROUTINE_DIRECTIVE: &str = "#:schema ../schema/routine.json";

/// The first line of `config.toml`.
pub const CONFIG_DIRECTIVE: &str = "#:schema schema/config.json";

/// Writes both schemas into `CONFIG_DIR/schema/` (only when they differ, so
/// an editor watching them is not disturbed), for the `#:schema` lines of
/// the files `new`, `edit` and `init` write. Returns the folder.
pub fn install(config_dir: &Path) -> std::io::Result<PathBuf> {
    let dir = config_dir.join("schema");
    std::fs::create_dir_all(&dir)?;
    for kind in [Kind::Routine, Kind::Config] {
        let path = dir.join(kind.file_name());
        let want = text(kind);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            std::fs::write(&path, want)?;
        }
    }
    Ok(dir)
}

/// `text` with `directive` as its first line, unless it already has a
/// `#:schema` line at the top.
pub fn with_directive(directive: &str, text: &str) -> String {
    if text.starts_with("#:schema") { text.to_string() } else { format!("{directive}\n{text}") }
}
