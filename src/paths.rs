//! Where user files live. Environment overrides let tests and people point
//! limber at other folders.

use std::path::PathBuf;

/// The config directory: `$LIMBER_CONFIG_DIR`, else the platform's
/// (`$XDG_CONFIG_HOME/limber` on Linux, usually `~/.config/limber`).
pub fn config_dir() -> Option<PathBuf> {
    dir_from("LIMBER_CONFIG_DIR", dirs::config_dir)
}

/// The data directory (history): `$LIMBER_DATA_DIR`, else the platform's
/// (`$XDG_DATA_HOME/limber` on Linux, usually `~/.local/share/limber`).
pub fn data_dir() -> Option<PathBuf> {
    dir_from("LIMBER_DATA_DIR", dirs::data_dir)
}

/// User routines: `routines/` inside the config directory.
pub fn routines_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("routines"))
}

fn dir_from(var: &str, platform: fn() -> Option<PathBuf>) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => platform().map(|d| d.join("limber")),
    }
}
