//! Schema migrations keyed on `PRAGMA user_version`.
//!
//! `schema.sql` is migration 1; each later file in `migrations/` is the next
//! version. All pending migrations run in one transaction, so a portfolio is
//! never left half-upgraded.

use rusqlite::Connection;

use super::{APPLICATION_ID, Result};

/// The migrations in order; index + 1 is the version each one reaches.
const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../migrations/0002_entries_visibility_index.sql"),
    include_str!("../../migrations/0003_search_live_entries_only.sql"),
    include_str!("../../migrations/0004_claims_coverage_index.sql"),
    include_str!("../../migrations/0005_verdicts_coverage_index.sql"),
    include_str!("../../migrations/0006_entries_search_filter_index.sql"),
];

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the portfolio up to [`LATEST_VERSION`].
pub fn run(conn: &mut Connection) -> Result<()> {
    let version = current_version(conn)?;
    if version >= LATEST_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let version = current_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_portfolio_upgrades_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.execute_batch(
            "INSERT INTO entries (uuid, kind, title, date, date_key, created_at, updated_at)
             VALUES ('u', 'role', 'Kept', '2024', '2024-01-01', 'now', 'now')",
        )
        .unwrap();
        drop(conn);
        let db = crate::db::Db::open(&path, crate::db::DEFAULT_BUSY_TIMEOUT).unwrap();
        assert_eq!(current_version(db.read().raw()).unwrap(), LATEST_VERSION);
        let index: bool = db
            .read()
            .raw()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'entries_visibility')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(index);
        assert_eq!(
            crate::db::entries::get(&db.as_tx(), crate::model::EntryId(1)).unwrap().fields.title,
            "Kept"
        );
    }
}
