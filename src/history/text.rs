//! How the history reads as text, shared by `limber history` and the TUI.

use std::collections::BTreeMap;

use super::summary::{Rate, Summary};
use crate::routine::Muscle;

/// " (calf 2, hamstring 1)", or nothing when there were no cramps.
pub fn by_muscle(m: &BTreeMap<Muscle, u32>) -> String {
    if m.is_empty() {
        return String::new();
    }
    format!(" ({})", m.iter().map(|(k, v)| format!("{} {v}", k.as_str())).collect::<Vec<_>>().join(", "))
}

/// "1 cramp in 20 nights": counts only, no claims.
pub fn rate(r: Rate) -> String {
    let s = |n: u32| if n == 1 { "" } else { "s" };
    format!("{} cramp{} in {} night{}", r.cramps, s(r.cramps), r.nights, s(r.nights))
}

/// The 30-night strip in characters that read without colour:
/// `#` routine, `.` none, `x` cramp, `X` routine and a cramp.
pub fn strip_text(s: &Summary) -> String {
    s.strip
        .iter()
        .map(|n| match (n.done, n.cramps > 0) {
            (true, true) => 'X',
            (false, true) => 'x',
            (true, false) => '#',
            (false, false) => '.',
        })
        .collect()
}

/// The quoted advice shown when cramps come often. The count that triggers
/// it is limber's own threshold (`doctor_after_cramps`), and says so: the
/// article's only wording is "occur frequently".
pub fn doctor_advice(cramps: u32) -> String {
    format!(
        "{cramps} cramps in the last 7 days (limber's own threshold; the article says \"occur frequently\"). \
         \"If leg muscle spasms persist, worsen, or occur frequently, it's crucial to consult a healthcare \
         professional.\" (Understanding and Managing Leg Muscle Spasms)"
    )
}
