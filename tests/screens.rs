//! A snapshot of every screen, drawn into a `TestBackend` from an app driven
//! with synthetic instants. The view is pure, so each snapshot is exactly
//! what a person would see at that moment.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use limber::routine::Library;
use limber::session::PhaseKind;
use limber::ui::app::{App, Overlay, Screen, Start};
use limber::ui::keys::{Rank, footer_bindings};
use limber::ui::theme::{Background, contrast, xterm_rgb};
use limber::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const S: Duration = Duration::from_secs(1);

fn app(start: &str, t0: Instant) -> App {
    let lib = Library::load(None);
    let start = match start {
        "home" => Start::Home,
        "picker" => Start::ReliefPicker,
        id => Start::Routine(lib.get(id).unwrap().clone()),
    };
    App::new(lib, start, t0, 1.0, true, limber::config::Settings::default())
}

fn press(app: &mut App, code: KeyCode, at: Instant) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE), at);
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t.backend().to_string()
}

fn phase(app: &App) -> Option<PhaseKind> {
    app.session().and_then(|s| s.phase()).map(|p| p.kind)
}

#[test]
fn home() {
    let t0 = Instant::now();
    let _ = draw(&app("home", t0), 80, 24);
}

#[test]
fn relief_picker() {
    let t0 = Instant::now();
    let mut a = app("home", t0);
    press(&mut a, KeyCode::Char('r'), t0);
    assert!(matches!(a.screen, Screen::Picker { .. }));
    let _ = draw(&a, 80, 24);
}

#[test]
fn relief_hold() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 12 * S);
    assert_eq!(phase(&a), Some(PhaseKind::Hold));
    let _ = draw(&a, 100, 32);
}

#[test]
fn relief_still_cramping() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 40 * S);
    assert_eq!(phase(&a), Some(PhaseKind::StillCramping));
    let _ = draw(&a, 80, 24);
}

#[test]
fn after_care() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 40 * S);
    press(&mut a, KeyCode::Enter, t0 + 41 * S);
    assert!(matches!(a.screen, Screen::AfterCare { .. }));
    let screen = draw(&a, 80, 30);
    assert!(screen.contains("Now: after-care"));
    assert!(!screen.contains("This cramp lasted over"));
    insta::assert_snapshot!(screen);
}

#[test]
fn after_care_for_a_long_cramp_puts_the_doctor_first() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    let mut now = t0 + 40 * S;
    a.tick(now);
    // Hold again for twelve minutes.
    for _ in 0..24 {
        press(&mut a, KeyCode::Char(' '), now);
        now += 31 * S;
        a.tick(now);
    }
    press(&mut a, KeyCode::Enter, now);
    let screen = draw(&a, 80, 30);
    let doctor = screen.find("When to see a doctor").unwrap();
    let care = screen.find("Now: after-care").unwrap();
    assert!(doctor < care, "doctor advice comes first after a long cramp");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_long_wait_after_one_hold_is_told_as_the_cramp_lasting_not_stretching() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    // One hold, then eleven minutes at "Still cramping?".
    let now = t0 + 40 * S;
    a.tick(now);
    let now = now + 11 * 60 * S;
    a.tick(now);
    press(&mut a, KeyCode::Enter, now);
    let screen = draw(&a, 80, 30);
    assert!(screen.contains("1 hold over about"), "{screen}");
    assert!(screen.contains("The cramp has lasted over 10 minutes since relief started"), "{screen}");
    assert!(!screen.contains("stretched for"), "one hold is not ten minutes of stretching: {screen}");
    assert!(screen.contains("limber's own rule: past 10 minutes"), "{screen}");
    assert!(screen.contains("gives 9 minutes as the average duration of a cramp"), "{screen}");
}

#[test]
fn nightly_hold() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 15 * S);
    assert_eq!(phase(&a), Some(PhaseKind::Hold));
    let _ = draw(&a, 80, 24);
}

#[test]
fn nightly_switch_sides() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    // 5 get ready + 30 hold + 10 rest + 30 hold, then the switch.
    a.tick(t0 + 77 * S);
    assert_eq!(phase(&a), Some(PhaseKind::Switch));
    let _ = draw(&a, 80, 24);
}

#[test]
fn nightly_rest() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 38 * S);
    assert_eq!(phase(&a), Some(PhaseKind::Rest));
    let _ = draw(&a, 80, 24);
}

#[test]
fn nightly_done_good_night() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 470 * S);
    assert!(matches!(a.screen, Screen::GoodNight { .. }));
    let _ = draw(&a, 80, 24);
}

#[test]
fn help_overlay() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 15 * S);
    press(&mut a, KeyCode::Char('?'), t0 + 15 * S);
    insta::assert_snapshot!(draw(&a, 80, 40));
    press(&mut a, KeyCode::Char('x'), t0 + 16 * S);
    assert!(a.overlay.is_none(), "any key closes help");
}

#[test]
fn paused() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 15 * S);
    press(&mut a, KeyCode::Char(' '), t0 + 15 * S);
    a.tick(t0 + 60 * S);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Paused"));
    let _ = screen;
}

#[test]
fn confirm_quit_nightly() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    press(&mut a, KeyCode::Char('q'), t0 + 15 * S);
    let _ = draw(&a, 80, 24);
    press(&mut a, KeyCode::Char('n'), t0 + 16 * S);
    assert!(a.exit.is_none() && a.overlay.is_none());
    press(&mut a, KeyCode::Char('q'), t0 + 17 * S);
    press(&mut a, KeyCode::Char('y'), t0 + 18 * S);
    assert!(a.exit.is_some());
}

#[test]
fn compact_layout() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 15 * S);
    insta::assert_snapshot!(draw(&a, 30, 8));
}

#[test]
fn tiny_terminal() {
    let t0 = Instant::now();
    let a = app("calf-relief", t0);
    insta::assert_snapshot!(draw(&a, 29, 7));
}

#[test]
fn browse() {
    let t0 = Instant::now();
    let mut a = app("home", t0);
    press(&mut a, KeyCode::Char('b'), t0);
    press(&mut a, KeyCode::Down, t0);
    let _ = draw(&a, 90, 24);
}

#[test]
fn every_size_down_to_one_by_one_draws_without_panic() {
    let t0 = Instant::now();
    let mut apps = vec![app("home", t0), app("picker", t0), app("calf-relief", t0), app("nightly", t0)];
    let mut still = app("calf-relief", t0);
    still.tick(t0 + 40 * S);
    apps.push(still);
    let mut done = app("nightly", t0);
    done.tick(t0 + 470 * S);
    apps.push(done);
    for a in &apps {
        for w in (1..=120).step_by(7) {
            for h in (1..=40).step_by(3) {
                let screen = draw(a, w, h);
                if w < 30 || h < 8 {
                    assert!(screen.trim_start_matches('"').starts_with('e'), "{w}x{h}: {screen}");
                }
            }
        }
    }
}

fn with_history(mut a: App) -> App {
    let load = |f: &str| {
        limber::history::store::load(&std::path::Path::new("tests/fixtures/history").join(f)).unwrap()
    };
    let mut loaded = load("sample.jsonl");
    assert_eq!(loaded.unreadable, 1);
    // Version 2 lines after the version 1 ones: an interrupted session, a
    // cramp logged with pain and a note, and a note added later.
    loaded.records.extend(load("notes.jsonl").records);
    a.set_history(loaded.records, "2026-11-23T23:00:00+01:00".parse().unwrap());
    a
}

#[test]
fn history_screen() {
    let t0 = Instant::now();
    let mut a = with_history(app("home", t0));
    press(&mut a, KeyCode::Char('h'), t0);
    assert!(matches!(a.screen, Screen::History { .. }));
    let screen = draw(&a, 80, 24);
    // Done on the 21st, 22nd and tonight (the 23rd); the 20th was stopped
    // after two holds, which is not a night done.
    assert!(screen.contains("Streak: 3 nights, tonight done"), "{screen}");
    assert!(screen.contains("Cramps per week, newest first"), "the chart fits 80x24: {screen}");
    assert!(screen.contains("Records, newest first"), "{screen}");
    // Newest first: tonight's routine, then the 04:10 cramp with its note.
    let tonight = screen.find("2026-11-23 22:00  session").expect("tonight's session listed");
    let cramp = screen.find("2026-11-23 04:10  cramp    calf").expect("the cramp listed");
    assert!(tonight < cramp, "{screen}");
    assert!(screen.contains("pain 6/10"), "{screen}");
    insta::assert_snapshot!(screen);
    // Scrolling down reaches the older records, notes included.
    for _ in 0..7 {
        press(&mut a, KeyCode::Down, t0);
    }
    let scrolled = draw(&a, 80, 24);
    assert!(scrolled.contains("\"after a long walk\""), "{scrolled}");
    assert!(scrolled.contains("interrupted at step 1 of 3"), "{scrolled}");
    assert!(!scrolled.contains("2026-11-23 22:00  session"), "scrolled past the newest: {scrolled}");
    // Small and large screens: the same page, nothing lost.
    // A small screen scrolls figures and records as one page, to the end.
    for _ in 0..200 {
        press(&mut a, KeyCode::Down, t0);
    }
    let small = draw(&a, 50, 15);
    assert!(small.contains("2026-11-01 22:00  session"), "the oldest record: {small}");
    assert!(!small.contains("Streak"), "{small}");
    let big = draw(&a, 120, 40);
    assert!(big.contains("Cramps per week") && big.contains("after a long walk"), "{big}");
}

#[test]
fn home_with_history_shows_the_streak_and_the_doctor_advice() {
    let t0 = Instant::now();
    let a = with_history(app("home", t0));
    let screen = draw(&a, 80, 24);
    // Four cramps in the last seven nights (one logged) meets the default
    // threshold.
    assert!(screen.contains("4 cramps in the last 7 days"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay_wide() {
    let t0 = Instant::now();
    let mut a = app("home", t0);
    press(&mut a, KeyCode::Char('?'), t0);
    insta::assert_snapshot!(draw(&a, 120, 30));
}

#[test]
fn no_color_draws_without_any_colour() {
    let t0 = Instant::now();
    for start in ["home", "calf-relief", "nightly"] {
        let mut a = app(start, t0);
        a.tick(t0 + 12 * S);
        let mut t = Terminal::new(TestBackend::new(100, 32)).unwrap();
        t.draw(|f| view::render(f, &a)).unwrap();
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{start}: {:?}", cell.symbol());
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{start}: {:?}", cell.symbol());
        }
    }
    // With colour, the same screen does use colour.
    let lib = Library::load(None);
    let coloured = App::new(lib, Start::Home, t0, 1.0, false, limber::config::Settings::default());
    let mut t = Terminal::new(TestBackend::new(100, 32)).unwrap();
    t.draw(|f| view::render(f, &coloured)).unwrap();
    assert!(t.backend().buffer().content().iter().any(|c| c.fg != ratatui::style::Color::Reset));
}

#[test]
fn enter_during_a_relief_hold_means_its_gone_and_does_nothing_in_nightly() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 10 * S);
    press(&mut a, KeyCode::Enter, t0 + 10 * S);
    assert!(matches!(a.screen, Screen::AfterCare { holds: 1, .. }));
    let mut n = app("nightly", t0);
    n.tick(t0 + 10 * S);
    press(&mut n, KeyCode::Enter, t0 + 10 * S);
    assert_eq!(phase(&n), Some(PhaseKind::Hold));
}

#[test]
fn relief_left_before_the_first_hold_records_the_session_but_no_cramp() {
    use limber::history::Record;
    let kinds = |a: &App| -> Vec<&'static str> {
        a.records
            .iter()
            .map(|r| match r {
                Record::Start { .. } => "start",
                Record::Hold { .. } => "hold",
                Record::Session { .. } => "session",
                Record::Cramp { .. } => "cramp",
                Record::Note { .. } => "note",
            })
            .collect()
    };
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    press(&mut a, KeyCode::Char('q'), t0 + S);
    assert_eq!(kinds(&a), ["start", "session"]);
    let mut b = app("calf-relief", t0);
    b.tick(t0 + 5 * S);
    press(&mut b, KeyCode::Char('q'), t0 + 5 * S);
    assert_eq!(kinds(&b), ["start", "session", "cramp"], "a hold started: the cramp is recorded");
    // The session and its cramp are written from one value.
    let (Record::Session { holds, start, end, .. }, Record::Cramp { holds: n, secs, .. }) =
        (&b.records[1], &b.records[2])
    else {
        panic!("{:?}", b.records)
    };
    assert_eq!(holds.iter().map(|h| h.holds).sum::<u32>(), *n);
    assert_eq!(end.instant.as_second() - start.instant.as_second(), *secs as i64);
}

#[test]
fn every_finished_hold_is_recorded_as_it_ends_with_the_session_id() {
    use limber::history::Record;
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    // Skip through the whole routine with `n`: every hold skipped.
    for i in 0..200 {
        press(&mut a, KeyCode::Char('n'), t0 + i * S / 10);
    }
    let Some(Record::Session { completed, held_secs, skipped, planned_secs, .. }) =
        a.records.iter().find(|r| matches!(r, Record::Session { .. }))
    else {
        panic!("{:?}", a.records)
    };
    assert!(*completed, "every phase was reached");
    assert_eq!(*held_secs, Some(0));
    assert!(skipped.is_some_and(|k| k > 0) && planned_secs.is_some_and(|p| p > 0));
    let merged = limber::history::merge(&a.records);
    assert!(!merged.sessions[0].done(), "skipping every step is not a night done");

    // Held for real: a hold record after each hold, all with one id.
    let mut b = app("nightly", t0);
    b.tick(t0 + 120 * S);
    let ids: Vec<&str> = b
        .records
        .iter()
        .map(|r| match r {
            Record::Start { id, .. } | Record::Hold { id, .. } => id.as_str(),
            _ => panic!("only start and holds so far: {r:?}"),
        })
        .collect();
    assert!(ids.len() >= 3, "{:?}", b.records);
    assert!(ids.iter().all(|i| *i == ids[0]));
    let merged = limber::history::merge(&b.records);
    let s = &merged.sessions[0];
    assert!(!s.ended);
    assert_eq!(s.held_secs, Some(30 * (ids.len() as u32 - 1)), "{s:?}");
}

#[test]
fn the_bell_fallback_flashes_relief_but_never_nightly() {
    let t0 = Instant::now();
    let top_reversed = |a: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view::render(f, a)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..80).all(|x| buf[(x, 0)].modifier.contains(ratatui::style::Modifier::REVERSED))
    };
    let mut relief = app("calf-relief", t0);
    relief.tick(t0 + 3 * S);
    relief.bell(t0 + 3 * S);
    assert!(top_reversed(&relief), "relief flashes");
    assert_eq!(relief.next_wakeup(), Some(t0 + 3 * S + limber::ui::app::FLASH), "woken to end the flash");
    relief.tick(t0 + 3 * S + limber::ui::app::FLASH);
    assert!(!top_reversed(&relief), "the flash ends");

    let mut nightly = app("nightly", t0);
    nightly.tick(t0 + 6 * S);
    nightly.bell(t0 + 6 * S);
    assert!(!top_reversed(&nightly), "nightly never flashes");
}

#[test]
fn relief_first_screen_names_the_alternatives_at_50x15() {
    let t0 = Instant::now();
    let a = app("calf-relief", t0);
    let screen = draw(&a, 50, 15);
    // The seated stretch starts; the others are one key away, on screen.
    assert!(screen.contains("Seated calf stretch"), "{screen}");
    assert!(screen.contains("2 Straight-leg foot pull"), "{screen}");
    assert!(screen.contains("3 Standing calf stretch"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn relief_first_screen_names_the_alternatives_at_80x24() {
    let t0 = Instant::now();
    let a = app("calf-relief", t0);
    let screen = draw(&a, 80, 24);
    assert!(
        screen.contains("Other stretches: 2 Straight-leg foot pull · 3 Standing calf stretch"),
        "{screen}"
    );
    // The cue line is shown under the countdown.
    assert!(screen.contains("Leg extended, gently flex and point your foot."), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_number_key_switches_relief_to_that_stretch() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 5 * S);
    press(&mut a, KeyCode::Char('3'), t0 + 5 * S);
    let s = a.session().unwrap();
    assert_eq!(s.routine().steps[s.phase().unwrap().step].stretch.id.as_str(), "calf-standing");
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("1 Seated calf stretch · 2 Straight-leg foot pull"), "{screen}");
    // A single-stretch relief has no choice and ignores digits.
    let mut h = app("hamstring-relief", t0);
    press(&mut h, KeyCode::Char('2'), t0 + S);
    assert!(!draw(&h, 80, 24).contains("Other stretches"));
    assert_eq!(h.session().unwrap().phase().unwrap().step, 0);
}

#[test]
fn after_care_after_q_puts_the_doctor_first() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 40 * S);
    press(&mut a, KeyCode::Char('q'), t0 + 41 * S);
    assert!(matches!(a.screen, Screen::AfterCare { stopped: true, holds: 1, .. }));
    assert!(a.exit.is_none(), "the advice is shown before leaving");
    let screen = draw(&a, 80, 30);
    assert!(screen.contains("Relief stopped."), "{screen}");
    let doctor = screen.find("When to see a doctor").unwrap();
    let care = screen.find("Now: after-care").unwrap();
    assert!(doctor < care, "doctor first when the cramp may not have gone");
    insta::assert_snapshot!(screen);
    press(&mut a, KeyCode::Char('q'), t0 + 42 * S);
    assert!(a.exit.is_some());
}

#[test]
fn pauses_do_not_count_towards_the_long_cramp_note() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    press(&mut a, KeyCode::Char(' '), t0 + 5 * S);
    // Paused for 20 minutes, then the cramp goes.
    press(&mut a, KeyCode::Char(' '), t0 + 1205 * S);
    press(&mut a, KeyCode::Enter, t0 + 1210 * S);
    let Screen::AfterCare { lasted, .. } = &a.screen else { panic!("after-care") };
    assert_eq!(lasted.as_secs(), 10);
    let screen = draw(&a, 80, 30);
    assert!(!screen.contains("over 10 minutes"), "{screen}");
    assert!(screen.find("Now: after-care").unwrap() < screen.find("When to see a doctor").unwrap());
}

#[test]
fn the_long_cramp_note_is_labelled_as_limbers_own_rule() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    let mut now = t0 + 40 * S;
    a.tick(now);
    for _ in 0..24 {
        press(&mut a, KeyCode::Char(' '), now);
        now += 31 * S;
        a.tick(now);
    }
    press(&mut a, KeyCode::Enter, now);
    let screen = draw(&a, 120, 40).replace(['"', '│'], " ");
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("limber's own rule"), "{flat}");
    assert!(flat.contains("gives 9 minutes as the average duration"), "{flat}");
}

#[test]
fn learn_page_from_the_home_key() {
    let t0 = Instant::now();
    let mut a = app("home", t0);
    press(&mut a, KeyCode::Char('l'), t0);
    assert!(matches!(a.screen, Screen::Learn { .. }));
    let screen = draw(&a, 80, 40);
    assert!(screen.contains("Causes and risk factors"), "{screen}");
    assert!(screen.contains("(\"Leg Cramping\")"), "each item names its article: {screen}");
    insta::assert_snapshot!(screen);
    press(&mut a, KeyCode::Char('q'), t0);
    assert!(matches!(a.screen, Screen::Home { .. }));
}

#[test]
fn the_home_screens_doctor_line_is_not_dim() {
    let t0 = Instant::now();
    for no_color in [true, false] {
        let lib = Library::load(None);
        let a = App::new(lib, Start::Home, t0, 1.0, no_color, limber::config::Settings::default());
        let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
        t.draw(|f| view::render(f, &a)).unwrap();
        let buf = t.backend().buffer().clone();
        let row = (0..24)
            .find(|y| (0..100).map(|x| buf[(x, *y)].symbol()).collect::<String>().contains("see a doctor"))
            .expect("the doctor line is on screen");
        for x in 0..100 {
            let cell = &buf[(x, row)];
            if cell.symbol() != " " {
                assert!(!cell.modifier.contains(ratatui::style::Modifier::DIM), "dim at {x}");
                assert_ne!(cell.fg, ratatui::style::Color::Gray, "drawn in the dim colour at {x}");
            }
        }
    }
}

#[test]
fn still_cramping_offers_the_next_stretch_only_when_there_is_one() {
    let t0 = Instant::now();
    let at_question = |id: &str| {
        let mut a = app(id, t0);
        a.tick(t0 + 40 * S);
        assert_eq!(phase(&a), Some(PhaseKind::StillCramping), "{id}");
        draw(&a, 80, 24)
    };
    let calf = at_question("calf-relief");
    assert!(calf.contains("Still cramping?") && calf.contains("n: next stretch"), "{calf}");
    // Hamstring relief has one stretch: there is no next one to offer.
    let hamstring = at_question("hamstring-relief");
    assert!(hamstring.contains("Space: hold again") && hamstring.contains("Enter: it's gone"), "{hamstring}");
    assert!(!hamstring.contains("next stretch"), "{hamstring}");
}

// ---------------------------------------------------------------------------
// Every screen at every size, in every theme.

/// The sizes people use: a small split, the classic terminal, a big window.
const SIZES: [(u16, u16); 3] = [(50, 15), (80, 24), (120, 40)];

/// Every screen of the matrix, by name, as a person reaches it.
fn every_screen(t0: Instant) -> Vec<(&'static str, App)> {
    let at = |id: &str, secs: u32| {
        let mut a = app(id, t0);
        a.tick(t0 + secs * S);
        a
    };
    let mut out = vec![("home", with_history(app("home", t0))), ("picker", app("picker", t0))];
    let mut browse = app("home", t0);
    press(&mut browse, KeyCode::Char('b'), t0);
    out.push(("browse", browse));
    out.push(("relief_get_ready", at("calf-relief", 1)));
    out.push(("relief_hold", at("calf-relief", 12)));
    out.push(("relief_still_cramping", at("calf-relief", 40)));
    out.push(("nightly_get_ready", at("nightly", 1)));
    out.push(("nightly_hold", at("nightly", 15)));
    out.push(("nightly_switch", at("nightly", 77)));
    out.push(("nightly_rest", at("nightly", 38)));
    let mut care = at("calf-relief", 40);
    press(&mut care, KeyCode::Enter, t0 + 41 * S);
    out.push(("after_care", care));
    out.push(("good_night", at("nightly", 470)));
    let mut hist = with_history(app("home", t0));
    press(&mut hist, KeyCode::Char('h'), t0);
    out.push(("history", hist));
    let mut learn = app("home", t0);
    press(&mut learn, KeyCode::Char('l'), t0);
    out.push(("learn", learn));
    let mut help = at("nightly", 15);
    press(&mut help, KeyCode::Char('?'), t0 + 15 * S);
    out.push(("help", help));
    let mut paused = at("nightly", 15);
    press(&mut paused, KeyCode::Char(' '), t0 + 15 * S);
    out.push(("paused", paused));
    let mut confirm = at("nightly", 15);
    press(&mut confirm, KeyCode::Char(' '), t0 + 15 * S);
    press(&mut confirm, KeyCode::Char('q'), t0 + 16 * S);
    out.push(("confirm_quit", confirm));
    out
}

fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn snapshot_matrix_every_screen_at_every_size() {
    let t0 = Instant::now();
    for (name, mut a) in every_screen(t0) {
        let mut all = String::new();
        for (w, h) in SIZES {
            a.viewport = (w, h);
            a.no_color = false;
            a.background = Background::Dark;
            let dark = draw(&a, w, h);
            a.background = Background::Light;
            // Themes change colours only: the snapshot stands for both.
            assert_eq!(dark, draw(&a, w, h), "{name} {w}x{h}: light lays out like dark");
            all.push_str(&format!("---- {w}x{h}\n{dark}\n"));
        }
        insta::assert_snapshot!(format!("matrix_{name}"), all);
    }
}

/// The footer always offers the keys that answer or leave the screen.
#[test]
fn every_footer_has_the_essential_keys_at_every_size() {
    let t0 = Instant::now();
    for (name, mut a) in every_screen(t0) {
        for (w, h) in SIZES {
            a.viewport = (w, h);
            let buf = buffer(&a, w, h);
            let footer = row(&buf, h - 1);
            let essential: Vec<&str> = footer_bindings(&a.contexts())
                .into_iter()
                .filter(|b| b.action.rank() == Rank::Essential)
                .map(|b| b.label)
                .collect();
            assert!(!essential.is_empty(), "{name}: no essential key");
            for label in &essential {
                let found = footer.split([' ', '·']).any(|t| t == *label);
                assert!(found, "{name} {w}x{h}: footer lacks {label}: {footer:?}");
            }
        }
    }
    // What the screen asks, the footer answers.
    let mut still = app("calf-relief", t0);
    still.tick(t0 + 40 * S);
    for (w, h) in SIZES {
        let buf = buffer(&still, w, h);
        let footer = row(&buf, h - 1);
        assert!(
            footer.contains("Space hold again") && footer.contains("Enter it's gone"),
            "{w}x{h}: {footer}"
        );
        assert!(!footer.contains("pause"), "{w}x{h}: {footer}");
    }
    let mut paused = app("nightly", t0);
    press(&mut paused, KeyCode::Char(' '), t0 + 15 * S);
    let footer = row(&buffer(&paused, 80, 24), 23);
    assert!(footer.contains("Space resume") && !footer.contains("pause"), "{footer}");
    let picker = app("picker", t0);
    let footer = row(&buffer(&picker, 50, 15), 14);
    for k in ["c calf", "h hamstring", "t thigh", "  q"] {
        assert!(footer.contains(k), "picker footer lacks {k}: {footer}");
    }
}

/// Every foreground/background pair drawn, in every theme, meets WCAG AA
/// against the background the theme assumes: 4.5:1 for text, 3:1 for big
/// digits, bars and borders.
#[test]
fn every_colour_pair_meets_wcag_contrast_in_every_theme() {
    let t0 = Instant::now();
    let graphic = |s: &str| s.chars().all(|c| ('\u{2500}'..='\u{259f}').contains(&c) || "▕▏║═".contains(c));
    let mut checked = 0;
    for (name, mut a) in every_screen(t0) {
        a.no_color = false;
        for bg in [Background::Dark, Background::Light, Background::HighContrast] {
            a.background = bg;
            for (w, h) in SIZES {
                let buf = buffer(&a, w, h);
                for y in 0..h {
                    for x in 0..w {
                        let c = &buf[(x, y)];
                        if c.symbol().trim().is_empty() {
                            continue;
                        }
                        let (mut fg, mut back) = (c.fg, c.bg);
                        if c.modifier.contains(Modifier::REVERSED) {
                            std::mem::swap(&mut fg, &mut back);
                        }
                        let rgb = |col: Color| match col {
                            Color::Indexed(i) => xterm_rgb(i),
                            _ => None,
                        };
                        let at =
                            format!("{name} {bg:?} {w}x{h} ({x},{y}) {:?} {fg:?} on {back:?}", c.symbol());
                        if fg == Color::Reset && back == Color::Reset {
                            // The terminal's own text on its own background.
                            continue;
                        }
                        let f = rgb(fg).unwrap_or_else(|| panic!("{at}: not a fixed 256-colour foreground"));
                        let backs: Vec<(u8, u8, u8)> = match back {
                            Color::Reset => bg.assumed().to_vec(),
                            other => {
                                vec![rgb(other).unwrap_or_else(|| panic!("{at}: not a fixed background"))]
                            }
                        };
                        let need = if graphic(c.symbol()) { 3.0 } else { 4.5 };
                        for b in backs {
                            let r = contrast(f, b);
                            assert!(r >= need, "{at}: contrast {r:.2} against {b:?}, needs {need}");
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} cells checked");
}

#[test]
fn help_scrolls_to_every_key_at_80x24_and_pauses_the_hold() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.viewport = (80, 24);
    a.tick(t0 + 15 * S);
    let before = a.session().unwrap().remaining_display_secs(t0 + 15 * S);
    press(&mut a, KeyCode::Char('?'), t0 + 15 * S);
    assert!(a.session().unwrap().is_paused(), "help pauses the hold");
    let mut seen = String::new();
    for i in 0..60 {
        seen.push_str(&draw(&a, 80, 24));
        press(&mut a, KeyCode::Down, t0 + (16 + i) * S);
    }
    for key in ["Ctrl-Z", "mute / unmute cues", "quit / back", "thigh (quadriceps", "no, carry on"] {
        assert!(seen.contains(key), "help never shows {key:?}");
    }
    let Some(Overlay::Help { scroll }) = a.overlay else { panic!("help closed") };
    assert!(scroll > 0 && scroll < 60, "help stops scrolling at its end: {scroll}");
    let screen = draw(&a, 80, 24);
    assert!(!screen.contains("Paused"), "one box at a time: {screen}");
    press(&mut a, KeyCode::Char('x'), t0 + 80 * S);
    assert!(a.overlay.is_none() && !a.session().unwrap().is_paused(), "closing help resumes");
    assert_eq!(a.session().unwrap().remaining_display_secs(t0 + 80 * S), before, "no hold time lost");
}

#[test]
fn pages_stop_at_their_end_and_show_where_they_are() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 40 * S);
    press(&mut a, KeyCode::Enter, t0 + 41 * S);
    a.viewport = (50, 15);
    let first = draw(&a, 50, 15);
    assert!(first.contains("↓ 1/"), "{first}");
    for _ in 0..200 {
        press(&mut a, KeyCode::Down, t0 + 42 * S);
    }
    let Screen::AfterCare { scroll, .. } = a.screen else { panic!() };
    let last = draw(&a, 50, 15);
    press(&mut a, KeyCode::Up, t0 + 43 * S);
    let Screen::AfterCare { scroll: up, .. } = a.screen else { panic!() };
    assert_eq!(up + 1, scroll, "one key up moves back at once from the end");
    let pages = last.split("↑ ").nth(1).and_then(|s| s.split('/').next()).unwrap_or("");
    assert!(last.contains(&format!("↑ {pages}/{pages}")), "the last screenful says so: {last}");
    assert!(!last.lines().nth(1).unwrap_or("").trim_matches(['│', ' ', '"']).is_empty(), "no empty page");
    // The footer offers only the scroll key that moves the page.
    let footer = |screen: &str| screen.lines().last().unwrap_or("").to_string();
    assert!(footer(&first).contains("↓ scroll down") && !footer(&first).contains("↑"), "{first}");
    assert!(footer(&last).contains("↑ scroll up") && !footer(&last).contains("↓"), "{last}");
}

#[test]
fn the_countdown_and_its_bar_both_count_down() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 14 * S);
    let screen = draw(&a, 80, 24);
    // Get ready 2 s, then a 30 s hold: 18 s left.
    assert!(screen.contains("18 s left"), "{screen}");
    assert!(!screen.contains(" of 30 s"), "{screen}");
    let mut n = app("nightly", t0);
    n.tick(t0 + 15 * S);
    let screen = draw(&n, 80, 24);
    assert!(screen.contains("routine: 7 min 35 s left"), "the whole routine's bar: {screen}");
}

#[test]
fn the_heading_style_holds_through_the_routine() {
    let t0 = Instant::now();
    // Nightly has a long stretch name later on: no step uses big type at
    // 80 columns, so the style never changes mid-routine.
    let mut a = app("nightly", t0);
    let mut styles = Vec::new();
    for secs in [15u32, 120, 200, 300, 400] {
        a.tick(t0 + secs * S);
        let buf = buffer(&a, 80, 24);
        let name = a
            .session()
            .and_then(|s| s.phase())
            .map(|p| a.session().unwrap().routine().steps[p.step].stretch.name.to_string());
        let plain = (0..24).any(|y| row(&buf, y).contains(name.as_deref().unwrap_or("?")));
        styles.push(plain);
    }
    assert!(styles.windows(2).all(|w| w[0] == w[1]), "{styles:?}");
}

#[test]
fn the_sound_notice_shows_then_becomes_a_mark() {
    let t0 = Instant::now();
    let mut a = app("calf-relief", t0);
    a.tick(t0 + 5 * S);
    a.add_marked_notice(
        "bell",
        "sound: terminal bell (ALSA \"default\" could not be opened: No such file or directory)".into(),
    );
    let screen = draw(&a, 50, 15);
    assert!(screen.contains("sound: terminal bell"), "{screen}");
    assert!(!screen.contains("direct\""), "never cut mid-word: {screen}");
    assert!(screen.contains('…'), "{screen}");
    a.tick(t0 + 20 * S);
    let screen = draw(&a, 50, 15);
    assert!(!screen.contains("sound: terminal bell"), "{screen}");
    assert!(screen.lines().next().unwrap_or("").contains("bell"), "a mark in the header: {screen}");
    press(&mut a, KeyCode::Char('?'), t0 + 21 * S);
    let help = draw(&a, 80, 40);
    assert!(help.contains("No such file or"), "the whole text is in help: {help}");
}

#[test]
fn nightly_get_ready_next_names_the_hold_after_the_coming_one() {
    let t0 = Instant::now();
    let a = app("nightly", t0);
    assert_eq!(phase(&a), Some(PhaseKind::GetReady));
    let s = a.session().unwrap();
    let coming = s.next_hold().unwrap();
    let name = s.routine().steps[coming.step].stretch.name.to_string();
    let screen = draw(&a, 120, 40);
    // Getting ready for the first stretch's left leg: "Next" is what comes
    // after that hold, not that hold again.
    assert!(!screen.contains(&format!("Next: {name}, left leg")), "{screen}");
    assert!(screen.contains("Next: left leg, hold 2"), "{screen}");
}

#[test]
fn the_quit_question_pauses_the_routine_and_carry_on_loses_no_hold_time() {
    let t0 = Instant::now();
    let mut a = app("nightly", t0);
    a.tick(t0 + 15 * S);
    assert_eq!(phase(&a), Some(PhaseKind::Hold));
    let left = a.session().unwrap().plan_secs_left(t0 + 15 * S);
    let index = a.session().unwrap().phase_index();
    press(&mut a, KeyCode::Char('q'), t0 + 15 * S);
    assert!(a.session().unwrap().is_paused(), "the question pauses the routine");
    // A minute with the question open: the clock does not move on, and
    // Space (a session key) does nothing behind the box.
    a.tick(t0 + 75 * S);
    press(&mut a, KeyCode::Char(' '), t0 + 75 * S);
    assert!(a.session().unwrap().is_paused());
    assert_eq!(a.session().unwrap().phase_index(), index);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("y stop · n carry on"), "{screen}");
    press(&mut a, KeyCode::Char('n'), t0 + 75 * S);
    let s = a.session().unwrap();
    assert!(a.overlay.is_none() && !s.is_paused(), "n carries on");
    assert_eq!(s.plan_secs_left(t0 + 75 * S), left, "no hold time lost");
    // q and Esc inside the question also carry on; a session paused before
    // the question stays paused after it.
    press(&mut a, KeyCode::Char('q'), t0 + 76 * S);
    press(&mut a, KeyCode::Esc, t0 + 80 * S);
    assert!(a.overlay.is_none() && !a.session().unwrap().is_paused());
    press(&mut a, KeyCode::Char(' '), t0 + 81 * S);
    press(&mut a, KeyCode::Char('q'), t0 + 82 * S);
    press(&mut a, KeyCode::Char('q'), t0 + 83 * S);
    assert!(a.overlay.is_none() && a.session().unwrap().is_paused());
    assert!(a.exit.is_none());
}

#[test]
fn the_get_ready_source_line_fits_on_one_row_at_80x24() {
    let t0 = Instant::now();
    let a = app("nightly", t0);
    assert_eq!(phase(&a), Some(PhaseKind::GetReady));
    let screen = draw(&a, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    // The row with "Source:" (when there is room for one) ends its quote:
    // no title cut mid-way with the rest on a row that is not there.
    if let Some(row) = rows.iter().find(|r| r.contains("Source:")) {
        let text = row.trim_matches('"');
        let from = &text[text.find("Source:").unwrap()..];
        let seg = &from[..=from.rfind('"').unwrap()];
        assert_eq!(seg.matches('"').count() % 2, 0, "a title cut open: {row}\n{screen}");
        assert!(seg.contains("Leg Muscle Spasms\"") || !seg.contains("hold"), "{row}\n{screen}");
    }
    assert!(!rows.iter().any(|r| r.contains("Understanding") && !r.contains("Source:")), "{screen}");
    // Help has the sources in full.
    let mut a = a;
    press(&mut a, KeyCode::Char('?'), t0);
    let help = draw(&a, 120, 60);
    assert!(help.contains("the 15-30 s hold:"), "{help}");
}
