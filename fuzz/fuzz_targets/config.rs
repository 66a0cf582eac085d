//! `config.toml`: any text gives settings or a diagnostic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = limber::config::parse("config.toml", text, Path::new("/nonexistent/config.toml"));
    }
});
