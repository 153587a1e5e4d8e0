//! A portfolio held as bytes — the decrypted content of an age-encrypted
//! review file — that must still be opened by path for a command. It is
//! written to disk only encrypted (SQLCipher) under a random key that lives
//! in this process's memory alone, so a folio killed mid-command leaves no
//! plaintext behind; afterwards its content is read back as bytes.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::cipher::{self, Passphrase};
use super::{Conn, Db, Result};

/// A random key for SQLCipher, raw (`x'…'`: no key derivation, nothing to remember).
pub fn random_key() -> Passphrase {
    let bytes: Vec<u8> = (0..2).flat_map(|_| *uuid::Uuid::new_v4().as_bytes()).collect();
    Passphrase::new(&format!("x'{}'", hex::encode(bytes))).unwrap_or_else(|| unreachable!("never empty"))
}

/// Writes the database image `plain` to the new file `dest`, encrypted with `key`.
pub fn write_encrypted(plain: &[u8], dest: &Path, key: &Passphrase) -> Result<()> {
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact(MAIN_DB, plain, plain.len(), true)?;
    cipher::export(&conn, dest, Some(key))?;
    Ok(())
}

/// The plain database image of the encrypted file at `path` (with what its log holds).
pub fn plain_bytes(path: &Path, key: &Passphrase) -> Result<Vec<u8>> {
    let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    cipher::set_key(&conn, key)?;
    conn.execute("ATTACH DATABASE ':memory:' AS plain KEY ''", [])?;
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    conn.pragma_update(Some("plain"), "user_version", version)?;
    conn.pragma_update(Some("plain"), "application_id", app_id)?;
    let bytes = conn.serialize("plain")?.to_vec();
    Ok(bytes)
}

/// A read-only handle on a database image, in memory.
pub fn open_bytes(plain: &[u8]) -> Result<Db> {
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact(MAIN_DB, plain, plain.len(), true)?;
    Ok(Db { conn: Conn::new(conn, None), path: None, read_only: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_goes_to_disk_only_encrypted_and_comes_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let plain_path = dir.path().join("plain.db");
        let db = Db::open(&plain_path, crate::db::DEFAULT_BUSY_TIMEOUT).unwrap();
        db.into_single_file().unwrap();
        let mut conn = Connection::open(&plain_path).unwrap();
        conn.execute_batch("CREATE TABLE marker (t TEXT); INSERT INTO marker VALUES ('okapi-zebra');")
            .unwrap();
        let image = conn.serialize(MAIN_DB).unwrap().to_vec();
        drop(conn);
        let key = random_key();
        let sealed = dir.path().join("sealed.db");
        write_encrypted(&image, &sealed, &key).unwrap();
        let on_disk = std::fs::read(&sealed).unwrap();
        assert!(!on_disk.windows(11).any(|w| w == b"okapi-zebra"), "no plaintext on disk");
        let back = plain_bytes(&sealed, &key).unwrap();
        assert!(back.windows(11).any(|w| w == b"okapi-zebra"));
        assert_eq!(back, plain_bytes(&sealed, &key).unwrap(), "read back the same each time");
        let opened = open_bytes(&back).unwrap();
        let n: i64 = opened.read().raw().query_row("SELECT count(*) FROM marker", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }
}
