//! The encrypted side of opening a portfolio — which key a connection gets
//! ([`Unlock`]) — and the copies made with another key or none: `decrypt
//! --out`, and `encrypt` and `passphrase`, which replace the file.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{
    APPLICATION_ID, Db, DbError, Keyring, LATEST_VERSION, Passphrase, Result, cipher, file, migrate,
};

impl Db {
    /// Writes a copy of the whole portfolio to `dest`, which must not exist,
    /// encrypted with `key` (plain with none). The copy is checked before it
    /// takes its name; on any failure no file is left.
    pub fn write_copy(&self, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
        let temp = self.checked_copy(dest, key)?;
        temp.persist_noclobber(dest)
            .map_err(|e| DbError::Io { path: dest.to_path_buf(), source: e.error })?;
        Ok(())
    }

    /// Replaces the portfolio's file with a copy of itself encrypted with
    /// `key` (plain with none): `folio encrypt` and `folio passphrase`. The
    /// portfolio is locked for the whole time; the old file is replaced only
    /// when the new one has passed its check, in one rename, and no journal
    /// or log of the old one is left beside it.
    pub fn rewrite_with_key(self, key: Option<Passphrase>) -> Result<()> {
        let Some(path) = self.path.clone() else { return Ok(()) };
        let busy = |e: DbError| match e {
            DbError::Sqlite(ref s)
                if matches!(
                    s.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) =>
            {
                DbError::Busy { path: path.clone() }
            }
            other => other,
        };
        let conn = self.raw();
        // Out of WAL (which needs every other connection closed), then hold
        // an exclusive lock until this connection closes after the rename.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE").map_err(|e| busy(e.into()))?;
        let mode: String =
            conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).map_err(|e| busy(e.into()))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(DbError::Busy { path });
        }
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;").map_err(|e| busy(e.into()))?;
        let temp = self.checked_copy(&path, key.as_ref())?;
        temp.persist(&path).map_err(|e| DbError::Io { path: path.clone(), source: e.error })?;
        for side in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(file::side_file(&path, side));
        }
        drop(self);
        Ok(())
    }

    /// The copy [`Db::write_copy`] and [`Db::rewrite_with_key`] make: a
    /// temporary file beside `dest`, checked (integrity, identity, version,
    /// the number of entries) with the key it was written with.
    fn checked_copy(&self, dest: &Path, key: Option<&Passphrase>) -> Result<tempfile::NamedTempFile> {
        let io = |source| DbError::Io { path: dest.to_path_buf(), source };
        let temp = crate::scratch::beside(dest, crate::scratch::COPY, ".db").map_err(io)?;
        cipher::export(self.raw(), temp.path(), key)?;
        let count = |conn: &Connection| -> rusqlite::Result<i64> {
            conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        };
        let copy = Connection::open_with_flags(temp.path(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if let Some(key) = key {
            cipher::set_key(&copy, key)?;
        }
        let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let app_id: i32 = copy.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version = migrate::current_version(&copy)?;
        if check != "ok"
            || app_id != APPLICATION_ID
            || version != LATEST_VERSION
            || count(&copy)? != count(self.raw())?
        {
            return Err(DbError::Damaged(format!("the copy failed its check ({check})")));
        }
        drop(copy);
        temp.as_file().sync_all().map_err(io)?;
        Ok(temp)
    }
}

/// How [`Db::open_with`] gets past encryption.
pub enum Unlock<'a> {
    /// An encrypted file asks the keyring; a plain one opens as it is.
    With(&'a dyn Keyring),
    /// A new portfolio, encrypted with this passphrase.
    Create(Passphrase),
}

/// A connection to `path` that can read it: keyed when the file is
/// encrypted (trying the keyring's passphrases until one opens it or the
/// keyring gives up) or being created encrypted, else as it is.
pub(super) fn unlocked(
    path: &Path,
    connect: impl Fn() -> Result<Connection>,
    unlock: Unlock,
) -> Result<(Connection, Option<Passphrase>)> {
    let keyring = match unlock {
        Unlock::Create(passphrase) => {
            let conn = connect()?;
            cipher::set_key(&conn, &passphrase)?;
            return Ok((conn, Some(passphrase)));
        }
        Unlock::With(keyring) => keyring,
    };
    // SQLite itself decides: a file that looks encrypted (its first bytes
    // read while another process writes them can look so) but reads as
    // plain is plain.
    let plain = connect()?;
    if !cipher::looks_encrypted(path) || cipher::key_opens(&plain)? {
        return Ok((plain, None));
    }
    drop(plain);
    for wrong in 0.. {
        let passphrase = keyring.passphrase(path, wrong)?;
        // A connection that was given a wrong key is not given another.
        let conn = connect()?;
        cipher::set_key(&conn, &passphrase)?;
        if cipher::key_opens(&conn)? {
            keyring.accepted(path, &passphrase);
            return Ok((conn, Some(passphrase)));
        }
    }
    Err(DbError::WrongPassphrase { path: path.to_path_buf() })
}
