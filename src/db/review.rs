//! Review files and the portfolio's own identity: the manifest a shared copy
//! carries, the shares a portfolio made, and the one rule that keeps the
//! mentee's records read-only inside a review file.

use rusqlite::{OptionalExtension, params};

use super::visibility::shown;
use super::{Conn, DbError, Result, Tx};
use crate::model::review::{Pending, ReviewManifest};
use crate::model::{EntryId, Visibility};

/// This portfolio's UUID (copies of one file share it).
pub fn portfolio_uuid(conn: &Conn) -> Result<String> {
    Ok(conn.prepare_cached("SELECT uuid FROM portfolio WHERE id = 1")?.query_row([], |r| r.get(0))?)
}

/// The manifest, when this portfolio is a review file.
pub fn manifest(conn: &Conn) -> Result<Option<ReviewManifest>> {
    Ok(conn
        .prepare_cached(
            "SELECT share_id, portfolio_uuid, owner, reviewer, created_at, selection FROM review_manifest",
        )?
        .query_row([], |r| {
            Ok(ReviewManifest {
                share_id: r.get(0)?,
                portfolio_uuid: r.get(1)?,
                owner: r.get(2)?,
                reviewer: r.get(3)?,
                created_at: r.get(4)?,
                selection: r.get(5)?,
            })
        })
        .optional()?)
}

/// Makes this (new) portfolio a review file of the records with these UUIDs.
pub fn write_manifest(conn: &Tx, manifest: &ReviewManifest, shared: &[String]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO review_manifest (id, share_id, portfolio_uuid, owner, reviewer, created_at, selection)
         VALUES (1, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        manifest.share_id,
        manifest.portfolio_uuid,
        manifest.owner,
        manifest.reviewer,
        manifest.created_at,
        manifest.selection
    ])?;
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO review_shared (uuid) VALUES (?)")?;
    for uuid in shared {
        insert.execute([uuid])?;
    }
    Ok(())
}

/// Records a review file this portfolio wrote.
pub fn record_share(conn: &Tx, manifest: &ReviewManifest, entries: usize) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO shares (share_id, reviewer, created_at, selection, entries) VALUES (?, ?, ?, ?, ?)",
    )?
    .execute(params![
        manifest.share_id,
        manifest.reviewer,
        manifest.created_at,
        manifest.selection,
        entries as i64
    ])?;
    Ok(())
}

/// Records what an HTML review pack holds: the SHA-256 of its page and the
/// claims and entries (by UUID) it asks a verdict on.
pub fn record_pack(conn: &Tx, share_id: &str, pack_sha256: &str, items: &[String]) -> Result<()> {
    conn.prepare_cached("UPDATE shares SET pack_sha256 = ? WHERE share_id = ?")?
        .execute(params![pack_sha256, share_id])?;
    record_items(conn, share_id, items)
}

/// Records what a share holds, by UUID: the entries, claims and verdicts a
/// review file carries, or what an HTML pack asks a verdict on. `merge`
/// takes nothing about a record this list lacks, whatever the file says.
pub fn record_items(conn: &Tx, share_id: &str, items: &[String]) -> Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO share_items (share_id, uuid) VALUES (?, ?)")?;
    for uuid in items {
        insert.execute(params![share_id, uuid])?;
    }
    Ok(())
}

/// The SHA-256 of the HTML review pack written for this share, when it was one.
pub fn pack_sha256(conn: &Conn, share_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT pack_sha256 FROM shares WHERE share_id = ?")?
        .query_row([share_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Whether this portfolio recorded anything as held by this share (shares
/// by an older folio recorded nothing).
pub fn share_recorded(conn: &Conn, share_id: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM share_items WHERE share_id = ?")?.exists([share_id])?)
}

/// Whether this share held this record (a review file) or asked a verdict on it (an HTML pack).
pub fn pack_asks(conn: &Conn, share_id: &str, uuid: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM share_items WHERE share_id = ? AND uuid = ?")?
        .exists(params![share_id, uuid])?)
}

/// A share as `folio sync` carries it to the other copy: the record of it
/// and what it held, so `merge` on either copy knows what was shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRecord {
    pub share_id: String,
    pub reviewer: String,
    pub created_at: String,
    pub selection: String,
    pub entries: i64,
    pub pack_sha256: Option<String>,
    pub items: Vec<String>,
}

pub fn shares(conn: &Conn) -> Result<Vec<ShareRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT share_id, reviewer, created_at, selection, entries, pack_sha256 FROM shares ORDER BY share_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ShareRecord {
            share_id: r.get(0)?,
            reviewer: r.get(1)?,
            created_at: r.get(2)?,
            selection: r.get(3)?,
            entries: r.get(4)?,
            pack_sha256: r.get(5)?,
            items: Vec::new(),
        })
    })?;
    let mut shares = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = conn.prepare_cached("SELECT uuid FROM share_items WHERE share_id = ? ORDER BY uuid")?;
    for share in &mut shares {
        share.items = items.query_map([&share.share_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(shares)
}

/// Adds a share this copy lacks (by its id); returns whether it was new.
pub fn add_share(conn: &Tx, share: &ShareRecord) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO shares (share_id, reviewer, created_at, selection, entries, pack_sha256)
             VALUES (?, ?, ?, ?, ?, ?)",
        )?
        .execute(params![
            share.share_id,
            share.reviewer,
            share.created_at,
            share.selection,
            share.entries,
            share.pack_sha256
        ])?;
    record_items(conn, &share.share_id, &share.items)?;
    Ok(added > 0)
}

/// Whether this portfolio wrote the review file with this share id.
pub fn made_share(conn: &Conn, share_id: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM shares WHERE share_id = ?")?.exists([share_id])?)
}

/// Whether a record (by UUID) is the mentee's, in a review file.
pub fn is_shared(conn: &Conn, uuid: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM review_shared WHERE uuid = ?")?.exists([uuid])?)
}

/// Refuses a change to an entry the mentee shared for review.
pub fn guard_entry(conn: &Conn, id: EntryId) -> Result<()> {
    let shared = conn
        .prepare_cached("SELECT 1 FROM review_shared WHERE uuid = (SELECT uuid FROM entries WHERE id = ?)")?
        .exists([id])?;
    if shared {
        return Err(DbError::SharedForReview(format!("entry {id}")));
    }
    Ok(())
}

/// Refuses a change to what a review file holds of the mentee's as a whole
/// (`what`: "the profile", "framework emcc").
pub fn guard_portfolio(conn: &Conn, what: &str) -> Result<()> {
    if is_review_file(conn)? {
        return Err(DbError::SharedForReview(what.to_string()));
    }
    Ok(())
}

/// Whether this portfolio is a review file.
pub fn is_review_file(conn: &Conn) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM review_manifest")?.exists([])?)
}

/// Claims waiting for a verdict from `assessor` (from anyone, when `None`):
/// none yet, or "needs more" on work revised since (the rule of
/// [`crate::model::review::judgeable`]), oldest entry first; in a review file also the mentee's entries that
/// claim nothing, for a verdict on the whole entry (the reviewer's own
/// entries wait for nothing). Private entries only when `visibility` includes them.
pub fn pending(conn: &Conn, assessor: Option<&str>, visibility: Visibility) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.kind, e.title, e.date, c.competency_id, c.level_id, c.indicator_id, c.note
           FROM entries e LEFT JOIN claims c ON c.entry_id = e.id
          WHERE e.deleted_at IS NULL AND {}
            AND CASE WHEN EXISTS (SELECT 1 FROM review_manifest)
                     THEN EXISTS (SELECT 1 FROM review_shared s WHERE s.uuid = e.uuid)
                     ELSE c.id IS NOT NULL END
            AND COALESCE((SELECT v.verdict = 'needs-more' AND e.updated_at > v.created_at
                            FROM verdicts v
                           WHERE v.entry_id = e.id AND (v.claim_id IS NULL OR v.claim_id = c.id)
                             AND (?1 IS NULL OR v.assessor = ?1 COLLATE NOCASE)
                           ORDER BY v.date DESC, v.id DESC LIMIT 1), 1)
          ORDER BY e.date_key, e.id, c.id",
        shown("?2", "e.private")
    ))?;
    let rows = stmt.query_map(params![assessor.map(str::trim), visibility], |r| {
        Ok((
            Pending {
                entry: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                date: r.get(3)?,
                claim: None,
                note: r.get(7)?,
            },
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, Option<i64>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut item, competency, level, indicator) = row?;
        if let Some(competency) = competency {
            item.claim = Some(super::refs::display(conn, competency, level, indicator)?);
        }
        out.push(item);
    }
    Ok(out)
}

/// The newest change to a live entry, or the newest verdict.
pub fn last_activity(conn: &Conn) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(at) FROM (SELECT max(updated_at) AS at FROM entries WHERE deleted_at IS NULL
                                  UNION ALL SELECT max(created_at) FROM verdicts)",
        )?
        .query_row([], |r| r.get(0))?)
}
