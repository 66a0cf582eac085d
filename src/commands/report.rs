//! `limber report`: the history as Markdown, CSV or HTML, to stdout or to a
//! file written whole.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::history::store;
use crate::report::{Format, Report, render};

pub fn run(days: u32, format: Format, out: Option<&Path>) -> Result<ExitCode> {
    let path = store::default_path().context("cannot tell where your data folder is; set LIMBER_DATA_DIR")?;
    let loaded = store::load(&path).with_context(|| format!("cannot read {}", path.display()))?;
    if let Some(note) = loaded.damage_note(&path) {
        crate::errln!("warning: {note}");
    }
    let now = crate::clock::now().map_err(|e| anyhow!(e))?;
    let report = Report::build(&loaded.records, now, days, loaded.unreadable);
    let text = render(&report, format);
    match out {
        None => {
            // Through `out`: made terminal-safe, and a closed pipe ends quietly.
            crate::out!("{text}")?;
        }
        Some(p) if p == Path::new("-") => {
            // Through `out`: made terminal-safe, and a closed pipe ends quietly.
            crate::out!("{text}")?;
        }
        Some(p) => {
            write_whole(p, text.as_bytes())?;
            crate::errln!("wrote {}", crate::text::printable(&p.display().to_string()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a reader never sees half a report and a failed write leaves
/// the old file as it was. `-o` names the file outright, so an existing
/// regular file is replaced (as `cc -o` and `curl -o` do); anything else
/// (a folder, a device, a pipe) is refused rather than replaced by a file.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = crate::text::printable(&path.display().to_string());
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => bail!("{shown} is a folder; give a file name after -o"),
        Ok(m) if !m.is_file() => bail!("{shown} is not a regular file; limber will not replace it"),
        _ => {}
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".limber-report-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", crate::text::printable(&dir.display().to_string())))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    tmp.persist(path).map_err(|e| anyhow!("cannot write {shown}: {}", e.error))?;
    Ok(())
}
