//! INSERT and UPDATE statements built from one list of column values, so a
//! table's writable columns are named once for both.

use rusqlite::ToSql;

use super::{Conn, Result};

/// Column names and the values to write into them.
pub(super) type Values = Vec<(&'static str, Box<dyn ToSql>)>;

/// A value for [`Values`].
pub(super) fn value<T: ToSql + 'static>(column: &'static str, v: T) -> (&'static str, Box<dyn ToSql>) {
    (column, Box::new(v))
}

/// Inserts one row; returns its rowid.
pub(super) fn insert(conn: &Conn, table: &str, values: &Values) -> Result<i64> {
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks = vec!["?"; columns.len()].join(", ");
    let sql = format!("INSERT INTO {table} ({}) VALUES ({marks})", columns.join(", "));
    let params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| v.as_ref()).collect();
    conn.prepare_cached(&sql)?.execute(params.as_slice())?;
    Ok(conn.last_insert_rowid())
}

/// Updates the row whose `id` is `id`; returns how many rows changed (0 or 1).
pub(super) fn update(conn: &Conn, table: &str, values: &Values, id: i64) -> Result<usize> {
    let set: Vec<String> = values.iter().map(|(c, _)| format!("{c} = ?")).collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?", set.join(", "));
    let mut params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| v.as_ref()).collect();
    params.push(&id);
    Ok(conn.prepare_cached(&sql)?.execute(params.as_slice())?)
}
