//! The routine loader: any text gives a routine or a diagnostic, never a
//! panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use limber::builtin;
use limber::routine::{Origin, load};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = load::parse_routine("fuzz.toml", text, builtin::catalogue(), Origin::BuiltIn);
    }
});
