//! `limber validate PATH...`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::builtin;
use crate::routine::load;
use crate::text::printable;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let mut all_ok = true;
    for path in paths {
        match load::read_routine(path, builtin::catalogue()) {
            Ok(_) => println!("ok {}", printable(&path.display().to_string())),
            Err(d) => {
                all_ok = false;
                eprintln!("{d}");
            }
        }
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
