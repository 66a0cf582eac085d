//! The desktop notification, through the freedesktop Notifications
//! interface on the session D-Bus. zbus speaks D-Bus in Rust (no libdbus to
//! link), and its blocking API suits a program that sends one message and
//! exits.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use thiserror::Error;
use zbus::zvariant::Value;

/// How long to wait for the notification service to answer.
const TIMEOUT: Duration = Duration::from_secs(5);

/// What became of the notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Shown, with the id the service gave it.
    Shown(u32),
    /// No session bus: no desktop session to notify.
    NoBus(String),
    /// A bus, but nothing on it shows notifications.
    NoService(String),
}

/// The service answered with an error.
#[derive(Debug, Error)]
#[error("the notification service refused the notification: {0}")]
pub struct NotifyError(String);

/// macOS has no freedesktop notification service; AppleScript's `display
/// notification` is the one built in.
fn send_macos(summary: &str, body: &str) -> Result<Sent, NotifyError> {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let text = if body.is_empty() { summary.to_string() } else { format!("{summary}\n{body}") };
    let script = format!("display notification {} with title \"limber\"", quote(&text));
    match std::process::Command::new("osascript").args(["-e", &script]).output() {
        Ok(out) if out.status.success() => Ok(Sent::Shown(0)),
        Ok(out) => Err(NotifyError(crate::text::printable(String::from_utf8_lossy(&out.stderr).trim()))),
        Err(e) => Ok(Sent::NoService(format!("osascript could not run: {e}"))),
    }
}

/// The session bus's address: `DBUS_SESSION_BUS_ADDRESS`, else the usual
/// per-user socket (`$XDG_RUNTIME_DIR/bus`, `/run/user/UID/bus`), which a
/// job started by cron has to find by itself.
pub fn session_address() -> Option<String> {
    if let Some(a) = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok().filter(|a| !a.trim().is_empty()) {
        return Some(a);
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(user_runtime_dir)?;
    let socket = runtime.join("bus");
    socket.exists().then(|| format!("unix:path={}", socket.display()))
}

#[cfg(unix)]
fn user_runtime_dir() -> Option<std::path::PathBuf> {
    use std::os::unix::fs::MetadataExt;
    // Our own user id, without libc: the owner of our /proc entry.
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    Some(Path::new("/run/user").join(uid.to_string()))
}

#[cfg(not(unix))]
fn user_runtime_dir() -> Option<std::path::PathBuf> {
    None
}

/// Sends one notification from "limber": on macOS through Notification
/// Center (`osascript`), elsewhere over D-Bus.
pub fn send(summary: &str, body: &str) -> Result<Sent, NotifyError> {
    if cfg!(target_os = "macos") {
        return send_macos(summary, body);
    }
    let Some(address) = session_address() else {
        return Ok(Sent::NoBus("no session bus address is known".into()));
    };
    let connection = match zbus::blocking::connection::Builder::address(address.as_str())
        .map(|b| b.method_timeout(TIMEOUT))
        .and_then(|b| b.build())
    {
        Ok(c) => c,
        Err(e) => return Ok(Sent::NoBus(format!("cannot reach the session bus: {e}"))),
    };
    let hints: HashMap<&str, Value> = HashMap::from([("urgency", Value::U8(1))]);
    let actions: Vec<&str> = Vec::new();
    let reply = connection.call_method(
        Some("org.freedesktop.Notifications"),
        "/org/freedesktop/Notifications",
        Some("org.freedesktop.Notifications"),
        "Notify",
        &("limber", 0u32, "", summary, body, actions, hints, -1i32),
    );
    match reply {
        Ok(m) => Ok(Sent::Shown(m.body().deserialize::<u32>().unwrap_or(0))),
        Err(zbus::Error::MethodError(name, detail, _))
            if name.as_str().ends_with(".ServiceUnknown") || name.as_str().ends_with(".NameHasNoOwner") =>
        {
            Ok(Sent::NoService(detail.unwrap_or_else(|| name.to_string())))
        }
        Err(e) => Err(NotifyError(crate::text::printable(&e.to_string()))),
    }
}
