//! Custom cue sounds: WAV, OGG (Vorbis) or FLAC files named in the config or
//! a routine, decoded with rodio to mono at the cue sample rate.

use std::num::NonZero;
use std::path::Path;

use rodio::Decoder;
use rodio::source::UniformSourceIterator;

use super::cues::SAMPLE_RATE;

/// Sound files larger than this are refused.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;
/// Longer sounds are cut: a cue is a moment, not a song.
const MAX_SECONDS: usize = 5;

/// Decodes `path`, or says why it cannot be used.
pub fn load(path: &Path) -> Result<Vec<f32>, String> {
    let shown = crate::text::printable(&path.display().to_string());
    let meta = std::fs::metadata(path).map_err(|e| format!("sound file {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("sound file {shown} is not a file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("sound file {shown} is larger than 2 MiB"));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("sound file {shown}: {e}"))?;
    let decoder = Decoder::try_from(file)
        .map_err(|e| format!("sound file {shown} is not WAV, OGG or FLAC audio: {e}"))?;
    let one = NonZero::new(1).expect("1 is not zero");
    let rate = NonZero::new(SAMPLE_RATE).expect("rate is not zero");
    let samples: Vec<f32> =
        UniformSourceIterator::new(decoder, one, rate).take(MAX_SECONDS * SAMPLE_RATE as usize).collect();
    if samples.is_empty() {
        return Err(format!("sound file {shown} holds no audio"));
    }
    Ok(samples)
}
