//! jrnl journals: its JSON export (`jrnl --export json`) and its plain-text
//! journal file. Each jrnl entry becomes one folio entry.
//!
//! In the text format an entry starts with a line `[YYYY-MM-DD HH:MM:SS AM] Title.`
//! (12- or 24-hour clock); any line that starts with such a bracketed date
//! starts a new entry, even in the middle of what looks like a body, exactly
//! as jrnl reads it. The title is the first sentence of that line; a
//! trailing ` *` marks a starred entry. `@tags` anywhere become tags.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, PartialDate};

/// One jrnl entry, format-independent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JrnlEntry {
    pub when: NaiveDateTime,
    pub title: String,
    pub body: String,
    /// Without the `@`, in order of first appearance, no repeats.
    pub tags: Vec<String>,
    pub starred: bool,
}

pub fn parse(text: &str) -> Result<Imported<Vec<JrnlEntry>>, FormatError> {
    let trimmed = super::without_bom(text).trim_start();
    if trimmed.starts_with('{') { parse_json(trimmed) } else { parse_text(text) }
}

#[derive(Deserialize)]
struct JsonExport {
    entries: Vec<JsonEntry>,
}

#[derive(Deserialize)]
struct JsonEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

fn parse_json(text: &str) -> Result<Imported<Vec<JrnlEntry>>, FormatError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let export: JsonExport = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| format!("not a jrnl JSON export: at {}: {}", e.path(), e.inner()))?;
    let mut entries = Vec::with_capacity(export.entries.len());
    for (i, entry) in export.entries.into_iter().enumerate() {
        let date = NaiveDate::parse_from_str(&entry.date, "%Y-%m-%d")
            .map_err(|_| format!("entries[{i}].date: '{}' is not YYYY-MM-DD", entry.date))?;
        let time = match entry.time.as_deref() {
            Some(t) => parse_time(t).ok_or_else(|| format!("entries[{i}].time: '{t}' is not HH:MM"))?,
            None => NaiveTime::MIN,
        };
        let mut tags = find_tags(&entry.title, &entry.body);
        for tag in entry.tags {
            let tag = tag.trim_start_matches('@').to_string();
            if !tags.iter().any(|t: &String| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        entries.push(JrnlEntry {
            when: date.and_time(time),
            title: entry.title.trim().to_string(),
            body: entry.body.trim_end().to_string(),
            tags,
            starred: entry.starred,
        });
    }
    Ok(Imported { value: entries, notes: Vec::new() })
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M:%S%p", "%I:%M%p"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
}

/// Reads `[date time] rest` at the start of a line.
fn header(line: &str) -> Option<(NaiveDateTime, &str)> {
    let inner_end = line.strip_prefix('[')?.find(']')? + 1;
    let inside = &line[1..inner_end];
    let (date, time) = inside.split_once(' ')?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = parse_time(time)?;
    Some((date.and_time(time), line[inner_end + 1..].trim_start()))
}

/// jrnl's title: the first sentence of the header line.
fn split_title(line: &str) -> (&str, &str) {
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let end = i + c.len_utf8();
            if end == line.len() || bytes[end].is_ascii_whitespace() {
                return (&line[..end], line[end..].trim_start());
            }
        }
    }
    (line, "")
}

fn parse_text(text: &str) -> Result<Imported<Vec<JrnlEntry>>, FormatError> {
    let mut entries: Vec<JrnlEntry> = Vec::new();
    let mut body_lines: Vec<&str> = Vec::new();
    let mut skipped = 0;
    let finish = |entries: &mut Vec<JrnlEntry>, lines: &mut Vec<&str>| {
        if let Some(last) = entries.last_mut() {
            let mut body = last.body.clone();
            for line in lines.drain(..) {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(line);
            }
            last.body = body.trim_end().to_string();
            last.tags = find_tags(&last.title, &last.body);
        }
    };
    for (n, line) in text.lines().enumerate() {
        match header(line) {
            Some((when, rest)) => {
                finish(&mut entries, &mut body_lines);
                let (rest, starred) = match rest.trim_end().strip_suffix(" *") {
                    Some(stripped) => (stripped, true),
                    None if rest.trim_end() == "*" => ("", true),
                    None => (rest.trim_end(), false),
                };
                let (title, first_body) = split_title(rest);
                entries.push(JrnlEntry {
                    when,
                    title: title.to_string(),
                    body: first_body.to_string(),
                    tags: Vec::new(),
                    starred,
                });
            }
            None if entries.is_empty() => {
                if !line.trim().is_empty() {
                    skipped = n + 1;
                }
            }
            None => body_lines.push(line),
        }
    }
    finish(&mut entries, &mut body_lines);
    if entries.is_empty() {
        return Err(
            "no jrnl entries found: entries start with a line like '[2024-05-01 09:30:00 AM] Title.'".into(),
        );
    }
    let notes = if skipped > 0 {
        vec![format!("skipped text before the first entry (up to line {skipped})")]
    } else {
        Vec::new()
    };
    Ok(Imported { value: entries, notes })
}

/// `@word` tags in order of first appearance, without the `@`.
pub fn find_tags(title: &str, body: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for text in [title, body] {
        let mut previous = ' ';
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '@' && previous.is_whitespace() {
                let tag: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '-')
                    .collect();
                let tag = tag.trim_end_matches('-').to_string();
                if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    tags.push(tag);
                }
            }
            previous = c;
        }
    }
    tags
}

/// The journal as a folio document: each jrnl entry an entry of `kind`,
/// starred ones tagged `starred`, each with a UUID stable across re-imports.
pub fn to_document(entries: Vec<JrnlEntry>, kind: EntryKind) -> PortfolioDocument {
    let mut document = PortfolioDocument::empty();
    for entry in entries {
        let stamp = entry.when.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let title = if entry.title.trim().is_empty() {
            entry.body.lines().next().unwrap_or("Untitled").chars().take(60).collect()
        } else {
            entry.title.clone()
        };
        let title = if title.trim().is_empty() { "Untitled".into() } else { title };
        let uuid = stable_uuid(&format!("jrnl:{stamp}:{}:{}", entry.title, entry.body));
        let mut fields = EntryFields::new(kind, title, PartialDate::day(entry.when.date()));
        fields.body = entry.body;
        fields.tags = entry.tags;
        if entry.starred {
            fields.tags.push("starred".into());
        }
        document.entries.push(DocEntry::new(uuid, fields, stamp));
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOURNAL: &str = "[2020-08-12 06:40:00 AM] Entry 1: Met @Anna. More on the line.\n\
Body with @mentoring, and an@email.\n\n\
[2020-08-13 12:05:00 AM] Second. *\n\
Line one.\n\
[2020-08-14 13:00] A date at the start of a line starts a new entry\n";

    #[test]
    fn text_entries_split_on_bracketed_dates() {
        let entries = parse(JOURNAL).unwrap().value;
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].title, "Entry 1: Met @Anna.");
        assert_eq!(entries[0].body, "More on the line.\nBody with @mentoring, and an@email.");
        assert_eq!(entries[0].tags, ["Anna", "mentoring"]);
        assert_eq!(entries[1].when.to_string(), "2020-08-13 00:05:00");
        assert!(entries[1].starred);
        assert_eq!(entries[1].title, "Second.");
        assert_eq!(entries[2].when.to_string(), "2020-08-14 13:00:00");
    }

    #[test]
    fn json_export_reads_the_same_fields() {
        let json = r#"{"tags": {"@x": 1}, "entries": [{"title": "T.", "body": "b @x", "date": "2020-01-02", "time": "22:10", "tags": ["@x"], "starred": true}]}"#;
        let entries = parse(json).unwrap().value;
        assert_eq!(entries[0].when.to_string(), "2020-01-02 22:10:00");
        assert_eq!(entries[0].tags, ["x"]);
        assert!(
            parse(r#"{"entries": [{"title": "T", "date": "2020-13-01"}]}"#)
                .unwrap_err()
                .0
                .contains("entries[0].date")
        );
        assert!(parse("no entries here").is_err());
    }
}
