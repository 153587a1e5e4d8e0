//! Entries about entries: each link names the other entry by UUID (see
//! `migrations/0023_entry_about.sql`), read both ways.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::mentors::brief_from_row;
use super::visibility::shown;
use super::{Conn, Result, Tx, group, ids_json};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;

/// The UUIDs each of these entries is about, sorted, by entry id.
pub fn for_entries(conn: &Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, about_uuid FROM entry_about
          WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, about_uuid",
    )?;
    group(stmt.query_map([ids_json(ids)], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Makes the entry's links exactly `about`.
pub fn set_for_entry(conn: &Tx, entry_id: i64, about: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM entry_about WHERE entry_id = ?")?.execute([entry_id])?;
    add_to_new_entry(conn, entry_id, about)
}

/// Links an entry that has no links yet (one just inserted).
pub fn add_to_new_entry(conn: &Tx, entry_id: i64, about: &[String]) -> Result<()> {
    let mut link =
        conn.prepare_cached("INSERT OR IGNORE INTO entry_about (entry_id, about_uuid) VALUES (?, ?)")?;
    for uuid in about {
        link.execute(params![entry_id, uuid])?;
    }
    Ok(())
}

/// The live entries written about the entry with this UUID (private ones
/// only when `visibility` includes them), oldest first.
pub fn written_about(conn: &Conn, uuid: &str, visibility: Visibility) -> Result<Vec<EntryBrief>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.kind, e.title, e.date, e.private FROM entry_about a CROSS JOIN entries e ON e.id = a.entry_id
          WHERE a.about_uuid = ?1 AND e.deleted_at IS NULL AND {}
          ORDER BY e.date_key, e.id",
        shown("?2", "e.private")
    ))?;
    let rows = stmt.query_map(params![uuid, visibility], brief_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each UUID with the live entry it names, if this portfolio has it: those
/// it has oldest first, then the others.
pub fn entries_named(conn: &Conn, uuids: &[String]) -> Result<Vec<(String, Option<EntryBrief>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, date, private FROM entries WHERE uuid = ? AND deleted_at IS NULL",
    )?;
    let mut named = uuids
        .iter()
        .map(|uuid| Ok((uuid.clone(), stmt.query_row([uuid], brief_from_row).optional()?)))
        .collect::<Result<Vec<_>>>()?;
    named.sort_by_key(|(_, brief)| {
        brief.as_ref().map_or((1, String::new(), 0), |b| (0, b.date.key(), b.id.0))
    });
    Ok(named)
}

/// The UUIDs of the entries a live reflection is about (private reflections
/// only when `visibility` includes them): what has been reflected on.
pub fn reflected_on(conn: &Conn, visibility: Visibility) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT a.about_uuid FROM entry_about a CROSS JOIN entries r ON r.id = a.entry_id
          WHERE r.kind = 'reflection' AND r.deleted_at IS NULL AND {}",
        shown("?1", "r.private")
    ))?;
    let rows = stmt.query_map([visibility], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Of these UUIDs, those of live entries that are not private: the links a
/// copy without private entries may keep.
pub fn shareable(conn: &Conn, uuids: &[String]) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM entries WHERE uuid = ? AND deleted_at IS NULL AND private = 0")?;
    let mut kept = Vec::new();
    for uuid in uuids {
        if stmt.exists([uuid])? {
            kept.push(uuid.clone());
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, entries, trash};
    use crate::model::{EntryFields, EntryId, EntryKind};

    fn add(db: &Db, kind: EntryKind, uuid: &str, about: &[&str], private: bool) -> EntryId {
        let mut fields = EntryFields::new(kind, "t", "2024".parse().unwrap());
        fields.about = about.iter().map(|s| s.to_string()).collect();
        fields.private = private;
        fields.validate().unwrap();
        entries::insert(&db.as_tx(), &fields, uuid, "now").unwrap()
    }

    #[test]
    fn links_read_both_ways_and_leave_out_private_trashed_entries() {
        let db = Db::open_in_memory().unwrap();
        let course = add(&db, EntryKind::Course, "c-1", &[], false);
        let public = add(&db, EntryKind::Reflection, "r-1", &["c-1"], false);
        let private = add(&db, EntryKind::Reflection, "r-2", &["c-1", "later-entry"], true);
        let trashed = add(&db, EntryKind::Reflection, "r-3", &["c-1"], false);
        trash::trash(&db.as_tx(), &[trashed], "now").unwrap();
        let conn = db.as_tx();
        assert_eq!(for_entries(&conn, &[course.0, private.0]).unwrap()[&private.0], ["c-1", "later-entry"]);
        assert!(!for_entries(&conn, &[course.0]).unwrap().contains_key(&course.0));
        let ids = |visibility| -> Vec<EntryId> {
            written_about(&conn, "c-1", visibility).unwrap().iter().map(|b| b.id).collect()
        };
        assert_eq!(ids(Visibility::Public), [public]);
        assert_eq!(ids(Visibility::IncludePrivate), [public, private]);
        let named = entries_named(&conn, &["c-1".into(), "later-entry".into(), "r-3".into()]).unwrap();
        assert_eq!(named[0].1.as_ref().map(|b| b.id), Some(course));
        assert!(named[1].1.is_none() && named[2].1.is_none(), "not here, in the trash");
        let reflected = reflected_on(&conn, Visibility::Public).unwrap();
        assert_eq!(reflected.into_iter().collect::<Vec<_>>(), ["c-1"], "by the public reflection only");
        let reflected = reflected_on(&conn, Visibility::IncludePrivate).unwrap();
        assert_eq!(reflected.len(), 2, "and the private one's links");
        let links = ["c-1", "r-1", "r-2", "r-3", "later-entry"].map(String::from);
        assert_eq!(shareable(&conn, &links).unwrap(), ["c-1", "r-1"], "not private, trashed or absent");
    }

    #[test]
    fn setting_links_replaces_them() {
        let db = Db::open_in_memory().unwrap();
        let id = add(&db, EntryKind::Reflection, "r-1", &["a", "b"], false);
        set_for_entry(&db.as_tx(), id.0, &["c".to_string()]).unwrap();
        assert_eq!(for_entries(&db.as_tx(), &[id.0]).unwrap()[&id.0], ["c"]);
    }
}
