//! The session engine driven with synthetic instants: totals, sides, reps,
//! pause, skip, back, hold length, relief controls and drift.

use std::sync::Arc;
use std::time::{Duration, Instant};

use limber::builtin;
use limber::routine::{Origin, Routine, Side, load};
use limber::session::engine::Outcome;
use limber::session::{Control, Event, EventKind, PhaseKind, Session};

fn routine(id: &str) -> Arc<Routine> {
    builtin::routines().iter().find(|r| r.id.as_str() == id).unwrap().clone()
}

fn parse(text: &str) -> Arc<Routine> {
    Arc::new(load::parse_routine("t.toml", text, builtin::catalogue(), Origin::BuiltIn).unwrap())
}

const SECOND: Duration = Duration::from_secs(1);

/// Runs a session to its end by jumping to each deadline; returns all events.
fn run_to_end(s: &mut Session, mut now: Instant, mut events: Vec<Event>) -> (Vec<Event>, Instant) {
    while let Some(d) = s.next_deadline() {
        assert!(d >= now, "deadlines never go backwards");
        now = d;
        events.extend(s.advance(now));
    }
    (events, now)
}

fn kinds(events: &[Event]) -> Vec<EventKind> {
    events.iter().map(|e| e.kind).collect()
}

#[test]
fn nightly_runs_every_side_and_rep_and_ends_on_its_planned_total() {
    let r = routine("nightly");
    let t0 = Instant::now();
    let (mut s, first) = Session::start(r.clone(), t0, 1.0);
    let (events, end) = run_to_end(&mut s, t0, first);
    assert_eq!(s.outcome(), Some(Outcome::Completed));
    assert_eq!(end - t0, Duration::from_secs(u64::from(r.total_secs())));
    let last = events.last().unwrap();
    assert_eq!(last.kind, EventKind::RoutineComplete);
    assert_eq!(last.at, Duration::from_secs(470));

    let holds: Vec<(usize, Option<Side>, u32)> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::HoldStarted { rep, secs } => {
                assert_eq!(secs, 30);
                Some((e.step, e.side, rep))
            }
            _ => None,
        })
        .collect();
    let mut expected = Vec::new();
    for step in 0..3 {
        for side in [Side::Left, Side::Right] {
            for rep in 1..=2 {
                expected.push((step, Some(side), rep));
            }
        }
    }
    assert_eq!(holds, expected);
    assert_eq!(s.holds_done().len(), 12);
    assert_eq!(kinds(&events).iter().filter(|k| matches!(k, EventKind::SwitchSides { .. })).count(), 3);
    assert_eq!(kinds(&events).iter().filter(|k| **k == EventKind::StepChanged).count(), 3);
    // Three ticks per hold, counting down.
    let ticks: Vec<u32> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Tick { remaining } => Some(remaining),
            _ => None,
        })
        .collect();
    assert_eq!(ticks.len(), 36);
    assert_eq!(&ticks[..3], &[3, 2, 1]);
}

#[test]
fn a_ten_minute_routine_ends_within_a_millisecond_of_plan_when_polled_late() {
    // 4 stretches x 2 legs x 2 reps of 30 s with 10 s rests and 5 s switches.
    let r = parse(
        "id = \"ten\"\ntitle = \"T\"\nmode = \"nightly\"\nmuscles = [\"calf\"]\nsummary = \"s\"\nsource = \"s\"\n\
         [defaults]\nhold = 30\nreps = 2\nsides = \"both\"\nget_ready = 5\nrest = 10\nswitch = 5\n\
         [[steps]]\nstretch = \"calf-standing\"\n[[steps]]\nstretch = \"calf-seated\"\n\
         [[steps]]\nstretch = \"hamstring-foot-pull\"\n[[steps]]\nstretch = \"quadriceps-chair\"\n",
    );
    let planned = Duration::from_secs(u64::from(r.total_secs()));
    assert!(planned >= Duration::from_secs(600), "{planned:?}");
    let t0 = Instant::now();
    let (mut s, _) = Session::start(r, t0, 1.0);
    // Wake up 7 ms late for every deadline, as a busy machine might: the
    // lateness must not add up.
    let mut complete_at = None;
    while let Some(d) = s.next_deadline() {
        let now = d + Duration::from_millis(7);
        for e in s.advance(now) {
            if e.kind == EventKind::RoutineComplete {
                complete_at = Some(now);
            }
        }
    }
    let took = complete_at.unwrap() - t0;
    let drift = took.abs_diff(planned);
    assert!(drift <= Duration::from_millis(7) + Duration::from_millis(1), "drift {drift:?}");
}

#[test]
fn pause_freezes_the_countdown_and_shifts_the_deadline() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("hamstring-relief"), t0, 1.0);
    // Get ready 2 s, then a 30 s hold.
    s.advance(t0 + 2 * SECOND);
    assert_eq!(s.phase().unwrap().kind, PhaseKind::Hold);
    assert_eq!(s.remaining_display_secs(t0 + 12 * SECOND), 20);
    let ev = s.control(Control::TogglePause, t0 + 12 * SECOND);
    assert_eq!(kinds(&ev), [EventKind::Paused]);
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.remaining_display_secs(t0 + 100 * SECOND), 20, "frozen while paused");
    assert!(s.advance(t0 + 100 * SECOND).is_empty());
    s.control(Control::TogglePause, t0 + 100 * SECOND);
    assert_eq!(s.remaining_display_secs(t0 + 100 * SECOND), 20);
    // The hold now ends 88 s later than planned.
    let (events, end) = run_to_end(&mut s, t0 + 100 * SECOND, vec![]);
    assert_eq!(end, t0 + 120 * SECOND);
    assert!(kinds(&events).contains(&EventKind::StillCramping));
}

#[test]
fn skip_and_back_move_one_phase() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("nightly"), t0, 1.0);
    assert_eq!(s.phase().unwrap().kind, PhaseKind::GetReady);
    let ev = s.control(Control::Skip, t0 + SECOND);
    assert!(kinds(&ev).contains(&EventKind::HoldStarted { secs: 30, rep: 1 }));
    assert_eq!(s.remaining_display_secs(t0 + SECOND), 30, "a skipped-to phase starts in full");
    s.control(Control::Skip, t0 + 2 * SECOND);
    assert_eq!(s.phase().unwrap().kind, PhaseKind::Rest);
    let ev = s.control(Control::Back, t0 + 3 * SECOND);
    assert!(kinds(&ev).contains(&EventKind::WentBack));
    assert_eq!(s.phase().unwrap().kind, PhaseKind::Hold);
    assert_eq!(s.remaining_display_secs(t0 + 3 * SECOND), 30);
    // Skipped holds are not counted as done.
    assert!(s.holds_done().is_empty());
    // Back at the first phase stays there.
    s.control(Control::Back, t0 + 4 * SECOND);
    s.control(Control::Back, t0 + 5 * SECOND);
    assert_eq!(s.phase_index(), 0);
}

#[test]
fn hold_length_changes_by_five_within_fifteen_to_thirty() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("calf-relief"), t0, 1.0);
    s.advance(t0 + 2 * SECOND);
    assert_eq!(s.phase_secs(), 30);
    assert!(s.control(Control::Longer, t0 + 3 * SECOND).is_empty(), "already at 30");
    let ev = s.control(Control::Shorter, t0 + 3 * SECOND);
    assert_eq!(kinds(&ev), [EventKind::HoldAdjusted { secs: 25 }]);
    s.control(Control::Shorter, t0 + 3 * SECOND);
    s.control(Control::Shorter, t0 + 3 * SECOND);
    assert_eq!(s.phase_secs(), 15);
    // 1 s into a 15 s hold: 14 s left.
    assert_eq!(s.remaining_display_secs(t0 + 3 * SECOND), 14);
    let (events, end) = run_to_end(&mut s, t0 + 3 * SECOND, vec![]);
    assert_eq!(end, t0 + 17 * SECOND);
    assert_eq!(
        kinds(&events)[..3],
        [
            EventKind::Tick { remaining: 3 },
            EventKind::Tick { remaining: 2 },
            EventKind::Tick { remaining: 1 }
        ]
    );
    // Shortening below the time already held ends the hold at once.
    let t1 = Instant::now();
    let (mut s, _) = Session::start(routine("calf-relief"), t1, 1.0);
    s.advance(t1 + 2 * SECOND);
    s.control(Control::Shorter, t1 + 22 * SECOND); // 25 s, 20 s in
    let ev = s.control(Control::Shorter, t1 + 22 * SECOND); // 20 s: over
    assert!(kinds(&ev).contains(&EventKind::HoldEnded), "{ev:?}");
    assert_eq!(s.phase().unwrap().kind, PhaseKind::StillCramping);
}

#[test]
fn relief_holds_again_until_its_gone() {
    let t0 = Instant::now();
    let (mut s, first) = Session::start(routine("calf-relief"), t0, 1.0);
    assert_eq!(kinds(&first), [EventKind::StepChanged, EventKind::GetReady { secs: 2 }]);
    let (events, now) = run_to_end(&mut s, t0, vec![]);
    assert_eq!(now, t0 + 32 * SECOND);
    assert_eq!(events.last().unwrap().kind, EventKind::StillCramping);
    assert_eq!(s.next_deadline(), None, "waits for the person");

    // Space: the same stretch at once, no get-ready.
    let ev = s.control(Control::HoldAgain, now + 5 * SECOND);
    assert_eq!(kinds(&ev), [EventKind::HoldStarted { secs: 30, rep: 2 }]);
    assert_eq!(s.phase().unwrap().step, 0);
    let (_, now) = run_to_end(&mut s, now + 5 * SECOND, vec![]);
    assert_eq!(s.relief_holds(), 2);

    // n: the next stretch (the seated one), with its get-ready.
    let ev = s.control(Control::Skip, now);
    assert_eq!(kinds(&ev), [EventKind::Skipped, EventKind::StepChanged, EventKind::GetReady { secs: 2 }]);
    assert_eq!(s.phase().unwrap().step, 1);

    let ev = s.control(Control::ItsGone, now + SECOND);
    assert_eq!(kinds(&ev), [EventKind::ItsGone, EventKind::RoutineComplete]);
    assert_eq!(s.outcome(), Some(Outcome::ItsGone));
    assert!(s.phase().is_none());
    assert!(s.control(Control::HoldAgain, now + 2 * SECOND).is_empty());
}

#[test]
fn relief_hold_again_keeps_an_adjusted_length() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("quadriceps-relief"), t0, 1.0);
    s.advance(t0 + 2 * SECOND);
    s.control(Control::Shorter, t0 + 2 * SECOND);
    let (_, now) = run_to_end(&mut s, t0 + 2 * SECOND, vec![]);
    let ev = s.control(Control::HoldAgain, now);
    assert_eq!(kinds(&ev), [EventKind::HoldStarted { secs: 25, rep: 2 }]);
}

#[test]
fn its_gone_only_applies_to_relief() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("nightly"), t0, 1.0);
    assert!(s.control(Control::ItsGone, t0).is_empty());
    assert!(s.control(Control::HoldAgain, t0).is_empty());
    assert!(s.outcome().is_none());
}

#[test]
fn time_scale_runs_faster_but_reports_routine_time() {
    let r = routine("nightly");
    let t0 = Instant::now();
    let (mut s, first) = Session::start(r.clone(), t0, 50.0);
    let (events, end) = run_to_end(&mut s, t0, first);
    let real = end - t0;
    let planned = Duration::from_secs(u64::from(r.total_secs()));
    assert!(real.abs_diff(planned / 50) < Duration::from_millis(1), "{real:?}");
    let last = events.last().unwrap();
    assert!(last.at.abs_diff(planned) < Duration::from_millis(1), "{:?}", last.at);
}

#[test]
fn next_redraw_falls_on_each_displayed_second() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("hamstring-relief"), t0, 1.0);
    s.advance(t0 + 2 * SECOND);
    let now = t0 + 2 * SECOND + Duration::from_millis(300);
    assert_eq!(s.remaining_display_secs(now), 30);
    let next = s.next_redraw(now).unwrap();
    assert_eq!(next, t0 + 3 * SECOND);
    assert_eq!(s.remaining_display_secs(next), 29);
}

#[test]
fn event_log_lines_carry_ms_step_side_and_event() {
    let t0 = Instant::now();
    let (mut s, _) = Session::start(routine("nightly"), t0, 1.0);
    let ev = s.advance(t0 + 5 * SECOND);
    let hold = ev.iter().find(|e| matches!(e.kind, EventKind::HoldStarted { .. })).unwrap();
    let json: serde_json::Value = serde_json::to_value(hold).unwrap();
    assert_eq!(json["event"], "hold_started");
    assert_eq!(json["ms"], 5000);
    assert_eq!(json["step"], 0);
    assert_eq!(json["side"], "left");
    assert_eq!(json["secs"], 30);
}

#[test]
fn relief_switches_to_a_chosen_stretch_at_once_and_ignores_one_it_lacks() {
    let r = routine("calf-relief");
    let t0 = Instant::now();
    let (mut s, _) = Session::start(r.clone(), t0, 1.0);
    s.control(Control::TogglePause, t0 + SECOND);
    // Switching while paused starts the chosen stretch running.
    let events = s.control(Control::Stretch(2), t0 + 4 * SECOND);
    assert!(kinds(&events).contains(&EventKind::StepChanged));
    let p = *s.phase().unwrap();
    assert_eq!((p.step, p.kind), (2, PhaseKind::GetReady));
    assert!(!s.is_paused());
    let before = *s.phase().unwrap();
    s.control(Control::Stretch(3), t0 + 5 * SECOND);
    assert_eq!(*s.phase().unwrap(), before, "there is no fourth stretch");
    // Nightly ignores it.
    let (mut n, _) = Session::start(routine("nightly"), t0, 1.0);
    n.control(Control::Stretch(1), t0 + SECOND);
    assert_eq!(n.phase().unwrap().step, 0);
}

#[test]
fn active_time_leaves_out_pauses_including_one_ended_by_a_switch() {
    let r = routine("calf-relief");
    let t0 = Instant::now();
    let (mut s, _) = Session::start(r, t0, 1.0);
    s.control(Control::TogglePause, t0 + 10 * SECOND);
    s.control(Control::TogglePause, t0 + 70 * SECOND);
    s.control(Control::TogglePause, t0 + 80 * SECOND);
    assert_eq!(s.active(t0 + 100 * SECOND), 20 * SECOND, "paused now too");
    s.control(Control::Stretch(1), t0 + 200 * SECOND);
    assert_eq!(s.active(t0 + 205 * SECOND), 25 * SECOND);
    assert_eq!(s.elapsed(t0 + 205 * SECOND), 205 * SECOND);
}
