//! The bedtime habit's screens, drawn into a `TestBackend`: the resume
//! offer, the good-night page with the streak and tomorrow's reminder, and
//! the home screen's reminder line. (Kept apart from `screens.rs` so each
//! feature's snapshots stay together.)

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use limber::config::Settings;
use limber::history::LocalTime;
use limber::remind::RemindAt;
use limber::routine::Library;
use limber::session::PhaseKind;
use limber::session::resume::ResumePoint;
use limber::ui::app::{App, Screen, Start};
use limber::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const S: Duration = Duration::from_secs(1);

fn settings() -> Settings {
    Settings { remind_at: Some(RemindAt { hour: 22, minute: 30 }), ..Settings::default() }
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t.backend().to_string()
}

fn press(app: &mut App, code: KeyCode, at: Instant) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE), at);
}

fn phase_step(app: &App) -> Option<(PhaseKind, usize)> {
    app.session().and_then(|s| s.phase()).map(|p| (p.kind, p.step))
}

#[test]
fn home_says_when_the_reminder_is() {
    let mut a = App::new(Library::load(None), Start::Home, Instant::now(), 1.0, true, settings());
    // Not known to be scheduled: only that a time is set.
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Reminder set for 22:30."), "{screen}");
    assert!(!screen.contains("Bedtime reminder at"), "{screen}");
    // Known not to go off: says so, whole, even at 50 columns.
    a.reminder_scheduled = Some(false);
    let narrow = draw(&a, 50, 15);
    assert!(narrow.contains("not scheduled"), "{narrow}");
    assert!(narrow.contains("limber remind status."), "{narrow}");
    assert!(!narrow.contains("Bedtime reminder at"), "{narrow}");
    // Scheduled: the plain promise.
    a.reminder_scheduled = Some(true);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Bedtime reminder at 22:30."), "{screen}");
    insta::assert_snapshot!(screen);
    let plain = App::new(Library::load(None), Start::Home, Instant::now(), 1.0, true, Settings::default());
    assert!(!draw(&plain, 80, 24).contains("reminder"));
}

#[test]
fn good_night_shows_the_streak_and_tomorrows_reminder() {
    let t0 = Instant::now();
    let lib = Library::load(None);
    let night = lib.get("nightly").unwrap().clone();
    let mut a = App::new(lib, Start::Routine(night.clone()), t0, 1.0, true, settings());
    // Two nights done before tonight, then tonight's routine to the end.
    let history = limber::history::store::parse(
        format!("{}\n{}\n", record_line(LocalTime::now(), 2), record_line(LocalTime::now(), 1)).as_bytes(),
    );
    a.set_history(history.records, LocalTime::now());
    a.tick(t0 + night.total_secs() * S);
    assert!(matches!(a.screen, Screen::GoodNight { .. }));
    // Finished in the evening: tonight's reminder finds it done, so the
    // next one is tomorrow's.
    a.fixed_wall = Some("2026-11-24T22:45:00+01:00".parse().unwrap());
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Streak: 3 nights in a row."), "{screen}");
    assert!(screen.contains("Reminder tomorrow at 22:30."), "{screen}");
    insta::assert_snapshot!(screen);
    // Finished in the morning (last night's routine): the reminder comes
    // tonight.
    a.fixed_wall = Some("2026-11-25T10:10:00+01:00".parse().unwrap());
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Reminder tonight at 22:30."), "{screen}");
    assert!(!screen.contains("tomorrow"), "{screen}");
}

/// A completed nightly record `back` nights before `now`'s night.
fn record_line(now: LocalTime, back: i64) -> String {
    let civil = now.night().checked_sub(jiff::Span::new().days(back)).unwrap().at(22, 0, 0, 0);
    let start = now.offset.to_timestamp(civil).unwrap().display_with_offset(now.offset).to_string();
    format!(
        r#"{{"kind":"session","v":1,"routine":"nightly","mode":"nightly","start":"{start}","end":"{start}","completed":true,"holds":[{{"muscle":"calf","side":"left","holds":2}}]}}"#
    )
}

#[test]
fn the_resume_offer_names_the_step_and_both_answers_work() {
    let t0 = Instant::now();
    let lib = Library::load(None);
    let night = lib.get("nightly").unwrap().clone();
    let at = ResumePoint { step: 1 };
    let mut a = App::new(lib, Start::Offer(night.clone(), at), t0, 1.0, true, Settings::default());
    a.fixed_wall = Some("2026-11-24T23:10:00+01:00".parse().unwrap());
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("You stopped this routine part way tonight."), "{screen}");
    assert!(screen.contains("All its parts tonight count as one night."), "{screen}");
    let want = format!(
        "Resume at step 2 of {} ({}), or start over",
        night.steps.len(),
        night.steps[1].stretch.muscle.as_str()
    );
    assert!(screen.contains(&want), "{screen}");
    assert!(screen.contains("Enter resume · s start over"), "{screen}");
    insta::assert_snapshot!(screen);
    let narrow = draw(&a, 50, 15);
    assert!(narrow.contains("start over"), "{narrow}");
    insta::assert_snapshot!("the_resume_offer_at_50x15", narrow);
    // At 10:14 the night in question is last night.
    a.fixed_wall = Some("2026-11-25T10:14:00+01:00".parse().unwrap());
    let morning = draw(&a, 80, 24);
    assert!(morning.contains("You stopped this routine part way last night."), "{morning}");
    assert!(!morning.contains("tonight"), "{morning}");

    press(&mut a, KeyCode::Enter, t0);
    let (_, step) = phase_step(&a).unwrap();
    assert_eq!(step, 1, "resumed at step 2");
    let mut b = App::new(Library::load(None), Start::Offer(night, at), t0, 1.0, true, Settings::default());
    press(&mut b, KeyCode::Char('s'), t0);
    assert_eq!(phase_step(&b), Some((PhaseKind::GetReady, 0)), "started over");
}

#[test]
fn leaving_part_way_then_choosing_nightly_again_offers_to_resume() {
    let t0 = Instant::now();
    let lib = Library::load(None);
    let night = lib.get("nightly").unwrap().clone();
    let mut a = App::new(lib, Start::Home, t0, 1.0, true, Settings::default());
    press(&mut a, KeyCode::Char('n'), t0);
    // Through the first step (both sides), into the second.
    let mut t = t0;
    while phase_step(&a).is_some_and(|(_, step)| step == 0) {
        t += S;
        a.tick(t);
    }
    press(&mut a, KeyCode::Char('q'), t);
    press(&mut a, KeyCode::Char('y'), t);
    assert!(matches!(a.screen, Screen::Home { .. }));
    press(&mut a, KeyCode::Char('n'), t);
    let Screen::Resume { at, .. } = &a.screen else { panic!("no offer: {:?}", a.screen) };
    assert_eq!(at.step, 1);
    press(&mut a, KeyCode::Enter, t);
    // The rest of the routine from step 2 to the end completes it.
    let left = a.session().unwrap().plan_secs_left(t);
    assert!(left < night.total_secs());
    a.tick(t + left * S + S);
    assert!(matches!(a.screen, Screen::GoodNight { .. }));
    // Two records tonight, the second completed: tonight is done and no
    // further offer is made.
    let now = LocalTime::now();
    assert!(limber::remind::due::tonight_done(&a.tonight, now));
    assert_eq!(a.resume_offer(&night, now), None);
}
