//! Entries as CSV (RFC 4180, UTF-8, a header row): the columns of
//! `list --json`, lists joined with "; ", for spreadsheets.

use crate::model::{Entry, FieldValue, KindField};
use crate::output::csv_field;

/// The columns before the kind-specific ones, and after them.
const FIRST: [&str; 10] =
    ["id", "uuid", "kind", "title", "date", "end_date", "organisation", "body", "tags", "private"];
const LAST: [&str; 3] = ["attachments", "created_at", "updated_at"];

/// The header: the common columns, then one per kind-specific field in declaration order.
pub fn columns() -> Vec<&'static str> {
    FIRST.into_iter().chain(KindField::ALL.iter().map(|f| f.key())).chain(LAST).collect()
}

pub fn render(entries: &[Entry]) -> String {
    let mut out = columns().join(",");
    out.push_str("\r\n");
    for entry in entries {
        let f = &entry.fields;
        let files: Vec<&str> = entry.attachments.iter().map(|a| a.name.as_str()).collect();
        let mut row = vec![
            entry.id.to_string(),
            entry.uuid.clone(),
            f.kind().to_string(),
            f.title.clone(),
            f.date.to_string(),
            f.end_date.map(|d| d.to_string()).unwrap_or_default(),
            f.organisation.clone().unwrap_or_default(),
            crate::markdown::plain(&f.body),
            f.tags.join("; "),
            f.private.to_string(),
        ];
        let values = f.details.values();
        row.extend(KindField::ALL.iter().map(|field| values.get(*field).map(cell).unwrap_or_default()));
        row.extend([files.join("; "), entry.created_at.clone(), entry.updated_at.clone()]);
        out.push_str(&row.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A kind-specific value in a cell: plain text, lists joined with "; ".
fn cell(value: FieldValue) -> String {
    match value {
        FieldValue::Text(text) => text,
        FieldValue::Number(n) => crate::model::format::hours(n),
        FieldValue::Flag(yes) => yes.to_string(),
        FieldValue::Date(date) => date.to_string(),
        FieldValue::Template(template) => template.to_string(),
        FieldValue::List(items) => items.join("; "),
        FieldValue::Sections(sections) => sections
            .iter()
            .map(|s| format!("{}: {}", s.name, crate::markdown::plain(&s.text)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}
