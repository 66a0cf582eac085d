//! The `limber` binary: parse arguments, run, turn errors into a message and
//! an exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use limber::errln;
use limber::out::OutputError;

fn main() -> ExitCode {
    // First: no panic on any thread may print over the TUI.
    limber::panic::install();
    let cli = match limber::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    match limber::commands::run(cli) {
        Ok(code) => code,
        // `limber list | head -1`: the reader has all it wanted. (Any broken
        // pipe in the chain counts, for output written without `out`.)
        Err(e)
            if e.downcast_ref::<OutputError>().is_some_and(OutputError::is_broken_pipe)
                || e.chain().any(|c| {
                    c.downcast_ref::<std::io::Error>()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            errln!("limber: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Help and version go to stdout as clap writes them; errors go to stderr
/// made terminal-safe, since clap echoes the invalid value as typed (which
/// may hold escape sequences).
fn clap_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        // --help, --version: our own text. A closed pipe is not an error.
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let code = e.exit_code();
    errln!("{}", e.to_string().trim_end());
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
