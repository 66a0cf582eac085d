//! Spoken prompts through a speech program already on the machine. Speech
//! runs in its own process, started and stopped by a small thread so the UI
//! never waits; a new prompt or the end of the session stops the last one.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde::{Deserialize, Deserializer, Serialize};

use crate::worker::Worker;

/// Programs tried by `voice = "auto"`, in order, with their arguments.
const CANDIDATES: [(&str, &[&str]); 3] = [("espeak-ng", &[]), ("spd-say", &["--wait"]), ("say", &[])];

/// The `voice` setting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub enum VoiceSetting {
    /// Use the first speech program found.
    #[default]
    Auto,
    Off,
    /// A program (and arguments) to run with the prompt as its last argument.
    Command(String),
}

// What the parser accepts: text without control characters that is not
// blank ("auto", "off" or a program).
impl schemars::JsonSchema for VoiceSetting {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VoiceSetting".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$",
            "examples": ["auto", "off", "espeak-ng -s 140"],
            "description": "\"auto\" (the first of espeak-ng, spd-say, say), \"off\", or a program to run with the prompt as its last argument",
        })
    }
}

impl<'de> Deserialize<'de> for VoiceSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Checked by hand rather than as `SafeText`, which would refuse an
        // empty value with a message that does not list the choices.
        let s = crate::text::SafeText::new(String::deserialize(d)?).map_err(serde::de::Error::custom)?;
        Ok(match s.as_str().trim() {
            "auto" => VoiceSetting::Auto,
            "off" => VoiceSetting::Off,
            "" => return Err(serde::de::Error::custom("`voice` is \"auto\", \"off\" or a program to run")),
            cmd => VoiceSetting::Command(cmd.to_string()),
        })
    }
}

/// A speech program and the arguments before the prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speech {
    pub program: PathBuf,
    pub args: Vec<String>,
}

/// The speech program the setting asks for, if it can be found.
pub fn find(setting: &VoiceSetting) -> Option<Speech> {
    match setting {
        VoiceSetting::Off => None,
        VoiceSetting::Auto => CANDIDATES.iter().find_map(|(name, args)| {
            on_path(name)
                .map(|program| Speech { program, args: args.iter().map(|a| a.to_string()).collect() })
        }),
        VoiceSetting::Command(cmd) => {
            let mut words = cmd.split_whitespace();
            let first = words.next()?;
            let program = if first.contains('/') {
                Some(PathBuf::from(first)).filter(|p| is_executable(p))
            } else {
                on_path(first)
            }?;
            Some(Speech { program, args: words.map(str::to_string).collect() })
        }
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// The prompt said at the start of each stretch and side: the stretch's
/// name, the leg, its cue line from the catalogue, and the hold.
pub fn prompt(stretch: &str, leg: &str, cue: &str, hold_secs: u32) -> String {
    // A leading '-' would read as an option to the speech program.
    let stretch = stretch.trim_start_matches('-');
    let cue = cue.trim();
    let sep = if cue.is_empty() || cue.ends_with(['.', '!', '?']) { "" } else { "." };
    let cue = if cue.is_empty() { String::new() } else { format!(" {cue}{sep}") };
    format!("{stretch}, {leg}.{cue} Hold for {hold_secs} seconds.")
}

/// The voice thread's handle. Dropping it stops any speech.
pub struct Voice(Worker<Option<String>>);

impl Voice {
    pub fn start(speech: Speech) -> Self {
        Voice(Worker::spawn("voice", move |rx| {
            let mut current: Option<Child> = None;
            for msg in rx {
                stop(&mut current);
                if let Some(text) = msg {
                    current = Command::new(&speech.program)
                        .args(&speech.args)
                        .arg(text)
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .ok();
                }
            }
            stop(&mut current);
        }))
    }

    /// Says `text`, stopping whatever was being said.
    pub fn say(&self, text: String) {
        self.0.send(Some(text));
    }

    /// Stops speaking.
    pub fn stop(&self) {
        self.0.send(None);
    }
}

fn stop(child: &mut Option<Child>) {
    if let Some(mut c) = child.take() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_names_stretch_leg_and_hold() {
        assert_eq!(
            prompt("Standing calf stretch", "left leg", "Weight on the leg, knee slightly bent.", 30),
            "Standing calf stretch, left leg. Weight on the leg, knee slightly bent. Hold for 30 seconds."
        );
        assert_eq!(
            prompt("Seated calf stretch", "the cramped leg", "  ", 20),
            "Seated calf stretch, the cramped leg. Hold for 20 seconds."
        );
        assert_eq!(
            prompt("Foot pull", "left leg", "Leg straight", 15),
            "Foot pull, left leg. Leg straight. Hold for 15 seconds."
        );
        assert!(prompt("-q evil", "left leg", "", 30).starts_with("q evil"));
    }

    #[test]
    fn off_finds_nothing_and_a_missing_command_is_none() {
        assert_eq!(find(&VoiceSetting::Off), None);
        assert_eq!(find(&VoiceSetting::Command("/no/such/speaker".into())), None);
        let sh = find(&VoiceSetting::Command("sh -c".into())).expect("sh is on PATH");
        assert_eq!(sh.args, ["-c"]);
    }
}
