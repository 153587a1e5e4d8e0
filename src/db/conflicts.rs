//! Conflicts found by `folio sync`: a field changed on both copies to
//! different values, or a record deleted on one copy and edited on the
//! other. Each is kept until settled, with both values and the copies they
//! came from; it travels with sync like any record (by UUID).

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{Conn, DbError, Result, Tx};
use crate::model::document::DocConflict;

/// One conflict as stored: this copy's number for it, and the conflict as
/// every copy (and the JSON document) knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub id: i64,
    #[serde(flatten)]
    pub conflict: DocConflict,
}

impl std::ops::Deref for Conflict {
    type Target = DocConflict;

    fn deref(&self) -> &DocConflict {
        &self.conflict
    }
}

impl From<DocConflict> for Conflict {
    fn from(conflict: DocConflict) -> Self {
        Conflict { id: 0, conflict }
    }
}

const COLUMNS: &str = "id, uuid, record, label, field, kept, kept_replica, kept_device, other, other_replica,
                       other_device, found_at, resolved_at, resolution";

fn from_row(r: &Row) -> rusqlite::Result<Conflict> {
    Ok(Conflict {
        id: r.get(0)?,
        conflict: DocConflict {
            uuid: r.get(1)?,
            record: r.get(2)?,
            label: r.get(3)?,
            field: r.get(4)?,
            kept: r.get(5)?,
            kept_replica: r.get(6)?,
            kept_device: r.get(7)?,
            other: r.get(8)?,
            other_replica: r.get(9)?,
            other_device: r.get(10)?,
            found_at: r.get(11)?,
            resolved_at: r.get(12)?,
            resolution: r.get(13)?,
        },
    })
}

/// Every conflict, open ones first, each group oldest first.
pub fn all(conn: &Conn) -> Result<Vec<Conflict>> {
    let sql = format!("SELECT {COLUMNS} FROM conflicts ORDER BY resolved_at IS NOT NULL, found_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many conflicts are waiting to be settled.
pub fn open_count(conn: &Conn) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

pub fn get(conn: &Conn, id: i64) -> Result<Conflict> {
    let sql = format!("SELECT {COLUMNS} FROM conflicts WHERE id = ?");
    conn.prepare_cached(&sql)?.query_row([id], from_row).optional()?.ok_or_else(|| DbError::BadRecord {
        at: format!("conflict {id}"),
        reason: "there is no such conflict".into(),
    })
}

/// Adds a conflict unless this copy holds it already: by UUID, or an open
/// one about the same field with the same two values (found again after a
/// sync killed before both copies committed). Returns its number here and
/// whether it is new.
pub fn insert(conn: &Tx, c: &Conflict) -> Result<(i64, bool)> {
    let held: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, uuid FROM conflicts WHERE uuid = ?1
                OR (resolved_at IS NULL AND ?2 IS NULL AND record = ?3 AND field = ?4 AND kept = ?5 AND other = ?6)
             ORDER BY uuid = ?1 DESC LIMIT 1",
        )?
        .query_row(params![c.uuid, c.resolved_at, c.record, c.field, c.kept, c.other], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((id, uuid)) = held {
        // Found twice (by two pairs of copies): every copy keeps the one with the smaller UUID, so they end equal.
        if c.uuid < uuid {
            conn.prepare_cached(
                "UPDATE conflicts SET uuid = ?, label = ?, kept_replica = ?, kept_device = ?, other_replica = ?,
                        other_device = ?, found_at = ?
                  WHERE id = ?",
            )?
            .execute(params![
                c.uuid,
                c.label,
                c.kept_replica,
                c.kept_device,
                c.other_replica,
                c.other_device,
                c.found_at,
                id
            ])?;
        }
        return Ok((id, false));
    }
    conn.prepare_cached(
        "INSERT INTO conflicts (uuid, record, label, field, kept, kept_replica, kept_device, other,
             other_replica, other_device, found_at, resolved_at, resolution)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        c.uuid,
        c.record,
        c.label,
        c.field,
        c.kept,
        c.kept_replica,
        c.kept_device,
        c.other,
        c.other_replica,
        c.other_device,
        c.found_at,
        c.resolved_at,
        c.resolution
    ])?;
    Ok((conn.last_insert_rowid(), true))
}

/// Marks a conflict settled (by UUID), unless it already is.
pub fn resolve(conn: &Tx, uuid: &str, at: &str, resolution: &str) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE uuid = ? AND resolved_at IS NULL",
        )?
        .execute(params![at, resolution, uuid])?;
    Ok(n > 0)
}

/// Copies conflicts between two copies: each gets those it lacks, and one
/// settled on either copy is settled on both (the same conflict held under
/// another UUID too). Returns how many `to` took.
pub fn share(from: &[Conflict], to: &Tx) -> Result<usize> {
    let mut taken = 0;
    for c in from {
        if insert(to, c)?.1 {
            taken += 1;
        } else if let (Some(at), Some(resolution)) = (&c.resolved_at, &c.resolution) {
            to.prepare_cached(
                "UPDATE conflicts SET resolved_at = ?1, resolution = ?2
                  WHERE resolved_at IS NULL
                    AND (uuid = ?3 OR (record = ?4 AND field = ?5 AND kept = ?6 AND other = ?7))",
            )?
            .execute(params![at, resolution, c.uuid, c.record, c.field, c.kept, c.other])?;
        }
    }
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn conflict(uuid: &str) -> Conflict {
        Conflict::from(DocConflict {
            uuid: uuid.into(),
            record: "entry:e1".into(),
            label: "Study day".into(),
            field: "title".into(),
            kept: "\"B\"".into(),
            kept_replica: "r2".into(),
            kept_device: "work".into(),
            other: "\"A\"".into(),
            other_replica: "r1".into(),
            other_device: "laptop".into(),
            found_at: "2026-03-01T10:00:00.000Z".into(),
            resolved_at: None,
            resolution: None,
        })
    }

    #[test]
    fn conflicts_are_kept_once_and_settled_once() {
        let mut db = Db::open_in_memory().unwrap();
        db.write(|tx| -> Result<()> {
            assert!(insert(tx, &conflict("c1"))?.1);
            assert!(!insert(tx, &conflict("c1"))?.1, "the same conflict twice is one");
            assert!(!insert(tx, &conflict("c2"))?.1, "found again under another UUID: the same one");
            assert_eq!(open_count(tx)?, 1);
            assert!(resolve(tx, "c1", "2026-03-02T00:00:00Z", "\"A\"")?);
            assert!(!resolve(tx, "c1", "2026-03-03T00:00:00Z", "\"B\"")?, "settled once");
            let stored = &all(tx)?[0];
            assert_eq!(stored.resolution.as_deref(), Some("\"A\""));
            assert_eq!(open_count(tx)?, 0);
            // Found again by another pair of copies under a smaller UUID: every copy keeps that one.
            insert(tx, &conflict("d1"))?;
            insert(tx, &conflict("b1"))?;
            assert!(all(tx)?.iter().any(|c| c.uuid == "b1") && !all(tx)?.iter().any(|c| c.uuid == "d1"));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn sharing_brings_new_conflicts_and_settlements() {
        let mut db = Db::open_in_memory().unwrap();
        db.write(|tx| -> Result<()> {
            insert(tx, &conflict("c1"))?;
            let mut settled = conflict("c1");
            settled.conflict.resolved_at = Some("2026-03-02T00:00:00Z".into());
            settled.conflict.resolution = Some("\"A\"".into());
            assert_eq!(share(&[settled, conflict("c2")], tx)?, 1);
            assert_eq!(open_count(tx)?, 1, "c1 settled by the other copy, c2 new");
            Ok(())
        })
        .unwrap();
    }
}
