//! Encryption at rest, by SQLCipher (the SQLite folio is built with): an
//! encrypted portfolio is the same file with every page encrypted (AES-256,
//! an HMAC per page), its key derived from the passphrase by PBKDF2-SHA512
//! with 256,000 iterations and a random salt kept in the file's first bytes.
//! An unkeyed SQLCipher database is a plain SQLite file, so a portfolio
//! never encrypted opens as it always did.
//!
//! A file is taken to be encrypted when it does not begin with SQLite's
//! header but has the shape of one (whole pages); what the passphrase opens
//! is then checked like any portfolio. Copies with another key (or none)
//! are made with `sqlcipher_export`, into a new file that is checked before
//! it takes a name.

use std::fmt;
use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

/// A passphrase, kept in memory only; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase from what was typed or read: one trailing newline is
    /// dropped; an empty one is refused.
    pub fn new(text: &str) -> Option<Self> {
        let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(text);
        (!text.is_empty()).then(|| Self(text.to_string()))
    }

    fn as_str(&self) -> &str {
        &self.0
    }

    /// The text itself, for a key derivation outside SQLCipher (age's scrypt).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// Where the passphrase of an encrypted portfolio comes from; asked only
/// when an encrypted file is met.
pub trait Keyring {
    /// The passphrase to try on `path`; `wrong` counts the tries that failed
    /// before. Answers [`super::DbError::WrongPassphrase`] when there is
    /// nothing more to try.
    fn passphrase(&self, path: &Path, wrong: u32) -> super::Result<Passphrase>;

    /// `passphrase` opened `path`.
    fn accepted(&self, _path: &Path, _passphrase: &Passphrase) {}
}

/// No passphrase at all: an encrypted file cannot be opened.
pub struct NoKeyring;

impl Keyring for NoKeyring {
    fn passphrase(&self, path: &Path, _wrong: u32) -> super::Result<Passphrase> {
        Err(super::DbError::NeedsPassphrase { path: path.to_path_buf() })
    }
}

/// Whether the file looks like an encrypted database: not SQLite's header,
/// and a whole number of pages (SQLCipher's smallest is 512 bytes).
pub(super) fn looks_encrypted(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let Ok(meta) = file.metadata() else { return false };
    let mut header = [0u8; 16];
    meta.len() >= 512
        && meta.len() % 512 == 0
        && file.read_exact(&mut header).is_ok()
        && &header != b"SQLite format 3\0"
}

/// Gives the connection its key (before anything else is read) and keeps
/// SQLCipher's own log quiet, so a wrong key is folio's one line.
pub(super) fn set_key(conn: &Connection, passphrase: &Passphrase) -> rusqlite::Result<()> {
    quiet(conn)?;
    conn.pragma_update(None, "key", passphrase.as_str())
}

fn quiet(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).or_else(no_rows)
}

fn no_rows(e: rusqlite::Error) -> rusqlite::Result<()> {
    match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(()),
        e => Err(e),
    }
}

/// Whether `key` (a passphrase or a raw `x'…'` key) opens the encrypted file at `path`.
pub fn opens(path: &Path, key: &Passphrase) -> rusqlite::Result<bool> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    set_key(&conn, key)?;
    key_opens(&conn)
}

/// Whether the key given opens the file (a wrong key reads as "not a database").
pub(super) fn key_opens(conn: &Connection) -> rusqlite::Result<bool> {
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(true),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => Ok(false),
        Err(e) => Err(e),
    }
}

/// Writes everything in `conn`'s main database to the new file `dest`,
/// encrypted with `key` (plain with none), with the same user_version and
/// application_id.
pub(super) fn export(conn: &Connection, dest: &Path, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    quiet(conn)?;
    let dest_name = dest.to_string_lossy();
    conn.execute(
        "ATTACH DATABASE ?1 AS folio_copy KEY ?2",
        [dest_name.as_ref(), key.map_or("", |k| k.as_str())],
    )?;
    let copied = (|| {
        // One read transaction: the copy is one moment of the portfolio,
        // whatever another folio command writes meanwhile.
        conn.execute_batch("BEGIN")?;
        let exported = conn.query_row("SELECT sqlcipher_export('folio_copy')", [], |_| Ok(()));
        let ended = conn.execute_batch(if exported.is_ok() { "COMMIT" } else { "ROLLBACK" });
        exported.and(ended)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        conn.pragma_update(Some("folio_copy"), "user_version", version)?;
        conn.pragma_update(Some("folio_copy"), "application_id", app_id)?;
        Ok(())
    })();
    let detached = conn.execute("DETACH DATABASE folio_copy", []);
    copied.and(detached.map(|_| ()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(text: &str) -> Passphrase {
        Passphrase::new(text).unwrap()
    }

    #[test]
    fn passphrases_drop_one_newline_and_refuse_empty() {
        assert_eq!(pass("secret\n").as_str(), "secret");
        assert_eq!(pass("secret \r\n").as_str(), "secret ");
        assert_eq!(pass("two\n\n").as_str(), "two\n");
        assert!(Passphrase::new("").is_none() && Passphrase::new("\n").is_none());
        assert_eq!(format!("{:?}", pass("secret")), "Passphrase(…)");
    }

    #[test]
    fn an_encrypted_file_opens_only_with_its_key_and_copies_keep_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        {
            let conn = Connection::open(&path).unwrap();
            set_key(&conn, &pass("right")).unwrap();
            conn.execute_batch(
                "PRAGMA user_version = 7; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('plain words');",
            )
            .unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        assert!(looks_encrypted(&path));
        assert!(!bytes.windows(11).any(|w| w == b"plain words"));

        let wrong = Connection::open(&path).unwrap();
        set_key(&wrong, &pass("wrong")).unwrap();
        assert!(!key_opens(&wrong).unwrap());
        let unkeyed = Connection::open(&path).unwrap();
        assert!(!key_opens(&unkeyed).unwrap());

        let conn = Connection::open(&path).unwrap();
        set_key(&conn, &pass("right")).unwrap();
        assert!(key_opens(&conn).unwrap());
        let plain = dir.path().join("plain.db");
        export(&conn, &plain, None).unwrap();
        assert!(!looks_encrypted(&plain));
        let copy = Connection::open(&plain).unwrap();
        let (x, v): (String, i64) = copy
            .query_row("SELECT x, (SELECT user_version FROM pragma_user_version) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((x.as_str(), v), ("plain words", 7));

        let rekeyed = dir.path().join("b.db");
        export(&copy, &rekeyed, Some(&pass("new"))).unwrap();
        let b = Connection::open(&rekeyed).unwrap();
        set_key(&b, &pass("new")).unwrap();
        assert_eq!(b.query_row("SELECT x FROM t", [], |r| r.get::<_, String>(0)).unwrap(), "plain words");
    }
}
