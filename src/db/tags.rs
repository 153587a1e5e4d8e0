//! Tags: one row per distinct name (case-insensitive), linked to entries.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, Tx, group, ids_json};
use crate::model::EntryId;
use crate::model::format::natural_order;
use crate::model::summary::TagCount;

pub fn for_entry(conn: &Conn, entry_id: EntryId) -> Result<Vec<String>> {
    Ok(for_entries(conn, &[entry_id.0])?.remove(&entry_id.0).unwrap_or_default())
}

/// The tags of many entries at once, by entry id.
pub fn for_entries(conn: &Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
          WHERE et.entry_id IN (SELECT value FROM json_each(?)) ORDER BY et.entry_id, t.name COLLATE NOCASE",
    )?;
    let mut tags: HashMap<i64, Vec<String>> =
        group(stmt.query_map([ids_json(ids)], |r| Ok((r.get(0)?, r.get(1)?)))?)?;
    for names in tags.values_mut() {
        names.sort_by(|a, b| natural_order(a, b));
    }
    Ok(tags)
}

/// Makes the entry's tags exactly `tags`, creating names as needed.
pub fn set_for_entry(conn: &Tx, entry_id: i64, tags: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM entry_tags WHERE entry_id = ?")?.execute([entry_id])?;
    add_to_new_entry(conn, entry_id, tags)
}

/// Tags an entry that has no tags yet (one just inserted), creating names as
/// needed. Most names exist already, so they are looked up before any insert.
pub fn add_to_new_entry(conn: &Tx, entry_id: i64, tags: &[String]) -> Result<()> {
    let mut find = conn.prepare_cached("SELECT id FROM tags WHERE name = ?")?;
    let mut create = conn.prepare_cached("INSERT INTO tags (name) VALUES (?)")?;
    let mut link =
        conn.prepare_cached("INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) VALUES (?, ?)")?;
    for tag in tags {
        let tag_id = match find.query_row([tag], |r| r.get(0)).optional()? {
            Some(id) => id,
            None => {
                create.execute([tag])?;
                conn.last_insert_rowid()
            }
        };
        link.execute(params![entry_id, tag_id])?;
    }
    Ok(())
}

/// Every tag on a live entry, most used first.
pub fn counts(conn: &Conn) -> Result<Vec<TagCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, count(*) FROM tags t
           JOIN entry_tags et ON et.tag_id = t.id
           JOIN entries e ON e.id = et.entry_id AND e.deleted_at IS NULL
          GROUP BY t.id ORDER BY count(*) DESC, t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| Ok(TagCount { tag: r.get(0)?, count: r.get(1)? }))?;
    let mut counts: Vec<TagCount> = rows.collect::<rusqlite::Result<_>>()?;
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| natural_order(&a.tag, &b.tag)));
    Ok(counts)
}

/// Forgets tag names no entry uses any more.
pub fn delete_unused(conn: &Tx) -> Result<()> {
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM entry_tags)", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, entries, trash};
    use crate::model::{EntryFields, EntryKind};

    #[test]
    fn counts_ignore_the_trash_and_case() {
        let db = Db::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for tags in [vec!["NHS", "cpd"], vec!["nhs"], vec!["nhs"]] {
            let mut d = EntryFields {
                title: "c".into(),
                tags: tags.into_iter().map(String::from).collect(),
                ..EntryFields::new(EntryKind::Course, "", "2024".parse().unwrap())
            };
            d.validate().unwrap();
            ids.push(entries::insert(&db.as_tx(), &d, &ids.len().to_string(), "now").unwrap());
        }
        trash::trash(&db.as_tx(), &ids[2..], "now").unwrap();
        let counts = counts(&db.as_tx()).unwrap();
        assert_eq!(
            counts,
            [TagCount { tag: "NHS".into(), count: 2 }, TagCount { tag: "cpd".into(), count: 1 }]
        );
    }
}
