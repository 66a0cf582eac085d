//! Opening files named by people (routines, config, history, sounds, the
//! sound library, the event log) so that no special file can hang, flood or
//! fool limber.
//!
//! A FIFO blocks `open` until a writer comes; `/dev/zero` never ends; a
//! folder opens fine on Linux and fails only on the first read. So a path is
//! checked before opening, opened without blocking (`O_NONBLOCK`, which has
//! no effect on regular files), and checked again on the open handle, in
//! case something else was swapped in between.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// What kind of file this is, for a message ("a FIFO", "a folder").
pub fn kind_of(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_file() {
        return "a regular file";
    }
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() {
            return "a device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn not_regular(meta: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {}, not a regular file; only regular files are read", kind_of(meta)),
    )
}

/// Opens `path` for reading if, and only if, it is a regular file (a
/// symlink to one is fine). Never blocks on a FIFO.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(not_regular(&before));
    }
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    opts.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    let file = opts.open(path)?;
    let after = file.metadata()?;
    if !after.is_file() {
        return Err(not_regular(&after));
    }
    Ok(file)
}

/// Checks, without opening, that `path` is a regular file.
pub fn check_regular(path: &Path) -> io::Result<Metadata> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() { Ok(meta) } else { Err(not_regular(&meta)) }
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed (a special file is refused here too).
    Io(io::Error),
    /// The file is larger than the limit; it was not read whole.
    TooLarge,
}

/// Reads a regular file of at most `max` bytes. Never holds more than
/// `max + 1` bytes, whatever the file claims or turns into.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// Opens `path` for writing a log: created or truncated when it is a
/// regular file or missing; a FIFO only when a reader is already there
/// (otherwise opening would wait for one forever); a device such as
/// `/dev/null` as it is.
pub fn create_log(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path)
        && meta.file_type().is_fifo()
    {
        let file = OpenOptions::new()
            .write(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(path)
            .map_err(|e| {
                if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
                    io::Error::other("it is a FIFO (named pipe) with no reader; start the reader first")
                } else {
                    e
                }
            })?;
        // The reader is there: from now on writes may wait for it, on the
        // log's own thread, rather than fail when the pipe is momentarily full.
        let flags = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK)?;
        return Ok(file);
    }
    File::create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_devices_are_refused_with_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        let e = open_regular(dir.path()).unwrap_err();
        assert!(e.to_string().contains("it is a folder, not a regular file"), "{e}");
        let e = open_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("it is a device"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_dev_zero_is_refused_before_any_read() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("history.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(read_bounded(&link, 10), Err(ReadError::Io(_))));
    }

    #[test]
    fn a_file_over_the_limit_is_too_large_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert!(matches!(read_bounded(&p, 4), Err(ReadError::TooLarge)));
        assert_eq!(read_bounded(&p, 5).unwrap(), b"12345");
    }
}
