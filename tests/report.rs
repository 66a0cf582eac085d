//! `limber report` through the real binary, on a fixture history with the
//! clock fixed by `LIMBER_NOW`: golden Markdown and CSV, agreement with
//! `limber history --json`, the `-o` file, and the HTML as a real browser
//! (Debian's `chromium`) shows and prints it.
//!
//! Golden files: `tests/golden/report.md` and `report.csv`. After a wanted
//! change, rewrite them with `LIMBER_BLESS=1 cargo test --test report` and
//! read the diff before committing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/history/report.jsonl";
/// The morning after the fixture's last night: "last night" is the 24th.
const NOW: &str = "2026-11-25T09:30:00+01:00";

/// A data folder holding the fixture as its history.
fn data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, dir.path().join("history.jsonl")).unwrap();
    dir
}

fn limber(data: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(args)
        .env("LIMBER_DATA_DIR", data)
        .env("LIMBER_CONFIG_DIR", data.join("config"))
        .env("LIMBER_NOW", NOW)
        .env("TZ", "Europe/Paris")
        .output()
        .unwrap();
    assert!(out.status.success(), "limber {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Compares `got` with the golden file, or rewrites it under `LIMBER_BLESS`.
fn golden(name: &str, got: &str) {
    // The version changes with every release; the report does not.
    let got = got.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    let path = PathBuf::from("tests/golden").join(name);
    if std::env::var_os("LIMBER_BLESS").is_some() {
        std::fs::create_dir_all("tests/golden").unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if want != got {
        let first = want.lines().zip(got.lines()).position(|(a, b)| a != b);
        panic!(
            "{} differs (first at line {:?}); rerun with LIMBER_BLESS=1 and read the diff\n--- got ---\n{got}",
            path.display(),
            first.map(|i| i + 1)
        );
    }
}

#[test]
fn markdown_matches_the_golden_file() {
    let d = data();
    let out = limber(d.path(), &["report"]);
    let md = stdout(&out);
    golden("report.md", &md);
    // The damaged line is named on stderr once, and said in the report.
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("unreadable line").count(), 1, "{err}");
    assert!(md.contains("1 line of the history file could not be read"));
    // Pain and notes, the later note included, escaped for Markdown.
    assert!(md.contains("| 2026-11-23 03:25 | calf | 5 | =cmd\\|' /C calc'\\!A0 |"), "{md}");
    assert!(md.contains("woke up &lt;b&gt;screaming&lt;/b&gt; \\| both legs"), "{md}");
}

#[test]
fn csv_matches_the_golden_file_and_reads_back_one_row_per_record() {
    let d = data();
    let text = stdout(&limber(d.path(), &["report", "--format", "csv"]));
    golden("report.csv", &text);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, limber::report::spreadsheet::HEADER);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    // The shared routine's id would run as a formula: it is defused, and
    // its quotes and comma survive the round trip.
    let routine = rows.iter().find_map(|r| r.get(5).filter(|s| s.contains("HYPERLINK"))).unwrap();
    assert_eq!(routine, "'=HYPERLINK(\"http://example.invalid\",\"x\")");
    // So is the note added later to a cramp.
    let note = rows.iter().find_map(|r| r.get(13).filter(|s| s.contains("calc"))).unwrap();
    assert_eq!(note, "'=cmd|' /C calc'!A0");
}

/// The report and `limber history --json` read the same nights: over the
/// same range they agree night by night (routine done, cramps), in the
/// totals with and without the routine, by muscle, and in the records.
#[test]
fn counts_agree_with_history_json_for_the_same_range() {
    use std::collections::BTreeMap;
    let d = data();
    for days in ["90", "30", "7", "1"] {
        let v: serde_json::Value =
            serde_json::from_slice(&limber(d.path(), &["history", "--days", days, "--json"]).stdout).unwrap();
        let csv_text = stdout(&limber(d.path(), &["report", "--days", days, "--format", "csv"]));
        let rows: Vec<csv::StringRecord> =
            csv::Reader::from_reader(csv_text.as_bytes()).records().map(Result::unwrap).collect();
        let md = stdout(&limber(d.path(), &["report", "--days", days]));

        // Night by night: the strip against the report's rows.
        let mut strip_done = Vec::new();
        let mut strip_cramps = BTreeMap::new();
        for n in v["strip"].as_array().unwrap() {
            let date = n["date"].as_str().unwrap().to_string();
            if n["done"] == true {
                strip_done.push(date.clone());
            }
            let c = n["cramps"].as_u64().unwrap();
            if c > 0 {
                strip_cramps.insert(date, c);
            }
        }
        strip_done.sort();
        let mut done: Vec<String> =
            rows.iter().filter(|r| &r[7] == "yes").map(|r| r[1].to_string()).collect();
        done.sort();
        done.dedup();
        assert_eq!(done, strip_done, "routine nights over {days} nights");
        let mut cramps = BTreeMap::new();
        let mut by_muscle = BTreeMap::new();
        for r in rows.iter().filter(|r| &r[0] == "cramp") {
            *cramps.entry(r[1].to_string()).or_insert(0u64) += 1;
            *by_muscle.entry(r[8].to_string()).or_insert(0u64) += 1;
        }
        assert_eq!(cramps, strip_cramps, "cramps night by night over {days} nights");
        let json_muscles: BTreeMap<String, u64> = v["cramps_by_muscle"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, n)| (k.clone(), n.as_u64().unwrap()))
            .collect();
        assert_eq!(by_muscle, json_muscles, "by muscle over {days} nights");

        // The totals, as the Markdown prints them.
        let (with, without) = (&v["after_routine"], &v["after_no_routine"]);
        for (label, t) in [("With the nightly routine", with), ("Without it", without)] {
            let line = format!("| {label} | {} | {} |", t["nights"], t["cramps"]);
            assert!(md.contains(&line), "{line} in\n{md}");
        }
        let all = format!("| All | {days} | {} |", v["cramps"]);
        assert!(md.contains(&all), "{all} in\n{md}");

        // The same sessions and cramps listed.
        let records = v["records"].as_array().unwrap();
        assert_eq!(rows.len(), records.len(), "records over {days} nights");
        let json_cramps = records.iter().filter(|r| r["kind"] == "cramp").count();
        assert_eq!(json_cramps as u64, v["cramps"].as_u64().unwrap());
    }
}

#[test]
fn the_report_as_a_library_agrees_with_the_history_summary() {
    let loaded = limber::history::store::load(Path::new(FIXTURE)).unwrap();
    let now: limber::history::LocalTime = NOW.parse().unwrap();
    for days in [1, 7, 30, 90, 400] {
        let r = limber::report::Report::build(&loaded.records, now, days, loaded.unreadable);
        let s = limber::history::summarize(&loaded.records, now, days);
        assert_eq!(r.with_routine.nights, s.nights_done, "{days} nights");
        assert_eq!(
            (r.with_routine.nights, r.with_routine.cramps),
            (s.after_routine.nights, s.after_routine.cramps)
        );
        assert_eq!(
            (r.without_routine.nights, r.without_routine.cramps),
            (s.after_no_routine.nights, s.after_no_routine.cramps)
        );
        assert_eq!(r.total_cramps(), s.cramps);
        assert_eq!(r.by_muscle, s.cramps_by_muscle);
        assert_eq!(r.with_routine.nights + r.without_routine.nights, days);
        assert_eq!(r.total_cramps() as usize, r.cramps.len());
        assert_eq!(r.by_hour.iter().sum::<u32>(), r.total_cramps());
        assert_eq!(r.weeks.iter().map(|w| w.cramps).sum::<u32>(), r.total_cramps());
    }
}

#[test]
fn output_file_is_written_whole_replaced_when_named_and_never_a_folder() {
    let d = data();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let file = out.join("report.html");
    std::fs::write(&file, "old").unwrap();
    let o = limber(d.path(), &["report", "--format", "html", "-o", file.to_str().unwrap()]);
    assert!(o.stdout.is_empty(), "nothing on stdout with -o");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("report.html")], "no temporary file left behind");

    // A folder is refused, and left as it was.
    let o = Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(["report", "-o", out.to_str().unwrap()])
        .env("LIMBER_DATA_DIR", d.path())
        .env("LIMBER_NOW", NOW)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a folder"));
    assert!(out.join("report.html").is_file());
}

#[test]
fn a_malformed_limber_now_is_an_error_not_the_real_clock() {
    let d = data();
    let o = Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(["report"])
        .env("LIMBER_DATA_DIR", d.path())
        .env("LIMBER_NOW", "yesterday")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("LIMBER_NOW must be a time with its offset"));
}

/// HTML from a file must stay text: the fixture's formula-like routine id
/// never reaches the HTML (sessions are not listed there), and nothing in
/// the page loads or runs anything.
#[test]
fn html_is_self_contained() {
    let d = data();
    let html = stdout(&limber(d.path(), &["report", "--format", "html"]));
    // The SVG namespace is a name, not an address anything loads.
    let html = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for banned in ["<script", "http://", "https://", "@import", "url(", "<link", "<img", "src="] {
        assert!(!html.contains(banned), "{banned} in the HTML");
    }
    assert_eq!(html.matches("<svg").count(), 2, "both charts inline");
    assert!(html.contains("id=\"chart-weekly\"") && html.contains("id=\"chart-hours\""));
    assert!(html.contains("@media print") && html.contains("break-before: page"));
    // The note's markup is text.
    assert!(html.contains("woke up &lt;b&gt;screaming&lt;/b&gt; | both legs"));
    assert!(!html.contains("<b>"));
    // Every table scrolls inside its own box on a narrow screen.
    assert_eq!(html.matches("<table>").count(), html.matches("<div class=\"wide\"><table>").count());
    assert!(html.contains(".wide { overflow-x: auto"));
    // A listed quote is a list, not one line with " - ".
    assert!(html.contains("<li>Severe discomfort</li>"), "the severe symptoms as a list");
    assert!(!html.contains("follows: - Severe"));
}

#[test]
fn a_stopped_relief_session_is_not_timed_until_it_went() {
    let d = data();
    let md = stdout(&limber(d.path(), &["report"]));
    assert!(md.contains("| 2026-11-21 | 02:40 | calf | 4 min | 4 | - | relief session, stopped |"), "{md}");
    assert!(
        md.contains("1 relief session was stopped before the cramp went (not in these figures)."),
        "{md}"
    );
    // Its 4 minutes are not the longest "until it went".
    assert!(md.contains("longest 2 min 30 s"), "{md}");
    assert!(md.contains("> - Severe discomfort\n"), "{md}");
    let csv = stdout(&limber(d.path(), &["report", "--format", "csv"]));
    let stopped = csv.lines().find(|l| l.contains("2026-11-21T02:40:00+01:00,,,,calf")).unwrap();
    assert!(stopped.ends_with(",4,240,no,,,yes"), "{stopped}");
    // Logged cramps were not timed: empty cells, not 0,0.
    assert!(
        csv.lines()
            .filter(|l| l.contains(",yes,") && l.starts_with("cramp"))
            .all(|l| !l.contains(",0,0,yes"))
    );
    assert!(!csv.contains(",0,0,yes"), "{csv}");
}

// ---- The real browser -------------------------------------------------

/// Debian's chromium binary, or why the browser test cannot run.
fn chromium() -> Result<PathBuf, String> {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()) {
            return Ok(PathBuf::from(name));
        }
    }
    Err("chromium is not installed (Debian: apt-get install chromium)".into())
}

fn poppler() -> Result<(), String> {
    let ok = |p: &str| Command::new(p).arg("-v").output().is_ok();
    if ok("pdftoppm") && ok("pdfinfo") && ok("pdftotext") {
        Ok(())
    } else {
        Err("poppler-utils is not installed (Debian: apt-get install poppler-utils)".into())
    }
}

/// Runs headless chromium on `page` with `args`, in its own profile.
fn headless(browser: &Path, profile: &Path, args: &[String], page: &Path) -> Output {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Share of pixels darker than near-white in a binary greyscale PGM (P5).
fn ink(pgm: &[u8]) -> f64 {
    // Header: "P5\n<w> <h>\n<max>\n", then one byte a pixel.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < pgm.len() {
        while i < pgm.len() && pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < pgm.len() && !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    let pixels = &pgm[i + 1..];
    pixels.iter().filter(|&&p| p < 200).count() as f64 / pixels.len().max(1) as f64
}

/// Prints `html` to PDF (with `@page size` forced when `paper` is given) and
/// checks every page has ink, the paper size, and that both charts printed.
fn print_and_check(browser: &Path, dir: &Path, html: &str, paper: Option<&str>) -> usize {
    let name = paper.unwrap_or("default");
    let page = dir.join(format!("report-{name}.html"));
    let html = match paper {
        Some(p) => html.replacen("</style>", &format!("@page {{ size: {p}; }}</style>"), 1),
        None => html.to_string(),
    };
    std::fs::write(&page, html).unwrap();
    let pdf = dir.join(format!("report-{name}.pdf"));
    headless(
        browser,
        &dir.join(format!("profile-{name}")),
        &["--no-pdf-header-footer".into(), format!("--print-to-pdf={}", pdf.display())],
        &page,
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"));
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default().to_string();
    match paper {
        Some("A4") => assert!(size.contains("(A4)"), "{size}"),
        Some("letter") => assert!(size.contains("(letter)"), "{size}"),
        _ => {}
    }
    // Five sections, each starting a page: at least five pages.
    assert!(pages >= 5, "{pages} pages on {name} paper");

    // Every page has content: rendered to greyscale, each has ink.
    let prefix = dir.join(format!("page-{name}"));
    let st = Command::new("pdftoppm").args(["-gray", "-r", "30"]).arg(&pdf).arg(&prefix).status().unwrap();
    assert!(st.success());
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let file = p.file_name().unwrap().to_string_lossy().to_string();
        if file.starts_with(&format!("page-{name}-")) && file.ends_with(".pgm") {
            let share = ink(&std::fs::read(&p).unwrap());
            assert!(share > 0.002, "{file} is blank ({share:.4} of it inked)");
            seen += 1;
        }
    }
    assert_eq!(seen, pages);

    // Both charts printed: their axis titles are in the PDF's text.
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for want in ["Week starting", "Nights with the routine", "Hour the cramp started", "Leg cramp report"] {
        assert!(text.contains(want), "{want:?} not printed on {name} paper");
    }
    pages
}

#[test]
fn a_real_browser_shows_both_charts_and_prints_every_page_on_a4_and_letter() {
    let browser = match chromium().and_then(|b| poppler().map(|()| b)) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let d = data();
    let html = stdout(&limber(d.path(), &["report", "--format", "html"]));
    let dir = tempfile::tempdir().unwrap();

    // On screen: the DOM the browser built has both charts as SVG with bars.
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let dom = headless(&browser, &dir.path().join("profile-dom"), &["--dump-dom".into()], &page);
    let dom = String::from_utf8_lossy(&dom.stdout);
    for id in ["chart-weekly", "chart-hours"] {
        let at = dom.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in the DOM"));
        let figure = &dom[at..at + dom[at..].find("</figure>").unwrap()];
        assert!(figure.contains("<svg"), "#{id} has no SVG");
        assert!(figure.matches("<rect").count() > 10, "#{id} has no bars");
    }

    // A screenshot that is not blank.
    let png = dir.path().join("report.png");
    headless(
        &browser,
        &dir.path().join("profile-png"),
        &["--window-size=1000,1400".into(), format!("--screenshot={}", png.display())],
        &page,
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..frame.buffer_size()];
    let step = frame.color_type.samples();
    let dark = bytes.chunks(step).filter(|px| px.iter().take(3).any(|&c| c < 128)).count();
    let share = dark as f64 / (bytes.len() / step) as f64;
    assert!(share > 0.01, "the screenshot is blank ({share:.4} dark)");

    // In print, on both papers.
    print_and_check(&browser, dir.path(), &html, Some("A4"));
    print_and_check(&browser, dir.path(), &html, Some("letter"));
}
