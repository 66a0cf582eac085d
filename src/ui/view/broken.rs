//! What limber shows when the person's own routine file has errors: the
//! screen before a nightly routine, the line at the top of a relief session,
//! and the nightly picker. Kept apart so restyling the other screens does
//! not touch them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::routine::{Broken, Routine};
use crate::text::{human_secs, printable};
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// ```text
/// Your routine file has errors
///
/// ~/.config/limber/routines/nightly.toml, line 10:
/// `hold` must be from 15 to 30 seconds (...), found 45
///
/// It replaces the built-in "Nightly leg stretches", which runs only if
/// you choose it.
///
/// Enter  run the built-in instead (7 min 50 s)
/// q      quit to fix it: limber edit nightly
/// ```
pub fn render_override(frame: &mut Frame, area: Rect, builtin: Option<&Routine>, b: &Broken, theme: &Theme) {
    let path = printable(&b.path.display().to_string());
    let mut lines = vec![
        Line::styled("Your routine file has errors", theme.title),
        Line::default(),
        Line::styled(format!("{path}, line {}:", b.problem.line), theme.text),
        Line::styled(b.problem.message.clone(), theme.warn),
    ];
    if let Some(hint) = &b.problem.hint {
        lines.push(Line::styled(hint.clone(), theme.dim));
    }
    lines.push(Line::default());
    let mut choices = Vec::new();
    match builtin {
        Some(r) => {
            lines.push(Line::styled(
                format!("It replaces the built-in \"{}\", which runs only if you choose it.", r.title),
                theme.text,
            ));
            choices.push(choice("Enter", &format!("run the built-in instead ({})", r.length_label()), theme));
        }
        None => {
            lines.push(Line::styled(
                format!("There is no built-in routine `{}` to run instead.", b.id),
                theme.text,
            ));
        }
    }
    choices.push(choice("q", &format!("quit to fix it: limber edit {}", b.id), theme));
    // The choices keep their rows at the bottom; a long message gives way
    // above them, so what to press is always on screen.
    let inner = pad(area);
    let [details, answers] = Layout::vertical([
        Constraint::Max(rows(&lines, inner.width)),
        Constraint::Min(rows(&choices, inner.width)),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), details);
    frame.render_widget(Paragraph::new(choices).wrap(Wrap { trim: false }), answers);
}

/// Rows `lines` take when wrapped at `width`, rounded up: word wrapping can
/// take a row more per line than the characters alone would, so each line
/// counts one extra row when it wraps at all.
fn rows(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let n: usize = lines
        .iter()
        .map(|l| {
            let chars = l.width();
            if chars <= width { 1 } else { chars.div_ceil(width) + 1 }
        })
        .sum();
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn choice<'a>(key: &'a str, what: &str, theme: &Theme) -> Line<'a> {
    Line::from(vec![Span::styled(format!("{key:<7}"), theme.key), Span::styled(what.to_string(), theme.text)])
}

/// The relief session's top line: the skipped file and why, in the
/// longest wording that fits `width`, so it is never cut off.
pub fn skipped_line(b: &Broken, width: usize) -> String {
    let file = b.path.file_name().map_or_else(|| b.id.clone(), |n| printable(&n.to_string_lossy()));
    let line = b.problem.line;
    let message = &b.problem.message;
    [
        format!("Your {file} was skipped: line {line}: {message}. Built-in running; details: limber list"),
        format!("Your {file} was skipped: error on line {line}; built-in running (limber list)"),
        format!("Your {file} has an error on line {line}: skipped (limber list)"),
        format!("{file} line {line} has an error: skipped"),
        format!("{file} has an error: skipped"),
        "your file has an error: skipped".to_string(),
        "your file skipped".to_string(),
    ]
    .into_iter()
    .find(|s| s.chars().count() <= width)
    .unwrap_or_default()
}

pub fn render_skipped(frame: &mut Frame, area: Rect, b: &Broken, theme: &Theme) {
    let text = skipped_line(b, area.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.warn)), area);
}

/// ```text
/// Which nightly routine?
///
/// > Nightly leg stretches       7 min 50 s  (config)
///   Evening calves              3 min 10 s
/// ```
pub fn render_nightly_picker(frame: &mut Frame, area: Rect, app: &App, selected: usize, theme: &Theme) {
    let routines = app.nightly_routines();
    let chosen = app.settings.nightly_id();
    let title_w = routines.iter().map(|r| r.title.as_str().chars().count()).max().unwrap_or(0);
    let mut lines = vec![Line::styled("Which nightly routine?", theme.title), Line::default()];
    for (i, r) in routines.iter().enumerate() {
        let style = if i == selected { theme.selected } else { theme.text };
        let mut spans = vec![
            Span::styled(if i == selected { "> " } else { "  " }, theme.key),
            Span::styled(format!("{:<title_w$}  ", r.title.as_str()), style),
            Span::styled(format!("{:>11}", human_secs(r.total_secs())), theme.dim),
        ];
        if r.id.as_str() == chosen {
            spans.push(Span::styled("  (usual)", theme.dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("`nightly = \"ID\"` in config.toml sets the usual one (now `{chosen}`)."),
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), pad(area));
}

/// The area less a margin, when there is room for it.
fn pad(area: Rect) -> Rect {
    if area.width > 10 && area.height > 4 {
        Rect { x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 1 }
    } else {
        area
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::Diagnostic;

    #[test]
    fn the_skipped_line_always_fits_and_says_the_most_that_fits() {
        let b = Broken {
            id: "quadriceps-relief".into(),
            path: "/home/someone/.config/limber/routines/quadriceps-relief.toml".into(),
            problem: Diagnostic::whole_file("x", "`hold` must be from 15 to 30 seconds, found 45"),
        };
        for w in 0..200 {
            assert!(skipped_line(&b, w).chars().count() <= w, "width {w}");
        }
        assert!(skipped_line(&b, 200).contains("found 45"));
        assert_eq!(skipped_line(&b, 50), "quadriceps-relief.toml has an error: skipped");
    }
}
