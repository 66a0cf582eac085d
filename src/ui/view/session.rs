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
//! [██████████████░░░░░░░░░░░░]  12 of 30 s
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

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Gauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::{centered, question};
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
    let progress = progress_text(s, &phase, now);
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
    let name_h = if full && fits_big(stretch.name.as_str(), area.width) { 4 } else { 1 };
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
        let [digits, figure] = if full && area.width >= 80 {
            Layout::horizontal([Constraint::Min(20), Constraint::Length(30)]).areas(count)
        } else {
            [count, Rect::default()]
        };
        render_countdown(frame, digits, secs, count_h, s.is_paused(), theme);
        if let Some(fig) = stretch.figure.as_ref().and_then(|f| builtin::figure(f.as_str()))
            && figure.height as usize >= fig.lines().count()
        {
            frame.render_widget(Paragraph::new(fig).style(theme.dim), figure);
        }
        let g = Gauge::default().ratio(s.progress(now)).gauge_style(theme.gauge).label(format!(
            "{} of {} s",
            s.phase_secs().saturating_sub(secs),
            s.phase_secs()
        ));
        frame.render_widget(g, gauge);
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
    if full {
        // The stretch comes from its own article; the 15-30 s hold from
        // "Understanding and Managing Leg Muscle Spasms" (see `HoldSecs`).
        lines.push(Line::styled(
            format!(
                "Source: {}; the 15-30 s hold: {}",
                source_label(stretch.source.as_str()),
                source_label(HOLD_SOURCE)
            ),
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rest);

    if s.is_paused() {
        let rect = centered(area, 34, 3);
        frame.render_widget(Clear, rect);
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

/// "hold 2" in relief; "step 2 of 3 · 4 min 10 s left" in nightly.
fn progress_text(s: &Session, phase: &Phase, now: std::time::Instant) -> String {
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

/// "Next: ..." — what comes after this phase.
fn next_line<'a>(s: &Session, phase: &Phase, theme: &Theme) -> Option<Line<'a>> {
    if s.routine().mode == Mode::Relief {
        return None;
    }
    let next = s.next_hold()?;
    let r = s.routine();
    let label = if next.step == phase.step && phase.kind == PhaseKind::Hold {
        format!("Next: {}, hold {}", leg_label(r.mode, next.side), next.rep)
    } else {
        format!("Next: {}, {}", r.steps[next.step].stretch.name, leg_label(r.mode, next.side))
    };
    Some(Line::styled(label, theme.dim))
}
