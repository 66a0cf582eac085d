//! Audio cues: synthesis ([`cues`]), output ([`speaker`], [`alsa`]), custom
//! sound files ([`sounds`]), the worker thread that plays them off the UI
//! thread ([`Audio`]), and spoken prompts ([`voice`]).

#[cfg(target_os = "linux")]
pub mod alsa;
pub mod cues;
pub mod sounds;
pub mod speaker;
pub mod voice;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use cues::{Cue, Voicing};
use speaker::Speaker;

use crate::routine::Mode;
use crate::session::EventKind;

/// Close the device after this long without a cue: cues close together keep
/// it open, and an idle session holds no device.
const IDLE_CLOSE: Duration = Duration::from_secs(3);

/// What the audio worker tells the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Sound works; which output is in use. Sent once.
    Output(String),
    /// No sound: why. The bell stands in. Sent once.
    Fallback(String),
    /// Ring the terminal bell (and flash) for this cue.
    Bell(Cue),
    /// A cue's samples are being written now, `waited` after it was asked for.
    Playing { cue: Cue, waited: Duration },
    /// Something to mention once (a custom sound that could not be used).
    Warning(String),
}

/// The cue for a session event, if it has one. `StepChanged` sounds only for
/// a step after the first (the first is announced by get-ready).
pub fn cue_for(kind: &EventKind, step: usize) -> Option<Cue> {
    match kind {
        EventKind::GetReady { .. } => Some(Cue::GetReady),
        EventKind::HoldStarted { .. } => Some(Cue::HoldStart),
        EventKind::Tick { .. } => Some(Cue::Tick),
        EventKind::HoldEnded => Some(Cue::HoldEnd),
        EventKind::SwitchSides { .. } => Some(Cue::SwitchSides),
        EventKind::StepChanged if step > 0 => Some(Cue::NextStretch),
        EventKind::RoutineComplete => Some(Cue::Complete),
        _ => None,
    }
}

enum Job {
    Play {
        cue: Cue,
        mode: Mode,
        volume: u8,
        asked: Instant,
    },
    /// A session is about to start: its custom sounds, and its mode, so
    /// the worker can render that mode's cues between the first ones.
    Prepare(HashMap<Cue, PathBuf>, Mode),
}

/// The audio worker's handle. Playing never blocks the caller.
pub struct Audio {
    tx: Sender<Job>,
}

impl Audio {
    /// Starts the worker; `notify` receives [`Note`]s on the worker thread.
    /// Fails only if no thread can be started; the caller says so where it
    /// can (the TUI owns stderr's terminal).
    pub fn start(notify: impl Fn(Note) + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new().name("audio".into()).spawn(move || {
            let mut worker = Worker {
                speaker: Speaker::new(),
                custom: HashMap::new(),
                cache: HashMap::new(),
                told: false,
                mode: None,
                write_failed: false,
            };
            loop {
                // Blocks while idle: no spinning and no device held.
                let job = if worker.speaker.is_open() {
                    match rx.recv_timeout(IDLE_CLOSE) {
                        Ok(j) => j,
                        Err(RecvTimeoutError::Timeout) => {
                            worker.speaker.close();
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                } else {
                    match rx.recv() {
                        Ok(j) => j,
                        Err(_) => break,
                    }
                };
                worker.run(job, &notify);
                // Until the next job, render the session's other cues one
                // at a time (a few ms each), so none is rendered when due.
                loop {
                    match rx.try_recv() {
                        Ok(job) => worker.run(job, &notify),
                        Err(mpsc::TryRecvError::Empty) if worker.render_one() => {}
                        Err(_) => break,
                    }
                }
            }
        })?;
        Ok(Audio { tx })
    }

    /// Asks for a cue at `volume` (0-100) voiced for `mode`.
    pub fn play(&self, cue: Cue, mode: Mode, volume: u8) {
        let _ = self.tx.send(Job::Play { cue, mode, volume, asked: Instant::now() });
    }

    /// Gets ready for a session in `mode`: these sound files replace
    /// built-in cues (a file that cannot be used is a [`Note::Warning`]);
    /// the built-in cues of `mode` are rendered while the worker is idle.
    pub fn prepare(&self, sounds: HashMap<Cue, PathBuf>, mode: Mode) {
        let _ = self.tx.send(Job::Prepare(sounds, mode));
    }
}

struct Worker {
    speaker: Speaker,
    custom: HashMap<Cue, Vec<f32>>,
    cache: HashMap<(Cue, Mode), Vec<f32>>,
    /// Whether the output in use (or the fallback) has been reported.
    told: bool,
    /// The mode of the session being played, for rendering ahead.
    mode: Option<Mode>,
    /// Whether a failed write has been reported.
    write_failed: bool,
}

impl Worker {
    /// Renders one cue of the current mode not yet in the cache; `false`
    /// when there is none left.
    fn render_one(&mut self) -> bool {
        let Some(mode) = self.mode else { return false };
        match Cue::ALL
            .into_iter()
            .find(|c| !self.custom.contains_key(c) && !self.cache.contains_key(&(*c, mode)))
        {
            Some(cue) => {
                self.cache.insert((cue, mode), cues::render(cue, Voicing::for_mode(mode)));
                true
            }
            None => false,
        }
    }

    fn run(&mut self, job: Job, notify: &impl Fn(Note)) {
        let (cue, mode, volume, asked) = match job {
            Job::Play { cue, mode, volume, asked } => (cue, mode, volume, asked),
            Job::Prepare(sounds, mode) => {
                self.custom.clear();
                for (cue, path) in sounds {
                    match sounds::load(&path) {
                        Ok(samples) => {
                            self.custom.insert(cue, samples);
                        }
                        Err(e) => {
                            notify(Note::Warning(format!("{e}; the built-in {} cue plays", cue.name())))
                        }
                    }
                }
                self.mode = Some(mode);
                return;
            }
        };
        let pcm = cues::to_pcm(&self.samples(cue, mode), volume);
        match self.speaker.open() {
            Ok(()) => {
                if !self.told {
                    self.told = true;
                    notify(Note::Output(self.speaker.describe()));
                }
                notify(Note::Playing { cue, waited: asked.elapsed() });
                if let Err(e) = self.speaker.play(&pcm) {
                    // Said once; the device is retried on the next cue.
                    if !self.write_failed {
                        self.write_failed = true;
                        notify(Note::Fallback(e));
                    }
                    self.bell(cue, notify);
                }
            }
            Err(e) => {
                if !self.told {
                    self.told = true;
                    notify(Note::Fallback(e));
                }
                self.bell(cue, notify);
            }
        }
    }

    fn bell(&self, cue: Cue, notify: &impl Fn(Note)) {
        if cue.important() {
            notify(Note::Bell(cue));
        }
    }

    /// The cue's samples: a custom sound (at the mode's level) or the
    /// built-in, rendered once per mode and then borrowed from the cache.
    fn samples(&mut self, cue: Cue, mode: Mode) -> Cow<'_, [f32]> {
        let voicing = Voicing::for_mode(mode);
        if let Some(s) = self.custom.get(&cue) {
            return Cow::Owned(s.iter().map(|x| x * voicing.level).collect());
        }
        Cow::Borrowed(self.cache.entry((cue, mode)).or_insert_with(|| cues::render(cue, voicing)))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_custom_sound_that_cannot_be_used_is_one_warning() {
        let (tx, rx) = mpsc::channel();
        let audio = Audio::start(move |n| {
            let _ = tx.send(n);
        })
        .unwrap();
        let sounds = HashMap::from([(Cue::HoldEnd, PathBuf::from("/no/such/sound.wav"))]);
        audio.prepare(sounds, Mode::Relief);
        match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
            Note::Warning(w) => {
                assert!(w.starts_with("sound file /no/such/sound.wav:"), "{w}");
                assert!(w.ends_with("; the built-in hold_end cue plays"), "{w}");
            }
            other => panic!("expected a warning, got {other:?}"),
        }
    }

    #[test]
    fn only_events_that_tell_something_have_cues() {
        assert_eq!(cue_for(&EventKind::StepChanged, 0), None, "the first step is announced by get-ready");
        assert_eq!(cue_for(&EventKind::StepChanged, 1), Some(Cue::NextStretch));
        assert_eq!(cue_for(&EventKind::Tick { remaining: 2 }, 0), Some(Cue::Tick));
        assert_eq!(cue_for(&EventKind::Paused, 0), None);
        assert_eq!(cue_for(&EventKind::RoutineComplete, 0), Some(Cue::Complete));
    }
}
