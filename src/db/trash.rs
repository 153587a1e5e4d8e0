//! The trash: entries moved aside by `rm`, back with `restore`, gone for
//! good (with the files and tags only they used) when it is emptied.

use rusqlite::params;

use super::{DbError, Result, Tx, attachments, tags};
use crate::model::EntryId;

/// Moves live entries to the trash, stamped `now` (so a copy synced later
/// knows which is newer: the trash or an edit). Unknown ids fail the whole call.
pub fn trash(conn: &Tx, ids: &[EntryId], now: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE entries SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
    )?;
    for &id in ids {
        super::review::guard_entry(conn, id)?;
        if stmt.execute(params![now, id])? == 0 {
            return Err(DbError::NoSuchEntry(id));
        }
    }
    Ok(())
}

/// Takes an entry out of the trash (a change: it is stamped `now`).
pub fn restore(conn: &Tx, id: EntryId, now: &str) -> Result<()> {
    super::review::guard_entry(conn, id)?;
    let changed = conn
        .prepare_cached(
            "UPDATE entries SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
        )?
        .execute(params![now, id])?;
    if changed == 0 {
        return Err(DbError::NoSuchEntry(id));
    }
    Ok(())
}

/// Puts an entry in the trash at `deleted_at`, or takes it out (`None`),
/// keeping its stamps: a sync or merge carrying the other copy's state.
pub fn set_deleted(conn: &Tx, id: EntryId, deleted_at: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE entries SET deleted_at = ? WHERE id = ?")?
        .execute(params![deleted_at, id])?;
    Ok(())
}

/// Deletes every entry, goal and action in the trash for good (a goal's
/// actions with it); returns how many were in the trash.
///
/// "For good" means the text is gone from the file, not just unlisted: the
/// connection zeroes freed pages (`secure_delete`, set when folio opens a
/// portfolio), the files only these entries used are deleted, and the
/// search index is merged so no old segment still holds their words. The
/// caller then truncates the write-ahead log ([`super::Db::checkpoint`]).
pub fn purge_trash(conn: &Tx) -> Result<usize> {
    let count = conn.execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?
        + conn.execute("DELETE FROM goals WHERE deleted_at IS NOT NULL", [])?
        + conn.execute("DELETE FROM actions WHERE deleted_at IS NOT NULL", [])?;
    attachments::delete_orphan_blobs(conn)?;
    tags::delete_unused(conn)?;
    for index in ["entry_fts", "goal_fts", "action_fts"] {
        conn.execute(&format!("INSERT INTO {index} ({index}) VALUES ('optimize')"), [])?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::filter::EntryFilter;
    use crate::db::{Db, entries};
    use crate::model::EntryKind;

    #[test]
    fn trash_restore_and_purge() {
        let db = Db::open_in_memory().unwrap();
        let id = entries::tests::add(&db, &entries::tests::draft(EntryKind::Meeting, "Session 1", "2024"));
        trash(&db.as_tx(), &[id], "2026-01-02T00:00:00Z").unwrap();
        assert!(matches!(entries::get(&db.as_tx(), id), Err(DbError::NoSuchEntry(_))));
        let trashed = EntryFilter { trashed: true, ..Default::default() };
        assert_eq!(entries::list(&db.as_tx(), &trashed).unwrap().len(), 1);
        restore(&db.as_tx(), id, "later").unwrap();
        assert!(entries::get(&db.as_tx(), id).is_ok());
        assert!(matches!(restore(&db.as_tx(), id, "later"), Err(DbError::NoSuchEntry(_))));
        trash(&db.as_tx(), &[id], "2026-01-02T00:00:00Z").unwrap();
        assert_eq!(purge_trash(&db.as_tx()).unwrap(), 1);
        assert!(matches!(entries::get_any(&db.as_tx(), id), Err(DbError::NoSuchEntry(_))));
    }
}
