//! `limber init`: copy the built-in routines out for editing.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::{builtin, json_schema};

pub fn run(force: bool) -> Result<ExitCode> {
    let dir = crate::paths::routines_dir()
        .context("cannot tell where your config folder is; set LIMBER_CONFIG_DIR")?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    if let Some(config) = dir.parent() {
        json_schema::install(config)
            .with_context(|| format!("cannot write the schemas in {}", config.display()))?;
    }
    let mut kept = 0;
    for (name, text) in builtin::ROUTINES {
        let path = dir.join(name);
        let mut opts = std::fs::OpenOptions::new();
        // `create_new` refuses atomically if the file exists, so a file made
        // between a check and the write is never clobbered.
        if force {
            opts.write(true).create(true).truncate(true)
        } else {
            opts.write(true).create_new(true)
        };
        match opts.open(&path) {
            Ok(mut f) => {
                let text = json_schema::with_directive(json_schema::ROUTINE_DIRECTIVE, text);
                f.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
                crate::outln!("wrote {}", path.display())?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                kept += 1;
                crate::outln!("kept {} (exists; --force overwrites)", path.display())?;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }
    crate::outln!("\nYour routines folder: {}", dir.display())?;
    crate::outln!("Edit a file there; a routine with a built-in's id replaces the built-in.")?;
    if kept > 0 {
        crate::outln!("{kept} file(s) were left as they were.")?;
    }
    Ok(ExitCode::SUCCESS)
}
