//! Claims (entry → competency) and the verdicts assessors give on entries
//! and claims. Verdicts are append-only: a new one supersedes, never
//! overwrites.

use rusqlite::{OptionalExtension, Row, params};

use super::refs::{self, Resolved};
use std::collections::HashMap;

use super::{Conn, Result, Tx, group, ids_json};
use crate::model::reference::Canonical;
use crate::model::{Claim, EntryId, Verdict, VerdictKind};

/// The stored id of the entry's claim on exactly this reference.
pub fn find(conn: &Conn, entry_id: EntryId, target: &Resolved) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM claims WHERE entry_id = ? AND competency_id = ? AND level_id IS ? AND indicator_id IS ?",
    )?;
    Ok(stmt
        .query_row(params![entry_id, target.competency_id, target.level_id, target.indicator_id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Adds a claim, or updates its note if the entry already claims this; `true` if added.
pub fn add(
    conn: &Tx,
    entry_id: EntryId,
    target: &Resolved,
    note: Option<&str>,
    uuid: &str,
    now: &str,
) -> Result<bool> {
    super::review::guard_entry(conn, entry_id)?;
    if let Some(id) = find(conn, entry_id, target)? {
        if note.is_some() {
            conn.prepare_cached("UPDATE claims SET note = ? WHERE id = ?")?.execute(params![note, id])?;
        }
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO claims (uuid, entry_id, competency_id, level_id, indicator_id, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        uuid,
        entry_id,
        target.competency_id,
        target.level_id,
        target.indicator_id,
        note,
        now
    ])?;
    Ok(true)
}

/// Removes the entry's claim on exactly this reference; `false` if there was none.
pub fn remove(conn: &Tx, entry_id: EntryId, target: &Resolved) -> Result<bool> {
    super::review::guard_entry(conn, entry_id)?;
    match find(conn, entry_id, target)? {
        Some(id) => {
            conn.prepare_cached("DELETE FROM claims WHERE id = ?")?.execute([id])?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// References already worked out, so a long listing asks SQLite once per distinct target.
type RefCache = HashMap<(i64, Option<i64>, Option<i64>), Canonical>;

fn cached_canonical(
    conn: &Conn,
    cache: &mut RefCache,
    key: (i64, Option<i64>, Option<i64>),
) -> Result<Canonical> {
    if let Some(found) = cache.get(&key) {
        return Ok(found.clone());
    }
    let canonical = refs::canonical(conn, key.0, key.1, key.2)?;
    cache.insert(key, canonical.clone());
    Ok(canonical)
}

fn claim_from_row(
    conn: &Conn,
    cache: &mut RefCache,
    row: &Row,
) -> rusqlite::Result<(i64, Option<i64>, Option<i64>, Claim)> {
    let competency_id: i64 = row.get(0)?;
    let level_id: Option<i64> = row.get(1)?;
    let indicator_id: Option<i64> = row.get(2)?;
    let canonical = cached_canonical(conn, cache, (competency_id, level_id, indicator_id)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(e))
    })?;
    let indicator = canonical.indicator;
    let reference = canonical.to_string();
    Ok((
        competency_id,
        level_id,
        indicator_id,
        Claim {
            reference,
            framework: row.get(3)?,
            competency: row.get(4)?,
            competency_title: row.get(5)?,
            level: row.get(6)?,
            indicator,
            indicator_text: row.get(7)?,
            note: row.get(8)?,
            uuid: row.get(9)?,
            created_at: row.get(10)?,
        },
    ))
}

/// The entry's claims, in framework and competency order.
pub fn for_entries(conn: &Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<Claim>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cl.competency_id, cl.level_id, cl.indicator_id, f.key, c.code, c.title,
                coalesce(l.code, il.code), i.text, cl.note, cl.uuid, cl.created_at, cl.entry_id
           FROM claims cl
           JOIN competencies c ON c.id = cl.competency_id
           JOIN frameworks f ON f.id = c.framework_id
           LEFT JOIN framework_levels l ON l.id = cl.level_id
           LEFT JOIN indicators i ON i.id = cl.indicator_id
           LEFT JOIN framework_levels il ON il.id = i.level_id
          WHERE cl.entry_id IN (SELECT value FROM json_each(?))
          ORDER BY cl.entry_id, f.key, c.position, coalesce(l.position, il.position), i.position",
    )?;
    let mut cache = RefCache::new();
    group(stmt.query_map([ids_json(ids)], |r| Ok((r.get(11)?, claim_from_row(conn, &mut cache, r)?.3)))?)
}

/// Records a verdict on an entry, or on one of its claims (`verdict.claim` is ignored).
pub fn add_verdict(conn: &Tx, entry_id: EntryId, claim_id: Option<i64>, verdict: &Verdict) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO verdicts (uuid, entry_id, claim_id, verdict, assessor, comment, date, created_at, credential)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        verdict.uuid,
        entry_id,
        claim_id,
        verdict.verdict.as_str(),
        verdict.assessor,
        verdict.comment,
        verdict.date,
        verdict.created_at,
        verdict.credential.as_ref().map(serde_json::Value::to_string)
    ])?;
    Ok(())
}

/// Every verdict on many entries, newest first, by entry id.
pub fn verdicts_for_entries(conn: &Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<Verdict>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.verdict, v.assessor, v.date, v.comment, cl.competency_id, cl.level_id, cl.indicator_id,
                v.uuid, v.created_at, v.entry_id, v.credential
           FROM verdicts v LEFT JOIN claims cl ON cl.id = v.claim_id
          WHERE v.entry_id IN (SELECT value FROM json_each(?)) ORDER BY v.entry_id, v.date DESC, v.id DESC",
    )?;
    let rows = stmt.query_map([ids_json(ids)], |r| {
        let kind: String = r.get(0)?;
        let competency: Option<i64> = r.get(4)?;
        Ok((
            kind,
            competency,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(7)?,
            r.get(8)?,
            r.get::<_, i64>(9)?,
            r.get::<_, Option<String>>(10)?,
        ))
    })?;
    let mut verdicts: HashMap<i64, Vec<Verdict>> = HashMap::new();
    let mut cache = RefCache::new();
    for row in rows {
        let (
            kind,
            competency,
            level,
            indicator,
            assessor,
            date,
            comment,
            uuid,
            created_at,
            entry_id,
            credential,
        ) = row?;
        let verdict: VerdictKind = kind.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let claim = competency
            .map(|c| cached_canonical(conn, &mut cache, (c, level, indicator)))
            .transpose()?
            .map(|c| c.to_string());
        // A credential that is not JSON cannot be stored (the column's CHECK).
        let credential = credential.and_then(|text| serde_json::from_str(&text).ok());
        let verdict = Verdict { verdict, assessor, date, comment, claim, uuid, created_at, credential };
        verdicts.entry(entry_id).or_default().push(verdict);
    }
    Ok(verdicts)
}

/// Whether a verdict with this UUID is stored.
pub fn verdict_exists(conn: &Conn, uuid: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM verdicts WHERE uuid = ?")?.exists([uuid])?)
}

/// The entry and id of the claim with this UUID, if its entry is not in the trash.
pub fn find_by_uuid(conn: &Conn, uuid: &str) -> Result<Option<(EntryId, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.entry_id, c.id FROM claims c JOIN entries e ON e.id = c.entry_id
              WHERE c.uuid = ? AND e.deleted_at IS NULL",
        )?
        .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
