//! Word wrapping that keeps a line's indent: the continuation of "- Drink
//! water: ..." or "2. Bend that knee" lines up under its text, not under the
//! marker. ratatui's own wrap starts continuations at the left edge.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The hanging indent a line asks for: its leading spaces plus a list marker
/// ("- ", "1. ", "> ") when it starts with one.
pub fn indent_of(line: &Line) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let spaces = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[spaces..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker = if rest.starts_with("- ") || rest.starts_with("> ") || rest.starts_with("· ") {
        2
    } else if digits > 0 && rest[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    };
    spaces + marker
}

/// Wraps every line to `width` columns with its own hanging indent.
pub fn wrap_all<'a>(lines: impl IntoIterator<Item = Line<'a>>, width: u16) -> Vec<Line<'a>> {
    lines
        .into_iter()
        .flat_map(|l| {
            let indent = indent_of(&l);
            hanging(l, width, indent)
        })
        .collect()
}

/// Wraps one line at spaces to `width` columns; continuation lines start
/// with `indent` spaces. A word longer than a whole line is cut.
pub fn hanging<'a>(line: Line<'a>, width: u16, indent: usize) -> Vec<Line<'a>> {
    let width = width as usize;
    if width == 0 || line.width() <= width {
        return vec![line];
    }
    let indent = if indent * 2 > width { 0 } else { indent };
    let base = line.style;
    // Words with the spaces after them, each keeping its span's style.
    let mut words: Vec<(String, Style, usize)> = Vec::new();
    for span in &line.spans {
        let mut rest = span.content.as_ref();
        while !rest.is_empty() {
            let start_space = rest.len() - rest.trim_start_matches(' ').len();
            let word_end = rest[start_space..].find(' ').map_or(rest.len(), |i| i + start_space);
            let space_end =
                word_end + (rest[word_end..].len() - rest[word_end..].trim_start_matches(' ').len());
            // Spaces that open a span belong to the word before, if any
            // (the gap in "text" + " (source)"); at the line's start they
            // are its indent.
            let lead = match words.last_mut() {
                Some(prev) if start_space > 0 => {
                    prev.2 += start_space;
                    start_space
                }
                _ => 0,
            };
            let (word, tail) = (&rest[lead..word_end], &rest[word_end..space_end]);
            if word.is_empty() {
                rest = &rest[space_end..];
                continue;
            }
            words.push((word.to_string(), span.style, tail.len()));
            rest = &rest[space_end..];
        }
    }
    let mut out: Vec<Line<'a>> = Vec::new();
    let mut cur: Vec<Span<'a>> = Vec::new();
    let mut used = 0usize;
    let mut pending_space: Option<(usize, Style)> = None;
    let flush = |cur: &mut Vec<Span<'a>>, out: &mut Vec<Line<'a>>| {
        out.push(Line::from(std::mem::take(cur)).style(base));
    };
    for (word, style, space) in words {
        let mut word = word;
        let w = cols(&word);
        let gap = pending_space.map_or(0, |(n, _)| n);
        if used > 0 && used + gap + w > width && used > indent {
            flush(&mut cur, &mut out);
            cur.push(Span::raw(" ".repeat(indent)));
            used = indent;
            pending_space = None;
        } else if let Some((n, st)) = pending_space.take() {
            cur.push(Span::styled(" ".repeat(n), st));
            used += n;
        }
        // A word wider than the room left on an empty line: cut it.
        while used + cols(&word) > width && word.chars().count() > 1 {
            let room = width.saturating_sub(used).max(1);
            let cut: String = word.chars().take(room).collect();
            let rest: String = word.chars().skip(room).collect();
            cur.push(Span::styled(cut, style));
            flush(&mut cur, &mut out);
            cur.push(Span::raw(" ".repeat(indent)));
            used = indent;
            word = rest;
        }
        used += cols(&word);
        cur.push(Span::styled(word, style));
        if space > 0 {
            pending_space = Some((space, style));
        }
    }
    if !cur.is_empty() {
        flush(&mut cur, &mut out);
    }
    out
}

/// Display columns of a string (wide characters count two).
fn cols(s: &str) -> usize {
    Span::raw(s).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn continuation_lines_keep_the_list_indent() {
        let l = Line::from("- Stretch: hold each stretch for thirty seconds and breathe");
        let lines: Vec<String> = hanging(l.clone(), 24, indent_of(&l)).iter().map(text).collect();
        assert_eq!(lines, ["- Stretch: hold each", "  stretch for thirty", "  seconds and breathe"]);
        let n = Line::from("12. Bend that knee slightly please");
        assert_eq!(indent_of(&n), 4);
        assert!(hanging(n, 20, 4).iter().skip(1).all(|l| text(l).starts_with("    ")));
    }

    #[test]
    fn a_span_that_opens_with_a_space_wraps_like_any_other_gap() {
        let l = Line::from(vec![Span::raw("- Massage: rub it gently."), Span::raw(" (\"Leg Cramping\")")]);
        let lines: Vec<String> = hanging(l, 30, 2).iter().map(text).collect();
        assert_eq!(lines, ["- Massage: rub it gently.", "  (\"Leg Cramping\")"]);
    }

    #[test]
    fn no_line_is_wider_than_asked_and_no_word_is_lost() {
        let l = Line::from(vec![
            Span::raw("  > r  "),
            Span::raw("Relief: stretch a cramp now, supercalifragilistic"),
        ]);
        for w in 5..40 {
            let lines = hanging(l.clone(), w, 7);
            assert!(lines.iter().all(|x| x.width() <= w as usize), "{w}: {lines:?}");
            let joined: String = lines.iter().map(text).collect::<Vec<_>>().join(" ");
            let words = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(words(&joined), words("  > r  Relief: stretch a cramp now, supercalifragilistic"));
        }
    }
}
