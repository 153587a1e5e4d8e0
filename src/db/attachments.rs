//! Attachments and the content-addressed blobs that hold their bytes.
//!
//! A file's bytes are stored once per SHA-256 however many entries attach
//! it; blobs nobody refers to any more are deleted with the last reference.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use std::collections::HashMap;

use super::{Conn, Result, Tx, group, ids_json};
use crate::model::Attachment;
use crate::model::EntryId;

/// The lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The attachments of many entries at once, by entry id.
pub fn for_entries(conn: &Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<Attachment>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, name, size, sha256, media_type FROM attachments
          WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, id",
    )?;
    group(stmt.query_map([ids_json(ids)], |r| {
        let attachment =
            Attachment { name: r.get(1)?, size: r.get(2)?, sha256: r.get(3)?, media_type: r.get(4)? };
        Ok((r.get(0)?, attachment))
    })?)
}

/// Whether the entry already has an attachment of this name.
pub fn has_name(conn: &Conn, entry_id: EntryId, name: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM attachments WHERE entry_id = ? AND name = ?")?;
    Ok(stmt.exists(params![entry_id, name])?)
}

/// Stores the bytes (once) and attaches them to the entry under `name`.
pub fn add(
    conn: &Tx,
    entry_id: EntryId,
    name: &str,
    media_type: &str,
    bytes: &[u8],
    now: &str,
) -> Result<Attachment> {
    super::review::guard_entry(conn, entry_id)?;
    let (sha256, size) = store_blob(conn, bytes)?;
    conn.prepare_cached(
        "INSERT INTO attachments (entry_id, name, media_type, size, sha256, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![entry_id, name, media_type, size, sha256, now])?;
    Ok(Attachment { name: name.to_string(), size, sha256, media_type: media_type.to_string() })
}

/// Stores bytes once per SHA-256; returns the hash and the size.
pub fn store_blob(conn: &Tx, bytes: &[u8]) -> Result<(String, i64)> {
    let sha256 = sha256_hex(bytes);
    let size = bytes.len() as i64;
    conn.prepare_cached("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)")?
        .execute(params![sha256, size, bytes])?;
    Ok((sha256, size))
}

/// Removes one attachment by name; `false` if the entry had none of that name.
pub fn remove(conn: &Tx, entry_id: EntryId, name: &str) -> Result<bool> {
    super::review::guard_entry(conn, entry_id)?;
    let removed = conn
        .prepare_cached("DELETE FROM attachments WHERE entry_id = ? AND name = ?")?
        .execute(params![entry_id, name])?;
    delete_orphan_blobs(conn)?;
    Ok(removed > 0)
}

/// The stored bytes of a blob.
pub fn blob(conn: &Conn, sha256: &str) -> Result<Option<Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT data FROM blobs WHERE sha256 = ?")?;
    Ok(stmt.query_row([sha256], |r| r.get(0)).optional()?)
}

pub fn delete_orphan_blobs(conn: &Tx) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = blobs.sha256)
                            AND NOT EXISTS (SELECT 1 FROM mentors m WHERE m.contract_sha256 = blobs.sha256)",
        [],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, entries};
    use crate::model::{EntryFields, EntryKind};

    fn entry(db: &Db, uuid: &str) -> EntryId {
        let mut d = EntryFields {
            title: "e".into(),
            ..EntryFields::new(EntryKind::Evidence, "", "2024".parse().unwrap())
        };
        d.validate().unwrap();
        entries::insert(&db.as_tx(), &d, uuid, "now").unwrap()
    }

    fn blob_count(db: &Db) -> i64 {
        db.read().query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn the_same_bytes_are_stored_once() {
        let db = Db::open_in_memory().unwrap();
        let (a, b) = (entry(&db, "a"), entry(&db, "b"));
        let first = add(&db.as_tx(), a, "cert.pdf", "application/pdf", b"%PDF", "now").unwrap();
        add(&db.as_tx(), b, "copy.pdf", "application/pdf", b"%PDF", "now").unwrap();
        assert_eq!(blob_count(&db), 1);
        assert_eq!(first.sha256, sha256_hex(b"%PDF"));
        assert!(remove(&db.as_tx(), a, "cert.pdf").unwrap());
        assert_eq!(blob_count(&db), 1, "still used by b");
        assert!(remove(&db.as_tx(), b, "copy.pdf").unwrap());
        assert_eq!(blob_count(&db), 0);
        assert!(!remove(&db.as_tx(), b, "copy.pdf").unwrap());
    }

    #[test]
    fn empty_files_are_fine() {
        let db = Db::open_in_memory().unwrap();
        let a = entry(&db, "a");
        let att = add(&db.as_tx(), a, "empty.txt", "text/plain", b"", "now").unwrap();
        assert_eq!(att.size, 0);
        assert_eq!(blob(&db.as_tx(), &att.sha256).unwrap().unwrap(), Vec::<u8>::new());
        assert_eq!(att.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
