//! The report as Markdown: readable as plain text in a terminal, and turned
//! into tidy tables by any Markdown viewer.

use std::fmt::Write as _;

use super::{Report, Tally, doctor_quotes, length, night_label, quote_parts};

/// Renders the whole report.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Leg cramp report\n");
    let _ = writeln!(o, "{}\n", range_line(r));
    let _ = writeln!(o, "{}\n", super::CAVEAT);
    if r.unreadable > 0 {
        let _ = writeln!(o, "{}\n", unreadable_line(r.unreadable));
    }

    let _ = writeln!(o, "## Nights with and without the routine\n");
    let _ = writeln!(o, "|  | Nights | Cramps |");
    let _ = writeln!(o, "| --- | ---: | ---: |");
    let row = |o: &mut String, label: &str, t: Tally| {
        let _ = writeln!(o, "| {label} | {} | {} |", t.nights, t.cramps);
    };
    row(&mut o, "With the nightly routine", r.with_routine);
    row(&mut o, "Without it", r.without_routine);
    let all = Tally { nights: r.with_routine.nights + r.without_routine.nights, cramps: r.total_cramps() };
    row(&mut o, "All", all);
    let _ = writeln!(o);

    let _ = writeln!(o, "## Cramps by muscle\n");
    if r.by_muscle.is_empty() {
        let _ = writeln!(o, "No cramps recorded.\n");
    } else {
        let _ = writeln!(o, "| Muscle | Cramps |\n| --- | ---: |");
        for (m, n) in &r.by_muscle {
            let _ = writeln!(o, "| {} | {n} |", m.as_str());
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Cramps by hour of the night\n");
    if r.total_cramps() == 0 {
        let _ = writeln!(o, "No cramps recorded.\n");
    } else {
        let _ = writeln!(o, "Hours with at least one cramp, in the order of a night (noon to noon).\n");
        let _ = writeln!(o, "| Hour | Cramps |\n| --- | ---: |");
        for (h, n) in r.hours_of_the_night().filter(|(_, n)| *n > 0) {
            let _ = writeln!(o, "| {h:02}:00-{h:02}:59 | {n} |");
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## How long cramps lasted\n");
    let _ = writeln!(o, "{}\n", lengths_line(r));
    let holds = r.by_holds();
    if !holds.is_empty() {
        let _ = writeln!(o, "| Holds until it went | Cramps |\n| ---: | ---: |");
        for (h, n) in holds {
            let _ = writeln!(o, "| {h} | {n} |");
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Pain and notes\n");
    let _ = writeln!(o, "{}\n", pain_line(r));
    let described: Vec<_> = r.described().collect();
    if !described.is_empty() {
        let _ = writeln!(o, "| When | Muscle | Pain | Notes |\n| --- | --- | ---: | --- |");
        for c in described {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                c.at.civil().strftime("%Y-%m-%d %H:%M"),
                c.muscle.as_str(),
                c.pain.map_or("-".into(), |p| p.to_string()),
                escape(&c.notes.join(" / ")),
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Every cramp, newest first\n");
    if r.cramps.is_empty() {
        let _ = writeln!(o, "No cramps recorded.\n");
    } else {
        let _ = writeln!(o, "| Date | Time | Muscle | Lasted | Holds | Pain | How recorded |");
        let _ = writeln!(o, "| --- | --- | --- | ---: | ---: | ---: | --- |");
        for c in &r.cramps {
            let (lasted, holds) =
                if c.measured() { (length(c.secs), c.holds.to_string()) } else { ("-".into(), "-".into()) };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {lasted} | {holds} | {} | {} |",
                c.at.civil().strftime("%Y-%m-%d"),
                c.at.civil().strftime("%H:%M"),
                c.muscle.as_str(),
                c.pain.map_or("-".into(), |p| p.to_string()),
                c.how(),
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## When to see a professional\n");
    let _ = writeln!(o, "In the words of the articles limber's advice comes from:\n");
    for (title, quote, article) in doctor_quotes() {
        let _ = writeln!(o, "**{}**\n", escape(&title));
        let (lead, items) = quote_parts(&quote);
        if items.is_empty() {
            let _ = writeln!(o, "> \"{}\"\n>", escape(lead));
        } else {
            let _ = writeln!(o, "> \"{}\n>", escape(lead));
            for (i, item) in items.iter().enumerate() {
                let close = if i + 1 == items.len() { "\"" } else { "" };
                let _ = writeln!(o, "> - {}{close}", escape(item));
            }
            let _ = writeln!(o, ">");
        }
        let _ = writeln!(o, "> -- \"{}\"\n", escape(&article));
    }
    let _ = writeln!(o, "---\nMade by limber {} on {}.", env!("CARGO_PKG_VERSION"), made(r));
    o
}

/// "90 nights, from the night of Wed 26 Aug 2026 to the night of Mon 23 Nov 2026."
pub fn range_line(r: &Report) -> String {
    format!(
        "{} night{}, from the night of {} to the night of {} (nights run from noon to noon).",
        r.days,
        if r.days == 1 { "" } else { "s" },
        night_label(r.first_night),
        night_label(r.last_night)
    )
}

/// "2026-11-24 09:00 (+01:00)".
pub fn made(r: &Report) -> String {
    let tz = jiff::tz::TimeZone::fixed(r.made.offset);
    r.made.in_zone(&tz).strftime("%Y-%m-%d %H:%M (UTC%:z)").to_string()
}

pub fn unreadable_line(n: usize) -> String {
    format!(
        "{n} line{} of the history file could not be read and {} left out.",
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" }
    )
}

/// The lengths and holds in a sentence.
pub fn lengths_line(r: &Report) -> String {
    let timed = r.timed().count();
    let stopped = r.stopped();
    let logged = r.cramps.iter().filter(|c| !c.measured()).count();
    let mut s = match r.lengths() {
        None => "No cramp was timed with a relief session.".to_string(),
        Some((lo, mid, hi)) => format!(
            "{timed} cramp{} timed with a relief session, from the first hold until it went: \
             shortest {}, median {}, longest {}.",
            if timed == 1 { "" } else { "s" },
            length(lo),
            length(mid),
            length(hi)
        ),
    };
    if stopped > 0 {
        let _ = write!(
            s,
            " {stopped} relief session{} stopped before the cramp went (not in these figures).",
            if stopped == 1 { " was" } else { "s were" }
        );
    }
    if logged > 0 {
        let _ = write!(s, " {logged} logged afterwards, with no timing.",);
    }
    s
}

/// The pain ratings in a sentence.
pub fn pain_line(r: &Report) -> String {
    let rated = r.cramps.iter().filter(|c| c.pain.is_some()).count();
    let noted = r.cramps.iter().filter(|c| !c.notes.is_empty()).count();
    if rated == 0 && noted == 0 {
        return "No pain ratings or notes were given.".into();
    }
    let pain = match r.pain() {
        None => "No pain ratings given.".to_string(),
        Some((lo, mid, hi)) => format!(
            "{rated} of {} cramps rated for pain on the 0-10 scale: lowest {lo}, median {mid}, highest {hi}.",
            r.cramps.len()
        ),
    };
    format!("{pain} {noted} with notes{}.", if noted > 0 { ", below" } else { "" })
}

/// Text from a file, safe in Markdown: no control characters (a report on
/// stdout reaches the terminal), no raw HTML, no table breaks, no emphasis.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::printable(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_text_cannot_break_a_table_or_inject_html_or_escapes() {
        assert_eq!(escape("a|b <script> *x*"), "a\\|b &lt;script&gt; \\*x\\*");
        assert_eq!(escape("bell\u{7}"), "bell\\\\u{7}", "made visible, then its backslash escaped");
    }
}
