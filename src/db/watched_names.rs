//! The names of other people the identifier check watches for.

use super::{Conn, Result, Tx};

/// Every watched name, in alphabetical order.
pub fn list(conn: &Conn) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM watched_names ORDER BY name COLLATE NOCASE")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Adds a name; false when it was watched already (in any case).
pub fn add(conn: &Tx, name: &str, now: &str) -> Result<bool> {
    let added = conn
        .prepare_cached("INSERT OR IGNORE INTO watched_names (name, added_at) VALUES (?, ?)")?
        .execute([name, now])?;
    Ok(added == 1)
}

/// Stops watching a name; false when it was not watched.
pub fn remove(conn: &Tx, name: &str) -> Result<bool> {
    Ok(conn.prepare_cached("DELETE FROM watched_names WHERE name = ?")?.execute([name])? == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn names_are_kept_once_whatever_their_case() {
        let mut db = Db::open_in_memory().unwrap();
        db.write(|tx| -> crate::db::Result<()> {
            assert!(add(tx, "Mrs Patel", "2026-01-01T00:00:00Z")?);
            assert!(!add(tx, "MRS PATEL", "2026-01-01T00:00:00Z")?);
            assert!(add(tx, "al-Hassan", "2026-01-01T00:00:00Z")?);
            Ok(())
        })
        .unwrap();
        assert_eq!(list(db.read()).unwrap(), ["al-Hassan", "Mrs Patel"]);
        db.write(|tx| -> crate::db::Result<()> {
            assert!(remove(tx, "mrs patel")?);
            assert!(!remove(tx, "mrs patel")?);
            Ok(())
        })
        .unwrap();
        assert_eq!(list(db.read()).unwrap(), ["al-Hassan"]);
    }
}
