//! The `entries` table with its sections, and the trash.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};

use super::filter::EntryFilter;
use std::collections::HashMap;

use super::{DbError, Result, attachments, claims, group, ids_json, tags};
use crate::model::{Entry, EntryDraft, EntryKind, PartialDate, Section, Template};

const COLUMNS: &str = "e.id, e.uuid, e.kind, e.title, e.body, e.date, e.end_date, e.organisation, \
     e.private, e.hours, e.participatory, e.credential_id, e.url, e.expires, e.grade, \
     e.feedback_from, e.template, e.created_at, e.updated_at, e.deleted_at";

fn parse_column<T: std::str::FromStr>(row: &Row, index: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(index)?;
    text.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn parse_optional<T: std::str::FromStr>(row: &Row, index: usize) -> rusqlite::Result<Option<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(_) => parse_column(row, index).map(Some),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown {what} '{value}' in the portfolio")]
struct UnknownValue {
    what: &'static str,
    value: String,
}

/// Maps one row selected with [`COLUMNS`]; tags, sections and attachments come later.
fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let kind: String = row.get(2)?;
    let kind = EntryKind::parse(&kind).ok_or_else(|| {
        let err = UnknownValue { what: "kind", value: kind.clone() };
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(err))
    })?;
    let template: Option<String> = row.get(16)?;
    Ok(Entry {
        id: row.get(0)?,
        uuid: row.get(1)?,
        kind,
        title: row.get(3)?,
        body: row.get(4)?,
        date: parse_column::<PartialDate>(row, 5)?,
        end_date: parse_optional(row, 6)?,
        organisation: row.get(7)?,
        private: row.get(8)?,
        hours: row.get(9)?,
        participatory: row.get(10)?,
        credential_id: row.get(11)?,
        url: row.get(12)?,
        expires: parse_optional(row, 13)?,
        grade: row.get(14)?,
        from: row.get(15)?,
        template: template.as_deref().and_then(Template::parse),
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
        deleted_at: row.get(19)?,
        tags: Vec::new(),
        sections: Vec::new(),
        attachments: Vec::new(),
        claims: Vec::new(),
        verdicts: Vec::new(),
    })
}

/// Adds tags, sections, attachments, claims and verdicts to entries read by
/// [`entry_from_row`], with one query per kind of thing, not per entry.
fn hydrate(conn: &Connection, entries: &mut [Entry]) -> Result<()> {
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    let mut tags = tags::for_entries(conn, &ids)?;
    let mut sections = sections_for(conn, &ids)?;
    let mut files = attachments::for_entries(conn, &ids)?;
    let mut claimed = claims::for_entries(conn, &ids)?;
    let mut judged = claims::verdicts_for_entries(conn, &ids)?;
    for entry in entries {
        entry.tags = tags.remove(&entry.id).unwrap_or_default();
        entry.sections = sections.remove(&entry.id).unwrap_or_default();
        entry.attachments = files.remove(&entry.id).unwrap_or_default();
        entry.claims = claimed.remove(&entry.id).unwrap_or_default();
        entry.verdicts = judged.remove(&entry.id).unwrap_or_default();
    }
    Ok(())
}

fn sections_for(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<Section>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, name, text FROM entry_sections
          WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, position",
    )?;
    group(stmt.query_map([ids_json(ids)], |r| Ok((r.get(0)?, Section { name: r.get(1)?, text: r.get(2)? })))?)
}

/// Adds the sections of an entry that has none (new, or just cleared).
fn insert_sections(conn: &Connection, entry_id: i64, sections: &[Section]) -> Result<()> {
    let mut insert = conn
        .prepare_cached("INSERT INTO entry_sections (entry_id, name, position, text) VALUES (?, ?, ?, ?)")?;
    for (position, section) in sections.iter().enumerate() {
        insert.execute(params![entry_id, section.name, position as i64, section.text])?;
    }
    Ok(())
}

/// The named parameters every write of an entry's fields binds.
fn field_params(draft: &EntryDraft) -> Result<Vec<(&'static str, Box<dyn ToSql>)>> {
    let date = draft.date.ok_or_else(|| rusqlite::Error::InvalidParameterName("date".into()))?;
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(vec![
        (":title", Box::new(draft.title.clone())),
        (":body", Box::new(draft.body.clone())),
        (":date", Box::new(date.to_string())),
        (":date_key", Box::new(date.key())),
        (":end_date", Box::new(draft.end_date.map(|d| d.to_string()))),
        (":end_date_key", Box::new(draft.end_date.map(|d| day(d.last_day())))),
        (":organisation", Box::new(draft.organisation.clone())),
        (":private", Box::new(draft.private)),
        (":hours", Box::new(draft.hours)),
        (":participatory", Box::new(draft.participatory)),
        (":credential_id", Box::new(draft.credential_id.clone())),
        (":url", Box::new(draft.url.clone())),
        (":expires", Box::new(draft.expires.map(|d| d.to_string()))),
        (":grade", Box::new(draft.grade.clone())),
        (":feedback_from", Box::new(draft.from.clone())),
        (":template", Box::new(draft.template.map(Template::as_str))),
    ])
}

fn execute_named(
    conn: &Connection,
    sql: &str,
    mut values: Vec<(&'static str, Box<dyn ToSql>)>,
    extra: Vec<(&'static str, Box<dyn ToSql>)>,
) -> Result<usize> {
    values.extend(extra);
    let named: Vec<(&str, &dyn ToSql)> = values.iter().map(|(n, v)| (*n, v.as_ref())).collect();
    Ok(conn.prepare_cached(sql)?.execute(named.as_slice())?)
}

/// Stores a validated draft as a new entry and returns its id.
pub fn insert(conn: &Connection, draft: &EntryDraft, uuid: &str, now: &str) -> Result<i64> {
    insert_with_times(conn, draft, uuid, now, now)
}

/// Stores a validated draft with the timestamps it already has (imports).
pub fn insert_with_times(
    conn: &Connection,
    draft: &EntryDraft,
    uuid: &str,
    created_at: &str,
    updated_at: &str,
) -> Result<i64> {
    let kind = draft.kind.unwrap_or(EntryKind::Evidence);
    execute_named(
        conn,
        "INSERT INTO entries (uuid, kind, title, body, date, date_key, end_date, end_date_key,
             organisation, private, hours, participatory, credential_id, url, expires, grade,
             feedback_from, template, created_at, updated_at)
         VALUES (:uuid, :kind, :title, :body, :date, :date_key, :end_date, :end_date_key,
             :organisation, :private, :hours, :participatory, :credential_id, :url, :expires, :grade,
             :feedback_from, :template, :created_at, :updated_at)",
        field_params(draft)?,
        vec![
            (":uuid", Box::new(uuid.to_string())),
            (":kind", Box::new(kind.as_str())),
            (":created_at", Box::new(created_at.to_string())),
            (":updated_at", Box::new(updated_at.to_string())),
        ],
    )?;
    let id = conn.last_insert_rowid();
    insert_sections(conn, id, &draft.sections)?;
    tags::add_to_new_entry(conn, id, &draft.tags)?;
    Ok(id)
}

/// Replaces every writable field of a live entry with the draft's.
pub fn update(conn: &Connection, id: i64, draft: &EntryDraft, now: &str) -> Result<()> {
    let changed = execute_named(
        conn,
        "UPDATE entries SET title = :title, body = :body, date = :date, date_key = :date_key,
             end_date = :end_date, end_date_key = :end_date_key, organisation = :organisation,
             private = :private, hours = :hours, participatory = :participatory,
             credential_id = :credential_id, url = :url, expires = :expires, grade = :grade,
             feedback_from = :feedback_from, template = :template, updated_at = :now
         WHERE id = :id AND deleted_at IS NULL",
        field_params(draft)?,
        vec![(":id", Box::new(id)), (":now", Box::new(now.to_string()))],
    )?;
    if changed == 0 {
        return Err(DbError::NoSuchEntry(id));
    }
    conn.prepare_cached("DELETE FROM entry_sections WHERE entry_id = ?")?.execute([id])?;
    insert_sections(conn, id, &draft.sections)?;
    tags::set_for_entry(conn, id, &draft.tags)?;
    Ok(())
}

/// Marks an entry as changed now (after attaching a file, say).
pub fn touch(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE entries SET updated_at = ? WHERE id = ?")?.execute(params![now, id])?;
    Ok(())
}

/// The id, `updated_at` and trash time of the entry with this UUID.
pub fn find_by_uuid(conn: &Connection, uuid: &str) -> Result<Option<(i64, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT id, updated_at, deleted_at FROM entries WHERE uuid = ?")?;
    Ok(stmt.query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?)
}

/// One live entry, with everything attached to it.
pub fn get(conn: &Connection, id: i64) -> Result<Entry> {
    let entry = get_any(conn, id)?;
    if entry.deleted_at.is_some() {
        return Err(DbError::NoSuchEntry(id));
    }
    Ok(entry)
}

/// One entry, live or in the trash.
pub fn get_any(conn: &Connection, id: i64) -> Result<Entry> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM entries e WHERE e.id = ?"))?;
    let mut entry = stmt.query_row([id], entry_from_row).optional()?.ok_or(DbError::NoSuchEntry(id))?;
    hydrate(conn, std::slice::from_mut(&mut entry))?;
    Ok(entry)
}

/// Live entries by id, in the order asked, fully loaded in one pass (ids
/// that are unknown or in the trash are left out).
pub fn get_many(conn: &Connection, ids: &[i64]) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries e
          WHERE e.id IN (SELECT value FROM json_each(?))"
    ))?;
    // The trash is left out here: in SQL, the planner would walk the
    // visibility index instead of looking the ids up.
    let mut by_id: HashMap<i64, Entry> = stmt
        .query_map([ids_json(ids)], |row| entry_from_row(row).map(|e| (e.id, e)))?
        .filter(|e| !matches!(e, Ok((_, entry)) if entry.deleted_at.is_some()))
        .collect::<rusqlite::Result<_>>()?;
    let mut entries: Vec<Entry> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    hydrate(conn, &mut entries)?;
    Ok(entries)
}

/// Whether a live entry with this id exists.
pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM entries WHERE id = ? AND deleted_at IS NULL")?;
    Ok(stmt.exists([id])?)
}

/// The entries a filter selects, in its order, fully loaded.
pub fn list(conn: &Connection, filter: &EntryFilter) -> Result<Vec<Entry>> {
    let (where_sql, mut values) = filter.where_clause();
    let mut sql =
        format!("SELECT {COLUMNS} FROM entries e WHERE {where_sql} ORDER BY {}", filter.order_clause());
    if let Some(limit) = filter.limit {
        sql.push_str(" LIMIT ?");
        values.push(rusqlite::types::Value::Integer(i64::from(limit)));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut entries =
        stmt.query_map(params_from_iter(values), entry_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    hydrate(conn, &mut entries)?;
    Ok(entries)
}

/// Moves live entries to the trash. Unknown ids fail the whole call.
pub fn trash(conn: &Connection, ids: &[i64], now: &str) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("UPDATE entries SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")?;
    for &id in ids {
        if stmt.execute(params![now, id])? == 0 {
            return Err(DbError::NoSuchEntry(id));
        }
    }
    Ok(())
}

/// Takes an entry out of the trash.
pub fn restore(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE entries SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL")?
        .execute([id])?;
    if changed == 0 {
        return Err(DbError::NoSuchEntry(id));
    }
    Ok(())
}

/// Deletes every entry in the trash for good; returns how many.
pub fn purge_trash(conn: &Connection) -> Result<usize> {
    let count = conn.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?;
    attachments::delete_orphan_blobs(conn)?;
    tags::delete_unused(conn)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::db::filter::Privacy;

    pub(crate) fn draft(kind: EntryKind, title: &str, date: &str) -> EntryDraft {
        let mut d = EntryDraft {
            kind: Some(kind),
            title: title.into(),
            date: Some(date.parse().unwrap()),
            ..Default::default()
        };
        d.validate().unwrap();
        d
    }

    fn add(db: &Db, d: &EntryDraft) -> i64 {
        insert(db.conn(), d, &uuid::Uuid::new_v4().to_string(), "2026-01-01T00:00:00Z").unwrap()
    }

    #[test]
    fn an_entry_round_trips_with_its_fields() {
        let db = Db::open_in_memory().unwrap();
        let mut d = draft(EntryKind::Reflection, "First shift", "2024-05");
        d.template = Some(Template::Rolfe);
        d.sections = vec![Section { name: "so-what".into(), text: "it matters".into() }];
        d.tags = vec!["nhs".into(), "Ward".into()];
        d.private = true;
        let id = add(&db, &d);
        let entry = get(db.conn(), id).unwrap();
        assert_eq!(entry.title, "First shift");
        assert_eq!(entry.date.to_string(), "2024-05");
        assert_eq!(entry.tags, ["nhs", "Ward"]);
        assert_eq!(entry.sections, d.sections);
        assert!(entry.private);
        assert_eq!(EntryDraft::from(&entry), d);
    }

    #[test]
    fn listing_is_newest_first_and_filters_combine() {
        let db = Db::open_in_memory().unwrap();
        let mut a = draft(EntryKind::Course, "Old course", "2022");
        a.tags = vec!["cpd".into()];
        add(&db, &a);
        let mut b = draft(EntryKind::Course, "New course", "2024-03-02");
        b.tags = vec!["cpd".into()];
        b.private = true;
        add(&db, &b);
        add(&db, &draft(EntryKind::Role, "Ward sister", "2023"));

        let all = list(db.conn(), &EntryFilter::default()).unwrap();
        let titles: Vec<_> = all.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["New course", "Ward sister", "Old course"]);

        let filter =
            EntryFilter { tags: vec!["CPD".into()], privacy: Privacy::OnlyPublic, ..Default::default() };
        let found = list(db.conn(), &filter).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Old course");

        let since = EntryFilter { since: "2023-01-01".parse().ok(), limit: Some(1), ..Default::default() };
        assert_eq!(list(db.conn(), &since).unwrap()[0].title, "New course");
    }

    #[test]
    fn text_filter_uses_the_index_over_sections_and_tags() {
        let db = Db::open_in_memory().unwrap();
        let mut d = draft(EntryKind::Reflection, "Shift", "2024");
        d.template = Some(Template::Star);
        d.sections = vec![Section { name: "result".into(), text: "patients discharged sooner".into() }];
        add(&db, &d);
        let filter = EntryFilter { words: vec!["discharged".into()], ..Default::default() };
        assert_eq!(list(db.conn(), &filter).unwrap().len(), 1);
    }

    #[test]
    fn trash_restore_and_purge() {
        let db = Db::open_in_memory().unwrap();
        let id = add(&db, &draft(EntryKind::Meeting, "Session 1", "2024"));
        trash(db.conn(), &[id], "2026-01-02T00:00:00Z").unwrap();
        assert!(matches!(get(db.conn(), id), Err(DbError::NoSuchEntry(_))));
        let trashed = EntryFilter { trashed: true, ..Default::default() };
        assert_eq!(list(db.conn(), &trashed).unwrap().len(), 1);
        restore(db.conn(), id).unwrap();
        assert!(get(db.conn(), id).is_ok());
        assert!(matches!(restore(db.conn(), id), Err(DbError::NoSuchEntry(_))));
        trash(db.conn(), &[id], "2026-01-02T00:00:00Z").unwrap();
        assert_eq!(purge_trash(db.conn()).unwrap(), 1);
        assert!(matches!(get_any(db.conn(), id), Err(DbError::NoSuchEntry(_))));
    }

    #[test]
    fn updating_a_missing_entry_fails() {
        let db = Db::open_in_memory().unwrap();
        let d = draft(EntryKind::Role, "x", "2024");
        assert!(matches!(update(db.conn(), 99, &d, "now"), Err(DbError::NoSuchEntry(99))));
    }
}
