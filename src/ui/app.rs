//! The interface's model and its update function. No terminal here: keys and
//! clock ticks come in with the current `Instant`, the screen to draw and the
//! session events to log or sound come out.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;

use super::keys::{Action, Context, action_for};
use super::theme::Background;
use crate::audio::cues::Cue;
use crate::audio::{cue_for, voice};
use crate::config::{CuePlan, Settings};
use crate::history::record::{HoldCount, VERSION};
use crate::history::summary::SCREEN_NIGHTS;
use crate::history::{History, LocalTime, Record, Summary, merge, summarize_merged};
use crate::routine::{Broken, Library, Mode, Muscle, Origin, Routine, Side};
use crate::session::resume::{ResumePoint, resume_point, tonight_holds};
use crate::session::{Control, Event, EventKind, PhaseKind, Session};

/// limber's own rule, not the articles': past this long at a relief session
/// (pauses not counted), its after-care puts the see-a-doctor advice first.
/// "Leg Cramping" gives 9 minutes as a cramp's average length; 10 is the
/// first whole minute past that average.
pub const LONG_CRAMP: Duration = Duration::from_secs(10 * 60);

/// The home screen's menu, in order.
pub const HOME_ITEMS: [(Action, &str); 5] = [
    (Action::OpenRelief, "Relief: stretch a cramp now"),
    (Action::OpenNightly, "Nightly routine: calm stretches before bed"),
    (Action::OpenBrowse, "Browse routines"),
    (Action::OpenHistory, "History: nights and cramps"),
    (Action::OpenLearn, "Learn: causes, patterns, pregnancy"),
];

/// The relief picker's choices, in order: action, muscle, where it is.
pub const PICKER_ITEMS: [(Action, &str, &str); 3] = [
    (Action::PickCalf, "Calf", "(back of the lower leg)"),
    (Action::PickHamstring, "Hamstring", "(back of the thigh)"),
    (Action::PickQuadriceps, "Quadriceps", "(front of the thigh)"),
];

/// What is on screen.
#[derive(Debug)]
pub enum Screen {
    Home {
        selected: usize,
    },
    /// Relief without a muscle: one key picks it, or arrows and Enter.
    Picker {
        selected: usize,
    },
    Browse {
        selected: usize,
    },
    Session(Box<Session>),
    /// After "it's gone", or after leaving relief with `q` once a hold
    /// started: after-care and when to see a doctor.
    AfterCare {
        routine: Arc<Routine>,
        holds: u32,
        /// Time at the session, pauses not counted.
        lasted: Duration,
        /// Left with `q` before saying the cramp had gone: it may not have
        /// let go, so the see-a-doctor advice comes first.
        stopped: bool,
        scroll: u16,
    },
    /// After the nightly routine: prevention tips.
    GoodNight {
        routine: Arc<Routine>,
        scroll: u16,
    },
    /// A nightly routine was left part way tonight: resume or start over.
    Resume {
        routine: Arc<Routine>,
        at: ResumePoint,
    },
    /// Streak, nights, cramps per week.
    History {
        scroll: u16,
    },
    /// What the articles say about cramps (causes, patterns, pregnancy).
    Learn {
        scroll: u16,
    },
    /// More than one nightly routine: which one tonight.
    NightlyPicker {
        selected: usize,
    },
    /// The person's file for this nightly routine has errors: run the
    /// built-in instead (when there is one), or quit to fix it. Never a
    /// silent fallback.
    BrokenOverride {
        builtin: Option<Arc<Routine>>,
        broken: Broken,
    },
}

/// Drawn over the screen. Only one at a time: each replaces the last, and
/// the paused box is not drawn under either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The list of keys, scrolled this many lines.
    Help { scroll: u16 },
    /// "Stop the routine?" while a nightly routine is under way.
    ConfirmQuit,
}

/// How the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Normal,
    /// Ctrl-Z: suspend and come back.
    Suspend,
}

/// A session event with the stretch it concerns, for the event log and cues.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Logged {
    #[serde(flatten)]
    pub event: Event,
    pub stretch: String,
}

/// The whole interface state.
#[derive(Debug)]
pub struct App {
    pub library: Library,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The clock as of the last update; the view reads it.
    pub now: Instant,
    pub scale: f64,
    pub no_color: bool,
    /// The background the palette is chosen for (`auto` already resolved).
    pub background: Background,
    /// The terminal's size as last seen, for where pages stop scrolling.
    pub viewport: (u16, u16),
    /// Whether opening help paused the session (closing it resumes).
    pub help_paused: bool,
    pub muted: bool,
    /// Problems loading routines, the sound output in use: each shown for
    /// [`NOTICE_FOR`], then only as a short mark; every one in full in help.
    pub notices: Vec<Notice>,
    pub exit: Option<Exit>,
    /// Whether a finished or stopped session goes back to the home screen
    /// (started from there) or ends the program (started from the command).
    pub home_after: bool,
    /// Session events since the shell last took them.
    pub events: Vec<Logged>,
    pub settings: Settings,
    /// The running session's cue settings.
    pub cue_plan: Option<CuePlan>,
    /// Cues for the shell to play: cue, voicing mode, volume.
    pub cues: Vec<(Cue, Mode, u8)>,
    /// Prompts for the shell to speak (`None`: stop speaking).
    pub speech: Vec<Option<String>>,
    /// Set when a session starts: its cue plan and mode, for the audio worker.
    pub new_plan: Option<(CuePlan, Mode)>,
    /// Until when the screen flashes (the visible half of the bell fallback).
    pub flash_until: Option<Instant>,
    /// When the last session started, for timing lines in the event log
    /// that arrive after it ended (its last cue).
    pub session_started: Option<Instant>,
    /// The history as loaded (off the UI thread) plus what this run added;
    /// `None` until it has loaded.
    pub history: Option<(Vec<Record>, Summary)>,
    /// The same history merged into whole sessions and cramps, for the
    /// history screen's list.
    pub history_merged: Option<History>,
    /// The person's zone when the history loaded: a record's time shows its
    /// offset when it differs from this zone's.
    pub history_zone: jiff::tz::TimeZone,
    /// Records for the shell to append to the history file.
    pub records: Vec<Record>,
    /// The running session's wall-clock start, until it is recorded.
    session_wall: Option<LocalTime>,
    /// The person's file skipped for the running relief session (it has
    /// errors; the built-in runs), for the line at the top of the screen.
    pub skipped: Option<Broken>,
    /// A line for the shell to print once the terminal is restored.
    pub parting: Option<String>,
    /// Tonight's records (read at start-up from the end of the history,
    /// plus this run's): whether a nightly routine can be resumed.
    pub tonight: Vec<Record>,
    /// What the running session's records need as it goes.
    recording: Recording,
    /// A fixed wall clock for the screens that name the night ("tonight",
    /// "last night"); `None`: the real one. Tests set it so that what the
    /// screens say does not depend on the hour they run at.
    pub fixed_wall: Option<LocalTime>,
    /// Whether the bedtime reminder will go off, as the disk tells (see
    /// [`crate::remind::install::scheduled_on_disk`]); `None`: not known.
    /// The home screen claims a reminder only when this is `Some(true)`.
    pub reminder_scheduled: Option<bool>,
}

/// The running session's id and hold bookkeeping, for its per-hold records.
#[derive(Debug, Default)]
struct Recording {
    id: String,
    /// The current hold's length (as started or changed with +/-) and rep.
    hold_secs: u32,
    rep: u32,
    /// Seconds of finished holds.
    held_secs: u32,
}

/// A new session id (see [`crate::history::record::new_id`]).
fn new_session_id() -> String {
    crate::history::record::new_id()
}

/// A message for the person, and the short mark that stays once it has been
/// shown for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// One or two words for the status mark ("bell", "config error").
    pub mark: &'static str,
    /// Until when the whole text shows (`None`: not yet drawn).
    pub until: Option<Instant>,
}

/// How long a notice shows in full before it becomes a mark.
pub const NOTICE_FOR: Duration = Duration::from_secs(6);

/// How long the bell fallback's flash lasts.
pub const FLASH: Duration = Duration::from_millis(300);

/// How the app starts.
pub enum Start {
    Home,
    ReliefPicker,
    Routine(Arc<Routine>),
    /// Offer to resume a nightly routine left part way tonight.
    Offer(Arc<Routine>, ResumePoint),
}

impl App {
    pub fn new(
        library: Library,
        start: Start,
        now: Instant,
        scale: f64,
        no_color: bool,
        settings: Settings,
    ) -> Self {
        let notice = match library.problems.len() {
            0 => None,
            // Short enough for 50 columns; `limber list` names each
            // problem (so does `limber validate` with no argument).
            1 => Some("1 routine file has errors: limber list".to_string()),
            n => Some(format!("{n} routine files have errors: limber list")),
        };
        let notices = notice
            .map(|text| Notice { text, mark: "routine errors", until: Some(now + NOTICE_FOR) })
            .into_iter()
            .collect();
        let mut app = App {
            library,
            screen: Screen::Home { selected: 0 },
            overlay: None,
            now,
            scale,
            no_color,
            background: Background::Dark,
            viewport: (80, 24),
            help_paused: false,
            notices,
            exit: None,
            home_after: matches!(start, Start::Home),
            events: Vec::new(),
            muted: settings.start_muted,
            settings,
            cue_plan: None,
            cues: Vec::new(),
            speech: Vec::new(),
            new_plan: None,
            flash_until: None,
            session_started: None,
            history: None,
            history_merged: None,
            history_zone: jiff::tz::TimeZone::system(),
            records: Vec::new(),
            session_wall: None,
            skipped: None,
            parting: None,
            recording: Recording::default(),
            fixed_wall: None,
            reminder_scheduled: None,
            tonight: Vec::new(),
        };
        app.begin(start, now);
        app
    }

    /// Shows the first screen. A nightly routine left part way tonight (see
    /// [`App::tonight`]) is offered for resuming instead of started (in
    /// `start_checked`, the one way every routine starts).
    pub fn begin(&mut self, start: Start, now: Instant) {
        self.home_after = matches!(start, Start::Home);
        match start {
            Start::Home => self.screen = Screen::Home { selected: 0 },
            Start::ReliefPicker => self.screen = Screen::Picker { selected: 0 },
            Start::Routine(r) => self.start_checked(r, now),
            Start::Offer(routine, at) => self.screen = Screen::Resume { routine, at },
        }
    }

    /// The binding contexts of the current screen, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.overlay {
            Some(Overlay::ConfirmQuit) => return vec![Context::Confirm],
            Some(Overlay::Help { .. }) => return vec![Context::Help],
            None => {}
        }
        match &self.screen {
            Screen::Home { .. } => vec![Context::Home, Context::List],
            Screen::NightlyPicker { .. } => vec![Context::List],
            Screen::BrokenOverride { builtin: Some(_), .. } => vec![Context::Broken],
            Screen::BrokenOverride { builtin: None, .. } => vec![],
            Screen::Picker { .. } => vec![Context::Picker, Context::List],
            Screen::Browse { .. } => vec![Context::List],
            Screen::Resume { .. } => vec![Context::Resume],
            Screen::AfterCare { .. }
            | Screen::GoodNight { .. }
            | Screen::History { .. }
            | Screen::Learn { .. } => vec![Context::Page],
            Screen::Session(s) if s.phase().is_some_and(|p| p.kind == PhaseKind::StillCramping) => {
                if s.routine().steps.len() > 1 {
                    vec![Context::StillCramping, Context::ReliefChoice, Context::Session]
                } else {
                    vec![Context::StillCramping, Context::Session]
                }
            }
            Screen::Session(s) => {
                // Paused first, so the footer offers "Space resume".
                let relief = s.routine().mode == Mode::Relief;
                let mut c = Vec::new();
                if s.is_paused() {
                    c.push(Context::Paused);
                }
                if relief {
                    c.push(Context::Relief);
                }
                c.push(Context::Session);
                if relief && s.routine().steps.len() > 1 {
                    c.push(Context::ReliefChoice);
                }
                c
            }
        }
    }

    /// The running session, if any.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Session(s) => Some(s),
            _ => None,
        }
    }

    /// When the app next needs the clock: the session's next tick, deadline
    /// or displayed second. `None` means wait for a key.
    pub fn next_wakeup(&self) -> Option<Instant> {
        let session = self.session().and_then(|s| s.next_redraw(self.now));
        let flash = self.flash_until.filter(|t| *t > self.now);
        let notice = self.notices.iter().filter_map(|n| n.until).filter(|t| *t > self.now).min();
        [session, flash, notice].into_iter().flatten().min()
    }

    /// Puts a notice first: for what matters most. Notices quote paths
    /// and file contents: they are made printable.
    pub fn add_notice_first(&mut self, text: String) {
        let text = crate::text::printable(&text);
        self.notices.insert(0, Notice { text, mark: "notice", until: Some(self.now + NOTICE_FOR) });
    }

    /// Adds a notice, after what is already there.
    pub fn add_notice(&mut self, text: String) {
        self.add_marked_notice("notice", text);
    }

    /// Adds a notice whose mark says what it is about once it has shown.
    /// A notice with the same mark replaces the older one.
    pub fn add_marked_notice(&mut self, mark: &'static str, text: String) {
        self.notices.retain(|n| n.mark != mark || mark == "notice");
        let text = crate::text::printable(&text);
        self.notices.push(Notice { text, mark, until: Some(self.now + NOTICE_FOR) });
    }

    /// Notices still showing in full.
    pub fn fresh_notices(&self) -> impl Iterator<Item = &Notice> {
        self.notices.iter().filter(|n| n.until.is_some_and(|t| t > self.now))
    }

    /// Short status marks: "muted", and each notice that has shown.
    pub fn status_marks(&self) -> Vec<&'static str> {
        let mut marks = Vec::new();
        if self.muted {
            marks.push("muted");
        }
        for n in self.notices.iter().filter(|n| n.until.is_none_or(|t| t <= self.now)) {
            if !marks.contains(&n.mark) {
                marks.push(n.mark);
            }
        }
        marks
    }

    /// Routine time since the last session started (real time × scale).
    pub fn session_ms(&self, now: Instant) -> Option<u64> {
        self.session_started
            .map(|t| (now.saturating_duration_since(t).as_secs_f64() * self.scale * 1000.0) as u64)
    }

    /// Whether the bell fallback's flash is showing.
    pub fn flashing(&self) -> bool {
        self.flash_until.is_some_and(|t| t > self.now)
    }

    /// The bell fallback rang for a cue: flash the screen, except in the calm
    /// nightly mode, which never flashes.
    pub fn bell(&mut self, now: Instant) {
        let calm = self.session().is_some_and(|s| s.routine().mode == Mode::Nightly);
        if !calm {
            self.flash_until = Some(now + FLASH);
        }
    }

    /// The clock moved on.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        if let Screen::Session(s) = &mut self.screen {
            let events = s.advance(now);
            self.take_events(events);
        }
    }

    /// A key was pressed (releases never reach here).
    pub fn key(&mut self, key: KeyEvent, now: Instant) {
        self.tick(now);
        let action = action_for(key, &self.contexts());
        if let Some(Overlay::Help { scroll }) = self.overlay {
            // Arrows scroll help; any other key closes it; Ctrl-C still
            // quits.
            match action {
                Some(Action::Up) => self.overlay = Some(Overlay::Help { scroll: scroll.saturating_sub(1) }),
                Some(Action::Down) => {
                    let limit = crate::ui::view::scroll_limit(self);
                    self.overlay = Some(Overlay::Help { scroll: (scroll + 1).min(limit) });
                }
                Some(Action::ForceQuit) => {
                    self.record_session();
                    self.exit = Some(Exit::Normal);
                }
                _ => self.close_help(now),
            }
            return;
        }
        if self.overlay == Some(Overlay::ConfirmQuit) {
            // The question wants its answer: y stops, n (or q, Esc) carries
            // on, Ctrl-C still quits; any other key (Space would un-pause
            // behind the box) does nothing.
            match action {
                Some(a @ (Action::Yes | Action::No | Action::ForceQuit | Action::Suspend)) => {
                    self.act(a, now)
                }
                Some(Action::Quit) => self.act(Action::No, now),
                _ => {}
            }
            return;
        }
        if action == Some(Action::PickStretch) {
            // The digit is the stretch's number on screen.
            if let crossterm::event::KeyCode::Char(c) = key.code
                && let Some(n) = c.to_digit(10).filter(|n| *n >= 1)
            {
                self.control(Control::Stretch(n as usize - 1), now);
            }
            return;
        }
        if let Some(a) = action {
            self.act(a, now);
        }
    }

    fn act(&mut self, action: Action, now: Instant) {
        match action {
            Action::ForceQuit => {
                self.record_session();
                self.exit = Some(Exit::Normal);
            }
            Action::Suspend => self.exit = Some(Exit::Suspend),
            Action::Help => self.open_help(now),
            Action::Mute => {
                self.muted = !self.muted;
                if self.muted {
                    self.speech.push(None);
                }
            }
            Action::Quit => self.quit(now),
            Action::Yes => {
                self.overlay = None;
                self.help_paused = false;
                self.leave_session();
            }
            Action::No => self.close_overlay(now),
            Action::ResumeRoutine | Action::StartOver => {
                if let Screen::Resume { routine, at } = &self.screen {
                    let step = if action == Action::ResumeRoutine { at.step } else { 0 };
                    self.start_session_at(Arc::clone(routine), step, now);
                }
            }
            Action::OpenRelief => self.screen = Screen::Picker { selected: 0 },
            Action::OpenNightly => self.open_nightly(now),
            Action::RunBuiltin => {
                if let Screen::BrokenOverride { builtin: Some(r), .. } = &self.screen {
                    let r = Arc::clone(r);
                    self.start_session(r, now);
                }
            }
            Action::OpenBrowse => self.screen = Screen::Browse { selected: 0 },
            Action::OpenHistory => self.screen = Screen::History { scroll: 0 },
            Action::OpenLearn => self.screen = Screen::Learn { scroll: 0 },
            // Handled in `key`, which knows the digit.
            Action::PickStretch => {}
            Action::PickCalf => self.start_relief(Muscle::Calf, now),
            Action::PickHamstring => self.start_relief(Muscle::Hamstring, now),
            Action::PickQuadriceps => self.start_relief(Muscle::Quadriceps, now),
            Action::Up | Action::Down => self.move_selection(action == Action::Down),
            Action::Select => self.select(now),
            Action::TogglePause => self.control(Control::TogglePause, now),
            Action::HoldAgain => self.control(Control::HoldAgain, now),
            Action::ItsGone => self.control(Control::ItsGone, now),
            Action::Next => self.control(Control::Skip, now),
            Action::Back => self.control(Control::Back, now),
            Action::Longer => self.control(Control::Longer, now),
            Action::Shorter => self.control(Control::Shorter, now),
        }
    }

    /// Help pauses a running countdown, so reading it costs no hold time.
    fn open_help(&mut self, now: Instant) {
        self.open_overlay(Overlay::Help { scroll: 0 }, now);
    }

    fn close_help(&mut self, now: Instant) {
        self.close_overlay(now);
    }

    /// Opens help or the quit question over a paused countdown: while the
    /// box covers the screen the routine must not move on behind it.
    fn open_overlay(&mut self, overlay: Overlay, now: Instant) {
        let running = self.session().is_some_and(|s| {
            !s.is_paused()
                && s.outcome().is_none()
                && s.phase().is_some_and(|p| p.kind != PhaseKind::StillCramping)
        });
        if running {
            self.control(Control::TogglePause, now);
        }
        self.help_paused = running;
        self.overlay = Some(overlay);
    }

    /// Closes the box and resumes the countdown exactly where opening it
    /// paused it (a session paused before stays paused).
    fn close_overlay(&mut self, now: Instant) {
        self.overlay = None;
        if std::mem::take(&mut self.help_paused) && self.session().is_some_and(Session::is_paused) {
            self.control(Control::TogglePause, now);
        }
    }

    fn control(&mut self, c: Control, now: Instant) {
        if let Screen::Session(s) = &mut self.screen {
            let events = s.control(c, now);
            self.take_events(events);
        }
    }

    fn quit(&mut self, now: Instant) {
        match &self.screen {
            Screen::Session(s) => {
                // Someone in pain should not be asked twice; a calm nightly
                // routine is easy to stop by accident, so it asks.
                if s.routine().mode == Mode::Nightly && s.outcome().is_none() {
                    self.open_overlay(Overlay::ConfirmQuit, now);
                } else if s.routine().mode == Mode::Relief && s.outcome().is_none() && s.relief_holds() > 0 {
                    // The cramp may not have let go: the after-care and the
                    // see-a-doctor advice must still reach this person.
                    self.stop_relief();
                } else {
                    self.leave_session();
                }
            }
            Screen::BrokenOverride { broken, .. } => {
                self.parting = Some(format!(
                    "limber: {} has errors; fix it with `limber edit {}` (`limber validate` checks it):\n{}",
                    crate::text::printable(&broken.path.display().to_string()),
                    broken.id,
                    broken.problem
                ));
                self.exit = Some(Exit::Normal);
            }
            Screen::Picker { .. }
            | Screen::Browse { .. }
            | Screen::NightlyPicker { .. }
            | Screen::Resume { .. }
                if self.home_after =>
            {
                self.screen = Screen::Home { selected: 0 };
            }
            Screen::AfterCare { .. }
            | Screen::GoodNight { .. }
            | Screen::History { .. }
            | Screen::Learn { .. }
                if self.home_after =>
            {
                self.screen = Screen::Home { selected: 0 };
            }
            _ => self.exit = Some(Exit::Normal),
        }
    }

    /// The cue and spoken prompt for one event, unless muted or turned off.
    fn sound(&mut self, routine: &Routine, e: &Event) {
        let Some(plan) = &self.cue_plan else { return };
        if self.muted {
            return;
        }
        if plan.enabled
            && let Some(cue) = cue_for(&e.kind, e.step)
            && (cue != Cue::Tick || plan.ticks)
        {
            self.cues.push((cue, routine.mode, plan.volume));
        }
        let step = &routine.steps[e.step];
        let speak = match e.kind {
            EventKind::GetReady { .. } | EventKind::SwitchSides { .. } => true,
            // Without a get-ready, the first hold of a step is its start.
            EventKind::HoldStarted { rep: 1, .. } => step.get_ready_secs == 0 && e.side != Some(Side::Right),
            _ => false,
        };
        if speak {
            let leg = crate::routine::leg_label(routine.mode, e.side);
            let s = &step.stretch;
            self.speech.push(Some(voice::prompt(s.name.as_str(), leg, s.cue.as_str(), step.hold_secs)));
        }
    }

    /// The time scale to record: `None` at real speed. Sped-up runs are
    /// recorded (so tests and demos exercise the real path) but never
    /// counted.
    fn recorded_scale(&self) -> Option<f64> {
        (self.scale != 1.0).then_some(self.scale)
    }

    /// Queues a record for the file and keeps the in-memory history in step.
    fn push_record(&mut self, r: Record) {
        if let Some((records, _)) = &mut self.history {
            records.push(r.clone());
        }
        self.tonight.push(r.clone());
        self.records.push(r);
    }

    /// Records the running session's end (once), finished or not: the
    /// session, and for relief also the cramp. Its start and each hold were
    /// recorded as they happened.
    pub fn record_session(&mut self) {
        let (Screen::Session(s), Some(start)) = (&self.screen, self.session_wall.take()) else { return };
        let r = Arc::clone(s.routine());
        // One value for the session and its cramp: holds and duration agree.
        let secs = self.session_started.map_or(0, |t| self.now.saturating_duration_since(t).as_secs());
        let end = LocalTime {
            instant: jiff::Timestamp::from_second(start.instant.as_second().saturating_add(secs as i64))
                .unwrap_or(start.instant),
            offset: start.offset,
        };
        let completed = s.outcome().is_some();
        let mut holds: Vec<HoldCount> = Vec::new();
        let (skipped, relief_holds) = match r.mode {
            Mode::Nightly => {
                for (step, side) in s.holds_done() {
                    let muscle = r.steps[*step].stretch.muscle;
                    match holds.iter_mut().find(|h| h.muscle == muscle && h.side == *side) {
                        Some(h) => h.holds += 1,
                        None => holds.push(HoldCount { muscle, side: *side, holds: 1 }),
                    }
                }
                (Some(s.planned_holds().saturating_sub(s.holds_done().len() as u32)), 0)
            }
            Mode::Relief => {
                // Holds started: "it's gone" during a hold still counts it.
                let n = s.relief_holds();
                if n > 0 {
                    holds.push(HoldCount { muscle: relief_muscle(&r), side: None, holds: n });
                }
                (None, n)
            }
        };
        let id = std::mem::take(&mut self.recording.id);
        let scale = self.recorded_scale();
        self.push_record(Record::Session {
            v: VERSION,
            id: Some(id.clone()),
            routine: r.id.to_string(),
            mode: r.mode,
            start,
            end,
            completed,
            holds,
            planned_secs: Some(s.planned_hold_secs()),
            held_secs: Some(self.recording.held_secs),
            skipped,
            scale,
        });
        // A relief session left before its first hold (a wrong key, say)
        // records no cramp.
        if r.mode == Mode::Relief && relief_holds > 0 {
            self.push_record(Record::Cramp {
                v: VERSION,
                id: Some(id),
                muscle: relief_muscle(&r),
                at: start,
                holds: relief_holds,
                secs,
                logged: false,
                pain: None,
                note: None,
                scale,
            });
        }
        self.refresh_history();
    }

    /// Recomputes the merged history and summary after new records.
    fn refresh_history(&mut self) {
        if let Some((records, summary)) = &mut self.history {
            let merged = merge(records);
            *summary = summarize_merged(&merged, LocalTime::now(), summary.days);
            self.history_merged = Some(merged);
        }
    }

    /// The history has loaded (or reloaded).
    pub fn set_history(&mut self, records: Vec<Record>, now: LocalTime) {
        let merged = merge(&records);
        let summary = summarize_merged(&merged, now, SCREEN_NIGHTS);
        self.history_zone = crate::history::text::zone_at(now);
        self.history = Some((records, summary));
        self.history_merged = Some(merged);
    }

    /// The see-a-doctor advice when cramps come often (the config's
    /// threshold in the last 7 days), else `None`.
    pub fn doctor_note(&self) -> Option<String> {
        let (_, summary) = self.history.as_ref()?;
        let n = summary.cramps_last_7_days();
        (n >= self.settings.doctor_after_cramps).then(|| crate::history::text::doctor_advice(n))
    }

    /// Leaves a relief session part-way, after at least one hold: recorded
    /// as not completed, then the after-care page with the doctor first.
    fn stop_relief(&mut self) {
        self.record_session();
        self.speech.push(None);
        let Screen::Session(s) = &self.screen else { return };
        let (routine, holds, lasted) = (Arc::clone(s.routine()), s.relief_holds(), s.active(self.now));
        self.screen = Screen::AfterCare { routine, holds, lasted, stopped: true, scroll: 0 };
    }

    /// Ends the session screen: home, or out of the program.
    fn leave_session(&mut self) {
        self.record_session();
        self.speech.push(None);
        if self.home_after {
            self.screen = Screen::Home { selected: 0 };
        } else {
            self.exit = Some(Exit::Normal);
        }
    }

    fn move_selection(&mut self, down: bool) {
        let step = |i: &mut usize, len: usize| {
            *i = if down { (*i + 1).min(len.saturating_sub(1)) } else { i.saturating_sub(1) };
        };
        let routines = self.library.routines.len();
        let nightly = self.nightly_routines().len();
        // Pages stop at their end: the limit depends on the terminal's size.
        let limit = crate::ui::view::scroll_limit(self);
        match &mut self.screen {
            Screen::Home { selected } => step(selected, HOME_ITEMS.len()),
            Screen::Picker { selected } => step(selected, PICKER_ITEMS.len()),
            Screen::Browse { selected } => step(selected, routines),
            Screen::NightlyPicker { selected } => step(selected, nightly),
            Screen::History { scroll } => {
                // The view clamps to what it drew; this keeps "up" from
                // having to unwind presses past the end (a record takes at
                // most two rows, the figures about twenty).
                let rows = self.history_merged.as_ref().map_or(0, |h| h.sessions.len() + h.cramps.len());
                let max = u16::try_from(rows * 2 + 20).unwrap_or(u16::MAX);
                *scroll = if down { scroll.saturating_add(1).min(max) } else { scroll.saturating_sub(1) };
            }
            Screen::AfterCare { scroll, .. }
            | Screen::GoodNight { scroll, .. }
            | Screen::Learn { scroll } => {
                *scroll = if down { scroll.saturating_add(1).min(limit) } else { scroll.saturating_sub(1) };
            }
            _ => {}
        }
    }

    fn select(&mut self, now: Instant) {
        match &self.screen {
            Screen::Home { selected } => self.act(HOME_ITEMS[*selected].0, now),
            Screen::Picker { selected } => self.act(PICKER_ITEMS[*selected].0, now),
            Screen::Browse { selected } => {
                if let Some(r) = self.library.routines.get(*selected).cloned() {
                    self.start_checked(r, now);
                }
            }
            Screen::NightlyPicker { selected } => {
                if let Some(r) = self.nightly_routines().get(*selected).cloned() {
                    self.start_checked(r, now);
                }
            }
            Screen::AfterCare { .. }
            | Screen::GoodNight { .. }
            | Screen::History { .. }
            | Screen::Learn { .. } => self.quit(now),
            _ => {}
        }
    }

    fn start_relief(&mut self, muscle: Muscle, now: Instant) {
        self.start_by_id(&format!("{}-relief", muscle.as_str()), now);
    }

    fn start_by_id(&mut self, id: &str, now: Instant) {
        match (self.library.get(id).cloned(), self.library.broken(id).cloned()) {
            (Some(r), _) => self.start_checked(r, now),
            (None, Some(broken)) => self.screen = Screen::BrokenOverride { builtin: None, broken },
            (None, None) => self.add_notice(format!("no routine with id `{id}`")),
        }
    }

    /// The nightly routines, the configured one first, then in library
    /// order.
    pub fn nightly_routines(&self) -> Vec<Arc<Routine>> {
        let chosen = self.settings.nightly_id();
        let mut out: Vec<Arc<Routine>> =
            self.library.routines.iter().filter(|r| r.mode == Mode::Nightly).cloned().collect();
        out.sort_by_key(|r| r.id.as_str() != chosen);
        out
    }

    /// `n` on the home screen: the nightly routine, or a choice when there
    /// is more than one.
    fn open_nightly(&mut self, now: Instant) {
        let id = self.settings.nightly_id().to_string();
        let routines = self.nightly_routines();
        if self.library.get(&id).is_none() && self.library.broken(&id).is_some() {
            // The configured routine exists only as a broken file: say so
            // rather than offer the others as if nothing were wrong.
            self.start_by_id(&id, now);
        } else if routines.len() > 1 {
            self.screen = Screen::NightlyPicker { selected: 0 };
        } else if let Some(r) = routines.into_iter().next() {
            self.start_checked(r, now);
        } else {
            self.add_notice(format!("no nightly routine with id `{id}`"));
        }
    }

    /// Starts a routine unless it stands in for the person's own file that
    /// has errors. A nightly routine then waits on a screen that says so; a
    /// relief routine starts at once (someone is in pain) with a line at the
    /// top naming the skipped file.
    fn start_checked(&mut self, routine: Arc<Routine>, now: Instant) {
        self.skipped = None;
        let broken = match routine.origin {
            Origin::BuiltIn => self.library.broken(routine.id.as_str()).cloned(),
            Origin::File(_) => None,
        };
        match (broken, routine.mode) {
            (Some(broken), Mode::Nightly) => {
                self.screen = Screen::BrokenOverride { builtin: Some(routine), broken };
            }
            (broken, _) => {
                self.skipped = broken;
                match self.resume_offer(&routine, LocalTime::now()) {
                    Some(at) => self.screen = Screen::Resume { routine, at },
                    None => self.start_session(routine, now),
                }
            }
        }
    }

    /// The wall clock for what the screens say about the night (see
    /// [`App::fixed_wall`]).
    pub fn wall(&self) -> LocalTime {
        self.fixed_wall.unwrap_or_else(LocalTime::now)
    }

    /// Where `routine` could be resumed tonight, if it was left part way.
    pub fn resume_offer(&self, routine: &Routine, now: LocalTime) -> Option<ResumePoint> {
        resume_point(routine, &tonight_holds(&self.tonight, routine, now)?)
    }

    fn start_session(&mut self, routine: Arc<Routine>, now: Instant) {
        self.start_session_at(routine, 0, now);
    }

    fn start_session_at(&mut self, routine: Arc<Routine>, step: usize, now: Instant) {
        let (routine, problem) = self.settings.relief_start(&routine);
        if let Some(p) = problem {
            self.add_notice(p);
        }
        self.now = now;
        self.session_started = Some(now);
        let wall = LocalTime::now();
        self.session_wall = Some(wall);
        let (session, events) = Session::start_at(Arc::clone(&routine), step, now, self.scale);
        // The start is written at once: a crash from here on still leaves
        // the session (and each finished hold) in the history. A resumed
        // part plans only the holds from its step on, so it counts as done
        // when it held half of what was left: the two parts make one night.
        self.recording = Recording { id: new_session_id(), ..Recording::default() };
        self.push_record(Record::Start {
            v: VERSION,
            id: self.recording.id.clone(),
            routine: routine.id.to_string(),
            mode: routine.mode,
            at: wall,
            steps: routine.steps.len() as u32,
            planned_secs: session.planned_hold_secs(),
            scale: self.recorded_scale(),
        });
        let plan = self.settings.plan_for(&routine);
        self.cue_plan = Some(plan.clone());
        self.new_plan = Some((plan, routine.mode));
        self.screen = Screen::Session(Box::new(session));
        self.take_events(events);
    }

    /// Keeps track of the current hold and records each finished one.
    fn record_hold(&mut self, routine: &Routine, e: &Event) {
        match e.kind {
            EventKind::HoldStarted { secs, rep } => {
                self.recording.hold_secs = secs;
                self.recording.rep = rep;
            }
            EventKind::HoldAdjusted { secs } => self.recording.hold_secs = secs,
            EventKind::HoldEnded if self.session_wall.is_some() => {
                let secs = self.recording.hold_secs;
                self.recording.held_secs = self.recording.held_secs.saturating_add(secs);
                self.push_record(Record::Hold {
                    v: VERSION,
                    id: self.recording.id.clone(),
                    at: LocalTime::now(),
                    step: e.step as u32,
                    rep: self.recording.rep,
                    side: e.side,
                    muscle: routine.steps[e.step].stretch.muscle,
                    secs,
                });
            }
            _ => {}
        }
    }

    /// Queues events for the shell and moves on when the session is over.
    fn take_events(&mut self, events: Vec<Event>) {
        let Some(routine) = self.session().map(|s| Arc::clone(s.routine())) else { return };
        for e in &events {
            self.sound(&routine, e);
            self.record_hold(&routine, e);
        }
        let done = events.iter().any(|e| e.kind == EventKind::RoutineComplete);
        self.events.extend(events.into_iter().map(|event| Logged {
            stretch: routine.steps[event.step].stretch.id.as_str().to_string(),
            event,
        }));
        if done {
            self.speech.push(None);
            self.record_session();
            let Screen::Session(s) = &self.screen else { return };
            let lasted = s.active(self.now);
            let holds = s.relief_holds();
            self.overlay = None;
            self.screen = match routine.mode {
                Mode::Relief => Screen::AfterCare { routine, holds, lasted, stopped: false, scroll: 0 },
                Mode::Nightly => Screen::GoodNight { routine, scroll: 0 },
            };
        }
    }
}

/// The muscle a relief routine is for.
fn relief_muscle(r: &Routine) -> Muscle {
    r.muscles.first().copied().unwrap_or(Muscle::Calf)
}
