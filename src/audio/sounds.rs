//! Custom cue sounds: WAV, OGG (Vorbis) or FLAC files named in the config or
//! a routine, decoded with rodio to mono at the cue sample rate.
//!
//! A sound file is untrusted input to a third-party decoder, which can panic
//! on values it does not expect (a WAV whose sample rate is 0 did). So the
//! header is read here first ([`probe`]): format, sample rate, channels and
//! length must be sane before the decoder sees the file; and decoding runs
//! under [`crate::panic::catch_quietly`] as a last guard.

use std::io::Cursor;
use std::num::NonZero;
use std::path::Path;

use rodio::Decoder;
use rodio::source::UniformSourceIterator;

use super::cues::SAMPLE_RATE;
use crate::fsx::{self, ReadError};

/// Sound files larger than this are refused.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;
/// Longer sounds are cut: a cue is a moment, not a song.
const MAX_SECONDS: usize = 5;
/// Sample rates accepted, in Hz.
pub const RATES: std::ops::RangeInclusive<u32> = 4_000..=192_000;
/// Channels accepted.
pub const CHANNELS: std::ops::RangeInclusive<u16> = 1..=8;

/// What a sound file's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub format: &'static str,
    pub rate: u32,
    pub channels: u16,
    /// Frames (samples per channel), when the header says.
    pub frames: Option<u64>,
}

/// Decodes `path`, or says why it cannot be used (naming the file).
pub fn load(path: &Path) -> Result<Vec<f32>, String> {
    let shown = crate::text::printable(&path.display().to_string());
    let bytes = fsx::read_bounded(path, MAX_BYTES).map_err(|e| match e {
        ReadError::Io(e) => format!("sound file {shown}: {e}"),
        ReadError::TooLarge => format!("sound file {shown} is larger than 2 MiB"),
    })?;
    decode(bytes).map_err(|why| format!("sound file {shown} {why}"))
}

/// Probes, then decodes, a sound file's bytes. The error completes "sound
/// file NAME ...".
pub fn decode(bytes: Vec<u8>) -> Result<Vec<f32>, String> {
    probe(&bytes)?;
    crate::panic::catch_quietly(move || decode_probed(bytes))
        .map_err(|panic| format!("could not be decoded (the decoder failed: {panic})"))?
}

/// Decodes bytes that passed [`probe`], with no guard against a decoder
/// panic: [`decode`] adds the guard; the fuzz target calls this directly so
/// that a panic the probe let through is found.
pub fn decode_probed(bytes: Vec<u8>) -> Result<Vec<f32>, String> {
    let decoder =
        Decoder::try_from(Cursor::new(bytes)).map_err(|e| format!("is not WAV, OGG or FLAC audio: {e}"))?;
    let one = NonZero::new(1).expect("1 is not zero");
    let rate = NonZero::new(SAMPLE_RATE).expect("rate is not zero");
    let samples: Vec<f32> =
        UniformSourceIterator::new(decoder, one, rate).take(MAX_SECONDS * SAMPLE_RATE as usize).collect();
    if samples.is_empty() {
        return Err("holds no audio".to_string());
    }
    Ok(samples)
}

/// Reads the header of a WAV, FLAC or Ogg Vorbis file and checks it. The
/// error completes "sound file NAME ...".
pub fn probe(bytes: &[u8]) -> Result<Probe, String> {
    let p = if bytes.starts_with(b"RIFF") {
        probe_wav(bytes)?
    } else if bytes.starts_with(b"fLaC") {
        probe_flac(bytes)?
    } else if bytes.starts_with(b"OggS") {
        probe_ogg(bytes)?
    } else {
        return Err("is not WAV, OGG or FLAC audio (its first bytes are not a known header)".into());
    };
    if !RATES.contains(&p.rate) {
        return Err(format!(
            "has a sample rate of {} Hz; sounds must be {} to {} Hz",
            p.rate,
            RATES.start(),
            RATES.end()
        ));
    }
    if !CHANNELS.contains(&p.channels) {
        return Err(format!("has {} channels; sounds must have 1 to {}", p.channels, CHANNELS.end()));
    }
    if p.frames == Some(0) {
        return Err("holds no audio (its header says 0 samples)".into());
    }
    Ok(p)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn u16_le(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_le(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn probe_wav(b: &[u8]) -> Result<Probe, String> {
    const BAD: &str = "is a damaged WAV file (its header is cut short)";
    if b.get(8..12) != Some(b"WAVE") {
        return Err("is a RIFF file but not WAV audio".into());
    }
    let mut at = 12usize;
    let mut fmt: Option<(u16, u16, u32, u16, u16)> = None;
    let mut data_len: Option<u32> = None;
    // Every chunk is read, so that a second format or data chunk (which a
    // decoder may read instead of the first) is refused, not trusted.
    while at + 8 <= b.len() {
        let id = &b[at..at + 4];
        let len = u32_le(b, at + 4).ok_or(BAD)?;
        let body = at + 8;
        match id {
            b"fmt " if fmt.is_some() => return Err("is a damaged WAV file (it has two format chunks)".into()),
            b"data" if data_len.is_some() => {
                return Err("is a damaged WAV file (it has two data chunks)".into());
            }
            b"fmt " => {
                let format = u16_le(b, body).ok_or(BAD)?;
                let channels = u16_le(b, body + 2).ok_or(BAD)?;
                let rate = u32_le(b, body + 4).ok_or(BAD)?;
                let align = u16_le(b, body + 12).ok_or(BAD)?;
                let bits = u16_le(b, body + 14).ok_or(BAD)?;
                fmt = Some((format, channels, rate, align, bits));
            }
            b"data" => data_len = Some(len),
            // Any other chunk (LIST, INFO...) must lie inside the file: the
            // decoder allocates what a chunk claims before reading it.
            _ if body.saturating_add(len as usize) > b.len() => {
                return Err(format!(
                    "is a damaged WAV file (its {:?} chunk claims {len} bytes, more than the file holds)",
                    String::from_utf8_lossy(id)
                ));
            }
            _ => {}
        }
        // Chunks are padded to an even length.
        at = body.saturating_add(len as usize).saturating_add(len as usize & 1);
    }
    let (format, channels, rate, align, bits) = fmt.ok_or("is a WAV file without a format chunk")?;
    // 1 PCM, 3 float, 0xFFFE extensible (PCM or float inside).
    if !matches!(format, 1 | 3 | 0xFFFE) {
        return Err(format!("is a WAV file in format {format}; only PCM and float WAV are read"));
    }
    if !matches!(bits, 8 | 16 | 24 | 32 | 64) {
        return Err(format!("is a WAV file with {bits}-bit samples; 8, 16, 24, 32 or 64 bits are read"));
    }
    if align == 0 || u32::from(align) != u32::from(channels) * u32::from(bits / 8) {
        return Err(format!(
            "is a damaged WAV file (block size {align} does not fit {channels} channels of {bits} bits)"
        ));
    }
    let data_len = data_len.ok_or("is a WAV file without audio data")?;
    Ok(Probe { format: "WAV", rate, channels, frames: Some(u64::from(data_len / u32::from(align))) })
}

fn probe_flac(b: &[u8]) -> Result<Probe, String> {
    const BAD: &str = "is a damaged FLAC file (its stream info is missing or cut short)";
    // The first metadata block must be STREAMINFO (type 0), 34 bytes.
    let header = b.get(4..8).ok_or(BAD)?;
    let len = u32::from_be_bytes([0, header[1], header[2], header[3]]);
    if header[0] & 0x7f != 0 || len != 34 {
        return Err(BAD.into());
    }
    let info = b.get(8..42).ok_or(BAD)?;
    let min_block = u16::from_be_bytes([info[0], info[1]]);
    let max_block = u16::from_be_bytes([info[2], info[3]]);
    if min_block < 16 || max_block < min_block {
        return Err(format!("is a damaged FLAC file (block sizes {min_block} to {max_block})"));
    }
    let rate = (u32::from(info[10]) << 12) | (u32::from(info[11]) << 4) | (u32::from(info[12]) >> 4);
    let channels = u16::from((info[12] >> 1) & 0x07) + 1;
    let bits = (((info[12] & 1) << 4) | (info[13] >> 4)) + 1;
    if bits < 4 {
        return Err(format!("is a damaged FLAC file ({bits}-bit samples)"));
    }
    check_flac_blocks(b)?;
    let total = (u64::from(info[13] & 0x0f) << 32)
        | u64::from(u32::from_be_bytes([info[14], info[15], info[16], info[17]]));
    // 0 means "unknown" in FLAC, not "empty".
    Ok(Probe { format: "FLAC", rate, channels, frames: (total != 0).then_some(total) })
}

/// Walks FLAC's metadata blocks: each must lie inside the file, and the
/// lengths inside a picture or comment block inside that block, since the
/// decoder allocates what they claim before reading.
fn check_flac_blocks(b: &[u8]) -> Result<(), String> {
    let mut at = 4usize;
    loop {
        let header = b.get(at..at + 4).ok_or("is a damaged FLAC file (its metadata is cut short)")?;
        let (last, kind) = (header[0] & 0x80 != 0, header[0] & 0x7f);
        let len = u32::from_be_bytes([0, header[1], header[2], header[3]]) as usize;
        let body = b.get(at + 4..at + 4 + len).ok_or_else(|| {
            format!("is a damaged FLAC file (a metadata block claims {len} bytes, more than the file holds)")
        })?;
        let inner_ok = match kind {
            4 => vorbis_comments_fit(body),
            6 => picture_fits(body),
            _ => true,
        };
        if !inner_ok {
            return Err(
                "is a damaged FLAC file (a comment or picture block claims more than it holds)".into()
            );
        }
        at += 4 + len;
        if last {
            return Ok(());
        }
    }
}

/// A Vorbis comment block (little-endian lengths): vendor string, count,
/// then each comment, all inside `b`.
fn vorbis_comments_fit(b: &[u8]) -> bool {
    let mut at = 0usize;
    let mut take = |n: usize| -> Option<usize> {
        let start = at;
        at = at.checked_add(n).filter(|end| *end <= b.len())?;
        Some(start)
    };
    let Some(v) = take(4) else { return false };
    let vendor = u32_le(b, v).unwrap_or(u32::MAX) as usize;
    if take(vendor).is_none() {
        return false;
    }
    let Some(c) = take(4) else { return false };
    let count = u32_le(b, c).unwrap_or(u32::MAX);
    for _ in 0..count {
        let Some(l) = take(4) else { return false };
        let len = u32_le(b, l).unwrap_or(u32::MAX) as usize;
        if take(len).is_none() {
            return false;
        }
    }
    true
}

/// A FLAC picture block (big-endian lengths): type, MIME, description,
/// four numbers, then the data, all inside `b`.
fn picture_fits(b: &[u8]) -> bool {
    let be = |at: usize| b.get(at..at + 4).map(|x| u32::from_be_bytes([x[0], x[1], x[2], x[3]]) as usize);
    let Some(mime) = be(4) else { return false };
    let Some(desc_at) = 8usize.checked_add(mime) else { return false };
    let Some(desc) = be(desc_at) else { return false };
    let Some(data_len_at) = desc_at.checked_add(4 + desc + 16) else { return false };
    let Some(data) = be(data_len_at) else { return false };
    data_len_at.checked_add(4 + data).is_some_and(|end| end <= b.len())
}

fn probe_ogg(b: &[u8]) -> Result<Probe, String> {
    const BAD: &str = "is a damaged Ogg file (its first page is cut short)";
    let segments = *b.get(26).ok_or(BAD)? as usize;
    let packet = 27 + segments;
    let id = b.get(packet..packet + 30).ok_or(BAD)?;
    if &id[..7] != b"\x01vorbis" {
        return Err("is an Ogg file but not Vorbis audio".into());
    }
    let version = u32_le(id, 7).ok_or(BAD)?;
    let channels = u16::from(id[11]);
    let rate = u32_le(id, 12).ok_or(BAD)?;
    let (small, large) = (id[28] & 0x0f, id[28] >> 4);
    if version != 0 || !(6..=13).contains(&small) || !(6..=13).contains(&large) || small > large {
        return Err("is a damaged Ogg Vorbis file (its identification header is invalid)".into());
    }
    // The comment header (the second packet) is read by the decoder with
    // the lengths it claims: they must fit in the file.
    if let Some(i) = find(b, b"\x03vorbis")
        && !vorbis_comments_fit(&b[i + 7..])
    {
        return Err(
            "is a damaged Ogg Vorbis file (its comment header claims more than the file holds)".into()
        );
    }
    Ok(Probe { format: "Ogg Vorbis", rate, channels, frames: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PCM WAV header and `frames` frames of silence.
    fn wav(rate: u32, channels: u16, bits: u16, frames: u32) -> Vec<u8> {
        let align = channels * (bits / 8);
        let data = frames * u32::from(align);
        let mut b = Vec::new();
        b.extend_from_slice(b"RIFF");
        b.extend_from_slice(&(36 + data).to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&channels.to_le_bytes());
        b.extend_from_slice(&rate.to_le_bytes());
        b.extend_from_slice(&(rate * u32::from(align)).to_le_bytes());
        b.extend_from_slice(&align.to_le_bytes());
        b.extend_from_slice(&bits.to_le_bytes());
        b.extend_from_slice(b"data");
        b.extend_from_slice(&data.to_le_bytes());
        b.resize(b.len() + data as usize, 0);
        b
    }

    #[test]
    fn the_244_byte_wav_with_rate_0_is_refused_by_the_probe_not_a_panic() {
        // The file the hostile-input probe found: 44-byte header, 200 bytes
        // of 16-bit mono samples, sample rate 0.
        let bytes = wav(0, 1, 16, 100);
        assert_eq!(bytes.len(), 244);
        let e = decode(bytes).unwrap_err();
        assert_eq!(e, "has a sample rate of 0 Hz; sounds must be 4000 to 192000 Hz");
    }

    #[test]
    fn a_sane_wav_decodes_and_bad_headers_are_named() {
        assert_eq!(probe(&wav(22_050, 2, 16, 10)).unwrap().frames, Some(10));
        assert!(!decode(wav(22_050, 1, 16, 2_205)).unwrap().is_empty());
        assert!(probe(&wav(44_100, 0, 16, 10)).unwrap_err().contains("block size 0"));
        assert!(probe(&wav(44_100, 1, 16, 0)).unwrap_err().contains("holds no audio"));
        assert!(probe(&wav(44_100, 1, 12, 4)).unwrap_err().contains("12-bit"));
        assert!(probe(&wav(44_100, 1, 16, 4)[..30]).unwrap_err().contains("cut short"));
        assert!(probe(b"RIFF\0\0\0\0WAVEdata\0\0\0\0").unwrap_err().contains("without a format chunk"));
        assert!(probe(b"ID3\x04junk").unwrap_err().contains("not a known header"));
    }

    #[test]
    fn fuzz_crash_a_wav_with_two_format_chunks_is_refused() {
        // Found by `cargo fuzz run sound`: a first fmt chunk with rate 0
        // (which the decoder reads, and panics on) and a second, sane one.
        let bytes = std::fs::read("tests/fixtures/sounds/two-fmt-chunks.wav").unwrap();
        assert_eq!(decode(bytes).unwrap_err(), "is a damaged WAV file (it has two format chunks)");
    }

    #[test]
    fn fuzz_oom_a_flac_picture_claiming_4_gib_is_refused() {
        // Found by `cargo fuzz run sound`: a picture block whose inner
        // length claims ~4 GiB, which the decoder allocated before reading.
        let bytes = std::fs::read("tests/fixtures/sounds/flac-huge-picture.flac").unwrap();
        let e = decode(bytes).unwrap_err();
        assert!(e.starts_with("is a damaged FLAC file"), "{e}");
    }

    #[test]
    fn a_wav_chunk_claiming_more_than_the_file_is_refused() {
        let mut b = wav(22_050, 1, 16, 4);
        b.extend_from_slice(b"LIST\xff\xff\xff\x7fINFO");
        assert!(probe(&b).unwrap_err().contains("\"LIST\" chunk claims 2147483647 bytes"), "{:?}", probe(&b));
    }

    #[test]
    fn flac_and_ogg_headers_are_checked() {
        let mut flac = b"fLaC\x80\x00\x00\x22".to_vec();
        let mut info = [0u8; 34];
        info[0..2].copy_from_slice(&4096u16.to_be_bytes());
        info[2..4].copy_from_slice(&4096u16.to_be_bytes());
        // Rate 0, 1 channel, 16 bits.
        info[12] = 0;
        info[13] = 0xf0;
        flac.extend_from_slice(&info);
        assert!(probe(&flac).unwrap_err().contains("sample rate of 0 Hz"));
        let mut ogg = b"OggS".to_vec();
        ogg.resize(26, 0);
        ogg.push(1);
        ogg.push(30);
        ogg.extend_from_slice(b"\x01vorbis\0\0\0\0\x09");
        ogg.extend_from_slice(&44_100u32.to_le_bytes());
        ogg.extend_from_slice(&[0; 12]);
        ogg.push(0xb8);
        ogg.push(1);
        assert!(probe(&ogg).unwrap_err().contains("9 channels"));
    }
}
