//! "Now" for the commands that count nights.
//!
//! `LIMBER_NOW` (an RFC 3339 time with its offset, such as
//! `2026-11-24T21:00:00+01:00`) fixes the clock, so that tests can run the
//! real binary against a fixture and get the same nights every day, the way
//! `LIMBER_TIME_SCALE` speeds up sessions. People have no reason to set it.

use crate::history::LocalTime;

/// The variable that fixes the clock.
pub const VAR: &str = "LIMBER_NOW";

/// Now, or the time in `LIMBER_NOW` when it is set.
pub fn now() -> Result<LocalTime, String> {
    match std::env::var(VAR) {
        Ok(v) if !v.is_empty() => v.parse().map_err(|e| {
            format!(
                "{VAR} must be a time with its offset like \"2026-11-24T21:00:00+01:00\", found {:?} ({e})",
                crate::text::printable(&v)
            )
        }),
        _ => Ok(LocalTime::now()),
    }
}

/// A warning when `TZ` is set but names no time zone: most libraries then
/// quietly use UTC, which would put a 03:10 cramp on the wrong night.
pub fn tz_warning() -> Option<String> {
    let tz = std::env::var_os("TZ").filter(|v| !v.is_empty())?;
    jiff::tz::TimeZone::try_system().err()?;
    Some(format!(
        "TZ={:?} is not a time zone limber knows (such as Europe/Paris); times are in UTC",
        crate::text::printable(&tz.to_string_lossy())
    ))
}
