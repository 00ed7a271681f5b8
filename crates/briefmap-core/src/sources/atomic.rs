//! The one way briefmap writes a file (sidecars, decks, exports, slides): a regular file or a
//! new path is replaced atomically (temporary file in the same folder, synced, renamed over
//! it) keeping the old file's mode and, where allowed, its owner; a symbolic link is written
//! through to its target and stays a link; a character device or a FIFO (`/dev/null`,
//! `/dev/stdout`, a pipe) is written into directly, never replaced; a folder, a block device
//! or a socket is refused with a reason.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::text::shown::shown_path;

/// Why a file could not be written.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("cannot write {}: it is a folder", shown_path(path))]
    IsFolder { path: PathBuf },
    #[error("cannot write {}: it is {kind}", shown_path(path))]
    Unsupported { path: PathBuf, kind: &'static str },
    #[error("cannot write {}: too many levels of symbolic links", shown_path(path))]
    LinkLoop { path: PathBuf },
    #[error("cannot write {}: {source}", shown_path(path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl WriteError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
        move |source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Follows a chain of symbolic links to the path they finally name (which need not exist).
fn resolve_links(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(WriteError::io(&current))?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(WriteError::LinkLoop {
        path: path.to_path_buf(),
    })
}

/// Writes `bytes` to `path` as the module doc says.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve_links(path)?;
    match fs::metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => replace(&target, bytes, None),
        Err(source) => Err(WriteError::Io {
            path: target,
            source,
        }),
        Ok(meta) => {
            let file_type = meta.file_type();
            if file_type.is_file() {
                return replace(&target, bytes, Some(&meta));
            }
            if file_type.is_dir() {
                return Err(WriteError::IsFolder { path: target });
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt as _;
                if file_type.is_char_device() || file_type.is_fifo() {
                    let mut out = OpenOptions::new()
                        .write(true)
                        .open(&target)
                        .map_err(WriteError::io(&target))?;
                    return out
                        .write_all(bytes)
                        .and_then(|()| out.flush())
                        .map_err(WriteError::io(&target));
                }
            }
            Err(WriteError::Unsupported {
                kind: super::read::irregular_kind(file_type).unwrap_or("not a regular file"),
                path: target,
            })
        }
    }
}

/// Replaces (or creates) a regular file through a temporary file in its folder.
fn replace(path: &Path, bytes: &[u8], old: Option<&fs::Metadata>) -> Result<(), WriteError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".briefmap-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // A new file gets what any program's new file gets (0666 less the umask).
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder).map_err(WriteError::io(path))?;
    tmp.write_all(bytes).map_err(WriteError::io(path))?;
    #[cfg(unix)]
    if let Some(old) = old {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
            .map_err(WriteError::io(path))?;
        // Keeping the owner needs the right to give files away; without it the file is
        // ours, as any editor's save would leave it.
        match std::os::unix::fs::fchown(tmp.as_file(), Some(old.uid()), Some(old.gid())) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {}
            Err(e) => return Err(WriteError::io(path)(e)),
        }
    }
    #[cfg(not(unix))]
    let _ = old;
    tmp.as_file().sync_all().map_err(WriteError::io(path))?;
    tmp.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_new_file_is_created_and_an_old_one_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_file(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two, longer");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_old_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, b"x").unwrap();
        for mode in [0o644, 0o640, 0o600, 0o664] {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            write_file(&path, b"y").unwrap();
            let got = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
            assert_eq!(got, mode, "mode {mode:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("made.json", &dangling).unwrap();
        write_file(&dangling, b"made").unwrap();
        assert_eq!(fs::read(dir.path().join("made.json")).unwrap(), b"made");
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A loop is refused.
        let a = dir.path().join("loop-a");
        let b = dir.path().join("loop-b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(matches!(
            write_file(&a, b"x"),
            Err(WriteError::LinkLoop { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_character_device_is_written_into_not_replaced() {
        // /dev/null: written into, and still a character device afterwards.
        write_file(Path::new("/dev/null"), b"discarded").unwrap();
        use std::os::unix::fs::FileTypeExt as _;
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        // A link to it, too.
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("null.kml");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        write_file(&link, b"x").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(
            made.is_ok_and(|s| s.success()),
            "mkfifo (coreutils) is needed"
        );
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_file(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        use std::os::unix::fs::FileTypeExt as _;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_file(dir.path(), b"x").unwrap_err();
        assert!(matches!(err, WriteError::IsFolder { .. }), "{err}");
        assert!(err.to_string().contains("is a folder"));
    }
}
