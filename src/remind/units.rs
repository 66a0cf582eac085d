//! The files that make the system run `limber remind notify` at bedtime, as
//! pure functions of the time, the program's path and the environment it
//! needs, so every platform's file is golden-tested on every platform.

use super::RemindAt;

/// The systemd units' name: `limber-remind.timer` and `.service`.
pub const UNIT: &str = "limber-remind";
/// The launchd agent's label (and its plist's name).
pub const LAUNCHD_LABEL: &str = "limber.remind";

/// What the scheduled command needs: the program and the environment
/// overrides that were in force when the reminder was set (so the reminder
/// reads the same history and config as the person's shell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Absolute path of the limber binary.
    pub exe: String,
    /// `(NAME, value)` pairs, in order.
    pub env: Vec<(String, String)>,
}

/// The arguments after the program.
pub const ARGS: [&str; 2] = ["remind", "notify"];

/// Checks that a path or value can be written into a unit file, plist and
/// crontab: text without control characters (a newline would end the line
/// and start another directive).
pub fn check_value(what: &str, value: &str) -> Result<(), String> {
    match value.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "{what} {} holds a control character ({:?}); it cannot be written into a scheduler file",
            crate::text::printable(value),
            c
        )),
        None => Ok(()),
    }
}

/// `limber-remind.service`: one run of `limber remind notify`.
pub fn systemd_service(job: &Job) -> String {
    let mut out = String::from(
        "# Written by `limber remind at`; `limber remind off` removes it.\n\
         [Unit]\n\
         Description=limber: bedtime stretch reminder\n\
         \n\
         [Service]\n\
         Type=oneshot\n",
    );
    for (name, value) in &job.env {
        out.push_str(&format!("Environment={}\n", systemd_quote(&format!("{name}={value}"))));
    }
    let args: Vec<String> = std::iter::once(job.exe.as_str()).chain(ARGS).map(systemd_exec_word).collect();
    out.push_str(&format!("ExecStart={}\n", args.join(" ")));
    out
}

/// `limber-remind.timer`: every day at the time; a night the computer was
/// off is not made up for the next morning (`Persistent=false`).
pub fn systemd_timer(at: RemindAt) -> String {
    format!(
        "# Written by `limber remind at`; `limber remind off` removes it.\n\
         [Unit]\n\
         Description=limber: bedtime stretch reminder at {at}\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* {at}:00\n\
         Persistent=false\n\
         AccuracySec=1s\n\
         Unit={UNIT}.service\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
    )
}

/// The launchd agent for `~/Library/LaunchAgents/limber.remind.plist`.
pub fn launchd_plist(job: &Job, at: RemindAt) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <!-- Written by `limber remind at`; `limber remind off` removes it. -->\n\
         <plist version=\"1.0\">\n\
         <dict>\n",
    );
    out.push_str(&format!("\t<key>Label</key>\n\t<string>{LAUNCHD_LABEL}</string>\n"));
    out.push_str("\t<key>ProgramArguments</key>\n\t<array>\n");
    for a in std::iter::once(job.exe.as_str()).chain(ARGS) {
        out.push_str(&format!("\t\t<string>{}</string>\n", xml_escape(a)));
    }
    out.push_str("\t</array>\n");
    if !job.env.is_empty() {
        out.push_str("\t<key>EnvironmentVariables</key>\n\t<dict>\n");
        for (name, value) in &job.env {
            out.push_str(&format!(
                "\t\t<key>{}</key>\n\t\t<string>{}</string>\n",
                xml_escape(name),
                xml_escape(value)
            ));
        }
        out.push_str("\t</dict>\n");
    }
    out.push_str(&format!(
        "\t<key>StartCalendarInterval</key>\n\t<dict>\n\
         \t\t<key>Hour</key>\n\t\t<integer>{}</integer>\n\
         \t\t<key>Minute</key>\n\t\t<integer>{}</integer>\n\
         \t</dict>\n",
        at.hour, at.minute
    ));
    out.push_str("</dict>\n</plist>\n");
    out
}

/// The crontab line for systems without either. cron starts jobs without the
/// desktop session's environment; `limber remind notify` finds the session
/// bus at its usual place (`/run/user/UID/bus`) by itself.
pub fn cron_line(job: &Job, at: RemindAt) -> String {
    let mut words: Vec<String> = job.env.iter().map(|(n, v)| format!("{n}={}", sh_quote(v))).collect();
    words.push(sh_quote(&job.exe));
    words.extend(ARGS.iter().map(|a| a.to_string()));
    // In a crontab an unescaped % ends the command.
    format!("{} {} * * * {}", at.minute, at.hour, words.join(" ").replace('%', "\\%"))
}

/// One word of `ExecStart=`: quoted only when it must be, with systemd's
/// specifier (`%`) and variable (`$`) characters doubled.
fn systemd_exec_word(s: &str) -> String {
    let plain =
        !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | ';'));
    let s = s.replace('$', "$$");
    if plain { s.replace('%', "%%") } else { systemd_quote(&s) }
}

/// A double-quoted systemd value with C-style escapes and `%` doubled.
fn systemd_quote(s: &str) -> String {
    let inner = s.replace('\\', "\\\\").replace('"', "\\\"").replace('%', "%%");
    format!("\"{inner}\"")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A POSIX shell word in single quotes.
fn sh_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+,:=@".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_paths_are_quoted_for_each_file() {
        let job = Job { exe: "/opt/my apps/50%/lim$ber".into(), env: vec![] };
        let service = systemd_service(&job);
        assert!(service.contains("ExecStart=\"/opt/my apps/50%%/lim$$ber\" remind notify\n"), "{service}");
        let cron = cron_line(&job, RemindAt { hour: 7, minute: 5 });
        assert_eq!(cron, "5 7 * * * '/opt/my apps/50\\%/lim$ber' remind notify");
        let job = Job { exe: "/a/<b>&'c'".into(), env: vec![] };
        assert!(
            launchd_plist(&job, RemindAt { hour: 1, minute: 2 })
                .contains("<string>/a/&lt;b&gt;&amp;&apos;c&apos;</string>")
        );
        assert!(check_value("the program", "/a\nExecStart=/bin/evil").is_err());
        assert!(check_value("the program", "/usr/bin/limber").is_ok());
    }
}
