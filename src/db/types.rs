//! How model values are stored in columns: ids as integers, dates and the
//! named enums as their text. Reading a value folio did not write fails with
//! a conversion error that names it, never with a silent default.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::GoalStatus;
use crate::model::assessment::Score;
use crate::model::{
    ActionId, EntryId, EntryKind, GoalId, MentorId, MentorRole, PartialDate, ProfileList, Span, Template,
    VerdictKind,
};

/// Stores a typed id as its integer.
macro_rules! stored_as_integer {
    ($($ty:ident),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($ty)
            }
        }
    )+};
}

stored_as_integer!(EntryId, GoalId, ActionId, MentorId);

impl ToSql for Score {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.get()))
    }
}

impl FromSql for Score {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Score::try_from(i64::column_result(value)?).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Stores values as their `Display` text and reads them back with `FromStr`.
macro_rules! stored_as_text {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.to_string()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    )+};
}

stored_as_text!(PartialDate, EntryKind, Template, VerdictKind, GoalStatus, ProfileList, MentorRole, Span);

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn values_round_trip_and_unknown_words_are_errors() {
        let conn = Connection::open_in_memory().unwrap();
        let kind: EntryKind = conn.query_row("SELECT ?", [EntryKind::Course], |r| r.get(0)).unwrap();
        assert_eq!(kind, EntryKind::Course);
        let date: PartialDate = conn.query_row("SELECT '2024-03'", [], |r| r.get(0)).unwrap();
        assert_eq!(date.to_string(), "2024-03");
        let bad = conn.query_row("SELECT 'diary'", [], |r| r.get::<_, EntryKind>(0));
        assert!(bad.unwrap_err().to_string().contains("unknown kind 'diary'"));
    }
}
