//! The one way briefmap reads a user's file: only a regular file is read (a FIFO, a device, a
//! socket or a folder is refused with a reason, never waited on), and never more than a cap,
//! whatever `metadata` claims — a link to `/dev/zero` cannot fill the memory.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

use thiserror::Error;

/// Why a file could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("not a regular file but {0}; only regular files are read")]
    NotRegular(&'static str),
    #[error("the file is too large ({size} bytes; at most {limit} are read)")]
    TooLarge { size: u64, limit: u64 },
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e.to_string())
        }
    }
}

/// What kind of file system object `file_type` is, in words, when it is not a regular file.
pub fn irregular_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens a file for reading without ever blocking on it: on Unix with `O_NONBLOCK`, so that
/// opening a FIFO with no writer returns at once instead of hanging.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a regular file (links followed) of at most `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_capped_with_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// `read_capped`, with the metadata of the file that was read (its time of modification
/// tells a later change).
pub fn read_capped_with_metadata(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    // Refuse by what the path is before opening it; then check what was opened (the path may
    // have changed in between).
    let meta = std::fs::metadata(path)?;
    if let Some(kind) = irregular_kind(meta.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if let Some(kind) = irregular_kind(meta.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte more than the cap tells a file that grew past it while being read.
    (&file).take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok((bytes, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"hello").unwrap();
        assert_eq!(read_capped(&path, 5).unwrap(), b"hello");
        assert_eq!(
            read_capped(&path, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        );
        assert_eq!(
            read_capped(&dir.path().join("missing"), 9),
            Err(ReadError::NotFound)
        );
        assert_eq!(
            read_capped(dir.path(), 9),
            Err(ReadError::NotRegular("a folder"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(
            read_capped(&link, 1 << 20),
            Err(ReadError::NotRegular("a character device"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            panic!("mkfifo is needed for this test (coreutils)");
        }
        assert_eq!(
            read_capped(&fifo, 1 << 20),
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        );
    }
}
