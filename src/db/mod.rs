//! The portfolio file: the only place in folio that speaks SQL.
//!
//! [`Db::open`] is the one way in. It refuses files that are not folio
//! portfolios or that a newer folio wrote, before changing a single byte;
//! then it sets the pragmas (WAL, foreign keys, busy timeout) and migrates.
//! Each table has its own module of free functions: reads take a [`Conn`],
//! writes a [`Tx`] from [`Db::write`]; rusqlite never leaves this folder.

pub mod about;
pub mod actions;
pub mod attachments;
pub mod cipher;
pub mod claims;
pub mod conflicts;
pub mod coverage;
pub mod document_read;
mod encrypted;
pub mod entries;
pub mod entry_credentials;
mod entry_row;
mod error;
pub mod evidence;
mod file;
pub mod filter;
pub mod framework_upsert;
pub mod frameworks;
pub mod goals;
mod handle;
pub mod image;
pub mod maintenance;
pub mod mentors;
mod migrate;
pub mod outbox;
pub mod plan_search;
pub mod profile;
pub mod ratings;
pub mod refs;
pub mod rehearsals;
pub mod requirements;
pub mod review;
mod row_write;
pub mod search;
pub mod search_index;
pub mod sync_state;
pub mod tags;
pub mod trash;
mod types;
pub mod unreadable;
mod visibility;
pub mod watched_names;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use cipher::{Keyring, NoKeyring, Passphrase, opens as key_opens_file};
pub use encrypted::Unlock;
use encrypted::unlocked;
pub use error::DbError;
pub use handle::{Conn, Tx};
pub use migrate::LATEST_VERSION;

/// `PRAGMA application_id` of a folio portfolio: "Foli" in ASCII.
pub const APPLICATION_ID: i32 = 0x466F_6C69;

/// How long a command waits for another folio process before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// An open portfolio.
pub struct Db {
    conn: Conn,
    path: Option<PathBuf>,
    /// Opened read-only because the file cannot be written: every write is refused up front.
    read_only: bool,
}

impl Db {
    /// Opens (creating on first use, mode 0600) the plain portfolio at `path`.
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<Self> {
        Self::open_with(path, busy_timeout, Unlock::With(&NoKeyring))
    }

    /// Opens (creating on first use, mode 0600) the portfolio at `path`; an
    /// encrypted one with a passphrase from the keyring, a new one encrypted
    /// with [`Unlock::Create`].
    pub fn open_with(path: &Path, busy_timeout: Duration, unlock: Unlock) -> Result<Self> {
        // Held until the new file is set up (dropped at the end of `open`).
        let (read_only, _set_up) = match file::prepare(path)? {
            file::Access::ReadWrite { lock } => (false, lock),
            file::Access::ReadOnly => (true, None),
        };
        if !read_only && let Some(side) = file::read_only_side_file(path) {
            return Err(DbError::ReadOnly { path: side });
        }
        let connect = || {
            match (read_only, file::read_only_uri(path)) {
                (true, Some(uri)) => Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ),
                (true, None) => Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ),
                (false, _) => Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ),
            }
            .map_err(|e| DbError::from_open(e, path))
        };
        let creating = matches!(unlock, Unlock::Create(_));
        if creating && std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Err(DbError::AlreadyExists { path: path.to_path_buf() });
        }
        let (conn, key) = unlocked(path, connect, unlock)?;
        conn.busy_timeout(busy_timeout).map_err(|e| DbError::from_open(e, path))?;
        let mut db = Self { conn: Conn::new(conn, key), path: Some(path.to_path_buf()), read_only };
        db.check_identity().map_err(|e| e.at_path(path))?;
        if !read_only {
            db.raw().pragma_update(None, "journal_mode", "WAL").map_err(|e| DbError::from_open(e, path))?;
        }
        db.configure().map_err(|e| e.at_path(path))?;
        if read_only {
            if migrate::current_version(db.raw())? < LATEST_VERSION {
                return Err(DbError::ReadOnly { path: path.to_path_buf() });
            }
        } else {
            migrate::run(db.conn.raw_mut()).map_err(|e| e.at_path(path))?;
        }
        if creating {
            // The pages go from the log into the file, so the file is
            // recognisably an encrypted portfolio from now on.
            db.checkpoint()?;
        }
        Ok(db)
    }

    /// Whether the portfolio is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.conn.key().is_some()
    }

    /// Opens another portfolio only to read it (a review file to merge, a copy
    /// to sync from): never created, never migrated, never written, and no
    /// side files left beside it. One written by an older folio is refused
    /// with a hint to open it once with this one.
    pub fn open_other(path: &Path, busy_timeout: Duration, keyring: &dyn Keyring) -> Result<Self> {
        if !path.is_file() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
            return Err(DbError::Io { path: path.to_path_buf(), source });
        }
        let connect = || {
            match file::read_only_uri(path) {
                Some(uri) => Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_URI
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ),
                None => Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                ),
            }
            .map_err(|e| DbError::from_open(e, path))
        };
        let (conn, key) = unlocked(path, connect, Unlock::With(keyring))?;
        conn.busy_timeout(busy_timeout).map_err(|e| DbError::from_open(e, path))?;
        let db = Self { conn: Conn::new(conn, key), path: Some(path.to_path_buf()), read_only: true };
        db.check_identity().map_err(|e| e.at_path(path))?;
        let version = migrate::current_version(db.raw()).map_err(|e| e.at_path(path))?;
        if version == 0 {
            return Err(DbError::NotAPortfolio { path: path.to_path_buf() });
        }
        if version < LATEST_VERSION {
            return Err(DbError::OlderPortfolio { path: path.to_path_buf() });
        }
        db.configure().map_err(|e| e.at_path(path))?;
        Ok(db)
    }

    /// Leaves the portfolio as one file (no write-ahead log beside it), for
    /// a file that is handed to someone: a review file.
    pub fn into_single_file(self) -> Result<()> {
        self.raw().pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// A fresh, migrated portfolio in memory, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        migrate::run(&mut conn)?;
        let db = Self { conn: Conn::new(conn, None), path: None, read_only: false };
        db.configure()?;
        Ok(db)
    }

    /// Refuses a file that is not a folio portfolio or is newer than this binary.
    fn check_identity(&self) -> Result<()> {
        let app_id: i32 = self.raw().pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version = migrate::current_version(self.raw())?;
        let has_tables: bool = self.raw().query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
            [],
            |r| r.get(0),
        )?;
        if app_id != APPLICATION_ID && (app_id != 0 || has_tables || version != 0) {
            return Err(DbError::NotAPortfolio { path: PathBuf::new() });
        }
        if version > LATEST_VERSION {
            return Err(DbError::TooNew { path: PathBuf::new(), found: version, supported: LATEST_VERSION });
        }
        Ok(())
    }

    fn configure(&self) -> Result<()> {
        let conn = self.raw();
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Statement journals and sorts stay in memory, not in temporary files.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Deleted and overwritten content is zeroed, so what is deleted
        // (an emptied trash, an edited-away text) is gone from the file.
        conn.pragma_update(None, "secure_delete", true)?;
        // Plans do not depend on the values bound. Without this, the bundled
        // SQLite prepares a statement again whenever a value bound to a LIMIT
        // or an indexed comparison changes: a cached statement run once per
        // row of a listing was compiled each time (a third of a PDF's time).
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(())
    }

    /// Lets a large import keep more pages in memory, so SQLite does not spill
    /// (and, in WAL mode, rewrite) the same pages again and again: 32 MiB.
    /// An import of 100,000 entries peaks at 86 MB with it, in 5.9–6.2 s;
    /// with 64 MiB at 150 MB in 5.95 s, with 16 MiB at 55 MB in 6.3 s (1 GiB
    /// peaked at 1.4 GB and was no faster).
    pub fn prepare_for_bulk_write(&self) -> Result<()> {
        self.raw().pragma_update(None, "cache_size", -32_768)?;
        Ok(())
    }

    /// Whether every write is refused (the file could only be opened to read).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The file this portfolio lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The read handle.
    pub fn read(&self) -> &Conn {
        &self.conn
    }

    /// Copies everything in the write-ahead log into the file and empties
    /// the log, so nothing deleted survives in it. Best effort: another
    /// reader holding an old snapshot leaves the log as it is.
    pub fn checkpoint(&self) -> Result<()> {
        self.raw().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Writes without a transaction of their own, for unit tests.
    #[cfg(test)]
    pub(crate) fn as_tx(&self) -> Tx<'_> {
        Tx::autocommit(&self.conn)
    }

    fn raw(&self) -> &Connection {
        self.conn.raw()
    }

    /// Runs `work` in one read transaction, so every query in it sees the same portfolio.
    pub fn snapshot<T>(&self, work: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        let at_path = |e: rusqlite::Error| DbError::from(e).at_path_opt(self.path.as_deref());
        self.raw().execute_batch("BEGIN").map_err(at_path)?;
        let result = work(&self.conn);
        // A read changes nothing: ending it cannot lose anything.
        let _ = self.raw().execute_batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
        result
    }

    /// Runs `work` in one immediate write transaction: all of it lands, or none.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        if let (true, Some(path)) = (self.read_only, &self.path) {
            return Err(DbError::ReadOnly { path: path.clone() }.into());
        }
        let at_path = |e: rusqlite::Error| DbError::from(e).at_path_opt(self.path.as_deref());
        let tx = Tx::begin(&self.conn).map_err(at_path)?;
        match work(&tx) {
            Ok(value) => {
                tx.commit().map_err(|e| e.at_path_opt(self.path.as_deref()))?;
                Ok(value)
            }
            Err(e) => {
                tx.rollback();
                Err(e)
            }
        }
    }
}

/// A JSON array of ids, bound as one parameter and read with `json_each`.
pub(crate) fn ids_json(ids: &[i64]) -> String {
    let items: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", items.join(","))
}

/// Collects `(entry id, item)` rows, in row order, into lists per entry.
pub(crate) fn group<T>(
    rows: impl Iterator<Item = rusqlite::Result<(i64, T)>>,
) -> Result<std::collections::HashMap<i64, Vec<T>>> {
    let mut grouped: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for row in rows {
        let (id, item) = row?;
        grouped.entry(id).or_default().push(item);
    }
    Ok(grouped)
}

/// The current time as stored in `created_at`/`updated_at`.
pub fn timestamp(now: chrono::DateTime<chrono::Utc>) -> String {
    crate::model::stamp::stamp(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_portfolio_reaches_the_latest_version() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(migrate::current_version(db.raw()).unwrap(), LATEST_VERSION);
        let fk: bool = db.raw().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(fk);
    }

    #[test]
    fn a_file_is_created_private_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/portfolio.db");
        drop(Db::open(&path, DEFAULT_BUSY_TIMEOUT).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let db = Db::open(&path, DEFAULT_BUSY_TIMEOUT).unwrap();
        assert_eq!(db.path(), Some(path.as_path()));
    }

    #[test]
    fn another_sqlite_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let other = Connection::open(&path).unwrap();
        other.execute_batch("CREATE TABLE notes (x TEXT)").unwrap();
        drop(other);
        let before = std::fs::read(&path).unwrap();
        let err = Db::open(&path, DEFAULT_BUSY_TIMEOUT).err().unwrap();
        assert!(matches!(err, DbError::NotAPortfolio { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Db::open(&path, DEFAULT_BUSY_TIMEOUT).unwrap());
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        drop(raw);
        let err = Db::open(&path, DEFAULT_BUSY_TIMEOUT).err().unwrap();
        assert!(matches!(err, DbError::TooNew { .. }), "{err}");
    }
}
