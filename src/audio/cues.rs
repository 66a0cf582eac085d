//! The cue sounds, synthesised with rodio: no sound files needed.
//!
//! Each cue differs from the others in pitch, rhythm and number of notes, not
//! only loudness, so a person holding a stretch with eyes closed can tell
//! them apart:
//!
//! | cue          | notes (relief, Hz)                 | shape                    |
//! |--------------|------------------------------------|--------------------------|
//! | get ready    | 392, 523                           | two rising, unhurried    |
//! | hold starts  | 784                                | one long, bright         |
//! | tick         | 1568                               | one very short blip      |
//! | hold ends    | 659, 523, 440                      | three falling            |
//! | switch sides | 587, 880, 587, 880                 | four quick alternating   |
//! | next stretch | 523, 659, 784                      | three rising             |
//! | complete     | 523, 659, 784, then 523+659+784+1047 | rising, then a chord   |
//!
//! Nightly mode plays every note a fifth lower and at under half the level.

use std::num::NonZero;
use std::time::Duration;

use rodio::Source;
use rodio::source::SineWave;

/// Samples per second of every rendered cue (rodio's sine generator rate).
pub const SAMPLE_RATE: u32 = 48_000;

/// One cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    GetReady,
    HoldStart,
    Tick,
    HoldEnd,
    SwitchSides,
    NextStretch,
    Complete,
}

impl Cue {
    pub const ALL: [Cue; 7] = [
        Cue::GetReady,
        Cue::HoldStart,
        Cue::Tick,
        Cue::HoldEnd,
        Cue::SwitchSides,
        Cue::NextStretch,
        Cue::Complete,
    ];

    /// The name used in config files and messages.
    pub fn name(self) -> &'static str {
        match self {
            Cue::GetReady => "get_ready",
            Cue::HoldStart => "hold_start",
            Cue::Tick => "tick",
            Cue::HoldEnd => "hold_end",
            Cue::SwitchSides => "switch_sides",
            Cue::NextStretch => "next_stretch",
            Cue::Complete => "complete",
        }
    }

    /// Whether the terminal bell stands in for this cue when no sound device
    /// can be opened. Ticks and get-ready are left out: a bell every second
    /// would be noise, not information.
    pub fn important(self) -> bool {
        matches!(self, Cue::HoldStart | Cue::HoldEnd | Cue::SwitchSides | Cue::Complete)
    }

    /// The notes: (frequency in Hz, start ms, length ms, level 0-1).
    /// Several notes starting together make a chord.
    pub fn notes(self) -> &'static [(f32, u32, u32, f32)] {
        match self {
            Cue::GetReady => &[(392.0, 0, 220, 0.5), (523.25, 260, 260, 0.5)],
            Cue::HoldStart => &[(783.99, 0, 450, 0.6)],
            Cue::Tick => &[(1567.98, 0, 45, 0.25)],
            Cue::HoldEnd => &[(659.25, 0, 170, 0.55), (523.25, 190, 170, 0.55), (440.0, 380, 300, 0.55)],
            Cue::SwitchSides => {
                &[(587.33, 0, 90, 0.5), (880.0, 110, 90, 0.5), (587.33, 220, 90, 0.5), (880.0, 330, 90, 0.5)]
            }
            Cue::NextStretch => &[(523.25, 0, 130, 0.5), (659.25, 150, 130, 0.5), (783.99, 300, 220, 0.5)],
            Cue::Complete => &[
                (523.25, 0, 150, 0.4),
                (659.25, 170, 150, 0.4),
                (783.99, 340, 150, 0.4),
                (523.25, 520, 700, 0.22),
                (659.25, 520, 700, 0.22),
                (783.99, 520, 700, 0.22),
                (1046.5, 520, 700, 0.22),
            ],
        }
    }

    /// Length in samples at [`SAMPLE_RATE`].
    pub fn len_samples(self) -> usize {
        let ms = self.notes().iter().map(|(_, start, len, _)| start + len).max().unwrap_or(0);
        (ms as usize) * SAMPLE_RATE as usize / 1000
    }
}

/// How a cue is voiced: relief is bright, nightly lower and softer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Voicing {
    /// Frequency multiplier.
    pub pitch: f32,
    /// Level multiplier before volume.
    pub level: f32,
}

impl Voicing {
    pub const RELIEF: Voicing = Voicing { pitch: 1.0, level: 1.0 };
    /// A fifth lower (2/3) and under half the level.
    pub const NIGHTLY: Voicing = Voicing { pitch: 2.0 / 3.0, level: 0.45 };

    pub fn for_mode(mode: crate::routine::Mode) -> Self {
        match mode {
            crate::routine::Mode::Relief => Self::RELIEF,
            crate::routine::Mode::Nightly => Self::NIGHTLY,
        }
    }
}

/// The cue as mono samples at [`SAMPLE_RATE`], at full volume for its
/// voicing. Notes are layered with rodio's mixer (nested `Source::mix` of
/// unequal lengths is very slow); each note is a sine with a 5 ms fade-in and
/// a linear decay over its length, so nothing clicks.
pub fn render(cue: Cue, voicing: Voicing) -> Vec<f32> {
    let one = NonZero::new(1).expect("1 is not zero");
    let rate = NonZero::new(SAMPLE_RATE).expect("rate is not zero");
    let (mixer, mut out) = rodio::mixer::mixer(one, rate);
    for &(freq, start, len, level) in cue.notes() {
        let len = Duration::from_millis(u64::from(len));
        let note = SineWave::new(freq * voicing.pitch)
            .take_duration(len)
            .fade_in(Duration::from_millis(5))
            .fade_out(len)
            .amplify(level * voicing.level)
            .delay(Duration::from_millis(u64::from(start)));
        mixer.add(note);
    }
    let n = cue.len_samples();
    // The mixer yields `None` once its sources end; pad to the exact length.
    let mut samples: Vec<f32> = out.by_ref().take(n).collect();
    samples.resize(n, 0.0);
    samples
}

/// Scales samples by a volume of 0-100 and converts them to 16-bit PCM,
/// clamped so a custom sound that is too loud cannot wrap around.
pub fn to_pcm(samples: &[f32], volume: u8) -> Vec<i16> {
    let gain = f32::from(volume.min(100)) / 100.0;
    samples.iter().map(|s| ((s * gain).clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Energy at `freq` (Goertzel), normalised by length.
    fn power_at(samples: &[f32], freq: f32) -> f32 {
        let w = 2.0 * std::f32::consts::PI * freq / SAMPLE_RATE as f32;
        let coeff = 2.0 * w.cos();
        let (mut s1, mut s2) = (0.0f32, 0.0f32);
        for &x in samples {
            let s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        (s1 * s1 + s2 * s2 - coeff * s1 * s2) / samples.len() as f32
    }

    /// The strongest frequency among a scan from 200 Hz to 2 kHz in 5 Hz steps.
    fn dominant(samples: &[f32]) -> f32 {
        (40..=400)
            .map(|i| i as f32 * 5.0)
            .max_by(|a, b| power_at(samples, *a).total_cmp(&power_at(samples, *b)))
            .unwrap()
    }

    fn peak(samples: &[f32]) -> f32 {
        samples.iter().fold(0.0f32, |m, s| m.max(s.abs()))
    }

    fn window(samples: &[f32], start_ms: u32, len_ms: u32) -> &[f32] {
        let a = start_ms as usize * SAMPLE_RATE as usize / 1000;
        let b = a + len_ms as usize * SAMPLE_RATE as usize / 1000;
        &samples[a..b.min(samples.len())]
    }

    #[test]
    fn each_cue_has_its_planned_length() {
        for cue in Cue::ALL {
            let s = render(cue, Voicing::RELIEF);
            assert_eq!(s.len(), cue.len_samples(), "{cue:?}");
            let ms = s.len() * 1000 / SAMPLE_RATE as usize;
            assert!((40..=1300).contains(&ms), "{cue:?} is {ms} ms: cues are short");
            // Sound all the way to the last note, not cut short by the mixer.
            let last = cue.notes().iter().max_by_key(|n| n.1 + n.2).unwrap();
            assert!(peak(window(&s, last.1 + 5, 20)) > 0.05, "{cue:?} last note is silent");
        }
    }

    #[test]
    fn each_note_sounds_at_its_frequency() {
        for cue in Cue::ALL {
            let s = render(cue, Voicing::RELIEF);
            for &(freq, start, len, _) in cue.notes() {
                // Single notes only: a chord's window holds several.
                let chord = cue.notes().iter().filter(|n| n.1 == start).count() > 1;
                if chord {
                    assert!(power_at(window(&s, start, len), freq) > 1e-3, "{cue:?} chord note {freq}");
                    continue;
                }
                let got = dominant(window(&s, start + 5, len.min(80) - 5));
                assert!((got - freq).abs() <= 15.0, "{cue:?}: note at {start} ms is {got} Hz, wanted {freq}");
            }
        }
    }

    #[test]
    fn nightly_is_lower_and_softer_and_nothing_clips() {
        for cue in Cue::ALL {
            let relief = render(cue, Voicing::RELIEF);
            let nightly = render(cue, Voicing::NIGHTLY);
            assert!(peak(&relief) < 0.95, "{cue:?} relief peak {}", peak(&relief));
            assert!(peak(&nightly) < 0.5 * peak(&relief), "{cue:?} nightly is not softer");
            let (f, start, len, _) = cue.notes()[0];
            let got = dominant(window(&nightly, start + 5, len.min(80) - 5));
            assert!((got - f * 2.0 / 3.0).abs() <= 15.0, "{cue:?} nightly first note {got} Hz");
        }
    }

    #[test]
    fn volume_scales_the_pcm_level() {
        let s = render(Cue::HoldStart, Voicing::RELIEF);
        let loud = to_pcm(&s, 100);
        let quiet = to_pcm(&s, 25);
        let pk = |v: &[i16]| v.iter().map(|x| x.unsigned_abs()).max().unwrap();
        assert!(pk(&loud) < i16::MAX as u16, "never full scale");
        let ratio = f32::from(pk(&quiet)) / f32::from(pk(&loud));
        assert!((ratio - 0.25).abs() < 0.01, "{ratio}");
        assert!(to_pcm(&s, 0).iter().all(|x| *x == 0));
        assert_eq!(to_pcm(&[2.0, -3.0], 100), [i16::MAX, -i16::MAX], "clamped, not wrapped");
    }

    #[test]
    fn no_two_cues_are_alike() {
        // Distinct by shape: number of notes, their pitches and their timing.
        for (i, a) in Cue::ALL.iter().enumerate() {
            for b in &Cue::ALL[i + 1..] {
                assert_ne!(a.notes(), b.notes(), "{a:?} and {b:?}");
                let sig = |c: &Cue| {
                    let n = c.notes();
                    (
                        n.len(),
                        n.iter().map(|x| x.0 as u32).collect::<Vec<_>>(),
                        n.iter().map(|x| x.1).collect::<Vec<_>>(),
                    )
                };
                assert_ne!(sig(a), sig(b), "{a:?} and {b:?} differ only in level");
                let (ra, rb) = (render(*a, Voicing::RELIEF), render(*b, Voicing::RELIEF));
                assert!(ra.len() != rb.len() || ra != rb);
            }
        }
    }
}
