//! When each competency's story was last rehearsed.

use std::collections::HashMap;

use super::{Conn, Result, Tx};

/// The last rehearsal of each reference rehearsed so far.
pub fn last(conn: &Conn) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT reference, last_at FROM rehearsals")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a rehearsal of the reference now; answers how many times in all.
pub fn record(conn: &Tx, reference: &str, now: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO rehearsals (reference, last_at) VALUES (?1, ?2)
             ON CONFLICT (reference) DO UPDATE SET last_at = excluded.last_at, times = times + 1
             RETURNING times",
        )?
        .query_row([reference, now], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn rehearsals_are_counted_and_the_last_kept() {
        let mut db = Db::open_in_memory().unwrap();
        let times = db
            .write(|tx| -> crate::db::Result<_> {
                record(tx, "emcc/self", "2026-01-01T10:00:00Z")?;
                record(tx, "emcc/self", "2026-02-01T10:00:00Z")
            })
            .unwrap();
        assert_eq!(times, 2);
        assert_eq!(last(db.read()).unwrap()["emcc/self"], "2026-02-01T10:00:00Z");
    }
}
