//! The credentials of signed feedback entries (`entry_credentials`), one per entry.

use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, Tx};
use crate::model::EntryId;

/// Stores (or replaces) the entry's credential.
pub fn set(tx: &Tx, entry: EntryId, credential: &serde_json::Value) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO entry_credentials (entry_id, credential) VALUES (?, ?)")?
        .execute(params![entry, credential.to_string()])?;
    Ok(())
}

/// The entry's credential, if it was signed.
pub fn get(conn: &Conn, entry: EntryId) -> Result<Option<serde_json::Value>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT credential FROM entry_credentials WHERE entry_id = ?")?
        .query_row([entry], |r| r.get(0))
        .optional()?;
    // The column's CHECK keeps it JSON.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}
