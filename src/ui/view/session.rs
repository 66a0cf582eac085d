//! The session screen: the stretch, the leg, the countdown, progress and
//! instructions. Relief and nightly share the layout; the theme and the
//! header differ.
//!
//! ```text
//! limber · relief · Calf cramp relief                 hold 2
//! SEATED CALF STRETCH     (big type when it fits)
//! the cramped leg · HOLD
//!   ██████  ██████        figure
//!   big countdown         figure
//! [██████████████░░░░░░░░░] 18 s left  [███████░░░] routine: 4 min left
//! Leg extended, gently flex and point your foot.     (the cue line)
//! Other stretches: 2 Straight-leg foot pull · 3 Standing calf stretch
//! 1. Sit in a chair or on the floor.
//! 2. Extend the leg to stretch.
//! Next: Straight-leg foot pull, left leg              (nightly)
//! Source: ...
//! ```
//!
//! A relief routine with several stretches names the others with their
//! number keys on every screen, the first included: someone woken by a
//! cramp must see at once that they need not stand.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::wrap::wrap_all;
use super::{centered, clear, column, question};
use crate::articles::source_label;
use crate::builtin;
use crate::routine::{Mode, Stretch, leg_label};
use crate::session::{Phase, PhaseKind, Session};
use crate::text::human_secs;
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// Layouts: full with big type, or compact for small terminals.
const FULL_MIN_WIDTH: u16 = 60;
const FULL_MIN_HEIGHT: u16 = 20;

pub fn render(frame: &mut Frame, area: Rect, app: &App, s: &Session, theme: &Theme) {
    let Some(phase) = s.phase().copied() else { return };
    // On a wide terminal the session sits in a centred column.
    let area = column(area, 110);
    let routine = s.routine();
    let stretch = &routine.steps[phase.step].stretch;
    let now = app.now;
    let secs = s.remaining_display_secs(now);
    let full = area.width >= FULL_MIN_WIDTH && area.height >= FULL_MIN_HEIGHT;

    let mut header = vec![
        Span::styled("limber · ", theme.dim),
        Span::styled(routine.mode.as_str(), theme.dim),
        Span::styled(" · ", theme.dim),
        Span::styled(routine.title.as_str(), theme.text),
    ];
    // The status marks ("bell", "muted") go before the progress.
    let marks = super::marks_text(app);
    let mut progress = progress_text(s, &phase, now);
    if !marks.is_empty() && marks.chars().count() + progress.chars().count() + 3 <= area.width as usize {
        progress = format!("{marks} · {progress}");
    }
    let mut used: usize = header.iter().map(|s| s.content.chars().count()).sum();
    if used + progress.chars().count() + 1 > area.width as usize {
        // Narrow: the routine's place matters more than the app's name.
        header.drain(..3);
        used = header.iter().map(|s| s.content.chars().count()).sum();
        if used + progress.chars().count() + 1 > area.width as usize {
            header.clear();
            used = 0;
        }
    }
    let gap = (area.width as usize).saturating_sub(used + progress.chars().count());
    header.push(Span::raw(" ".repeat(gap)));
    header.push(Span::styled(progress, theme.dim));

    let still = phase.kind == PhaseKind::StillCramping;
    // One heading style for the whole routine: big type only when every
    // stretch name in it fits, so it does not jump between steps.
    let big = full && routine.steps.iter().all(|st| fits_big(st.stretch.name.as_str(), area.width));
    let name_h = if big { 4 } else { 1 };
    let count_h = match (full, still) {
        (_, true) => 3,
        (true, _) if area.height >= 30 => 8,
        (true, _) => 4,
        (false, _) => 1,
    };
    // Under the countdown: the stretch's cue line, then the other stretches
    // with their keys. One area, so the full layout spends one gap on both.
    let mut under: Vec<Line> = Vec::new();
    // The cue is also spoken, so on a terminal too narrow for it the line is
    // left out rather than cut mid-word.
    let cue_text = stretch.cue.as_str().trim();
    if !still && !cue_text.is_empty() && cue_text.chars().count() <= area.width as usize {
        under.push(Line::styled(stretch.cue.as_str(), theme.title));
    }
    under.extend(other_stretches(s, phase.step, area.width, theme));
    let [head, name, side, count, gauge, cue, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(name_h),
        Constraint::Length(1),
        Constraint::Length(count_h),
        Constraint::Length(if still { 0 } else { 1 }),
        Constraint::Length(under.len() as u16),
        Constraint::Min(0),
    ])
    .spacing(u16::from(full))
    .areas(area);

    frame.render_widget(Paragraph::new(Line::from(header)), head);
    render_name(frame, name, stretch, name_h, theme);
    frame.render_widget(Paragraph::new(side_line(routine.mode, &phase, s, theme)), side);

    if still {
        render_still_cramping(frame, count, routine.steps.len() > 1, theme);
    } else {
        render_countdown(frame, count, secs, count_h, s.is_paused(), theme);
        render_bars(frame, gauge, s, secs, now, theme);
    }
    frame.render_widget(Paragraph::new(under), cue);

    let mut lines: Vec<Line> = stretch
        .instructions
        .iter()
        .enumerate()
        .map(|(i, l)| Line::styled(format!("{}. {}", i + 1, l), theme.text))
        .collect();
    for c in &stretch.cautions {
        lines.push(Line::styled(c.as_str(), theme.dim));
    }
    if let Some(next) = next_line(s, &phase, theme) {
        lines.push(Line::default());
        lines.push(next);
    }
    // The figure goes beside the instructions when both fit.
    let fig = stretch.figure.as_ref().and_then(|f| builtin::figure(f.as_str()));
    let fig_w = fig.map_or(0, |f| f.lines().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 2);
    let fig_h = fig.map_or(0, |f| f.lines().count() as u16);
    let [text, figure] = if fig.is_some() && full && rest.height >= fig_h && rest.width >= fig_w + 40 {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(fig_w)]).areas(rest)
    } else {
        [rest, Rect::default()]
    };
    if let Some(fig) = fig.filter(|_| figure.width > 0) {
        frame.render_widget(Paragraph::new(fig).style(theme.dim), figure);
    }
    let mut lines = wrap_all(lines, text.width);
    // The source goes last on one line, shortened to fit, and only where a
    // row is left for it: cut across two lines its end fell off the screen
    // (help has it in full).
    if full
        && (lines.len() as u16) < text.height
        && let Some(source) = fit_source(stretch.source.as_str(), usize::from(text.width))
    {
        lines.push(Line::styled(source, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), text);

    // Only one box at a time: a question or help replaces the paused box.
    if s.is_paused() && app.overlay.is_none() {
        let rect = centered(area, 34, 3);
        clear(frame, rect, theme);
        let block = Block::bordered().border_style(theme.border);
        let text = Line::from(vec![
            Span::styled("Paused", theme.title),
            Span::styled(" · Space resumes", theme.text),
        ]);
        frame.render_widget(Paragraph::new(text).block(block).centered(), rect);
    }
}

/// The article the 15-30 second hold comes from.
const HOLD_SOURCE: &str = "managing-leg-spasms";

/// "Source: ...; the 15-30 s hold: ...": the stretch comes from its own
/// article, the 15-30 s hold from "Understanding and Managing Leg Muscle
/// Spasms" (see `HoldSecs`). For help, in full.
pub fn source_text(source: &str) -> String {
    format!("Source: {}; the 15-30 s hold: {}", source_label(source), source_label(HOLD_SOURCE))
}

/// The source line in at most `width` columns: in full when it fits, else
/// the stretch's own source, its title cut at a word boundary with an
/// ellipsis; `None` when not even one word of it fits.
pub fn fit_source(source: &str, width: usize) -> Option<String> {
    let cols = |s: &str| Line::raw(s).width();
    let full = source_text(source);
    if cols(&full) <= width {
        return Some(full);
    }
    let label = source_label(source);
    let short = format!("Source: {label}");
    if cols(&short) <= width {
        return Some(short);
    }
    // Whole words of the title, then an ellipsis (and the closing quote
    // when the title is an article's).
    let (open, title, close) = match label.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        Some(t) => ("\"", t, "\""),
        None => ("", label.as_str(), ""),
    };
    let words: Vec<&str> = title.split(' ').collect();
    (1..words.len())
        .rev()
        .map(|n| format!("Source: {open}{}…{close}", words[..n].join(" ")))
        .find(|s| cols(s) <= width)
}

/// Relief with several stretches: the others, each with the number key that
/// switches to it. One line when it fits, else one line per stretch.
fn other_stretches<'a>(s: &Session, current: usize, width: u16, theme: &Theme) -> Vec<Line<'a>> {
    let r = s.routine();
    if r.mode != Mode::Relief || r.steps.len() < 2 {
        return Vec::new();
    }
    const HEAD: &str = "Other stretches: ";
    let others: Vec<(String, String)> = r
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != current)
        .take(9)
        .map(|(i, step)| ((i + 1).to_string(), step.stretch.name.to_string()))
        .collect();
    let one_line: usize = HEAD.len()
        + others.iter().map(|(k, n)| k.len() + 1 + n.chars().count()).sum::<usize>()
        + 3 * (others.len() - 1);
    if one_line <= width as usize {
        let mut spans = vec![Span::styled(HEAD, theme.text)];
        for (i, (key, name)) in others.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim));
            }
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(format!(" {name}"), theme.text));
        }
        return vec![Line::from(spans)];
    }
    let mut lines = vec![Line::styled(HEAD.trim_end(), theme.text)];
    for (key, name) in others {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}"), theme.key),
            Span::styled(format!(" {name}"), theme.text),
        ]));
    }
    lines
}

/// The hold bar, shrinking with the time left like the digits ("18 s
/// left"); in nightly, the whole routine's bar beside it.
fn render_bars(frame: &mut Frame, area: Rect, s: &Session, secs: u32, now: Instant, theme: &Theme) {
    let hold_left = 1.0 - s.progress(now);
    let nightly = s.routine().mode == Mode::Nightly;
    let [hold, whole] = if nightly {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).spacing(1).areas(area)
    } else {
        [area, Rect::default()]
    };
    let hold_label = fitting(hold.width, &[format!("{secs} s left"), format!("{secs} s"), secs.to_string()]);
    let g = Gauge::default().ratio(hold_left).gauge_style(theme.gauge).label(hold_label);
    frame.render_widget(g, hold);
    if nightly {
        let total = s.routine().total_secs().max(1);
        let left = s.plan_secs_left(now).min(total);
        let label = fitting(
            whole.width,
            &[
                format!("routine: {} left", human_secs(left)),
                format!("all: {}", human_secs(left)),
                format!("all {}:{:02}", left / 60, left % 60),
                format!("{}:{:02}", left / 60, left % 60),
            ],
        );
        let g =
            Gauge::default().ratio(f64::from(left) / f64::from(total)).gauge_style(theme.gauge).label(label);
        frame.render_widget(g, whole);
    }
}

/// The first label that fits in `width` columns (none if none does): a
/// bar's label is never cut.
fn fitting(width: u16, labels: &[String]) -> String {
    labels.iter().find(|l| l.chars().count() <= width as usize).cloned().unwrap_or_default()
}

/// "hold 2" in relief; "step 2 of 3 · 4 min 10 s left" in nightly.
fn progress_text(s: &Session, phase: &Phase, now: Instant) -> String {
    match s.routine().mode {
        Mode::Relief => format!("hold {}", s.relief_holds().max(1)),
        Mode::Nightly => format!(
            "step {} of {} · {} left",
            phase.step + 1,
            s.routine().steps.len(),
            human_secs(s.plan_secs_left(now))
        ),
    }
}

fn fits_big(name: &str, width: u16) -> bool {
    // Quadrant pixels: each 8x8 glyph takes 4 columns.
    name.chars().count() * 4 <= width as usize
}

fn render_name(frame: &mut Frame, area: Rect, stretch: &Stretch, height: u16, theme: &Theme) {
    if height >= 4 {
        let big = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.title)
            .lines(vec![Line::from(stretch.name.as_str())])
            .build();
        frame.render_widget(big, area);
    } else {
        frame.render_widget(Paragraph::new(Line::styled(stretch.name.as_str(), theme.title)), area);
    }
}

/// Which leg, and what to do now.
fn side_line<'a>(mode: Mode, phase: &Phase, s: &Session, theme: &Theme) -> Line<'a> {
    let leg = leg_label(mode, phase.side);
    let (what, doing) = match phase.kind {
        PhaseKind::GetReady => ("GET READY", format!("get into position: {leg}")),
        PhaseKind::Hold if mode == Mode::Relief => ("HOLD", leg.to_string()),
        PhaseKind::Hold => {
            ("HOLD", format!("{leg} · hold {} of {}", phase.rep, s.routine().steps[phase.step].reps))
        }
        PhaseKind::Switch => ("SWITCH LEGS", format!("now the {leg}")),
        PhaseKind::Rest => ("REST", "relax and breathe".to_string()),
        PhaseKind::StillCramping => ("", leg.to_string()),
    };
    let mut spans = vec![];
    if !what.is_empty() {
        spans.push(Span::styled(what, theme.countdown));
        spans.push(Span::styled("  ", theme.text));
    }
    spans.push(Span::styled(doing, theme.text));
    Line::from(spans)
}

fn render_countdown(frame: &mut Frame, area: Rect, secs: u32, height: u16, paused: bool, theme: &Theme) {
    let text = secs.to_string();
    if height >= 4 {
        let size = if height >= 8 { PixelSize::Full } else { PixelSize::HalfHeight };
        let big = BigText::builder()
            .pixel_size(size)
            .style(if paused { theme.dim } else { theme.countdown })
            .lines(vec![Line::from(text)])
            .centered()
            .build();
        frame.render_widget(big, area);
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{text} s"), theme.countdown)).centered(),
            area,
        );
    }
}

/// "Still cramping?" and its answers; "next stretch" only when there is
/// another stretch to go to (hamstring relief has one).
fn render_still_cramping(frame: &mut Frame, area: Rect, has_next: bool, theme: &Theme) {
    let answers = [("Space", ": hold again"), ("Enter", ": it's gone"), ("n", ": next stretch")];
    let answers = &answers[..if has_next { 3 } else { 2 }];
    frame.render_widget(
        Paragraph::new(question("Still cramping?", answers, theme)).wrap(Wrap { trim: false }),
        area,
    );
}

/// "Next: ..." — the hold after the one under way or being got ready for
/// (getting ready, switching legs or resting, the screen already names the
/// coming hold: "Next" naming it too would say it twice).
fn next_line<'a>(s: &Session, phase: &Phase, theme: &Theme) -> Option<Line<'a>> {
    if s.routine().mode == Mode::Relief {
        return None;
    }
    let mut ahead = s.holds_ahead();
    if phase.kind != PhaseKind::Hold {
        ahead.next();
    }
    let next = ahead.next()?;
    let r = s.routine();
    let label = if next.step == phase.step {
        format!("Next: {}, hold {}", leg_label(r.mode, next.side), next.rep)
    } else {
        format!("Next: {}, {}", r.steps[next.step].stretch.name, leg_label(r.mode, next.side))
    };
    Some(Line::styled(label, theme.dim))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_line_fits_whole_shortened_at_a_word_or_not_at_all() {
        let full = source_text("leg-cramping");
        assert_eq!(fit_source("leg-cramping", 200), Some(full.clone()));
        assert_eq!(fit_source("leg-cramping", 30).as_deref(), Some("Source: \"Leg Cramping\""));
        // A long title is cut after a whole word, with an ellipsis.
        let cut = fit_source("managing-leg-spasms", 41).unwrap();
        assert_eq!(cut, "Source: \"Understanding and Managing Leg…\"");
        assert_eq!(cut.chars().count(), 41);
        // Not even one word: nothing rather than a broken line.
        assert_eq!(fit_source("managing-leg-spasms", 12), None);
        for w in 0..120 {
            if let Some(s) = fit_source("managing-leg-spasms", w) {
                assert!(s.chars().count() <= w, "{w}: {s}");
            }
        }
    }
}
