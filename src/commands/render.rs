//! How entries look in a terminal: the listing table and the full `show` view.

use std::fmt::Write as _;

use comfy_table::Table;

use crate::model::{Entry, FieldValue, KindField, format};
use crate::output::Ui;

/// The table `list`, `search` and `trash` print.
pub fn entry_table(ui: &Ui, entries: &[Entry]) -> Table {
    // Hours and expiry when there is room for them.
    let wide = ui.is_wide(110);
    let mut header = vec!["ID", "Date", "Kind", "Title", "Tags"];
    if wide {
        header.push("Hours / expiry");
    }
    let mut table = ui.table(&header);
    for entry in entries {
        let mut title = entry.fields.title.clone();
        if entry.fields.private {
            title.push_str(" [private]");
        }
        table.add_row(vec![
            entry.id.to_string(),
            entry.fields.period(),
            entry.kind().to_string(),
            title,
            entry.fields.tags.join(", "),
        ]);
        if wide {
            let last = table.row_count() - 1;
            if let Some(row) = table.row_mut(last) {
                row.add_cell(comfy_table::Cell::new(facts(entry)));
            }
        }
    }
    table
}

/// "6 h, participatory", "450 h practice", "expires 2027-01".
fn facts(entry: &Entry) -> String {
    let d = &entry.fields.details;
    match (d.hours(), d.practice_hours(), d.expires()) {
        (Some(h), _, _) if d.is_participatory() => format!("{} h, participatory", format::hours(h)),
        (Some(h), _, _) => format!("{} h", format::hours(h)),
        (_, Some(h), _) => format!("{} h practice", format::hours(h)),
        (_, _, Some(expires)) => format!("expires {expires}"),
        _ => String::new(),
    }
}

pub use crate::output::human_size as size;

/// Everything about one entry, as `show` prints it.
pub fn entry_details(ui: &Ui, entry: &Entry) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", ui.bold(&entry.fields.title), ui.dim(&format!("#{}", entry.id)));
    let mut fields: Vec<(&str, String)> =
        vec![("kind", entry.kind().to_string()), ("date", entry.fields.period())];
    fields.extend(entry.fields.organisation.clone().map(|org| ("organisation", org)));
    let details = &entry.fields.details;
    // Prompt and sections are printed below, as text.
    let shown = KindField::of(entry.kind()).filter(|f| !matches!(f, KindField::Prompt | KindField::Section));
    fields.extend(shown.filter_map(|field| Some((field.label(), shown_value(details.values().get(field)?)))));
    if !entry.fields.tags.is_empty() {
        fields.push(("tags", entry.fields.tags.join(", ")));
    }
    fields.push(("private", if entry.fields.private { "yes" } else { "no" }.into()));
    if let Some(deleted) = &entry.deleted_at {
        fields.push(("in trash since", deleted.clone()));
    }
    fields.push(("uuid", entry.uuid.clone()));
    fields.push(("created", entry.created_at.clone()));
    fields.push(("updated", entry.updated_at.clone()));
    for (name, value) in fields {
        let _ = writeln!(out, "  {:<14} {value}", format!("{name}:"));
    }
    if let Some(prompt) = details.prompt() {
        let _ = writeln!(out, "\n{} {}", ui.bold("Prompt:"), ui.dim(prompt));
    }
    if !entry.fields.body.trim().is_empty() {
        let _ = writeln!(out, "\n{}", prose(ui, &entry.fields.body));
    }
    for section in entry.fields.details.sections() {
        let _ = writeln!(
            out,
            "\n{}\n{}",
            ui.bold(&entry.section_heading(&section.name)),
            prose(ui, &section.text)
        );
    }
    if !entry.claims.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Evidence of"));
        for claim in &entry.claims {
            let what = claim.indicator_text.as_deref().unwrap_or(&claim.competency_title);
            let _ = writeln!(out, "  {}  {what}", claim.reference);
            if let Some(note) = &claim.note {
                let _ = writeln!(out, "      {}", ui.dim(&crate::markdown::plain(note)));
            }
        }
    }
    if !entry.verdicts.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Verdicts (newest first)"));
        for verdict in &entry.verdicts {
            let on = verdict.claim.as_deref().map(|c| format!(" on {c}")).unwrap_or_default();
            let standing = crate::trust::standing::of_stored(entry, verdict).words();
            let _ = writeln!(
                out,
                "  {} {}{on} by {} ({})",
                verdict.date,
                verdict.verdict,
                verdict.assessor,
                ui.dim(&standing)
            );
            if let Some(comment) = &verdict.comment {
                let _ = writeln!(out, "      {}", ui.dim(&crate::markdown::plain(comment)));
            }
        }
    }
    if !entry.attachments.is_empty() {
        let mut table = ui.table(&["Attachment", "Size", "Type", "SHA-256"]);
        for a in &entry.attachments {
            table.add_row(vec![a.name.clone(), size(a.size), a.media_type.clone(), a.sha256.clone()]);
        }
        let _ = writeln!(out, "\n{table}");
    }
    out
}

/// A kind-specific value as `show` prints it.
fn shown_value(value: FieldValue) -> String {
    match value {
        FieldValue::Text(text) => text,
        FieldValue::Number(n) => format::hours(n),
        FieldValue::Flag(yes) => if yes { "yes" } else { "no" }.to_string(),
        FieldValue::Date(date) => date.to_string(),
        FieldValue::Template(template) => template.to_string(),
        FieldValue::List(items) => items.join("; "),
        FieldValue::Sections(sections) => {
            sections.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
        }
    }
}

/// References must stay copyable: never wrap the first column.
pub fn keep_first_column_whole(table: &mut comfy_table::Table) {
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
}

/// What someone wrote (Markdown) for a terminal: bold and italic where
/// colour is on, the words alone where it is not (`NO_COLOR`, a pipe);
/// list items with bullets, quotations after a bar, a link's address after
/// its words.
pub fn prose(ui: &Ui, text: &str) -> String {
    use crate::markdown::{Kind, Punctuation, parse};
    let blocks = parse(text, Punctuation::AsTyped);
    let mut out = String::new();
    for (n, block) in blocks.iter().enumerate() {
        let words: String = block
            .spans
            .iter()
            .map(|s| {
                let text = s.with_address();
                match (s.style.strong, s.style.emphasis) {
                    (true, _) => ui.bold(&text),
                    (false, true) => ui.italic(&text),
                    _ => text,
                }
            })
            .collect();
        let indent = "  ".repeat(block.depth);
        let both_items =
            |b: Option<&crate::markdown::Block>| matches!(b.map(|b| &b.kind), Some(Kind::Item(_)));
        let after_heading = n > 0 && blocks[n - 1].kind == Kind::Heading;
        if n > 0 && !after_heading && !(both_items(Some(block)) && both_items(blocks.get(n - 1))) {
            out.push('\n');
        }
        let line = match &block.kind {
            Kind::Heading => ui.bold(&words),
            Kind::Item(marker) => {
                format!("{indent}{marker} {}", words.replace('\n', &format!("\n{indent}  ")))
            }
            Kind::Quote => format!("{indent}│ {}", words.replace('\n', &format!("\n{indent}│ "))),
            Kind::Code => format!("{indent}    {}", words.replace('\n', &format!("\n{indent}    "))),
            Kind::Paragraph => format!("{indent}{words}"),
        };
        let _ = writeln!(out, "{line}");
    }
    out.trim_end_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(5 * 1024 * 1024), "5.0 MB");
    }
}
