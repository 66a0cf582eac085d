//! The session state machine. It holds no terminal, audio or sleep: callers
//! pass the current `Instant` and get back what happened, so a test can drive
//! a ten-minute routine in microseconds.
//!
//! Every phase ends at a deadline fixed when it starts (`phase_start +
//! length`); the next phase starts at that deadline, not at whenever the
//! caller noticed, so lateness never accumulates. Pausing shifts the current
//! phase's start by the paused time.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::plan::{self, Phase, PhaseKind};
use crate::routine::schema::HoldSecs;
use crate::routine::{Mode, Routine, Side};

/// Seconds by which `+` and `-` change a hold.
pub const HOLD_STEP_SECS: u32 = 5;
/// Ticks sound this many seconds before a hold ends, once per second.
pub const TICK_SECS: u32 = 3;

/// Something that happened in a session, for the screen, the cues, the event
/// log and the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Routine time since the session started (real time × time scale).
    #[serde(rename = "ms", serialize_with = "as_millis")]
    pub at: Duration,
    #[serde(flatten)]
    pub kind: EventKind,
    pub step: usize,
    pub side: Option<Side>,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// A new stretch begins (the first step included).
    StepChanged,
    /// Time to get into position.
    GetReady {
        secs: u32,
    },
    /// A hold starts.
    HoldStarted {
        secs: u32,
        rep: u32,
    },
    /// One of the last three seconds of a hold: `remaining` is 3, 2 or 1.
    Tick {
        remaining: u32,
    },
    /// A hold ran its full length.
    HoldEnded,
    /// Time to change legs.
    SwitchSides {
        secs: u32,
    },
    /// A rest between holds or before the next stretch.
    Rest {
        secs: u32,
    },
    /// Relief: the hold ended; is the cramp still there?
    StillCramping,
    /// The current hold's length changed with `+` or `-`.
    HoldAdjusted {
        secs: u32,
    },
    Paused,
    Resumed,
    /// The person skipped the rest of a phase.
    Skipped,
    /// The person went back one phase.
    WentBack,
    /// Relief: the person said the cramp has gone.
    ItsGone,
    /// The session is over (every phase done, or the cramp has gone).
    RoutineComplete,
}

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    TogglePause,
    Skip,
    Back,
    /// Lengthen (+) or shorten (-) the current hold by [`HOLD_STEP_SECS`].
    Longer,
    Shorter,
    /// Relief: another hold of the same stretch.
    HoldAgain,
    /// Relief: the cramp has let go.
    ItsGone,
    /// Relief: switch to the routine's step with this index, at once.
    Stretch(usize),
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every phase of the routine was done.
    Completed,
    /// Relief: the cramp went.
    ItsGone,
}

/// A running session.
#[derive(Debug, Clone)]
pub struct Session {
    routine: Arc<Routine>,
    phases: Vec<Phase>,
    index: usize,
    started: Instant,
    phase_start: Instant,
    /// Current phase's length in real time (planned seconds ÷ scale).
    phase_len: Duration,
    /// Current phase's length in routine seconds (a hold may be adjusted).
    phase_secs: u32,
    paused_at: Option<Instant>,
    /// The next tick to sound (3, 2, 1), or 0 when none is left.
    next_tick: u32,
    scale: f64,
    outcome: Option<Outcome>,
    /// Holds that ran their full length: (step, side).
    holds_done: Vec<(usize, Option<Side>)>,
    /// Relief: holds started in this session.
    relief_holds: u32,
    /// Real time spent paused, for [`Session::active`].
    paused_total: Duration,
    /// The phase it started at: 0, or a resumed step's first phase.
    first: usize,
}

impl Session {
    /// Starts `routine` at `now`. `scale` (≥ 1) makes every duration run
    /// that many times faster. Returns the session and its first events.
    pub fn start(routine: Arc<Routine>, now: Instant, scale: f64) -> (Self, Vec<Event>) {
        Self::start_at(routine, 0, now, scale)
    }

    /// Starts `routine` at the beginning of step `step` (0-based), for
    /// resuming a nightly routine left part way: the steps before it count
    /// as behind, so the plan's progress and time left read for the whole
    /// routine. Relief sessions and a step past the end start at the top.
    pub fn start_at(routine: Arc<Routine>, step: usize, now: Instant, scale: f64) -> (Self, Vec<Event>) {
        let phases = match routine.mode {
            Mode::Nightly => plan::expand(&routine),
            Mode::Relief => plan::relief_attempt(&routine, 0, false, 1),
        };
        let mut s = Session {
            routine,
            phases,
            index: 0,
            started: now,
            phase_start: now,
            phase_len: Duration::ZERO,
            phase_secs: 0,
            paused_at: None,
            next_tick: 0,
            // NaN or out of range must not reach a Duration conversion.
            scale: if scale.is_finite() { scale.clamp(1.0, MAX_SCALE) } else { 1.0 },
            outcome: None,
            holds_done: Vec::new(),
            relief_holds: 0,
            paused_total: Duration::ZERO,
            first: 0,
        };
        // The rest before a step belongs to the step it leads into: a
        // resumed step begins with its get-ready (or first hold) instead.
        let first = match s.routine.mode {
            Mode::Nightly => {
                s.phases.iter().position(|p| p.step >= step && p.kind != PhaseKind::Rest).unwrap_or(0)
            }
            Mode::Relief => 0,
        };
        s.first = first;
        let mut events = Vec::new();
        s.enter(first, now, now, None, &mut events);
        (s, events)
    }

    pub fn routine(&self) -> &Arc<Routine> {
        &self.routine
    }

    /// The current phase, or `None` once the session is over.
    pub fn phase(&self) -> Option<&Phase> {
        if self.outcome.is_some() { None } else { self.phases.get(self.index) }
    }

    /// The next phase that is a hold, for "next up" displays.
    pub fn next_hold(&self) -> Option<&Phase> {
        self.holds_ahead().next()
    }

    /// The hold phases after the current phase, in order.
    pub fn holds_ahead(&self) -> impl Iterator<Item = &Phase> {
        self.phases.get(self.index + 1..).unwrap_or_default().iter().filter(|p| p.kind == PhaseKind::Hold)
    }

    pub fn phase_index(&self) -> usize {
        self.index
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Hold seconds this session plans as written: the whole routine's, or
    /// from the resumed step on (so a resumed part can be judged on what it
    /// set out to do).
    pub fn planned_hold_secs(&self) -> u32 {
        self.planned().iter().map(|p| p.secs).sum()
    }

    /// How many holds this session plans as written (from its first step).
    pub fn planned_holds(&self) -> u32 {
        self.planned().len() as u32
    }

    /// The hold phases of the routine as written (before any `+`/`-`), from
    /// the step the session started at. For relief: each stretch once.
    fn planned(&self) -> Vec<Phase> {
        let all = plan::expand(&self.routine);
        let from = self.first.min(all.len());
        all[from..].iter().filter(|p| p.kind == PhaseKind::Hold).copied().collect()
    }

    pub fn holds_done(&self) -> &[(usize, Option<Side>)] {
        &self.holds_done
    }

    /// Relief: how many holds have been started.
    pub fn relief_holds(&self) -> u32 {
        self.relief_holds
    }

    /// The current phase's length in routine seconds.
    pub fn phase_secs(&self) -> u32 {
        self.phase_secs
    }

    /// Routine time since the start.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.routine_time(now.saturating_duration_since(self.started))
    }

    /// Routine time since the start, less the time spent paused: how long
    /// the person has been at it.
    pub fn active(&self, now: Instant) -> Duration {
        let paused_now = self.paused_at.map_or(Duration::ZERO, |at| now.saturating_duration_since(at));
        let real = now.saturating_duration_since(self.started).saturating_sub(self.paused_total + paused_now);
        self.routine_time(real)
    }

    /// Routine time left in the current phase (frozen while paused).
    pub fn remaining(&self, now: Instant) -> Duration {
        let now = self.paused_at.unwrap_or(now);
        let left = (self.phase_start + self.phase_len).saturating_duration_since(now);
        self.routine_time(left)
    }

    /// Whole seconds to show on a countdown: rounded up, so "1" shows until
    /// the very end and "30" shows for the first second.
    pub fn remaining_display_secs(&self, now: Instant) -> u32 {
        let r = self.remaining(now);
        (r.as_nanos().div_ceil(1_000_000_000)) as u32
    }

    /// Fraction of the current phase done, 0.0 to 1.0.
    pub fn progress(&self, now: Instant) -> f64 {
        if self.phase_secs == 0 {
            return 0.0;
        }
        let left = self.remaining(now).as_secs_f64();
        (1.0 - left / f64::from(self.phase_secs)).clamp(0.0, 1.0)
    }

    /// Routine seconds left in the whole plan from now (for "time left").
    pub fn plan_secs_left(&self, now: Instant) -> u32 {
        let rest: u32 = self.phases.iter().skip(self.index + 1).map(|p| p.secs).sum();
        self.remaining_display_secs(now) + rest
    }

    /// Whether the current phase runs against the clock.
    fn timed(&self) -> bool {
        self.outcome.is_none()
            && self.paused_at.is_none()
            && self.phases.get(self.index).is_some_and(|p| p.kind != PhaseKind::StillCramping)
    }

    /// The next instant at which [`advance`](Self::advance) has something to
    /// do (a tick or the end of the phase). `None` while paused or waiting
    /// for the person.
    pub fn next_deadline(&self) -> Option<Instant> {
        if !self.timed() {
            return None;
        }
        let end = self.phase_start + self.phase_len;
        if self.next_tick > 0 {
            Some(end - self.real(Duration::from_secs(u64::from(self.next_tick))).min(self.phase_len))
        } else {
            Some(end)
        }
    }

    /// The next instant at which the displayed countdown second changes (or
    /// a deadline falls), so the screen can sleep until then.
    pub fn next_redraw(&self, now: Instant) -> Option<Instant> {
        let deadline = self.next_deadline()?;
        let shown = u64::from(self.remaining_display_secs(now));
        let end = self.phase_start + self.phase_len;
        let change = end.checked_sub(self.real(Duration::from_secs(shown.saturating_sub(1))))?;
        Some(change.min(deadline).max(now))
    }

    /// Processes every deadline up to `now` and returns what happened.
    pub fn advance(&mut self, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        while self.timed() {
            let end = self.phase_start + self.phase_len;
            if self.next_tick > 0 {
                let at = end - self.real(Duration::from_secs(u64::from(self.next_tick))).min(self.phase_len);
                if at <= now {
                    let remaining = self.next_tick;
                    self.next_tick -= 1;
                    self.emit(&mut events, now, EventKind::Tick { remaining });
                    continue;
                }
            }
            if end > now {
                break;
            }
            let finished = self.phases[self.index];
            if finished.kind == PhaseKind::Hold {
                self.holds_done.push((finished.step, finished.side));
                self.emit(&mut events, now, EventKind::HoldEnded);
            }
            // The next phase starts at this one's deadline: no drift.
            self.enter(self.index + 1, end, now, Some(finished), &mut events);
        }
        events
    }

    /// Applies a control at `now`. Deadlines up to `now` are processed first.
    pub fn control(&mut self, c: Control, now: Instant) -> Vec<Event> {
        let mut events = self.advance(now);
        if self.outcome.is_some() {
            return events;
        }
        let current = self.phases[self.index];
        match c {
            Control::TogglePause => match self.paused_at.take() {
                Some(at) => {
                    self.phase_start += now.saturating_duration_since(at);
                    self.paused_total += now.saturating_duration_since(at);
                    self.emit(&mut events, now, EventKind::Resumed);
                }
                None => {
                    self.paused_at = Some(now);
                    self.emit(&mut events, now, EventKind::Paused);
                }
            },
            Control::Stretch(step)
                if self.routine.mode == Mode::Relief && step < self.routine.steps.len() =>
            {
                self.emit(&mut events, now, EventKind::Skipped);
                self.unpause(now);
                let attempt = plan::relief_attempt(&self.routine, step, false, 1);
                self.splice_after(attempt);
                self.enter(self.index + 1, now, now, Some(current), &mut events);
            }
            Control::Skip => {
                self.emit(&mut events, now, EventKind::Skipped);
                // A skip or back while paused starts the new phase running.
                self.unpause(now);
                if current.kind == PhaseKind::StillCramping {
                    self.next_relief_stretch(now, &mut events);
                } else {
                    self.enter(self.index + 1, now, now, Some(current), &mut events);
                }
            }
            Control::Back => {
                self.emit(&mut events, now, EventKind::WentBack);
                self.unpause(now);
                let to = self.index.saturating_sub(1);
                self.enter(to, now, now, Some(current), &mut events);
            }
            Control::Longer | Control::Shorter if current.kind == PhaseKind::Hold => {
                let delta = HOLD_STEP_SECS as i64 * if c == Control::Longer { 1 } else { -1 };
                let secs = (i64::from(self.phase_secs) + delta)
                    .clamp(i64::from(HoldSecs::MIN), i64::from(HoldSecs::MAX))
                    as u32;
                if secs != self.phase_secs {
                    self.phase_secs = secs;
                    self.phases[self.index].secs = secs;
                    self.phase_len = self.real(Duration::from_secs(u64::from(secs)));
                    self.next_tick = self.ticks_left(now);
                    self.emit(&mut events, now, EventKind::HoldAdjusted { secs });
                    events.extend(self.advance(now));
                }
            }
            Control::HoldAgain if current.kind == PhaseKind::StillCramping => {
                let held = self.phases[..self.index]
                    .iter()
                    .rev()
                    .find(|p| p.kind == PhaseKind::Hold)
                    .map_or(self.routine.steps[current.step].hold_secs, |p| p.secs);
                let mut attempt = plan::relief_attempt(&self.routine, current.step, true, current.rep + 1);
                attempt[0].secs = held;
                self.splice_after(attempt);
                self.enter(self.index + 1, now, now, Some(current), &mut events);
            }
            Control::ItsGone if self.routine.mode == Mode::Relief => {
                self.emit(&mut events, now, EventKind::ItsGone);
                self.finish(Outcome::ItsGone, now, &mut events);
            }
            _ => {}
        }
        events
    }

    /// Ends a pause without a "resumed" event (a skip or switch starts the
    /// new phase running), counting the paused time.
    fn unpause(&mut self, now: Instant) {
        if let Some(at) = self.paused_at.take() {
            self.paused_total += now.saturating_duration_since(at);
        }
    }

    /// Relief: try the next stretch of the routine (wrapping around).
    fn next_relief_stretch(&mut self, now: Instant, events: &mut Vec<Event>) {
        let current = self.phases[self.index];
        let step = (current.step + 1) % self.routine.steps.len();
        let attempt = plan::relief_attempt(&self.routine, step, false, 1);
        self.splice_after(attempt);
        self.enter(self.index + 1, now, now, Some(current), events);
    }

    /// Replaces whatever is planned after the current phase.
    fn splice_after(&mut self, phases: Vec<Phase>) {
        self.phases.truncate(self.index + 1);
        self.phases.extend(phases);
    }

    /// Makes `index` the current phase, started at `start`, and emits its
    /// events at `now`. Past the last phase the session completes.
    fn enter(
        &mut self,
        index: usize,
        start: Instant,
        now: Instant,
        prev: Option<Phase>,
        events: &mut Vec<Event>,
    ) {
        let Some(&p) = self.phases.get(index) else {
            self.index = self.phases.len().saturating_sub(1);
            self.finish(Outcome::Completed, now, events);
            return;
        };
        self.index = index;
        self.phase_start = start;
        self.phase_secs = p.secs;
        self.phase_len = self.real(Duration::from_secs(u64::from(p.secs)));
        self.next_tick = 0;
        if prev.is_none_or(|q| q.step != p.step) {
            self.emit(events, now, EventKind::StepChanged);
        }
        let kind = match p.kind {
            PhaseKind::GetReady => EventKind::GetReady { secs: p.secs },
            PhaseKind::Hold => {
                self.next_tick = TICK_SECS.min(p.secs.saturating_sub(1));
                if self.routine.mode == Mode::Relief {
                    self.relief_holds += 1;
                }
                EventKind::HoldStarted { secs: p.secs, rep: p.rep }
            }
            PhaseKind::Switch => EventKind::SwitchSides { secs: p.secs },
            PhaseKind::Rest => EventKind::Rest { secs: p.secs },
            PhaseKind::StillCramping => EventKind::StillCramping,
        };
        self.emit(events, now, kind);
    }

    fn finish(&mut self, outcome: Outcome, now: Instant, events: &mut Vec<Event>) {
        self.outcome = Some(outcome);
        self.unpause(now);
        self.emit(events, now, EventKind::RoutineComplete);
    }

    /// Ticks still to come in the current hold: those whose second lies
    /// strictly ahead.
    fn ticks_left(&self, now: Instant) -> u32 {
        let left = self.remaining(now);
        (1..=TICK_SECS.min(self.phase_secs.saturating_sub(1)))
            .rev()
            .find(|k| Duration::from_secs(u64::from(*k)) < left)
            .unwrap_or(0)
    }

    fn emit(&self, events: &mut Vec<Event>, now: Instant, kind: EventKind) {
        let p = self.phases.get(self.index);
        events.push(Event {
            at: self.elapsed(now),
            kind,
            step: p.map_or(0, |p| p.step),
            side: p.and_then(|p| p.side),
        });
    }

    fn real(&self, routine: Duration) -> Duration {
        checked_secs(routine.as_secs_f64() / self.scale)
    }

    fn routine_time(&self, real: Duration) -> Duration {
        checked_secs(real.as_secs_f64() * self.scale)
    }
}

/// The largest time scale: a 46-minute routine in under 3 seconds.
pub const MAX_SCALE: f64 = 1000.0;

/// Seconds as a `Duration` without the panic of `Duration::from_secs_f64`
/// (negative, NaN, or too large): those become zero or a day, far beyond
/// any phase.
pub fn checked_secs(secs: f64) -> Duration {
    const DAY: Duration = Duration::from_secs(24 * 3600);
    match Duration::try_from_secs_f64(secs) {
        Ok(d) => d.min(DAY),
        Err(_) if secs > 0.0 => DAY,
        Err(_) => Duration::ZERO,
    }
}
