//! Sound files: the header probe, then the decoder on what the probe lets
//! through, without the panic guard, so a panic the probe misses is found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use limber::audio::sounds;

fuzz_target!(|data: &[u8]| {
    if sounds::probe(data).is_ok() {
        let _ = sounds::decode_probed(data.to_vec());
    }
});
