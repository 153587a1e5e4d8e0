//! The outbox table (`model/outbox.rs`): lines added, listed, and shared
//! with another copy (by UUID; never changed, never deleted).

use rusqlite::{OptionalExtension, Row, params};

use super::{Conn, Result, Tx};
use crate::model::outbox::Sent;

const COLUMNS: &str = "o.id, o.uuid, o.sent_at, o.command, o.format, o.file_name, o.sha256, o.recipients, \
                       r.uuids, o.include_private, o.redacted";
const FROM: &str = "outbox o JOIN outbox_records r ON r.sha256 = o.records";

fn conversion(e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn json_list(text: String) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(&text).map_err(conversion)
}

/// The record set's bytes: each UUID's 16 bytes, sorted, once.
fn packed(records: &[String]) -> Result<Vec<u8>> {
    let mut uuids = records
        .iter()
        .map(|r| {
            uuid::Uuid::parse_str(r).map_err(|_| super::DbError::BadRecord {
                at: "outbox".into(),
                reason: format!("'{r}' is not a UUID"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    uuids.sort_unstable();
    uuids.dedup();
    Ok(uuids.iter().flat_map(|u| *u.as_bytes()).collect())
}

fn unpacked(bytes: Vec<u8>) -> rusqlite::Result<Vec<String>> {
    bytes.chunks(16).map(|c| uuid::Uuid::from_slice(c).map(|u| u.to_string()).map_err(conversion)).collect()
}

fn from_row(r: &Row) -> rusqlite::Result<(i64, Sent)> {
    Ok((
        r.get(0)?,
        Sent {
            uuid: r.get(1)?,
            sent_at: r.get(2)?,
            command: r.get(3)?,
            format: r.get(4)?,
            file_name: r.get(5)?,
            sha256: r.get(6)?,
            recipients: json_list(r.get(7)?)?,
            records: unpacked(r.get(8)?)?,
            include_private: r.get(9)?,
            redacted: r.get(10)?,
        },
    ))
}

/// Adds a line (once: a UUID already held is left as it is). Whether it was new.
pub fn record(tx: &Tx, sent: &Sent) -> Result<bool> {
    use sha2::{Digest, Sha256};
    let uuids = packed(&sent.records)?;
    let set = hex::encode(Sha256::digest(&uuids));
    tx.prepare_cached("INSERT OR IGNORE INTO outbox_records (sha256, uuids) VALUES (?, ?)")?
        .execute(params![set, uuids])?;
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO outbox (uuid, sent_at, command, format, file_name, sha256, recipients, records,
                                           include_private, redacted)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?
        .execute(params![
            sent.uuid,
            sent.sent_at,
            sent.command,
            sent.format,
            sent.file_name,
            sent.sha256,
            serde_json::to_string(&sent.recipients).unwrap_or_else(|_| "[]".into()),
            set,
            sent.include_private,
            sent.redacted
        ])?;
    Ok(added > 0)
}

/// Every line, oldest first, with its number (the `outbox show N`).
pub fn all(conn: &Conn) -> Result<Vec<(i64, Sent)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} ORDER BY o.sent_at, o.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Line number `n`.
pub fn get(conn: &Conn, n: i64) -> Result<Option<Sent>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE o.id = ?"))?
        .query_row([n], from_row)
        .optional()?
        .map(|(_, sent)| sent))
}

/// A record an outbox line names, as it is here now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Named {
    /// `entry`, `goal` or `action`.
    pub record: String,
    pub id: i64,
    pub title: String,
    /// The entry's kind, or `goal` / `action`.
    pub kind: String,
    pub date: Option<String>,
    pub in_trash: bool,
}

/// The entry, goal or action with this UUID, if this portfolio holds it.
pub fn named(conn: &Conn, uuid: &str) -> Result<Option<Named>> {
    Ok(conn
        .prepare_cached(
            "SELECT 'entry', id, title, kind, date, deleted_at IS NOT NULL FROM entries WHERE uuid = ?1
             UNION ALL SELECT 'goal', id, title, 'goal', due, deleted_at IS NOT NULL FROM goals WHERE uuid = ?1
             UNION ALL SELECT 'action', id, text, 'action', due, deleted_at IS NOT NULL FROM actions WHERE uuid = ?1",
        )?
        .query_row([uuid], |r| {
            Ok(Named {
                record: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                date: r.get(4)?,
                in_trash: r.get(5)?,
            })
        })
        .optional()?)
}

/// Adds the lines another copy holds that this one lacks; how many.
pub fn share(held: &[Sent], tx: &Tx) -> Result<usize> {
    let mut added = 0;
    for sent in held {
        added += usize::from(record(tx, sent)?);
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(uuid: &str) -> Sent {
        Sent {
            uuid: uuid.into(),
            sent_at: "2026-03-15T10:00:00.000Z".into(),
            command: "export pdf --profile evidence".into(),
            format: "pdf".into(),
            file_name: Some("folio-evidence.pdf".into()),
            sha256: "ab".repeat(32),
            recipients: vec!["Dr Okubo".into()],
            records: vec!["0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b".into()],
            include_private: false,
            redacted: true,
        }
    }

    #[test]
    fn a_record_set_is_kept_once_however_many_lines_name_it() {
        let mut db = crate::db::Db::open_in_memory().unwrap();
        db.write(|tx| {
            record(tx, &sent("a"))?;
            record(tx, &sent("b"))?;
            let mut bad = sent("c");
            bad.records.push("not-a-uuid".into());
            assert!(record(tx, &bad).is_err());
            Ok::<_, crate::db::DbError>(())
        })
        .unwrap();
        let sets: i64 = db.read().query_row("SELECT count(*) FROM outbox_records", [], |r| r.get(0)).unwrap();
        assert_eq!(sets, 1);
    }

    #[test]
    fn lines_are_kept_once_and_read_back_whole() {
        let mut db = crate::db::Db::open_in_memory().unwrap();
        db.write(|tx| {
            assert!(record(tx, &sent("a"))?);
            assert!(!record(tx, &sent("a"))?, "a UUID held is not added again");
            assert_eq!(share(&[sent("a"), sent("b")], tx)?, 1);
            Ok::<_, crate::db::DbError>(())
        })
        .unwrap();
        let lines = all(db.read()).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].1, sent("a"));
        assert_eq!(get(db.read(), lines[1].0).unwrap().unwrap().uuid, "b");
        assert_eq!(get(db.read(), 99).unwrap(), None);
    }
}
