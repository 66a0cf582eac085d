//! limber: a terminal coach for leg-cramp stretches.
//!
//! The binary is a thin shell over this library: routines and their files
//! ([`routine`]), the built-in content ([`builtin`], [`advice`]), the pure
//! session engine ([`session`]), the terminal interface ([`ui`]) and the
//! command line ([`cli`]).

// Diagnostics carry the offending line and a hint; they are made once per bad
// file, never in a loop, so their size in `Result` does not matter.
#![allow(clippy::result_large_err)]

pub mod advice;
pub mod articles;
pub mod audio;
pub mod builtin;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod fsx;
pub mod history;
pub mod json_schema;
pub mod learn;
pub mod out;
pub mod panic;
pub mod paths;
pub mod remind;
pub mod report;
pub mod routine;
pub mod session;
pub mod text;
pub mod ui;
pub mod worker;
