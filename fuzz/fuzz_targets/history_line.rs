//! History lines: any bytes are records or counted as unreadable.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = limber::history::store::parse(std::io::Cursor::new(data));
    // Every line is either a record or unreadable.
    let lines = data.split(|b| *b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    assert!(loaded.records.len() + loaded.unreadable <= lines.max(1));
});
