//! Requirement sets imported by the user, the ones tracked in the agenda,
//! and the lean read of entries a check needs.

use rusqlite::{OptionalExtension, params};

use super::visibility::shown;
use super::{Conn, Result, Tx};
use crate::model::requirements::{EntryFacts, Reads};
use crate::model::{EntryKind, PartialDate, Visibility};

/// The imported sets: key → the file's text.
pub fn imported(conn: &Conn) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT key, text FROM requirement_sets ORDER BY key")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// Stores (or replaces) an imported set; `true` when it replaced one.
pub fn save(conn: &Tx, key: &str, text: &str, now: &str) -> Result<bool> {
    let existed = conn.prepare_cached("SELECT 1 FROM requirement_sets WHERE key = ?")?.exists([key])?;
    conn.prepare_cached("INSERT OR REPLACE INTO requirement_sets (key, text, imported_at) VALUES (?, ?, ?)")?
        .execute(params![key, text, now])?;
    Ok(existed)
}

/// The sets followed in the agenda, with the day each is due by (if given).
pub fn tracked(conn: &Conn) -> Result<Vec<(String, Option<PartialDate>)>> {
    let mut stmt = conn.prepare_cached("SELECT key, due FROM tracked_requirements ORDER BY key")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

pub fn track(conn: &Tx, key: &str, due: Option<PartialDate>) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO tracked_requirements (key, due) VALUES (?, ?)")?
        .execute(params![key, due])?;
    Ok(())
}

/// Stops following a set; `false` if it was not followed.
pub fn untrack(conn: &Tx, key: &str) -> Result<bool> {
    Ok(conn.prepare_cached("DELETE FROM tracked_requirements WHERE key = ?")?.execute([key])? > 0)
}

/// The due date of a tracked set.
pub fn tracked_due(conn: &Conn, key: &str) -> Result<Option<Option<PartialDate>>> {
    Ok(conn
        .prepare_cached("SELECT due FROM tracked_requirements WHERE key = ?")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// What the rules read of the live entries dated from `from` to `to` — by
/// the day they start, so a course across the boundary counts by its date;
/// a role while it is held — of these kinds (all when `None`); private ones
/// only when `visibility` includes them (a check at home counts them, a
/// shared pack not). Tags, claims, text, reflections and links are read only when `reads` says a rule looks;
/// a reflection makes an entry reflected on only if it, too, may be counted.
pub fn facts(
    conn: &Conn,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    kinds: Option<&[EntryKind]>,
    visibility: Visibility,
    reads: &Reads,
) -> Result<Vec<EntryFacts>> {
    let kinds_json = kinds.map(|k| {
        serde_json::to_string(&k.iter().map(|k| k.as_str()).collect::<Vec<_>>()).unwrap_or_default()
    });
    // Without the text, every column read is in the entries_requirement_facts index
    // (the planner would rather walk the table by date, reading every body).
    let text = match reads.text {
        true => "length(trim(e.body)) > 0 OR EXISTS (SELECT 1 FROM entry_sections s WHERE s.entry_id = e.id)",
        false => "?5",
    };
    // Links are read only when a rule looks (plain constants otherwise: even a
    // CASE that is never taken costs a few per cent of a check at 100,000 entries).
    // CROSS JOIN keeps the link table outermost: a planner that walked every
    // reflection per course instead took 16 s at 100,000 entries.
    let reflected = match reads.reflected {
        true => format!(
            "EXISTS (SELECT 1 FROM entry_about a CROSS JOIN entries r ON r.id = a.entry_id
                      WHERE a.about_uuid = e.uuid AND r.kind = 'reflection'
                        AND r.deleted_at IS NULL AND {})",
            shown("?4", "r.private")
        ),
        false => "0".into(),
    };
    let (about, role_title) = match reads.about {
        true => (
            "(SELECT group_concat(t.id, char(31)) FROM entry_about a
               CROSS JOIN entries t ON t.uuid = a.about_uuid AND t.deleted_at IS NULL WHERE a.entry_id = e.id)",
            "CASE WHEN e.kind = 'role' THEN e.title ELSE '' END",
        ),
        false => ("NULL", "''"),
    };
    // The links' subqueries look up a matching row's uuid or title by rowid, so
    // the covering index still leads (a 1-year reflected check at 100,000
    // entries: 17 ms instead of 121).
    let from_entries = match reads.text {
        true => "entries e",
        false => "entries e INDEXED BY entries_requirement_facts",
    };
    let sql = format!(
        "SELECT e.id, e.kind, e.date, e.end_date, e.template, coalesce(e.participatory, 0), e.hours,
                e.practice_hours, e.method, {text},
                CASE WHEN ?6 AND (?8 IS NULL OR e.kind IN (SELECT value FROM json_each(?8)))
                     THEN (SELECT group_concat(t.name, char(31)) FROM entry_tags et
                                     JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id) END,
                CASE WHEN ?7 THEN (SELECT group_concat(lower(f.key || '/' || c.code), char(31)) FROM claims cl
                                     JOIN competencies c ON c.id = cl.competency_id
                                     JOIN frameworks f ON f.id = c.framework_id
                                    WHERE cl.entry_id = e.id) END,
                {reflected}, {about}, {role_title}
           FROM {from_entries}
          WHERE e.deleted_at IS NULL AND e.date_key <= ?2
            AND (e.date_key >= ?1 OR (e.kind = 'role' AND coalesce(e.end_date_key, ?2) >= ?1))
            AND (?3 IS NULL OR e.kind IN (SELECT value FROM json_each(?3))) AND {}
          ORDER BY e.date_key, e.id",
        shown("?4", "e.private"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let split = |text: Option<String>| -> Vec<String> {
        text.map(|t| t.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default()
    };
    let tags_of = (!reads.tags_of.is_empty()).then(|| {
        serde_json::to_string(&reads.tags_of.iter().map(|k| k.as_str()).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let values = params![
        from.to_string(),
        to.to_string(),
        kinds_json,
        visibility,
        reads.text,
        reads.tags,
        reads.competencies,
        tags_of
    ];
    let rows = stmt.query_map(values, |r| {
        Ok(EntryFacts {
            id: r.get(0)?,
            kind: r.get(1)?,
            date: r.get(2)?,
            end_date: r.get(3)?,
            template: r.get(4)?,
            participatory: r.get(5)?,
            hours: r.get(6)?,
            practice_hours: r.get(7)?,
            method: r.get(8)?,
            has_text: r.get(9)?,
            tags: split(r.get(10)?),
            competencies: split(r.get(11)?),
            reflected: r.get(12)?,
            about: split(r.get(13)?).iter().filter_map(|id| id.parse().ok()).collect(),
            title: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
