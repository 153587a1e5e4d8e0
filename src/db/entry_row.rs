//! How a row of `entries` becomes an [`Entry`]: mapped by column name.
//! [`COLUMNS`] is the one list of what a SELECT of an entry reads, and
//! [`col`] finds a name's position in it when the code is compiled, so a
//! missing or moved column cannot go unnoticed.

use std::sync::LazyLock;

use rusqlite::Row;

use super::DbError;
use super::unreadable::Unreadable;
use crate::model::{Entry, EntryFields, EntryId, FieldsRecord};

/// The columns of `entries` an [`Entry`] is read from, in SELECT order.
pub(super) const COLUMNS: [&str; 26] = [
    "id",
    "uuid",
    "kind",
    "title",
    "body",
    "date",
    "end_date",
    "organisation",
    "private",
    "hours",
    "participatory",
    "credential_id",
    "url",
    "expires",
    "grade",
    "feedback_from",
    "template",
    "meeting_with",
    "prompt",
    "method",
    "relevance",
    "standards",
    "practice_hours",
    "created_at",
    "updated_at",
    "deleted_at",
];

/// The position of a column in [`COLUMNS`]; an unknown name fails the build.
const fn col(name: &str) -> usize {
    let mut i = 0;
    while i < COLUMNS.len() {
        if same(COLUMNS[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("not a column of entries")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `e.id, e.uuid, …`: the select list for [`COLUMNS`].
pub(super) static SELECT_LIST: LazyLock<String> =
    LazyLock::new(|| COLUMNS.iter().map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", "));

/// Reads a column of [`COLUMNS`] by name.
macro_rules! get {
    ($row:expr, $name:literal) => {
        $row.get(const { col($name) })
    };
}

/// The name of a column of [`COLUMNS`], for saying which one cannot be read.
pub(super) fn column_name(index: usize) -> String {
    COLUMNS.get(index).copied().unwrap_or("text").replace('_', " ")
}

/// A single entry's read error: a value that cannot be converted names the entry.
pub(super) fn unreadable_entry(id: EntryId, error: rusqlite::Error) -> DbError {
    match error {
        rusqlite::Error::Utf8Error(i, _) | rusqlite::Error::FromSqlConversionFailure(i, _, _) => {
            DbError::UnreadableEntry(Unreadable { entry: id.0, column: column_name(i) })
        }
        other => other.into(),
    }
}

/// Maps one row selected with [`COLUMNS`]; tags, sections and attachments come later.
pub(super) fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let record = FieldsRecord {
        kind: get!(row, "kind")?,
        title: get!(row, "title")?,
        date: get!(row, "date")?,
        end_date: get!(row, "end_date")?,
        organisation: get!(row, "organisation")?,
        body: get!(row, "body")?,
        tags: Vec::new(),
        private: get!(row, "private")?,
        hours: get!(row, "hours")?,
        participatory: get!(row, "participatory")?,
        credential_id: get!(row, "credential_id")?,
        url: get!(row, "url")?,
        expires: get!(row, "expires")?,
        grade: get!(row, "grade")?,
        from: get!(row, "feedback_from")?,
        template: get!(row, "template")?,
        sections: Vec::new(),
        with: get!(row, "meeting_with")?,
        prompt: get!(row, "prompt")?,
        method: get!(row, "method")?,
        relevance: get!(row, "relevance")?,
        standards: standards_from(get!(row, "standards")?),
        practice_hours: get!(row, "practice_hours")?,
    };
    Ok(Entry {
        id: get!(row, "id")?,
        uuid: get!(row, "uuid")?,
        // What was stored was validated; a stray value of another kind is dropped.
        fields: EntryFields::from_record_lenient(record),
        created_at: get!(row, "created_at")?,
        updated_at: get!(row, "updated_at")?,
        deleted_at: get!(row, "deleted_at")?,
        attachments: Vec::new(),
        claims: Vec::new(),
        verdicts: Vec::new(),
    })
}

/// The `standards` column: a JSON array of text, or none.
fn standards_from(stored: Option<String>) -> Vec<String> {
    stored.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}
