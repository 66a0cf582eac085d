//! The terminal interface: the model ([`app`]), keys ([`keys`]), drawing
//! ([`view`]), and the loop here that ties them to the real terminal.

pub mod app;
pub mod eventlog;
pub mod input;
pub mod keys;
pub mod terminal;
pub mod theme;
pub mod view;

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
pub use app::Start;
use app::{App, Exit};
use input::Msg;
use signal_hook::consts::{SIGCONT, SIGTSTP};

use crate::audio::voice::{self, Voice};
use crate::audio::{Audio, Note};
use crate::cli::SessionArgs;
use crate::config::Settings;
use crate::routine::Library;

/// `LIMBER_TIME_SCALE`: run every duration this many times faster (1 to
/// [`MAX_SCALE`](crate::session::engine::MAX_SCALE)).
pub fn time_scale() -> Result<f64> {
    use crate::session::engine::MAX_SCALE;
    match std::env::var("LIMBER_TIME_SCALE") {
        Err(_) => Ok(1.0),
        Ok(v) => match v.trim().parse::<f64>() {
            Ok(x) if (1.0..=MAX_SCALE).contains(&x) => Ok(x),
            _ => bail!(
                "LIMBER_TIME_SCALE must be a number from 1 to {MAX_SCALE}, found {:?}",
                crate::text::printable(&v)
            ),
        },
    }
}

/// While continued in the background, how often to look whether the
/// terminal is ours again.
const BACKGROUND_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Runs the interface until the person quits or a signal arrives.
pub fn run(library: Library, start: Start, args: SessionArgs) -> Result<ExitCode> {
    let scale = time_scale()?;
    // Every way in needs a terminal to draw on and read keys from; say so
    // plainly instead of failing somewhere inside the terminal library.
    {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            crate::errln!(
                "limber needs a terminal: run it in a terminal window, not with its input or output \
                 redirected (`limber list`, `show` and `history` work anywhere)"
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let (tx, rx) = mpsc::channel();
    let log = match &args.event_log {
        Some(p) => {
            let log_tx = tx.clone();
            Some(
                eventlog::EventLog::create(p, move |why| {
                    let _ = log_tx.send(Msg::Notice(why));
                })
                .with_context(|| {
                    format!(
                        "cannot create the event log {}",
                        crate::text::printable(&p.display().to_string())
                    )
                })?,
            )
        }
        None => None,
    };
    let no_color = theme::Theme::no_color_from_env();
    let (mut settings, config_problem) = Settings::load();
    settings.volume_flag = args.volume;
    settings.start_muted = args.mute;
    // Tonight's end of the history, read now (it is small and bounded), so
    // a nightly routine left part way tonight can be offered for resuming
    // before its first frame.
    let tonight = crate::history::store::default_path()
        .and_then(|p| crate::history::tail::tonight(&p, crate::history::LocalTime::now()).ok())
        .unwrap_or_default();
    let mut app = App::new(library, Start::Home, Instant::now(), scale, no_color, settings);
    // One stat, no systemctl: asking systemd would spawn a program before
    // the first frame (slow, and it may hang without a user manager).
    if app.settings.remind_at.is_some() {
        app.reminder_scheduled =
            crate::remind::install::scheduled_on_disk(crate::remind::install::Scheduler::here());
    }
    app.tonight = tonight;
    app.begin(start, Instant::now());
    if let Some(w) = crate::clock::tz_warning() {
        app.add_notice(w);
    }
    if let Some(d) = config_problem {
        // Only the keys the problems are in were left out; say which.
        let kept = match app.settings.ignored_keys.as_slice() {
            [] => "defaults used".to_string(),
            keys => {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                format!("{} ignored", keys.join(", "))
            }
        };
        app.add_marked_notice("config error", format!("config.toml line {}: {}; {kept}", d.line, d.message));
    }

    // Signals first, so the terminal is restored even on a very early
    // SIGTERM; then the theme and the first frame; everything else after it, so someone
    // with a cramp sees the stretch as soon as possible.
    input::spawn_signals(tx.clone()).context("cannot listen for signals")?;
    let theme = args.theme.unwrap_or(app.settings.theme);
    // `auto` asks the terminal for its background before the first frame,
    // while nothing else reads the terminal: a key typed after the stretch
    // is on screen is never taken for the answer. Terminals answer within a
    // millisecond, and those that cannot answer the query say so at once
    // (the device-attributes reply); only a terminal that answers nothing
    // costs the whole [`theme::QUERY_TIMEOUT`]. A key already typed is kept
    // for the key reader and the theme stays dark.
    let typed = || crossterm::event::poll(std::time::Duration::ZERO).unwrap_or(true);
    app.background = match theme {
        theme::ThemeChoice::Auto if no_color || typed() => theme::Background::Dark,
        other => other.resolve(),
    };

    let mut tui = terminal::Tui::enter().context("cannot set up the terminal")?;
    app.viewport = tui.terminal.size().map(|s| (s.width, s.height)).unwrap_or(app.viewport);
    tui.terminal.draw(|f| view::render(f, &app))?;
    input::spawn_keys(tx.clone());
    let audio_tx = tx.clone();
    let audio = Audio::start(move |note| {
        let _ = audio_tx.send(Msg::Audio(note));
    })
    .inspect_err(|e| app.add_marked_notice("no sound", format!("sound is off: {e}")))
    .ok();
    let voice = voice::find(&app.settings.voice).map(Voice::start);
    // The history loads on its own thread: the home screen shows the streak
    // when it arrives.
    let history_path = crate::history::store::default_path();
    let loader_tx = tx.clone();
    let load_path = history_path.clone();
    let _ = std::thread::Builder::new().name("history-load".into()).spawn(move || {
        let loaded = load_path.as_deref().map(crate::history::store::load);
        let _ = loader_tx.send(Msg::History(Box::new((loaded, load_path))));
    });
    let history = crate::history::Writer::start(history_path, move |why| {
        let _ = tx.send(Msg::HistoryProblem(why));
    });

    let mut pending: VecDeque<Msg> = VecDeque::new();
    let mut draw = false;
    loop {
        if std::mem::replace(&mut draw, true) && !tui.background {
            tui.terminal.draw(|f| view::render(f, &app))?;
        }
        if let Some(log) = &log {
            for e in &app.events {
                log.write(e);
            }
        }
        app.events.clear();
        for r in app.records.drain(..) {
            history.write(r);
        }
        let plan = app.new_plan.take();
        let cues = std::mem::take(&mut app.cues);
        if let Some(audio) = &audio {
            if let Some((plan, mode)) = plan {
                audio.prepare(plan.sounds, mode);
            }
            for (cue, mode, volume) in cues {
                audio.play(cue, mode, volume);
            }
        }
        for said in app.speech.drain(..) {
            match (&voice, said) {
                (Some(v), Some(text)) => v.say(text),
                (Some(v), None) => v.stop(),
                (None, _) => {}
            }
        }
        match app.exit.take() {
            Some(Exit::Normal) => {
                // Restore the terminal first, so the parting line lands in
                // the shell, not on the alternate screen.
                drop(tui);
                if let Some(line) = app.parting.take() {
                    crate::errln!("{line}");
                }
                return Ok(ExitCode::SUCCESS);
            }
            Some(Exit::Suspend) => {
                tui.suspend()?;
                continue;
            }
            None => {}
        }
        // Continued in the background, the shell may later give us the
        // terminal with `fg` but no SIGCONT (it already saw us running), so
        // look every BACKGROUND_POLL until the terminal is ours again.
        if tui.background && terminal::is_foreground() {
            tui.resume()?;
            continue;
        }
        let wakeup = match (app.next_wakeup(), tui.background) {
            (at, true) => {
                let look = Instant::now() + BACKGROUND_POLL;
                Some(at.map_or(look, |a| a.min(look)))
            }
            (at, false) => at,
        };
        let msg = match pending.pop_front() {
            Some(m) => Ok(m),
            None => match wakeup {
                Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            },
        };
        match msg {
            Ok(Msg::Key(k)) => app.key(k, Instant::now()),
            Ok(Msg::Resize) => {
                // Merge a burst of resizes into one redraw.
                while let Ok(m) = rx.try_recv() {
                    if !matches!(m, Msg::Resize) {
                        pending.push_back(m);
                    }
                }
                if let Ok(size) = tui.terminal.size() {
                    app.viewport = (size.width, size.height);
                }
                app.tick(Instant::now());
            }
            Ok(Msg::Signal(SIGTSTP)) => tui.suspend()?,
            Ok(Msg::Signal(SIGCONT)) => tui.resume()?,
            Ok(Msg::Signal(sig)) => {
                app.record_session();
                for r in app.records.drain(..) {
                    history.write(r);
                }
                drop(history);
                drop(tui);
                return Ok(ExitCode::from(128u8.wrapping_add(sig as u8)));
            }
            Ok(Msg::Audio(note)) => draw = on_audio(&mut app, note, log.as_ref()),
            Ok(Msg::History(loaded)) => {
                let (loaded, path) = *loaded;
                match loaded {
                    Some(Ok(l)) => {
                        if let Some(note) = path.as_deref().and_then(|p| l.damage_note(p)) {
                            app.add_marked_notice("history damaged", note);
                        }
                        app.set_history(l.records, crate::history::LocalTime::now());
                    }
                    Some(Err(e)) => {
                        app.add_marked_notice("history unread", format!("history could not be read: {e}"))
                    }
                    None => {}
                }
            }
            Ok(Msg::Notice(why)) => app.add_notice(why),
            Ok(Msg::HistoryProblem(why)) => {
                app.add_marked_notice("not saving", format!("this session will not be saved: {why}"));
            }
            Err(RecvTimeoutError::Timeout) => app.tick(Instant::now()),
            Err(RecvTimeoutError::Disconnected) => return Ok(ExitCode::SUCCESS),
        }
    }
}

/// What the audio worker reported; whether the screen changed.
fn on_audio(app: &mut App, note: Note, log: Option<&eventlog::EventLog>) -> bool {
    let now = Instant::now();
    if !matches!(note, Note::Playing { .. }) {
        app.tick(now);
    }
    match note {
        Note::Output(what) => app.add_marked_notice("sound", format!("sound: {what}")),
        Note::Fallback(why) => app.add_marked_notice("bell", format!("sound: terminal bell ({why})")),
        Note::Warning(w) => app.add_notice(w),
        Note::Bell(_) => {
            // The bell is a byte to the terminal the UI owns.
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|_| out.flush());
            app.bell(now);
        }
        Note::Playing { cue, waited } => {
            // Nothing on screen changes: no redraw.
            if let (Some(log), Some(ms)) = (log, app.session_ms(now)) {
                log.write_value(&serde_json::json!({
                    "ms": ms,
                    "event": "cue",
                    "cue": cue.name(),
                    "wait_ms": waited.as_secs_f64() * 1000.0,
                }));
            }
            return false;
        }
    }
    true
}
