//! The `entries` table with its sections (the trash is in `trash.rs`, the
//! row mapping in `entry_row.rs`).

use std::collections::HashMap;
use std::sync::LazyLock;

use rusqlite::{OptionalExtension, ToSql, params, params_from_iter};

use super::entry_row::{self, FIELD_SQL, SELECT_LIST, column_name, entry_from_row, unreadable_entry};
use super::filter::EntryFilter;
use super::unreadable::{self, Unreadable};
use super::{Conn, DbError, Result, Tx, about, attachments, claims, group, ids_json, tags};
use crate::model::{Entry, EntryFields, EntryId, PartialDate, Section};

/// Adds tags, sections, attachments, claims and verdicts to entries read by
/// [`entry_from_row`], with one query per kind of thing, not per entry.
/// An entry whose sections cannot be read is left out (and noted).
fn hydrate(conn: &Conn, entries: &mut Vec<Entry>) -> Result<()> {
    let ids: Vec<i64> = entries.iter().map(|e| e.id.0).collect();
    let mut tags = tags::for_entries(conn, &ids)?;
    let mut links = about::for_entries(conn, &ids)?;
    let (mut sections, unreadable) = sections_for(conn, &ids)?;
    entries.retain(|e| !unreadable.contains(&e.id.0));
    let mut files = attachments::for_entries(conn, &ids)?;
    let mut claimed = claims::for_entries(conn, &ids)?;
    let mut judged = claims::verdicts_for_entries(conn, &ids)?;
    for entry in entries.iter_mut() {
        let id = entry.id.0;
        entry.fields.tags = tags.remove(&id).unwrap_or_default();
        entry.fields.about = links.remove(&id).unwrap_or_default();
        entry.fields.details.set_sections(sections.remove(&id).unwrap_or_default());
        entry.attachments = files.remove(&id).unwrap_or_default();
        entry.claims = claimed.remove(&id).unwrap_or_default();
        entry.verdicts = judged.remove(&id).unwrap_or_default();
    }
    Ok(())
}

/// The sections of these entries, and the entries with a section that cannot be read.
type SectionsByEntry = HashMap<i64, Vec<Section>>;

fn sections_for(conn: &Conn, ids: &[i64]) -> Result<(SectionsByEntry, Vec<i64>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, name, text FROM entry_sections
          WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, position",
    )?;
    let rows = stmt.query_map([ids_json(ids)], |r| {
        let id: i64 = r.get(0)?;
        let section = (|| Ok((id, Section { name: r.get(1)?, text: r.get(2)? })))();
        Ok((id, section))
    })?;
    let (read, unreadable) = unreadable::sort_out(conn, rows, |_| "sections".to_string())?;
    Ok((group(read.into_iter().map(Ok))?, unreadable))
}

/// Adds the sections of an entry that has none (new, or just cleared).
fn insert_sections(conn: &Tx, entry_id: i64, sections: &[Section]) -> Result<()> {
    let mut insert = conn
        .prepare_cached("INSERT INTO entry_sections (entry_id, name, position, text) VALUES (?, ?, ?, ?)")?;
    for (position, section) in sections.iter().enumerate() {
        insert.execute(params![entry_id, section.name, position as i64, section.text])?;
    }
    Ok(())
}

/// The named parameters every write of an entry's fields binds.
fn field_params(fields: &EntryFields) -> Vec<(String, Box<dyn ToSql>)> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut params: Vec<(String, Box<dyn ToSql>)> = vec![
        (":title".into(), Box::new(fields.title.clone())),
        (":body".into(), Box::new(fields.body.clone())),
        (":date".into(), Box::new(fields.date)),
        (":date_key".into(), Box::new(fields.date.key())),
        (":end_date".into(), Box::new(fields.end_date)),
        (":end_date_key".into(), Box::new(fields.end_date.map(|d| day(d.last_day())))),
        (":organisation".into(), Box::new(fields.organisation.clone())),
        (":private".into(), Box::new(fields.private)),
    ];
    params.extend(entry_row::field_params(fields.details.values()));
    params
}

fn execute_named(
    conn: &Conn,
    sql: &str,
    mut values: Vec<(String, Box<dyn ToSql>)>,
    extra: Vec<(&'static str, Box<dyn ToSql>)>,
) -> Result<usize> {
    values.extend(extra.into_iter().map(|(name, value)| (name.to_string(), value)));
    let named: Vec<(&str, &dyn ToSql)> = values.iter().map(|(n, v)| (n.as_str(), v.as_ref())).collect();
    Ok(conn.prepare_cached(sql)?.execute(named.as_slice())?)
}

/// `INSERT INTO entries …` with every column a write binds.
static INSERT_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO entries (uuid, kind, title, body, date, date_key, end_date, end_date_key,
             organisation, private, created_at, updated_at, {})
         VALUES (:uuid, :kind, :title, :body, :date, :date_key, :end_date, :end_date_key,
             :organisation, :private, :created_at, :updated_at, {})",
        FIELD_SQL.names, FIELD_SQL.placeholders
    )
});

/// `UPDATE entries SET …` of every writable column of a live entry.
static UPDATE_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "UPDATE entries SET title = :title, body = :body, date = :date, date_key = :date_key,
             end_date = :end_date, end_date_key = :end_date_key, organisation = :organisation,
             private = :private, {}, updated_at = :now
         WHERE id = :id AND deleted_at IS NULL",
        FIELD_SQL.assignments
    )
});

/// Stores validated fields as a new entry and returns its id.
pub fn insert(conn: &Tx, fields: &EntryFields, uuid: &str, now: &str) -> Result<EntryId> {
    insert_with_times(conn, fields, uuid, now, now)
}

/// Stores validated fields with the timestamps they already have (imports).
pub fn insert_with_times(
    conn: &Tx,
    fields: &EntryFields,
    uuid: &str,
    created_at: &str,
    updated_at: &str,
) -> Result<EntryId> {
    execute_named(
        conn,
        &INSERT_SQL,
        field_params(fields),
        vec![
            (":uuid", Box::new(uuid.to_string())),
            (":kind", Box::new(fields.kind())),
            (":created_at", Box::new(created_at.to_string())),
            (":updated_at", Box::new(updated_at.to_string())),
        ],
    )?;
    let id = conn.last_insert_rowid();
    insert_sections(conn, id, fields.details.sections())?;
    tags::add_to_new_entry(conn, id, &fields.tags)?;
    about::add_to_new_entry(conn, id, &fields.about)?;
    Ok(EntryId(id))
}

/// Replaces every writable field of a live entry with these.
pub fn update(conn: &Tx, id: EntryId, fields: &EntryFields, now: &str) -> Result<()> {
    super::review::guard_entry(conn, id)?;
    let changed = execute_named(
        conn,
        &UPDATE_SQL,
        field_params(fields),
        vec![(":id", Box::new(id)), (":now", Box::new(now.to_string()))],
    )?;
    if changed == 0 {
        return Err(DbError::NoSuchEntry(id));
    }
    conn.prepare_cached("DELETE FROM entry_sections WHERE entry_id = ?")?.execute([id])?;
    insert_sections(conn, id.0, fields.details.sections())?;
    tags::set_for_entry(conn, id.0, &fields.tags)?;
    about::set_for_entry(conn, id.0, &fields.about)?;
    Ok(())
}

/// Marks an entry as changed now (after attaching a file, say).
pub fn touch(conn: &Tx, id: EntryId, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE entries SET updated_at = ? WHERE id = ?")?.execute(params![now, id])?;
    Ok(())
}

/// The id, `updated_at` and trash time of the entry with this UUID.
pub fn find_by_uuid(conn: &Conn, uuid: &str) -> Result<Option<(EntryId, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT id, updated_at, deleted_at FROM entries WHERE uuid = ?")?;
    Ok(stmt.query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?)
}

/// What tells a live entry apart across tools: its kind, title, date and DOI.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub id: EntryId,
    pub kind: crate::model::EntryKind,
    pub title: String,
    /// As stored: `2024`, `2024-03`, `2024-03-15`.
    pub date: String,
    pub doi: Option<String>,
}

/// Every live entry's [`Identity`].
pub fn identities(conn: &Conn) -> Result<Vec<Identity>> {
    let doi = format!("$.{}", crate::model::KindField::Doi.key());
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, date, json_extract(details, ?) FROM entries WHERE deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([doi], |r| {
        Ok(Identity { id: r.get(0)?, kind: r.get(1)?, title: r.get(2)?, date: r.get(3)?, doi: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A live certificate with an expiry date, as its index holds it: borrowed
/// from the row, so nothing is copied that is not kept.
#[derive(Debug)]
pub struct CertificateRow<'a> {
    pub id: EntryId,
    pub title: &'a str,
    pub expires: PartialDate,
}

/// Calls `each` for every live certificate that has an expiry date, newest
/// first (by date, then id).
pub fn each_certificate_newest_first(
    conn: &Conn,
    mut each: impl FnMut(&CertificateRow<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        // From the partial covering index alone (migration 22), read
        // backwards; the planner would walk every live entry by date instead.
        "SELECT id, title, expires FROM entries INDEXED BY entries_certificate_titles
          WHERE kind = 'certificate' AND deleted_at IS NULL AND expires IS NOT NULL
          ORDER BY date_key DESC, id DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let title = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        each(&CertificateRow { id: row.get(0)?, title, expires: row.get(2)? })?;
    }
    Ok(())
}

/// An entry's uuid and when it last changed (the calendar's stable event id
/// and stamp).
pub fn uuid_and_updated_at(conn: &Conn, id: EntryId) -> Result<(String, String)> {
    let mut stmt = conn.prepare_cached("SELECT uuid, updated_at FROM entries WHERE id = ?")?;
    stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?.ok_or(DbError::NoSuchEntry(id))
}

/// How many entries are live (not in the trash).
pub fn live_count(conn: &Conn) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM entries WHERE deleted_at IS NULL")?
        .query_row([], |r| r.get(0))?)
}

/// The UUID of the live entry with this id.
pub fn live_uuid_of(conn: &Conn, id: EntryId) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT uuid FROM entries WHERE id = ? AND deleted_at IS NULL")?;
    Ok(stmt.query_row([id], |r| r.get(0)).optional()?)
}

/// The local id of the live entry with this UUID.
pub fn live_id_of(conn: &Conn, uuid: &str) -> Result<Option<EntryId>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM entries WHERE uuid = ? AND deleted_at IS NULL")?;
    Ok(stmt.query_row([uuid], |r| r.get(0)).optional()?)
}

/// One live entry, with everything attached to it.
pub fn get(conn: &Conn, id: EntryId) -> Result<Entry> {
    let entry = get_any(conn, id)?;
    if entry.deleted_at.is_some() {
        return Err(DbError::NoSuchEntry(id));
    }
    Ok(entry)
}

/// One entry, live or in the trash.
pub fn get_any(conn: &Conn, id: EntryId) -> Result<Entry> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {} FROM entries e WHERE e.id = ?", *SELECT_LIST))?;
    let entry = stmt.query_row([id], entry_from_row).optional().map_err(|e| unreadable_entry(id, e))?;
    let mut entries = vec![entry.ok_or(DbError::NoSuchEntry(id))?];
    hydrate(conn, &mut entries)?;
    entries.pop().ok_or(DbError::UnreadableEntry(Unreadable { entry: id.0, column: "sections".into() }))
}

/// Live entries by id, in the order asked, fully loaded in one pass (ids
/// that are unknown or in the trash are left out).
pub fn get_many(conn: &Conn, ids: &[EntryId]) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM entries e
          WHERE e.id IN (SELECT value FROM json_each(?))",
        *SELECT_LIST
    ))?;
    let raw: Vec<i64> = ids.iter().map(|id| id.0).collect();
    // The trash is left out here: in SQL, the planner would walk the
    // visibility index instead of looking the ids up.
    let rows = stmt.query_map([ids_json(&raw)], |row| Ok((row.get(0)?, entry_from_row(row))))?;
    let mut by_id: HashMap<EntryId, Entry> = unreadable::sort_out(conn, rows, column_name)?
        .0
        .into_iter()
        .filter(|entry| entry.deleted_at.is_none())
        .map(|e| (e.id, e))
        .collect();
    let mut entries: Vec<Entry> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    hydrate(conn, &mut entries)?;
    Ok(entries)
}

/// Whether a live entry with this id exists.
pub fn exists(conn: &Conn, id: EntryId) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM entries WHERE id = ? AND deleted_at IS NULL")?;
    Ok(stmt.exists([id])?)
}

/// The entries a filter selects, in its order, fully loaded.
pub fn list(conn: &Conn, filter: &EntryFilter) -> Result<Vec<Entry>> {
    let (where_sql, mut values) = filter.where_clause();
    let mut sql = format!(
        "SELECT {} FROM entries e WHERE {where_sql} ORDER BY {}",
        *SELECT_LIST,
        filter.order_clause()
    );
    if let Some(limit) = filter.limit {
        sql.push_str(" LIMIT ?");
        values.push(rusqlite::types::Value::Integer(i64::from(limit)));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |row| Ok((row.get(0)?, entry_from_row(row))))?;
    let (mut entries, _) = unreadable::sort_out(conn, rows, column_name)?;
    hydrate(conn, &mut entries)?;
    Ok(entries)
}

#[cfg(test)]
#[path = "entries_tests.rs"]
pub(crate) mod tests;
