//! Snapshots of the screens about the person's own routines: the nightly
//! picker, the screen before a nightly routine whose user file is broken,
//! and the one-line notice when a relief routine stands in for one.

use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use limber::config::Settings;
use limber::routine::{Library, Mode, Origin};
use limber::ui::app::{App, Exit, Screen, Start};
use limber::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t.backend().to_string()
}

fn press(app: &mut App, code: KeyCode, at: Instant) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE), at);
}

/// A library over a fixture folder (relative, so paths in snapshots are
/// stable).
fn library(dir: &str) -> Library {
    Library::load(Some(Path::new(dir)))
}

#[test]
fn nightly_picker_lists_every_nightly_routine_with_its_length() {
    let t0 = Instant::now();
    let settings = Settings { nightly_routine: Some("evening-calves".into()), ..Settings::default() };
    let mut a = App::new(library("tests/fixtures/valid"), Start::Home, t0, 1.0, true, settings);
    press(&mut a, KeyCode::Char('n'), t0);
    assert!(matches!(a.screen, Screen::NightlyPicker { selected: 0 }));
    let ids: Vec<String> = a.nightly_routines().iter().map(|r| r.id.to_string()).collect();
    // The configured one first, then the library's order.
    assert_eq!(ids, ["evening-calves", "nightly", "gentle", "minimal"]);
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("Evening calves") && screen.contains("(usual)"), "{screen}");
    insta::assert_snapshot!(screen);
    // Down, Enter: the second one starts.
    press(&mut a, KeyCode::Down, t0);
    press(&mut a, KeyCode::Enter, t0);
    assert_eq!(a.session().map(|s| s.routine().id.to_string()).as_deref(), Some("nightly"));
}

#[test]
fn one_nightly_routine_starts_at_once_and_the_config_choice_is_used() {
    let t0 = Instant::now();
    let mut a = App::new(Library::load(None), Start::Home, t0, 1.0, true, Settings::default());
    press(&mut a, KeyCode::Char('n'), t0);
    assert_eq!(a.session().map(|s| s.routine().id.to_string()).as_deref(), Some("nightly"));
}

#[test]
fn broken_nightly_override_asks_before_running_the_builtin() {
    let t0 = Instant::now();
    let lib = library("tests/fixtures/broken-override");
    assert!(lib.get("nightly").is_some_and(|r| r.origin == Origin::BuiltIn));
    let mut a = App::new(lib, Start::Home, t0, 1.0, true, Settings::default());
    press(&mut a, KeyCode::Char('n'), t0);
    assert!(matches!(a.screen, Screen::BrokenOverride { builtin: Some(_), .. }), "never a silent fallback");
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("tests/fixtures/broken-override/nightly.toml, line 13:"), "{screen}");
    assert!(screen.contains("`hold` must be from 15 to 30 seconds"), "{screen}");
    insta::assert_snapshot!(screen);
    press(&mut a, KeyCode::Enter, t0);
    let r = a.session().map(|s| s.routine().clone()).unwrap();
    assert_eq!((r.id.as_str(), &r.origin), ("nightly", &Origin::BuiltIn));
}

#[test]
fn quitting_the_broken_override_screen_names_the_file_to_fix() {
    let t0 = Instant::now();
    let lib = library("tests/fixtures/broken-override");
    let night = lib.get("nightly").unwrap().clone();
    let mut a = App::new(lib, Start::Routine(night), t0, 1.0, true, Settings::default());
    assert!(a.session().is_none());
    press(&mut a, KeyCode::Char('q'), t0);
    assert_eq!(a.exit, Some(Exit::Normal));
    let parting = a.parting.clone().unwrap();
    assert!(parting.contains("limber edit nightly") && parting.contains(":13:"), "{parting}");
}

#[test]
fn relief_over_a_broken_file_starts_at_once_with_one_line_on_top() {
    let t0 = Instant::now();
    let lib = library("tests/fixtures/broken-override");
    let calf = lib.get("calf-relief").unwrap().clone();
    assert_eq!(calf.mode, Mode::Relief);
    let mut a = App::new(lib, Start::Routine(calf), t0, 1.0, true, Settings::default());
    a.tick(t0 + Duration::from_secs(5));
    assert!(a.session().is_some(), "relief starts at once");
    let screen = draw(&a, 50, 15);
    let top = screen.lines().next().unwrap();
    assert!(top.contains("calf-relief.toml line 12 has an error: skipped"), "{screen}");
    insta::assert_snapshot!(screen);
    let wide = draw(&a, 200, 40);
    assert!(wide.lines().next().unwrap().contains("`hold` must be from 15 to 30"), "{wide}");
}

#[test]
fn the_choices_stay_on_screen_when_the_message_is_long() {
    let t0 = Instant::now();
    let lib = library("tests/fixtures/broken-override");
    let night = lib.get("nightly").unwrap().clone();
    let a = App::new(lib, Start::Routine(night), t0, 1.0, true, Settings::default());
    for (w, h) in [(50, 15), (40, 12), (30, 10), (80, 24), (120, 40)] {
        let screen = draw(&a, w, h);
        assert!(screen.contains("q      quit to fix"), "{w}x{h}:\n{screen}");
        assert!(screen.contains("Enter  run the built-in"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn a_configured_nightly_routine_that_only_exists_broken_is_named_not_replaced() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/broken-override/nightly.toml").unwrap();
    std::fs::write(
        dir.path().join("my-evening.toml"),
        text.replace("id = \"nightly\"", "id = \"my-evening\""),
    )
    .unwrap();
    let settings = Settings { nightly_routine: Some("my-evening".into()), ..Settings::default() };
    let mut a = App::new(Library::load(Some(dir.path())), Start::Home, t0, 1.0, true, settings);
    press(&mut a, KeyCode::Char('n'), t0);
    let Screen::BrokenOverride { builtin: None, broken } = &a.screen else {
        panic!("expected the broken-file screen, got {:?}", a.screen)
    };
    assert_eq!(broken.id, "my-evening");
    let screen = draw(&a, 80, 24);
    assert!(screen.contains("There is no built-in routine `my-evening`"), "{screen}");
    assert!(!screen.contains("Enter  run the built-in"), "{screen}");
    press(&mut a, KeyCode::Enter, t0);
    assert!(a.session().is_none(), "Enter does not start anything");
}
