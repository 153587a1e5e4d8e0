//! The one SQL condition for [`Visibility`]: a query binds the visibility as
//! a parameter and writes [`shown`] where private rows are to be left out.

use rusqlite::ToSql;
use rusqlite::types::ToSqlOutput;

use crate::model::Visibility;

impl ToSql for Visibility {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.includes_private()))
    }
}

/// `(?2 OR e.private = 0)`: true for a row that `param` (a bound
/// [`Visibility`]) lets be seen, given the row's `private` column.
pub(super) fn shown(param: &str, private_column: &str) -> String {
    format!("({param} OR {private_column} = 0)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_row_is_seen_only_when_private_ones_are_included() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let seen = |visibility: Visibility, private: bool| -> bool {
            let sql = format!("SELECT {} FROM (SELECT ?2 AS private)", shown("?1", "private"));
            conn.query_row(&sql, rusqlite::params![visibility, private], |r| r.get(0)).unwrap()
        };
        assert!(seen(Visibility::Public, false) && seen(Visibility::IncludePrivate, false));
        assert!(!seen(Visibility::Public, true) && seen(Visibility::IncludePrivate, true));
    }
}
