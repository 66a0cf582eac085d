//! The report as one self-contained HTML file: inline CSS, inline SVG
//! charts, no scripts, no links to load, the system's own fonts. It reads on
//! screen and prints on A4 or Letter, each section on its own page.

use std::fmt::Write as _;

use super::markdown::{lengths_line, made, pain_line, range_line, unreadable_line};
use super::{Report, Tally, chart, doctor_quotes, length, quote_parts};

/// Screen and print styles. `@page` sets margins only, so the browser's own
/// paper size (A4 or Letter) is used.
const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #222; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
.meta, .caveat { color: #444; }
.caveat { border-left: 4px solid #7fc8bd; padding: .3rem .8rem; background: #f4faf9; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; }
thead th { background: #f0f0f0; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: #444; font-size: .95rem; margin-top: .3rem; }
blockquote { margin: .5rem 0 .8rem; padding: .5rem 1rem; border-left: 4px solid #1f4e9a; background: #f5f7fb; }
blockquote p { margin: 0; }
blockquote ul { margin: .3rem 0 0; padding-left: 1.4rem; }
.wide { overflow-x: auto; max-width: 100%; }
blockquote footer { margin-top: .3rem; color: #444; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  figure, blockquote, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Renders the whole report.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Leg cramp report, {} to {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        r.first_night, r.last_night
    );
    let _ = writeln!(o, "<header>\n<h1>Leg cramp report</h1>");
    let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&range_line(r)));
    let _ = writeln!(o, "<p class=\"caveat\">{}</p>", esc(super::CAVEAT));
    if r.unreadable > 0 {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&unreadable_line(r.unreadable)));
    }
    let _ = writeln!(o, "</header>");

    // Summary and the weekly chart.
    let _ = writeln!(o, "<section id=\"nights\">\n<h2>Nights with and without the routine</h2>");
    let _ = writeln!(
        o,
        "<table><thead><tr><th></th><th class=\"n\">Nights</th><th class=\"n\">Cramps</th></tr></thead><tbody>"
    );
    let all = Tally { nights: r.with_routine.nights + r.without_routine.nights, cramps: r.total_cramps() };
    for (label, t) in
        [("With the nightly routine", r.with_routine), ("Without it", r.without_routine), ("All", all)]
    {
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\">{label}</th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            t.nights, t.cramps
        );
    }
    let _ = writeln!(o, "</tbody></table>");
    let caption = match chart::weeks_per_bar(r) {
        1 => "Cramps each week beside the nights that week with the nightly routine \
              (a week is seven nights; the first may be shorter)."
            .to_string(),
        k => format!(
            "Cramps every {k} weeks beside the nights in them with the nightly routine \
             (each bar is {k} weeks of seven nights; the first may be shorter)."
        ),
    };
    figure(&mut o, "chart-weekly", chart::weekly(r), &caption);
    let _ = writeln!(o, "</section>");

    // Muscles and hours.
    let _ = writeln!(o, "<section id=\"when\">\n<h2>Which muscle, and when in the night</h2>");
    if r.by_muscle.is_empty() {
        let _ = writeln!(o, "<p>No cramps recorded.</p>");
    } else {
        let _ =
            writeln!(o, "<table><thead><tr><th>Muscle</th><th class=\"n\">Cramps</th></tr></thead><tbody>");
        for (m, n) in &r.by_muscle {
            let _ = writeln!(o, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", m.as_str());
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    figure(
        &mut o,
        "chart-hours",
        chart::hours(r),
        "Cramps by the hour they started, in the order of a night (noon to noon).",
    );
    let _ = writeln!(o, "</section>");

    // Lengths, holds, pain and notes.
    let _ = writeln!(o, "<section id=\"lengths\">\n<h2>How long cramps lasted, pain and notes</h2>");
    let _ = writeln!(o, "<p>{}</p>", esc(&lengths_line(r)));
    let holds = r.by_holds();
    if !holds.is_empty() {
        let _ = writeln!(
            o,
            "<table><thead><tr><th class=\"n\">Holds until it went</th><th class=\"n\">Cramps</th></tr></thead><tbody>"
        );
        for (h, n) in holds {
            let _ = writeln!(o, "<tr><td class=\"n\">{h}</td><td class=\"n\">{n}</td></tr>");
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "<p>{}</p>", esc(&pain_line(r)));
    let described: Vec<_> = r.described().collect();
    if !described.is_empty() {
        let _ = writeln!(
            o,
            "<table><thead><tr><th>When</th><th>Muscle</th><th class=\"n\">Pain</th><th>Notes</th></tr></thead><tbody>"
        );
        for c in described {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"note\">{}</td></tr>",
                c.at.civil().strftime("%Y-%m-%d %H:%M"),
                c.muscle.as_str(),
                c.pain.map_or("-".into(), |p| p.to_string()),
                esc(&c.notes.join("\n")),
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "</section>");

    // Every cramp.
    let _ = writeln!(o, "<section id=\"cramps\">\n<h2>Every cramp, newest first</h2>");
    if r.cramps.is_empty() {
        let _ = writeln!(o, "<p>No cramps recorded.</p>");
    } else {
        let _ = writeln!(
            o,
            "<table><thead><tr><th>Date</th><th>Time</th><th>Muscle</th><th class=\"n\">Lasted</th>\
             <th class=\"n\">Holds</th><th class=\"n\">Pain</th><th>How recorded</th></tr></thead><tbody>"
        );
        for c in &r.cramps {
            let (lasted, holds) =
                if c.measured() { (length(c.secs), c.holds.to_string()) } else { ("-".into(), "-".into()) };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{lasted}</td><td class=\"n\">{holds}</td>\
                 <td class=\"n\">{}</td><td>{}</td></tr>",
                c.at.civil().strftime("%Y-%m-%d"),
                c.at.civil().strftime("%H:%M"),
                c.muscle.as_str(),
                c.pain.map_or("-".into(), |p| p.to_string()),
                c.how(),
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "</section>");

    // Advice.
    let _ = writeln!(o, "<section id=\"advice\">\n<h2>When to see a professional</h2>");
    let _ = writeln!(o, "<p>In the words of the articles limber's advice comes from:</p>");
    for (title, quote, article) in doctor_quotes() {
        let (lead, items) = quote_parts(&quote);
        let body = if items.is_empty() {
            format!("<p>&ldquo;{}&rdquo;</p>", esc(lead))
        } else {
            let last = items.len() - 1;
            let lis: String = items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("<li>{}{}</li>", esc(item), if i == last { "&rdquo;" } else { "" }))
                .collect();
            format!("<p>&ldquo;{}</p><ul>{lis}</ul>", esc(lead))
        };
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<blockquote>{body}<footer>&mdash; <cite>{}</cite></footer></blockquote>",
            esc(&title),
            esc(&article)
        );
    }
    let _ = writeln!(o, "</section>");
    let _ = writeln!(
        o,
        "<footer><p class=\"meta\">Made by limber {} on {}.</p></footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        esc(&made(r))
    );
    // Every table scrolls sideways inside its own box on a narrow screen
    // rather than widening the page. Text from files is escaped, so these
    // tags are only limber's own.
    o.replace("<table>", "<div class=\"wide\"><table>").replace("</table>", "</table></div>")
}

/// A chart in a figure with its caption, or the reason it could not be drawn.
fn figure(o: &mut String, id: &str, svg: Result<String, String>, caption: &str) {
    let body = match svg {
        // plotters writes an XML declaration-free <svg> element; give it a
        // label for screen readers.
        Ok(svg) => svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{}\" ", esc(caption)), 1),
        Err(why) => format!("<p>{}</p>", esc(&why)),
    };
    let _ = writeln!(o, "<figure id=\"{id}\">\n{body}\n<figcaption>{}</figcaption>\n</figure>", esc(caption));
}

/// Escapes text for HTML element content and quoted attributes. Control
/// characters are made visible first, like everywhere else in limber.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_cannot_open_tags_or_attributes() {
        assert_eq!(
            esc("<img src=x onerror='a'>&\"\u{1b}"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;\\u{1b}"
        );
    }
}
