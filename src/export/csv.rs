//! Entries as CSV (RFC 4180, UTF-8, a header row): the columns of
//! `list --json`, lists joined with "; ", for spreadsheets.

use crate::model::{Entry, FieldsRecord};
use crate::output::csv_field;

pub const COLUMNS: [&str; 28] = [
    "id",
    "uuid",
    "kind",
    "title",
    "date",
    "end_date",
    "organisation",
    "body",
    "tags",
    "private",
    "hours",
    "participatory",
    "credential_id",
    "url",
    "expires",
    "grade",
    "from",
    "template",
    "sections",
    "with",
    "prompt",
    "method",
    "relevance",
    "standards",
    "practice_hours",
    "attachments",
    "created_at",
    "updated_at",
];

pub fn render(entries: &[Entry]) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for entry in entries {
        let f = FieldsRecord::from(entry.fields.clone());
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let number = |v: Option<f64>| v.map(crate::model::format::hours).unwrap_or_default();
        let sections: Vec<String> =
            f.sections.iter().map(|s| format!("{}: {}", s.name, crate::markdown::plain(&s.text))).collect();
        let files: Vec<&str> = entry.attachments.iter().map(|a| a.name.as_str()).collect();
        let row = [
            entry.id.to_string(),
            entry.uuid.clone(),
            f.kind.to_string(),
            f.title.clone(),
            f.date.to_string(),
            f.end_date.map(|d| d.to_string()).unwrap_or_default(),
            text(&f.organisation),
            crate::markdown::plain(&f.body),
            f.tags.join("; "),
            f.private.to_string(),
            number(f.hours),
            f.participatory.map(|p| p.to_string()).unwrap_or_default(),
            text(&f.credential_id),
            text(&f.url),
            f.expires.map(|d| d.to_string()).unwrap_or_default(),
            text(&f.grade),
            text(&f.from),
            f.template.map(|t| t.to_string()).unwrap_or_default(),
            sections.join("; "),
            text(&f.with),
            text(&f.prompt),
            text(&f.method),
            text(&f.relevance),
            f.standards.join("; "),
            number(f.practice_hours),
            files.join("; "),
            entry.created_at.clone(),
            entry.updated_at.clone(),
        ];
        out.push_str(&row.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
