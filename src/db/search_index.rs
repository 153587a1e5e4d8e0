//! Bulk upkeep of the full-text index.
//!
//! Triggers keep `entry_fts` in step with every ordinary write. A bulk import
//! calls [`defer`] first, so the triggers stand aside, and [`reindex`] at
//! the end, which indexes every entry it wrote in one statement. Both run
//! inside the import's transaction, so no reader ever sees the index behind.

use crate::model::EntryId;

use super::{Result, Tx};

/// Makes the search triggers stand aside until [`reindex`].
pub fn defer(conn: &Tx) -> Result<()> {
    conn.execute("UPDATE search_state SET deferred = 1", [])?;
    Ok(())
}

/// Indexes these entries afresh and puts the triggers back to work.
pub fn reindex(conn: &Tx, ids: &[EntryId]) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS reindex_ids (id INTEGER PRIMARY KEY); DELETE FROM reindex_ids;",
    )?;
    {
        let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO reindex_ids (id) VALUES (?)")?;
        for id in ids {
            insert.execute([id])?;
        }
    }
    conn.execute("DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM reindex_ids)", [])?;
    conn.execute(
        "INSERT INTO entry_fts (rowid, title, body, sections, tags, organisation)
         SELECT e.id, e.title, e.body,
                coalesce((SELECT group_concat(text, ' ') FROM entry_sections s WHERE s.entry_id = e.id), ''),
                coalesce((SELECT group_concat(t.name, ' ') FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                           WHERE et.entry_id = e.id), ''),
                coalesce(e.organisation, '')
           FROM entries e WHERE e.id IN (SELECT id FROM reindex_ids) AND e.deleted_at IS NULL",
        [],
    )?;
    conn.execute_batch("DELETE FROM reindex_ids; UPDATE search_state SET deferred = 0;")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::search::{SearchQuery, search};
    use crate::db::{Db, entries};
    use crate::model::{EntryFields, EntryKind};

    #[test]
    fn deferred_writes_are_searchable_after_reindex() {
        let db = Db::open_in_memory().unwrap();
        let conn = &db.as_tx();
        defer(conn).unwrap();
        let mut draft = EntryFields {
            title: "Quiet".into(),
            body: "supervision notes".into(),
            tags: vec!["rapport".into()],
            ..EntryFields::new(EntryKind::Reflection, "", "2024".parse().unwrap())
        };
        draft.validate().unwrap();
        let id = entries::insert(conn, &draft, "u", "now").unwrap();
        let query = |q: &str| SearchQuery { query: q.into(), limit: 5, ..Default::default() };
        assert!(search(conn, &query("supervision")).unwrap().hits.is_empty(), "not indexed while deferred");
        reindex(conn, &[id]).unwrap();
        assert_eq!(search(conn, &query("supervision")).unwrap().hits.len(), 1);
        assert_eq!(search(conn, &query("rapport")).unwrap().hits.len(), 1);
        entries::update(conn, id, &EntryFields { body: "changed".into(), ..draft }, "later").unwrap();
        assert_eq!(search(conn, &query("changed")).unwrap().hits.len(), 1, "triggers are back");
    }
}
