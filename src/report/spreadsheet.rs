//! The report as CSV: one row per session and per cramp in range, newest
//! first, with a header, for a spreadsheet. Written with the `csv` crate,
//! which quotes commas, quotes and line breaks correctly.

use super::{Entry, Report, kind_of};

/// The header row.
pub const HEADER: [&str; 15] = [
    "kind",
    "night_of",
    "date",
    "time",
    "at",
    "routine",
    "completed",
    "counts_as_routine_night",
    "muscle",
    "holds",
    "seconds",
    "logged",
    "pain",
    "note",
    "stopped",
];

/// Renders every session and cramp in range as CSV.
pub fn render(r: &Report) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every row has the header's length.
    let _ = w.write_record(HEADER);
    for e in &r.entries {
        let at = e.at();
        let civil = at.civil();
        let mut row: Vec<String> = vec![
            kind_of(e).into(),
            at.night().to_string(),
            civil.strftime("%Y-%m-%d").to_string(),
            civil.strftime("%H:%M").to_string(),
            at.to_string(),
        ];
        let none = String::new;
        match e {
            Entry::Session(s) => row.extend([
                cell(&s.routine),
                yes_no(s.completed),
                yes_no(s.done),
                none(),
                s.holds.to_string(),
                (s.end.instant.as_second() - s.start.instant.as_second()).max(0).to_string(),
                none(),
                none(),
                none(),
                none(),
            ]),
            Entry::Cramp(c) => row.extend([
                none(),
                none(),
                none(),
                c.muscle.as_str().into(),
                // A logged cramp was not timed: empty, not zero.
                if c.logged { none() } else { c.holds.to_string() },
                if c.logged { none() } else { c.secs.to_string() },
                yes_no(c.logged),
                c.pain.map_or(none(), |p| p.to_string()),
                cell(&c.notes.join(" / ")),
                if c.logged { none() } else { yes_no(c.stopped) },
            ]),
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    (if b { "yes" } else { "no" }).into()
}

/// Text from a file, safe in a spreadsheet: a cell starting with `=`, `+`,
/// `-`, `@`, tab or carriage return would be read as a formula (CSV
/// injection), so it gets a leading apostrophe, as OWASP advises.
pub fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_defused_and_others_left_alone() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM"), "'@SUM");
        assert_eq!(cell("sore, then fine"), "sore, then fine");
    }
}
