//! What `folio sync` keeps between runs: this copy's name, when it last
//! synced with each other copy, and the tombstones of what was deleted.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, Tx};

/// This copy's own UUID.
pub fn replica(conn: &Conn) -> Result<String> {
    Ok(conn.prepare_cached("SELECT uuid FROM replica WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

/// Gives this copy a new UUID (a copied file starts with its original's).
pub fn rename_replica(conn: &Tx) -> Result<String> {
    let uuid = uuid::Uuid::new_v4().simple().to_string();
    conn.prepare_cached("UPDATE replica SET uuid = ? WHERE id = 1")?.execute([&uuid])?;
    Ok(uuid)
}

/// What this copy keeps of its last sync with another: when, the token both
/// copies wrote (none for a sync by an older folio), and whether only this
/// copy wrote it (a backup's copy, or a sync with a read-only copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerState {
    pub last_synced_at: String,
    pub token: Option<String>,
    /// The token of the sync before (kept by [`set_synced`]).
    pub previous_token: Option<String>,
    pub one_sided: bool,
}

pub fn peer_state(conn: &Conn, peer: &str) -> Result<Option<PeerState>> {
    Ok(conn
        .prepare_cached(
            "SELECT last_synced_at, token, previous_token, one_sided FROM sync_state WHERE peer = ?",
        )?
        .query_row([peer], |r| {
            Ok(PeerState {
                last_synced_at: r.get(0)?,
                token: r.get(1)?,
                previous_token: r.get(2)?,
                one_sided: r.get(3)?,
            })
        })
        .optional()?)
}

/// Records a sync with `peer`; the token it replaces becomes the previous one.
pub fn set_synced(conn: &Tx, peer: &str, state: &PeerState) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_state (peer, last_synced_at, token, previous_token, one_sided)
         VALUES (?1, ?2, ?3, (SELECT token FROM sync_state WHERE peer = ?1), ?4)",
    )?
    .execute(params![peer, state.last_synced_at, state.token, state.one_sided])?;
    Ok(())
}

/// A record's row of the base or of the field clocks: the record's
/// `updated_at` when it was written (a record not written since needs no
/// new one), and its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    pub updated_at: String,
    pub text: String,
}

fn stamped_rows(conn: &Conn, sql: &str, peer: Option<&str>) -> Result<HashMap<String, Stamped>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let row = |r: &rusqlite::Row| Ok((r.get(0)?, Stamped { updated_at: r.get(1)?, text: r.get(2)? }));
    let rows = match peer {
        Some(peer) => stmt.query_map([peer], row)?.collect::<rusqlite::Result<_>>()?,
        None => stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows)
}

/// The base agreed with `peer`: record key → its field digests.
pub fn bases(conn: &Conn, peer: &str) -> Result<HashMap<String, Stamped>> {
    stamped_rows(conn, "SELECT record, updated_at, hashes FROM sync_base WHERE peer = ?", Some(peer))
}

/// Makes the base agreed with `peer` exactly `records`, writing only the
/// rows that differ from `stored` (what [`bases`] read before).
pub fn save_bases(
    conn: &Tx,
    peer: &str,
    stored: &HashMap<String, Stamped>,
    records: &HashMap<String, Stamped>,
) -> Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_base (peer, record, updated_at, hashes) VALUES (?, ?, ?, ?)",
    )?;
    for (record, row) in records {
        if stored.get(record) != Some(row) {
            upsert.execute(params![peer, record, row.updated_at, row.text])?;
        }
    }
    let mut delete = conn.prepare_cached("DELETE FROM sync_base WHERE peer = ? AND record = ?")?;
    for record in stored.keys().filter(|r| !records.contains_key(*r)) {
        delete.execute(params![peer, record])?;
    }
    Ok(())
}

/// When each field of each record last changed, as this copy knows it.
pub fn clocks(conn: &Conn) -> Result<HashMap<String, Stamped>> {
    stamped_rows(conn, "SELECT record, updated_at, clock FROM field_clock", None)
}

/// Makes the field clocks exactly `clocks`, writing only what differs from `stored`.
pub fn save_clocks(
    conn: &Tx,
    stored: &HashMap<String, Stamped>,
    clocks: &HashMap<String, Stamped>,
) -> Result<()> {
    let mut upsert = conn
        .prepare_cached("INSERT OR REPLACE INTO field_clock (record, updated_at, clock) VALUES (?, ?, ?)")?;
    for (record, row) in clocks {
        if stored.get(record) != Some(row) {
            upsert.execute(params![record, row.updated_at, row.text])?;
        }
    }
    let mut delete = conn.prepare_cached("DELETE FROM field_clock WHERE record = ?")?;
    for record in stored.keys().filter(|r| !clocks.contains_key(*r)) {
        delete.execute([record])?;
    }
    Ok(())
}

/// Every entry's UUID and `updated_at`.
pub fn entry_stamps(conn: &Conn) -> Result<Vec<(crate::model::EntryId, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, uuid, updated_at FROM entries")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forgets every other copy (a new copy's inherited record of its source's syncs).
pub fn forget_peers(conn: &Tx) -> Result<()> {
    conn.execute_batch("DELETE FROM sync_base; DELETE FROM sync_state;")?;
    Ok(())
}

/// Every tombstone: UUID (or attachment key) → (kind, when deleted).
pub fn tombstones(conn: &Conn) -> Result<HashMap<String, (String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT uuid, kind, deleted_at FROM tombstones")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records tombstones from the other copy, keeping the earlier time of each.
pub fn add_tombstones(conn: &Tx, stones: &HashMap<String, (String, String)>) -> Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO tombstones (uuid, kind, deleted_at) VALUES (?, ?, ?)")?;
    for (uuid, (kind, at)) in stones {
        insert.execute(params![uuid, kind, at])?;
    }
    Ok(())
}

/// The record a tombstone names, if this copy still has it: its `updated_at`
/// for the kinds that have one, its `created_at` for the others.
pub fn record_stamp(conn: &Conn, kind: &str, uuid: &str) -> Result<Option<String>> {
    let sql = match kind {
        "entry" => "SELECT updated_at FROM entries WHERE uuid = ?",
        "goal" => "SELECT updated_at FROM goals WHERE uuid = ?",
        "action" => "SELECT updated_at FROM actions WHERE uuid = ?",
        "claim" => "SELECT created_at FROM claims WHERE uuid = ?",
        "verdict" => "SELECT created_at FROM verdicts WHERE uuid = ?",
        "rating" => "SELECT created_at FROM ratings WHERE uuid = ?",
        "attachment" => {
            "SELECT a.created_at FROM attachments a JOIN entries e ON e.id = a.entry_id
              WHERE e.uuid || '/' || a.name || '@' || a.sha256 = ?"
        }
        _ => return Ok(None),
    };
    Ok(conn.prepare_cached(sql)?.query_row([uuid], |r| r.get(0)).optional()?)
}

/// Deletes the record a tombstone names (and what hangs on it); returns whether there was one.
pub fn delete_record(conn: &Tx, kind: &str, uuid: &str) -> Result<bool> {
    let sql = match kind {
        "entry" => "DELETE FROM entries WHERE uuid = ?",
        "goal" => "DELETE FROM goals WHERE uuid = ?",
        "action" => "DELETE FROM actions WHERE uuid = ?",
        "claim" => "DELETE FROM claims WHERE uuid = ?",
        "verdict" => "DELETE FROM verdicts WHERE uuid = ?",
        "rating" => "DELETE FROM ratings WHERE uuid = ?",
        "attachment" => {
            "DELETE FROM attachments WHERE id = (SELECT a.id FROM attachments a JOIN entries e ON e.id = a.entry_id
                                                  WHERE e.uuid || '/' || a.name || '@' || a.sha256 = ?)"
        }
        _ => return Ok(false),
    };
    Ok(conn.prepare_cached(sql)?.execute([uuid])? > 0)
}

/// Keeps a tombstone's first time: a record deleted because the other copy
/// deleted it was deleted then, not when this copy heard of it.
pub fn set_tombstone(conn: &Tx, uuid: &str, kind: &str, at: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at) VALUES (?, ?, ?)")?
        .execute(params![uuid, kind, at])?;
    Ok(())
}

/// Forgets tombstones of records that exist again (one kept against a
/// delete on the other copy, then copied back).
pub fn drop_stale_tombstones(conn: &Tx) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM tombstones WHERE uuid IN (SELECT uuid FROM entries UNION ALL SELECT uuid FROM goals
            UNION ALL SELECT uuid FROM actions UNION ALL SELECT uuid FROM claims
            UNION ALL SELECT uuid FROM verdicts UNION ALL SELECT uuid FROM ratings);",
    )?;
    Ok(())
}

/// The UUID of the entry a claim, verdict or attachment (as a tombstone names it) belongs to.
pub fn owner_entry(conn: &Conn, kind: &str, uuid: &str) -> Result<Option<String>> {
    let sql = match kind {
        "claim" => "SELECT e.uuid FROM claims c JOIN entries e ON e.id = c.entry_id WHERE c.uuid = ?",
        "verdict" => "SELECT e.uuid FROM verdicts v JOIN entries e ON e.id = v.entry_id WHERE v.uuid = ?",
        "attachment" => return Ok(uuid.split_once('/').map(|(entry, _)| entry.to_string())),
        _ => return Ok(None),
    };
    Ok(conn.prepare_cached(sql)?.query_row([uuid], |r| r.get(0)).optional()?)
}
