//! `limber validate PATH...`: routine files, and `config.toml` files by name.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::routine::{Diagnostic, load};
use crate::text::printable;
use crate::{builtin, config};

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let mut all_ok = true;
    for path in paths {
        match check(path) {
            Ok(()) => println!("ok {}", printable(&path.display().to_string())),
            Err(d) => {
                all_ok = false;
                eprintln!("{d}");
            }
        }
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn check(path: &Path) -> Result<(), Diagnostic> {
    if path.file_name().is_some_and(|n| n == "config.toml") {
        return config::validate_file(path);
    }
    load::validate_routine(path, builtin::catalogue())
}
