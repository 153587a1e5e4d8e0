//! Mentors, and the meetings held with each (matched by name, any case).

use rusqlite::{OptionalExtension, Row, params};

use super::row_write::{self, Values, value};
use super::visibility::shown;
use super::{Conn, DbError, Result, Tx, attachments};
use crate::model::summary::EntryBrief;
use crate::model::{Attachment, Mentor, MentorId, Visibility};

const SELECT: &str = "SELECT id, uuid, name, role, since, until, email, meet_every, contract_name,
                             contract_media_type, contract_size, contract_sha256, created_at, updated_at
                        FROM mentors";

fn mentor_from_row(row: &Row) -> rusqlite::Result<Mentor> {
    let contract = match row.get::<_, Option<String>>(8)? {
        Some(name) => {
            Some(Attachment { name, media_type: row.get(9)?, size: row.get(10)?, sha256: row.get(11)? })
        }
        None => None,
    };
    Ok(Mentor {
        id: row.get(0)?,
        uuid: row.get(1)?,
        name: row.get(2)?,
        role: row.get(3)?,
        since: row.get(4)?,
        until: row.get(5)?,
        email: row.get(6)?,
        meet_every: row.get(7)?,
        contract,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
    })
}

/// Every mentor: current ones first, then by name.
pub fn list(conn: &Conn) -> Result<Vec<Mentor>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} ORDER BY until IS NOT NULL, name COLLATE NOCASE"))?;
    Ok(stmt.query_map([], mentor_from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The mentor of this name (any case).
pub fn find(conn: &Conn, name: &str) -> Result<Option<Mentor>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE name = ? COLLATE NOCASE"))?;
    Ok(stmt.query_row([name.trim()], mentor_from_row).optional()?)
}

pub fn get(conn: &Conn, name: &str) -> Result<Mentor> {
    find(conn, name)?.ok_or_else(|| DbError::NoSuchMentor(name.trim().to_string()))
}

/// The writable columns of a mentor, for both INSERT and UPDATE.
fn values(mentor: &Mentor) -> Values {
    let file = mentor.contract.clone();
    vec![
        value("name", mentor.name.trim().to_string()),
        value("role", mentor.role),
        value("since", mentor.since),
        value("until", mentor.until),
        value("email", mentor.email.clone()),
        value("meet_every", mentor.meet_every),
        value("contract_name", file.as_ref().map(|f| f.name.clone())),
        value("contract_media_type", file.as_ref().map(|f| f.media_type.clone())),
        value("contract_size", file.as_ref().map(|f| f.size)),
        value("contract_sha256", file.map(|f| f.sha256)),
        value("updated_at", mentor.updated_at.clone()),
    ]
}

/// Stores a new mentor, with the contract's bytes when given; refuses a name in use.
pub fn insert(conn: &Tx, mentor: &Mentor, contract: Option<&[u8]>) -> Result<MentorId> {
    if find(conn, &mentor.name)?.is_some() {
        return Err(DbError::MentorExists(mentor.name.clone()));
    }
    if let Some(bytes) = contract {
        attachments::store_blob(conn, bytes)?;
    }
    let mut row = values(mentor);
    row.push(value("uuid", mentor.uuid.clone()));
    row.push(value("created_at", mentor.created_at.clone()));
    Ok(MentorId(row_write::insert(conn, "mentors", &row)?))
}

/// Writes a mentor's fields (the contract too) over the stored ones, matched by id.
pub fn update(conn: &Tx, mentor: &Mentor, contract: Option<&[u8]>) -> Result<()> {
    if let Some(bytes) = contract {
        attachments::store_blob(conn, bytes)?;
    }
    if row_write::update(conn, "mentors", &values(mentor), mentor.id.0)? == 0 {
        return Err(DbError::NoSuchMentor(mentor.name.clone()));
    }
    attachments::delete_orphan_blobs(conn)?;
    Ok(())
}

/// The mentor with this UUID, if stored.
pub fn by_uuid(conn: &Conn, uuid: &str) -> Result<Option<Mentor>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE uuid = ?"))?;
    Ok(stmt.query_row([uuid], mentor_from_row).optional()?)
}

/// The live meetings held with `person` (any case), newest first.
pub fn meetings_with(conn: &Conn, person: &str, visibility: Visibility) -> Result<Vec<EntryBrief>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, kind, title, date, private FROM entries
          WHERE kind = 'meeting' AND deleted_at IS NULL AND meeting_with = ?1 COLLATE NOCASE
            AND {}
          ORDER BY date_key DESC, id DESC",
        shown("?2", "private")
    ))?;
    let rows = stmt.query_map(params![person.trim(), visibility], brief_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest live meeting held with `person`.
pub fn last_meeting_with(conn: &Conn, person: &str) -> Result<Option<EntryBrief>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, date, private FROM entries
          WHERE kind = 'meeting' AND deleted_at IS NULL AND meeting_with = ?1 COLLATE NOCASE
          ORDER BY date_key DESC, id DESC LIMIT 1",
    )?;
    Ok(stmt.query_row([person.trim()], brief_from_row).optional()?)
}

/// Maps `id, kind, title, date, private`.
pub(super) fn brief_from_row(r: &Row) -> rusqlite::Result<EntryBrief> {
    Ok(EntryBrief { id: r.get(0)?, kind: r.get(1)?, title: r.get(2)?, date: r.get(3)?, private: r.get(4)? })
}
