//! The corpus cache's database: one SQLite file per opened root, in WAL mode with a busy
//! timeout (two windows on one root take turns), holding per brief file its path, size,
//! mtime, content hash, the hash of its sidecar's publication facts, the extractor version,
//! the extraction result, and its text in an FTS5 table for full-text search. A file that
//! is not a database, is damaged or has another schema is replaced; the sidecars stay the
//! source of truth, so nothing is lost by that.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use thiserror::Error;

use super::EXTRACTOR_VERSION;

/// The layout of the tables; a file with another is rebuilt.
pub const SCHEMA_VERSION: i64 = 1;
/// How long a write waits for another briefmap using the same cache.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Error)]
pub enum CacheError {
    #[error("the corpus cache {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the corpus cache {} cannot be made or replaced: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What the cache knows about one file without its (large) result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub size: u64,
    pub mtime_ns: i64,
    pub content_hash: u64,
    pub publication_hash: u64,
    pub extractor_version: u32,
    /// When size and mtime were last seen to match the content (nanoseconds since 1970).
    pub checked_ns: i64,
}

/// One file's stored result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The brief as JSON (the CLI's form), without its text.
    pub brief: String,
    /// The story spans as JSON.
    pub story: String,
    pub text: String,
}

/// A file's fresh facts to store with its result.
#[derive(Debug, Clone)]
pub struct Fresh<'a> {
    pub path: &'a str,
    pub size: u64,
    pub mtime_ns: i64,
    pub content_hash: u64,
    pub publication_hash: u64,
    pub checked_ns: i64,
    pub stored: Option<&'a Stored>,
}

/// An open corpus database.
pub struct CorpusDb {
    conn: Connection,
    /// The file, or `None` in memory.
    pub path: Option<PathBuf>,
}

impl std::fmt::Debug for CorpusDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusDb")
            .field("path", &self.path)
            .finish()
    }
}

impl CorpusDb {
    /// A database in memory (nothing read from or written to disk).
    pub fn in_memory() -> Result<Self, CacheError> {
        let conn = Connection::open_in_memory().map_err(|e| sqlite(Path::new(":memory:"), e))?;
        let db = CorpusDb { conn, path: None };
        db.prepare_schema()?;
        Ok(db)
    }

    /// Opens (or creates) the database file `path`. A file that cannot be used as this
    /// cache is removed and made again; the message says so. Another briefmap holding it
    /// locked beyond the busy timeout is an error (the caller goes on without it).
    pub fn open(path: &Path) -> Result<(Self, Option<String>), CacheError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| CacheError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        match Self::open_once(path) {
            Ok(db) => Ok((db, None)),
            Err(CacheError::Sqlite { source, .. }) if is_busy(&source) => Err(sqlite(path, source)),
            Err(first) => {
                remove_database(path).map_err(|source| CacheError::Folder {
                    path: path.to_path_buf(),
                    source,
                })?;
                let db = Self::open_once(path)?;
                Ok((
                    db,
                    Some(format!(
                        "{first}; it was rebuilt (corrections live in the sidecars and are kept)"
                    )),
                ))
            }
        }
    }

    fn open_once(path: &Path) -> Result<Self, CacheError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sqlite(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| sqlite(path, e))?;
        let db = CorpusDb {
            conn,
            path: Some(path.to_path_buf()),
        };
        // WAL: readers never wait for a writer, and a crash never leaves half a write.
        db.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(|e| db.error(e))?;
        db.conn
            .execute_batch("PRAGMA synchronous = NORMAL")
            .map_err(|e| db.error(e))?;
        db.prepare_schema()?;
        Ok(db)
    }

    fn error(&self, e: rusqlite::Error) -> CacheError {
        sqlite(self.path.as_deref().unwrap_or(Path::new(":memory:")), e)
    }

    /// Makes the tables if missing; drops them if made by another schema, and the results
    /// if made by another extractor.
    fn prepare_schema(&self) -> Result<(), CacheError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error(e))?;
        if version != SCHEMA_VERSION {
            self.conn
                .execute_batch(
                    "BEGIN IMMEDIATE;
                     DROP TABLE IF EXISTS files;
                     DROP TABLE IF EXISTS texts;
                     DROP TABLE IF EXISTS meta;
                     CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                     CREATE TABLE files (
                         id INTEGER PRIMARY KEY,
                         path TEXT NOT NULL UNIQUE,
                         size INTEGER NOT NULL,
                         mtime_ns INTEGER NOT NULL,
                         content_hash INTEGER NOT NULL,
                         publication_hash INTEGER NOT NULL,
                         extractor_version INTEGER NOT NULL,
                         checked_ns INTEGER NOT NULL,
                         brief TEXT NOT NULL,
                         story TEXT NOT NULL
                     );
                     CREATE VIRTUAL TABLE texts USING fts5(
                         text, tokenize = 'unicode61 remove_diacritics 2'
                     );",
                )
                .and_then(|()| {
                    self.conn
                        .execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"))
                })
                .map_err(|e| self.error(e))?;
        }
        let extractor: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'extractor_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        if extractor.as_deref() != Some(EXTRACTOR_VERSION.to_string().as_str()) {
            self.conn
                .execute_batch(&format!(
                    "BEGIN IMMEDIATE;
                     DELETE FROM files;
                     DELETE FROM texts;
                     INSERT OR REPLACE INTO meta (key, value)
                         VALUES ('extractor_version', '{EXTRACTOR_VERSION}');
                     COMMIT;"
                ))
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// What is known about every file, by path.
    pub fn entries(&self) -> Result<Vec<(String, Entry)>, CacheError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, path, size, mtime_ns, content_hash, publication_hash,
                        extractor_version, checked_ns FROM files",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    Entry {
                        id: r.get(0)?,
                        size: r.get::<_, i64>(2)? as u64,
                        mtime_ns: r.get(3)?,
                        content_hash: r.get::<_, i64>(4)? as u64,
                        publication_hash: r.get::<_, i64>(5)? as u64,
                        extractor_version: r.get::<_, i64>(6)? as u32,
                        checked_ns: r.get(7)?,
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }

    /// The stored results of the files `ids` (one pass over the table when they are many).
    pub fn stored(&self, ids: &[i64]) -> Result<Vec<(i64, Stored)>, CacheError> {
        if ids.len() > 64 {
            let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT f.id, f.brief, f.story, t.text FROM files f
                     JOIN texts t ON t.rowid = f.id",
                )
                .map_err(|e| self.error(e))?;
            let mut rows = stmt.query([]).map_err(|e| self.error(e))?;
            let mut out = Vec::with_capacity(ids.len());
            while let Some(r) = rows.next().map_err(|e| self.error(e))? {
                let id: i64 = r.get(0).map_err(|e| self.error(e))?;
                if wanted.contains(&id) {
                    let get = |i| r.get::<_, String>(i).map_err(|e| self.error(e));
                    out.push((
                        id,
                        Stored {
                            brief: get(1)?,
                            story: get(2)?,
                            text: get(3)?,
                        },
                    ));
                }
            }
            return Ok(out);
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.brief, f.story, t.text FROM files f JOIN texts t ON t.rowid = f.id
                 WHERE f.id = ?1",
            )
            .map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let row = stmt
                .query_row([id], |r| {
                    Ok(Stored {
                        brief: r.get(0)?,
                        story: r.get(1)?,
                        text: r.get(2)?,
                    })
                })
                .optional()
                .map_err(|e| self.error(e))?;
            if let Some(stored) = row {
                out.push((id, stored));
            }
        }
        Ok(out)
    }

    /// Writes fresh facts (with results where given) and forgets the files `gone`, in one
    /// transaction.
    pub fn write(&mut self, fresh: &[Fresh<'_>], gone: &[String]) -> Result<(), CacheError> {
        let path = self.path.clone();
        let err = |e| sqlite(path.as_deref().unwrap_or(Path::new(":memory:")), e);
        // Immediate: the write lock is taken (waiting up to the busy timeout) before anything is
        // read, so two loads never deadlock upgrading a read lock, which SQLite refuses at once.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        {
            let mut find = tx
                .prepare_cached("SELECT id FROM files WHERE path = ?1")
                .map_err(err)?;
            let mut touch = tx
                .prepare_cached(
                    "UPDATE files SET size = ?2, mtime_ns = ?3, checked_ns = ?4 WHERE id = ?1",
                )
                .map_err(err)?;
            let mut upsert = tx
                .prepare_cached(
                    "INSERT INTO files (path, size, mtime_ns, content_hash, publication_hash,
                                        extractor_version, checked_ns, brief, story)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT(path) DO UPDATE SET
                         size = excluded.size, mtime_ns = excluded.mtime_ns,
                         content_hash = excluded.content_hash,
                         publication_hash = excluded.publication_hash,
                         extractor_version = excluded.extractor_version,
                         checked_ns = excluded.checked_ns,
                         brief = excluded.brief, story = excluded.story",
                )
                .map_err(err)?;
            let mut drop_text = tx
                .prepare_cached("DELETE FROM texts WHERE rowid = ?1")
                .map_err(err)?;
            let mut add_text = tx
                .prepare_cached("INSERT INTO texts (rowid, text) VALUES (?1, ?2)")
                .map_err(err)?;
            let mut forget = tx
                .prepare_cached("DELETE FROM files WHERE path = ?1 RETURNING id")
                .map_err(err)?;
            for f in fresh {
                let id: Option<i64> = find
                    .query_row([f.path], |r| r.get(0))
                    .optional()
                    .map_err(err)?;
                match (f.stored, id) {
                    (None, Some(id)) => {
                        touch
                            .execute(params![id, f.size as i64, f.mtime_ns, f.checked_ns])
                            .map_err(err)?;
                    }
                    (None, None) => {}
                    (Some(stored), _) => {
                        upsert
                            .execute(params![
                                f.path,
                                f.size as i64,
                                f.mtime_ns,
                                f.content_hash as i64,
                                f.publication_hash as i64,
                                i64::from(EXTRACTOR_VERSION),
                                f.checked_ns,
                                stored.brief,
                                stored.story
                            ])
                            .map_err(err)?;
                        let id: i64 = find.query_row([f.path], |r| r.get(0)).map_err(err)?;
                        drop_text.execute([id]).map_err(err)?;
                        add_text.execute(params![id, stored.text]).map_err(err)?;
                    }
                }
            }
            for path in gone {
                let id: Option<i64> = forget
                    .query_row([path], |r| r.get(0))
                    .optional()
                    .map_err(err)?;
                if let Some(id) = id {
                    drop_text.execute([id]).map_err(err)?;
                }
            }
        }
        tx.commit().map_err(err)
    }

    /// Paths of the files whose text matches `query` (FTS5 syntax), best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<String>, CacheError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.path FROM texts JOIN files f ON f.id = texts.rowid
                 WHERE texts MATCH ?1 ORDER BY rank LIMIT ?2",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map(params![query, limit as i64], |r| r.get::<_, String>(0))
            .map_err(|e| self.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.error(e))
    }
}

fn sqlite(path: &Path, source: rusqlite::Error) -> CacheError {
    CacheError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `e` says another connection holds the database.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl CacheError {
    /// Whether another briefmap holds the database.
    pub fn is_busy(&self) -> bool {
        matches!(self, CacheError::Sqlite { source, .. } if is_busy(source))
    }
}

/// Removes a database file and its WAL and shared-memory files (missing ones are fine).
fn remove_database(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}
