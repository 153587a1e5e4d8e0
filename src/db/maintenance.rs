//! Keeping the portfolio file safe: an online backup that is verified before
//! it takes its name, and a check of everything SQLite and folio can verify.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::{APPLICATION_ID, Conn, DbError, Result, Tx, attachments};

/// Copies the live portfolio to `target` with SQLite's online backup API
/// (safe while other folio commands run), checks the copy, then renames it
/// into place. `prepare` is run on the copy (in one transaction, before the
/// check) with the live portfolio beside it: a copy starts its sync base
/// there. Returns the size of the copy in bytes.
pub fn backup(conn: &Conn, target: &Path, prepare: impl FnOnce(&Conn, &Tx) -> Result<()>) -> Result<u64> {
    let io = |source| DbError::Io { path: target.to_path_buf(), source };
    let temp = crate::scratch::beside(target, crate::scratch::BACKUP, ".db").map_err(io)?;
    match conn.key() {
        // An encrypted portfolio's backup is encrypted with the same passphrase.
        Some(key) => super::cipher::export(conn.raw(), temp.path(), Some(key))?,
        None => conn.raw().backup(MAIN_DB, temp.path(), None::<fn(rusqlite::backup::Progress)>)?,
    }
    {
        // The copy takes the live file's WAL mode; a backup is one plain file,
        // so it goes back to a rollback journal (folio sets WAL again when it
        // opens a restored copy) and leaves no -wal or -shm beside it.
        let copy = Conn::new(
            Connection::open_with_flags(
                temp.path(),
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
            None,
        );
        if let Some(key) = conn.key() {
            super::cipher::set_key(copy.raw(), key)?;
        }
        copy.raw().pragma_update(None, "journal_mode", "DELETE")?;
        let tx = Tx::begin(&copy)?;
        match prepare(conn, &tx) {
            Ok(()) => tx.commit()?,
            Err(e) => {
                tx.rollback();
                return Err(e);
            }
        }
        let problems = integrity_problems(&copy)?;
        let app_id: i32 = copy.raw().pragma_query_value(None, "application_id", |r| r.get(0))?;
        if !problems.is_empty() || app_id != APPLICATION_ID {
            return Err(DbError::BadRecord {
                at: target.display().to_string(),
                reason: format!("the copy failed its check: {}", problems.join("; ")),
            });
        }
    }
    let size = std::fs::metadata(temp.path()).map_err(io)?.len();
    temp.persist(target).map_err(|e| io(e.error))?;
    Ok(size)
}

fn integrity_problems(conn: &Conn) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// Every problem found, in words; empty when all is well.
pub fn check(conn: &Conn) -> Result<Vec<String>> {
    check_with(conn, &mut |_, _| {})
}

/// [`check`], saying after each stored file how many of how many are done.
pub fn check_with(conn: &Conn, files_done: &mut dyn FnMut(u64, u64)) -> Result<Vec<String>> {
    let files: i64 = conn.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))?;
    let files = u64::try_from(files).unwrap_or(0);
    let mut problems: Vec<String> =
        integrity_problems(conn)?.into_iter().map(|p| format!("SQLite integrity: {p}")).collect();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        let rowid = rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into());
        problems.push(format!("{table} row {rowid} points at a missing {parent} row"));
    }
    let mut stmt = conn.prepare("SELECT sha256, size, data FROM blobs ORDER BY sha256")?;
    let mut rows = stmt.query([])?;
    let mut done = 0;
    while let Some(row) = rows.next()? {
        done += 1;
        files_done(done, files);
        let sha: String = row.get(0)?;
        let size: i64 = row.get(1)?;
        let data = row.get_ref(2)?.as_blob().unwrap_or_default();
        if attachments::sha256_hex(data) != sha {
            problems.push(format!("stored file {sha} no longer matches its SHA-256"));
        }
        if data.len() as i64 != size {
            problems.push(format!("stored file {sha} is {} bytes, not the {size} recorded", data.len()));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT a.entry_id, a.name FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256
          WHERE b.sha256 IS NULL OR length(b.data) <> a.size",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (entry, name) = row?;
        problems.push(format!("attachment '{name}' of entry {entry} has no matching stored bytes"));
    }
    problems.extend(unreadable_text(conn, "SELECT * FROM entries", "id", "")?);
    problems.extend(unreadable_text(conn, "SELECT * FROM entry_sections", "entry_id", "a section's ")?);
    match super::evidence::drift(conn)? {
        0 => {}
        n => problems.push(format!(
            "the evidence counts of {n} cells or indicators differ from the claims \
             (coverage and gaps would show them wrong); `folio check --repair` works them out again"
        )),
    }
    Ok(problems)
}

/// Every text value of a query's rows that is not valid UTF-8, named by the
/// entry (column `id_column`) and the column, as listings leave them out.
fn unreadable_text(conn: &Conn, sql: &str, id_column: &str, what: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let id_at = names.iter().position(|n| n == id_column).unwrap_or(0);
    let mut found = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for (i, name) in names.iter().enumerate() {
            if let rusqlite::types::ValueRef::Text(bytes) = row.get_ref(i)?
                && std::str::from_utf8(bytes).is_err()
            {
                let entry: i64 = row.get(id_at)?;
                found
                    .push(format!("entry {entry}: {what}{} is not valid UTF-8 text", name.replace('_', " ")));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_tampered_blob_is_reported() {
        let db = Db::open_in_memory().unwrap();
        assert!(check(&db.as_tx()).unwrap().is_empty());
        db.read()
            .execute_batch(
                "INSERT INTO entries (uuid, kind, title, date, date_key, created_at, updated_at)
                     VALUES ('u', 'evidence', 'e', '2024', '2024-01-01', 'now', 'now');",
            )
            .unwrap();
        attachments::add(&db.as_tx(), crate::model::EntryId(1), "a.txt", "text/plain", b"hello", "now")
            .unwrap();
        db.read().execute("UPDATE blobs SET data = x'00'", []).unwrap();
        let problems = check(&db.as_tx()).unwrap();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
