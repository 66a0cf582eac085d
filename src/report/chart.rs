//! The report's two charts as SVG, drawn with plotters (SVG backend only,
//! no font files: the text is left to the browser's own fonts).
//!
//! plotters was chosen over hand-built SVG paths because it lays out the
//! axes, ticks, labels and legend, escapes every text it writes, and with
//! its default features off brings in nothing but its SVG backend.

use plotters::prelude::*;

use super::{Report, Week};

/// Size of each chart in SVG user units; the page scales it to its width.
const SIZE: (u32, u32) = (720, 300);
/// Cramps: a deep blue; routine nights: a light teal. Both print in grey as
/// clearly different shades.
const CRAMPS: RGBColor = RGBColor(0x1f, 0x4e, 0x9a);
const ROUTINE: RGBColor = RGBColor(0x7f, 0xc8, 0xbd);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// At most this many bar pairs in the weekly chart: a longer range puts
/// several weeks in each, so bars and labels stay readable on paper.
const MAX_BARS: usize = 26;
/// At most this many labels on an axis.
const MAX_LABELS: usize = 13;

/// Weeks in each bar of the weekly chart.
pub fn weeks_per_bar(r: &Report) -> usize {
    r.weeks.len().div_ceil(MAX_BARS).max(1)
}

/// The weekly chart's bars: the weeks, or groups of `weeks_per_bar` weeks
/// (the oldest group may be short), oldest first.
fn bars(r: &Report) -> Vec<Week> {
    r.weeks
        .rchunks(weeks_per_bar(r))
        .rev()
        .map(|c| Week {
            from: c[0].from,
            nights: c.iter().map(|w| w.nights).sum(),
            routine_nights: c.iter().map(|w| w.routine_nights).sum(),
            cramps: c.iter().map(|w| w.cramps).sum(),
        })
        .collect()
}

/// Cramps per week (or per group of weeks) beside the nights in it with the
/// routine.
pub fn weekly(r: &Report) -> Result<String, String> {
    let weeks = bars(r);
    let n = weeks.len();
    let format = if weeks_per_bar(r) > 1 { "%b %Y" } else { "%-d %b" };
    let labels: Vec<String> = weeks.iter().map(|w| w.from.strftime(format).to_string()).collect();
    let top = weeks.iter().map(|w| w.cramps.max(w.routine_nights)).max().unwrap_or(0).max(1);
    // Only some bars labelled when there are many, so labels never overlap.
    // "Nov 2016" is wider than "27 Aug": fewer of them fit.
    let fit = if weeks_per_bar(r) > 1 { 7 } else { MAX_LABELS };
    let every = n.div_ceil(fit).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(e)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(44)
            // Headroom above the tallest bar keeps the legend clear of it.
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0u32..top + top.div_ceil(3) + 2)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .y_labels(((top + top.div_ceil(3) + 3) as usize).min(MAX_LABELS))
            .x_label_formatter(&|x| {
                index(*x, n).filter(|i| i % every == 0).map_or(String::new(), |i| labels[i].clone())
            })
            .y_label_formatter(&|y| y.to_string())
            .x_desc(if weeks_per_bar(r) > 1 {
                "Weeks starting (night of)"
            } else {
                "Week starting (night of)"
            })
            .y_desc("Count")
            .label_style(("sans-serif", 15).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 16).into_font().color(&INK))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .draw()
            .map_err(e)?;
        let bar = |i: usize, left: bool, v: u32, c: RGBColor| {
            let x = i as f64;
            let (a, b) = if left { (x - 0.38, x) } else { (x, x + 0.38) };
            Rectangle::new([(a, 0), (b, v)], c.filled())
        };
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, w)| bar(i, true, w.cramps, CRAMPS)))
            .map_err(e)?
            .label("Cramps")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], CRAMPS.filled()));
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, w)| bar(i, false, w.routine_nights, ROUTINE)))
            .map_err(e)?
            .label("Nights with the routine")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], ROUTINE.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(("sans-serif", 15).into_font().color(&INK))
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(0xbb, 0xbb, 0xbb))
            .draw()
            .map_err(e)?;
        root.present().map_err(e)?;
    }
    Ok(svg)
}

/// Cramps by the hour they started, noon to noon.
pub fn hours(r: &Report) -> Result<String, String> {
    let counts: Vec<(usize, u32)> = r.hours_of_the_night().collect();
    let top = counts.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(e)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..23.5, 0u32..top + top.div_ceil(10) + 1)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(24)
            .y_labels(((top + 2) as usize).min(MAX_LABELS))
            // A label every three hours: 12:00, 15:00 ... 09:00.
            .x_label_formatter(&|x| {
                index(*x, 24)
                    .filter(|i| i % 3 == 0)
                    .map_or(String::new(), |i| format!("{:02}:00", (i + 12) % 24))
            })
            .y_label_formatter(&|y| y.to_string())
            .x_desc("Hour the cramp started (noon to noon)")
            .y_desc("Cramps")
            .label_style(("sans-serif", 15).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 16).into_font().color(&INK))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(counts.iter().enumerate().map(|(i, (_, c))| {
                let x = i as f64;
                Rectangle::new([(x - 0.4, 0), (x + 0.4, *c)], CRAMPS.filled())
            }))
            .map_err(e)?;
        root.present().map_err(e)?;
    }
    Ok(svg)
}

/// The bar index a tick value stands on, if it stands on one.
fn index(x: f64, n: usize) -> Option<usize> {
    let i = x.round();
    ((x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n).then_some(i as usize)
}

fn e(err: impl std::fmt::Display) -> String {
    format!("cannot draw the chart: {err}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::LocalTime;

    fn empty(days: u32) -> Report {
        let now: LocalTime = "2026-11-24T08:00:00+01:00".parse().unwrap();
        Report::build(&[], now, days, 0)
    }

    #[test]
    fn ten_years_fit_in_at_most_26_bars_and_keep_every_night() {
        let r = empty(3650);
        let b = bars(&r);
        assert!(b.len() <= MAX_BARS, "{} bars", b.len());
        assert_eq!(b.iter().map(|w| w.nights).sum::<u32>(), 3650);
        assert_eq!(b.last().unwrap().from, r.weeks[r.weeks.len() - weeks_per_bar(&r)].from);
        // 90 nights: one bar a week.
        assert_eq!(bars(&empty(90)).len(), 13);
    }

    #[test]
    fn both_charts_draw_their_axes_and_legend() {
        let r = empty(90);
        let w = weekly(&r).unwrap();
        assert!(w.starts_with("<svg") && w.contains("viewBox=\"0 0 720 300\""));
        assert!(w.contains("Nights with the routine") && w.contains("Week starting"));
        let h = hours(&r).unwrap();
        for label in ["12:00", "00:00", "03:00", "09:00", "Hour the cramp started"] {
            assert!(h.contains(label), "{label}");
        }
    }
}
