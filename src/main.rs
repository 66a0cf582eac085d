//! The `limber` binary: parse arguments, run, turn errors into a message and
//! an exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = limber::cli::Cli::parse();
    match limber::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("limber: {e:#}");
            ExitCode::FAILURE
        }
    }
}
