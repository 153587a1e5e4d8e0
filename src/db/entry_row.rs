//! How a row of `entries` becomes an [`Entry`] and back: mapped by column
//! name. [`COLUMNS`] is the one list of the common columns a SELECT of an
//! entry reads, and [`col`] finds a name's position in it when the code is
//! compiled, so a missing or moved column cannot go unnoticed; the
//! kind-specific columns follow, one per field the declaration
//! (`model/kind_field.rs`) keeps in a column of its own, and the fields it
//! keeps in `details` are one JSON object.

use std::sync::LazyLock;

use rusqlite::types::{Null, Type};
use rusqlite::{Row, ToSql};

use super::DbError;
use super::unreadable::Unreadable;
use crate::model::{
    Entry, EntryFields, EntryId, FieldType, FieldValue, FieldsRecord, KindField, KindValues, Storage,
};

/// The common columns of `entries` an [`Entry`] is read from, in SELECT order.
pub(super) const COLUMNS: [&str; 12] = [
    "id",
    "uuid",
    "kind",
    "title",
    "body",
    "date",
    "end_date",
    "organisation",
    "private",
    "created_at",
    "updated_at",
    "deleted_at",
];

/// The kind-specific fields kept in columns of their own, with the column,
/// in the order they follow [`COLUMNS`] and `details` in a SELECT.
pub(super) static FIELD_COLUMNS: LazyLock<Vec<(KindField, &'static str)>> = LazyLock::new(|| {
    KindField::ALL
        .iter()
        .filter_map(|field| match field.storage() {
            Storage::Column(column) => Some((*field, column)),
            Storage::Details | Storage::Sections => None,
        })
        .collect()
});

/// Where `details` is in a SELECT: right after [`COLUMNS`].
const DETAILS: usize = COLUMNS.len();

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

/// `e.id, e.uuid, …, e.details, e.hours, …`: the select list.
pub(super) static SELECT_LIST: LazyLock<String> = LazyLock::new(|| {
    let fields = FIELD_COLUMNS.iter().map(|(_, column)| *column);
    COLUMNS
        .iter()
        .copied()
        .chain(["details"])
        .chain(fields)
        .map(|c| format!("e.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
});

/// Reads a column of [`COLUMNS`] by name.
macro_rules! get {
    ($row:expr, $name:literal) => {
        $row.get(const { col($name) })
    };
}

/// The name of a column of [`COLUMNS`], for saying which one cannot be read.
pub(super) fn column_name(index: usize) -> String {
    let name = match index.checked_sub(DETAILS) {
        None => COLUMNS[index],
        Some(0) => "details",
        Some(i) => FIELD_COLUMNS.get(i - 1).map_or("text", |(_, column)| column),
    };
    name.replace('_', " ")
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

/// Maps one row selected with [`SELECT_LIST`]; tags, sections and attachments come later.
pub(super) fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let mut values = details_from(row.get(DETAILS)?)?;
    for (i, (field, _)) in FIELD_COLUMNS.iter().enumerate() {
        values.set(*field, column_value(row, DETAILS + 1 + i, field.field_type())?);
    }
    let record = FieldsRecord {
        kind: get!(row, "kind")?,
        title: get!(row, "title")?,
        date: get!(row, "date")?,
        end_date: get!(row, "end_date")?,
        organisation: get!(row, "organisation")?,
        body: get!(row, "body")?,
        tags: Vec::new(),
        about: Vec::new(),
        private: get!(row, "private")?,
        values,
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

/// The fields kept in `details` (only those: a stray key is ignored).
fn details_from(stored: Option<String>) -> rusqlite::Result<KindValues> {
    let mut values = KindValues::default();
    let Some(text) = stored else { return Ok(values) };
    let parsed: KindValues = serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(DETAILS, Type::Text, Box::new(e)))?;
    for field in KindField::ALL.iter().copied().filter(|f| f.storage() == Storage::Details) {
        values.set(field, parsed.get(field));
    }
    Ok(values)
}

/// A field's own column, read as the field's type.
fn column_value(row: &Row, index: usize, field_type: FieldType) -> rusqlite::Result<Option<FieldValue>> {
    Ok(match field_type {
        FieldType::Text => row.get::<_, Option<String>>(index)?.map(FieldValue::Text),
        FieldType::Number => row.get::<_, Option<f64>>(index)?.map(FieldValue::Number),
        FieldType::Flag => row.get::<_, Option<bool>>(index)?.map(FieldValue::Flag),
        FieldType::Date => row.get::<_, Option<_>>(index)?.map(FieldValue::Date),
        FieldType::Template => row.get::<_, Option<_>>(index)?.map(FieldValue::Template),
        // A JSON array of text; what cannot be read as one counts as none.
        FieldType::List => row
            .get::<_, Option<String>>(index)?
            .and_then(|text| serde_json::from_str(&text).ok())
            .map(FieldValue::List),
        FieldType::Sections => None,
    })
}

/// The named parameters of the kind-specific fields: `:hours`… for each
/// column, and `:details` for the JSON object of the rest (NULL when empty).
pub(super) fn field_params(values: &KindValues) -> Vec<(String, Box<dyn ToSql>)> {
    let mut params: Vec<(String, Box<dyn ToSql>)> = FIELD_COLUMNS
        .iter()
        .map(|(field, column)| (format!(":{column}"), column_param(values.get(*field))))
        .collect();
    let details: serde_json::Map<String, serde_json::Value> = KindField::ALL
        .iter()
        .filter(|f| f.storage() == Storage::Details)
        .filter_map(|f| Some((f.key().to_string(), json_of(values.get(*f)?))))
        .collect();
    let details = (!details.is_empty()).then(|| serde_json::Value::Object(details).to_string());
    params.push((":details".into(), Box::new(details)));
    params
}

/// The column names and `:name` placeholders of [`field_params`], for an
/// INSERT (`names`, `placeholders`) or an UPDATE (`name = :name, …`).
pub(super) struct FieldColumns {
    pub names: String,
    pub placeholders: String,
    pub assignments: String,
}

pub(super) static FIELD_SQL: LazyLock<FieldColumns> = LazyLock::new(|| {
    let columns: Vec<&str> = FIELD_COLUMNS.iter().map(|(_, c)| *c).chain(["details"]).collect();
    FieldColumns {
        names: columns.join(", "),
        placeholders: columns.iter().map(|c| format!(":{c}")).collect::<Vec<_>>().join(", "),
        assignments: columns.iter().map(|c| format!("{c} = :{c}")).collect::<Vec<_>>().join(", "),
    }
});

fn column_param(value: Option<FieldValue>) -> Box<dyn ToSql> {
    match value {
        None | Some(FieldValue::Sections(_)) => Box::new(Null),
        Some(FieldValue::Text(text)) => Box::new(text),
        Some(FieldValue::Number(n)) => Box::new(n),
        Some(FieldValue::Flag(yes)) => Box::new(yes),
        Some(FieldValue::Date(date)) => Box::new(date),
        Some(FieldValue::Template(template)) => Box::new(template),
        Some(FieldValue::List(items)) => Box::new(serde_json::to_string(&items).unwrap_or_default()),
    }
}

/// A value as the `details` object holds it, the shape the JSON document uses.
fn json_of(value: FieldValue) -> serde_json::Value {
    use serde_json::json;
    match value {
        FieldValue::Text(text) => json!(text),
        FieldValue::Number(n) => json!(n),
        FieldValue::Flag(yes) => json!(yes),
        FieldValue::Date(date) => json!(date),
        FieldValue::Template(template) => json!(template),
        FieldValue::List(items) => json!(items),
        FieldValue::Sections(sections) => json!(sections),
    }
}
