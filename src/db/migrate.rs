//! Schema migrations keyed on `PRAGMA user_version`.
//!
//! `schema.sql` is migration 1; each later step is the next version: a file
//! in `migrations/`, or a Rust function for what SQL alone cannot do (copying
//! a table into a new one to change a CHECK constraint, with a data fix on
//! the way). All pending steps run in one transaction, so a portfolio is
//! never left half-upgraded.

use rusqlite::Connection;

use super::{APPLICATION_ID, Result};

/// One step of the schema.
enum Migration {
    Sql(&'static str),
    /// Runs inside the migration transaction, with foreign keys enforced.
    Rust(fn(&Connection) -> rusqlite::Result<()>),
}

/// The migrations in order; index + 1 is the version each one reaches.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("../../schema.sql")),
    Migration::Sql(include_str!("../../migrations/0002_entries_visibility_index.sql")),
    Migration::Sql(include_str!("../../migrations/0003_search_live_entries_only.sql")),
    Migration::Sql(include_str!("../../migrations/0004_claims_coverage_index.sql")),
    Migration::Sql(include_str!("../../migrations/0005_verdicts_coverage_index.sql")),
    Migration::Sql(include_str!("../../migrations/0006_entries_search_filter_index.sql")),
    Migration::Sql(include_str!("../../migrations/0007_profile_updated_at.sql")),
    Migration::Sql(include_str!("../../migrations/0008_mentoring.sql")),
    Migration::Sql(include_str!("../../migrations/0009_sharing.sql")),
    Migration::Sql(include_str!("../../migrations/0010_cpd_and_requirements.sql")),
    Migration::Rust(allow_nmc_template),
    Migration::Sql(include_str!("../../migrations/0012_watched_names.sql")),
    Migration::Sql(include_str!("../../migrations/0013_rehearsals.sql")),
    Migration::Sql(include_str!("../../migrations/0014_review_packs.sql")),
    Migration::Sql(include_str!("../../migrations/0015_certificate_expiry_index.sql")),
    Migration::Sql(include_str!("../../migrations/0016_evidence_counts.sql")),
    Migration::Sql(include_str!("../../migrations/0017_sync_bases_and_conflicts.sql")),
    Migration::Sql(include_str!("../../migrations/0018_profile_lang.sql")),
    Migration::Rust(details_column_and_open_kinds),
    Migration::Sql(include_str!("../../migrations/0020_signed_verdicts_and_outbox.sql")),
    Migration::Sql(include_str!("../../migrations/0021_signed_feedback.sql")),
    Migration::Sql(include_str!("../../migrations/0022_certificate_titles_index.sql")),
    Migration::Sql(include_str!("../../migrations/0023_entry_about.sql")),
];

/// Migration 11: the `nmc` template joins the CHECK on `entries.template`.
///
/// A CHECK that only grows changes nothing stored, so the table's SQL is
/// edited in place (SQLite's documented procedure for such changes: write
/// the schema, bump `schema_version`, check integrity) instead of copying
/// every entry into a rebuilt table.
fn allow_nmc_template(conn: &Connection) -> rusqlite::Result<()> {
    const OLD: &str = "template IN ('gibbs', 'rolfe', 'star')";
    const NEW: &str = "template IN ('gibbs', 'rolfe', 'star', 'nmc')";
    loosen_entries_checks(conn, "template", |sql| sql.contains(OLD).then(|| sql.replacen(OLD, NEW, 1)))
}

/// Migration 19: a `details` column holds, as one JSON object, the
/// kind-specific fields declared to live there (`model/kind_field.rs`), and
/// the list of kinds leaves its CHECK (the model refuses a kind it does not
/// know, and a row of one reads as unreadable): a new kind or field then
/// needs no change to the table, and no table is copied. A publication has
/// a URL too, so `url` is no longer the certificate's alone.
fn details_column_and_open_kinds(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "ALTER TABLE entries ADD COLUMN details TEXT CHECK (details IS NULL OR json_valid(details))",
    )?;
    loosen_entries_checks(conn, "kind", |sql| {
        let start = sql.find("CHECK (kind IN (")?;
        let end = start + sql[start..].find("))")? + 2;
        Some(format!("{}{}", sql[..start].trim_end(), &sql[end..]))
    })?;
    const CERTIFICATE_ONLY: &str = "(credential_id IS NULL AND url IS NULL AND expires IS NULL)";
    loosen_entries_checks(conn, "certificate", |sql| {
        sql.contains(CERTIFICATE_ONLY)
            .then(|| sql.replacen(CERTIFICATE_ONLY, "(credential_id IS NULL AND expires IS NULL)", 1))
    })
}

/// Rewrites the SQL of the `entries` table in place to drop or widen a
/// CHECK (SQLite's documented procedure for changes that leave what is
/// stored valid: write the schema, bump `schema_version`, check integrity),
/// instead of copying every entry into a rebuilt table. `what` names the
/// CHECK for the error when the table is not as expected.
fn loosen_entries_checks(
    conn: &Connection,
    what: &str,
    edit: impl Fn(&str) -> Option<String>,
) -> rusqlite::Result<()> {
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'entries'", [], |r| {
            r.get(0)
        })?;
    let edited = edit(&sql).ok_or_else(|| {
        migration_failed(format!("the entries table does not have the expected {what} CHECK"))
    })?;
    let version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    conn.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'entries'", [edited])?;
    conn.pragma_update(None, "schema_version", version + 1)?;
    conn.pragma_update(None, "writable_schema", false)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(migration_failed(format!("integrity check after the {what} change: {check}")));
    }
    Ok(())
}

fn migration_failed(reason: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR), Some(reason))
}

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
    apply(&tx, MIGRATIONS, version)?;
    super::evidence::settle(&tx)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// Runs the steps after `version`, recording each version reached.
fn apply(conn: &Connection, steps: &[Migration], version: i64) -> Result<()> {
    for (index, step) in steps.iter().enumerate().skip(version as usize) {
        match step {
            Migration::Sql(sql) => conn.execute_batch(sql)?,
            Migration::Rust(step) => step(conn)?,
        }
        conn.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rust_step_can_rebuild_a_table_with_a_new_check() {
        let conn = Connection::open_in_memory().unwrap();
        let steps = [
            Migration::Sql(
                "CREATE TABLE t (kind TEXT CHECK (kind IN ('a', 'b'))); INSERT INTO t VALUES ('a');",
            ),
            Migration::Rust(|conn| {
                conn.execute_batch(
                    "CREATE TABLE t2 (kind TEXT CHECK (kind IN ('a', 'b', 'c')));
                     INSERT INTO t2 SELECT kind FROM t; DROP TABLE t; ALTER TABLE t2 RENAME TO t;",
                )
            }),
        ];
        apply(&conn, &steps, 0).unwrap();
        conn.execute("INSERT INTO t VALUES ('c')", []).unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!((rows, current_version(&conn).unwrap()), (2, 2));
        apply(&conn, &steps, 2).unwrap();
        assert_eq!(current_version(&conn).unwrap(), 2, "nothing runs twice");
    }

    #[test]
    fn the_table_takes_any_kind_and_checks_details_after_migration_19() {
        let conn = Connection::open_in_memory().unwrap();
        apply(&conn, MIGRATIONS, 0).unwrap();
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'entries'", [], |r| r.get(0)).unwrap();
        assert!(!sql.contains("CHECK (kind IN"), "{sql}");
        assert!(
            sql.contains("CHECK (template IS NULL OR kind IN ('reflection', 'achievement'))"),
            "other checks stay"
        );
        let insert = |kind: &str, details: &str| {
            conn.execute(
                "INSERT INTO entries (uuid, kind, title, date, date_key, created_at, updated_at, details)
                 VALUES (?1, ?2, 'T', '2024', '2024-01-01', 'now', 'now', ?3)",
                [&format!("u-{kind}-{details}"), kind, details],
            )
        };
        insert("publication", r#"{"doi": "10.1/x"}"#).unwrap();
        conn.execute("UPDATE entries SET url = 'https://example.org/poster' WHERE kind = 'publication'", [])
            .unwrap();
        assert!(insert("course", "not json").is_err(), "details must be JSON");
    }

    #[test]
    fn a_version_1_portfolio_upgrades_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = Connection::open(&path).unwrap();
        apply(&conn, &MIGRATIONS[..1], 0).unwrap();
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
