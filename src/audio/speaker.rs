//! Where cue samples go: ALSA (loaded at run time) on Linux, rodio's
//! platform playback elsewhere. Opened lazily, closed when idle.

use std::time::{Duration, Instant};

use super::cues::SAMPLE_RATE;

/// After a failed open, wait this long before trying the device again (the
/// library failing to load is final).
const RETRY_AFTER: Duration = Duration::from_secs(10);

/// The sound output, opened on first use.
pub struct Speaker {
    backend: Backend,
    failed_at: Option<Instant>,
}

impl Default for Speaker {
    fn default() -> Self {
        Self::new()
    }
}

impl Speaker {
    pub fn new() -> Self {
        Speaker { backend: Backend::new(), failed_at: None }
    }

    /// Opens the output if it is not open. The error says why, for a person.
    pub fn open(&mut self) -> Result<(), String> {
        if self.backend.is_open() {
            return Ok(());
        }
        if let Some(at) = self.failed_at
            && at.elapsed() < RETRY_AFTER
        {
            return Err(self.backend.last_error());
        }
        match self.backend.open() {
            Ok(()) => {
                self.failed_at = None;
                Ok(())
            }
            Err(e) => {
                self.failed_at = Some(Instant::now());
                Err(e)
            }
        }
    }

    pub fn is_open(&self) -> bool {
        self.backend.is_open()
    }

    /// Plays 16-bit mono samples at [`SAMPLE_RATE`] to the end.
    pub fn play(&mut self, pcm: &[i16]) -> Result<(), String> {
        self.open()?;
        let r = self.backend.play(pcm);
        if r.is_err() {
            self.backend.close();
        }
        r
    }

    pub fn close(&mut self) {
        self.backend.close();
    }

    /// What is in use, for the footer and `limber sound-check`.
    pub fn describe(&self) -> String {
        self.backend.describe()
    }
}

#[cfg(target_os = "linux")]
use linux::Backend;
#[cfg(not(target_os = "linux"))]
use other::Backend;

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::Arc;

    use super::SAMPLE_RATE;
    use crate::audio::alsa::{self, Alsa, Device};

    pub struct Backend {
        lib: Option<Result<Arc<Alsa>, String>>,
        device: Option<Device>,
        last_error: String,
    }

    impl Backend {
        pub fn new() -> Self {
            Backend { lib: None, device: None, last_error: String::new() }
        }

        pub fn is_open(&self) -> bool {
            self.device.is_some()
        }

        pub fn last_error(&self) -> String {
            self.last_error.clone()
        }

        pub fn open(&mut self) -> Result<(), String> {
            let lib = self.lib.get_or_insert_with(|| Alsa::load(&alsa::library_name()).map(Arc::new));
            let result = match lib {
                Ok(alsa) => alsa.open("default", SAMPLE_RATE).map(|d| self.device = Some(d)),
                Err(e) => Err(e.clone()),
            };
            if let Err(e) = &result {
                self.last_error = e.clone();
            }
            result
        }

        pub fn play(&mut self, pcm: &[i16]) -> Result<(), String> {
            match &mut self.device {
                Some(d) => d.play(pcm),
                None => Err("no ALSA device is open".to_string()),
            }
        }

        pub fn close(&mut self) {
            self.device = None;
        }

        pub fn describe(&self) -> String {
            match &self.lib {
                Some(Ok(a)) => format!("ALSA device \"default\" through {}", a.name),
                Some(Err(e)) => e.clone(),
                None => format!("ALSA through {} (not opened yet)", alsa::library_name()),
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod other {
    //! macOS and Windows: rodio's `playback` feature (cpal).
    use std::num::NonZero;

    use rodio::{DeviceSinkBuilder, MixerDeviceSink, Player};

    use super::SAMPLE_RATE;

    pub struct Backend {
        sink: Option<(MixerDeviceSink, Player)>,
        last_error: String,
    }

    impl Backend {
        pub fn new() -> Self {
            Backend { sink: None, last_error: String::new() }
        }

        pub fn is_open(&self) -> bool {
            self.sink.is_some()
        }

        pub fn last_error(&self) -> String {
            self.last_error.clone()
        }

        pub fn open(&mut self) -> Result<(), String> {
            match DeviceSinkBuilder::open_default_sink() {
                Ok(mut sink) => {
                    sink.log_on_drop(false);
                    let player = Player::connect_new(sink.mixer());
                    self.sink = Some((sink, player));
                    Ok(())
                }
                Err(e) => {
                    self.last_error = format!("no sound output could be opened: {e}");
                    Err(self.last_error.clone())
                }
            }
        }

        pub fn play(&mut self, pcm: &[i16]) -> Result<(), String> {
            let Some((_, player)) = &self.sink else { return Err("no sound output is open".to_string()) };
            let samples: Vec<f32> = pcm.iter().map(|s| f32::from(*s) / f32::from(i16::MAX)).collect();
            let one = NonZero::new(1).expect("1 is not zero");
            let rate = NonZero::new(SAMPLE_RATE).expect("rate is not zero");
            player.append(rodio::buffer::SamplesBuffer::new(one, rate, samples));
            // Play to the end, as ALSA's drain does: cues never overlap.
            player.sleep_until_end();
            Ok(())
        }

        pub fn close(&mut self) {
            self.sink = None;
        }

        pub fn describe(&self) -> String {
            if self.sink.is_some() {
                "the system's default sound output".to_string()
            } else {
                self.last_error.clone()
            }
        }
    }
}
