//! Schema migrations keyed on `PRAGMA user_version`.
//!
//! `schema.sql` is migration 1; each later file in `migrations/` is the next
//! version. All pending migrations run in one transaction, so a portfolio is
//! never left half-upgraded.

use rusqlite::Connection;

use super::{APPLICATION_ID, Result};

/// The migrations in order; index + 1 is the version each one reaches.
const MIGRATIONS: &[&str] = &[include_str!("../../schema.sql")];

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
