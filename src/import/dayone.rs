//! Day One's JSON export: a ZIP (or its folder) with one `<Journal>.json`
//! per journal and the photos in `photos/<md5>.<type>`. Each entry becomes
//! an entry of the kind asked for (a reflection unless `--kind` says), dated
//! on the day it was written where it was written (its time zone, from the
//! system's time zone database), titled by
//! its first line, its text kept as Day One's Markdown with the photo
//! placeholders taken out, its tags kept (`starred` as a tag), its photos
//! attached. The UUID comes from Day One's own, so importing twice adds nothing.

use serde_json::Value;

use super::archive::{Archive, file_name};
use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocAttachment, DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, PartialDate};

/// Whether these files are a Day One export (a journal JSON with entries and metadata).
pub fn is_export(archive: &mut Archive) -> bool {
    !journals(archive).is_empty()
}

/// The JSON files at the top that hold `metadata` and `entries`.
fn journals(archive: &mut Archive) -> Vec<String> {
    let candidates: Vec<String> = archive
        .names()
        .into_iter()
        .filter(|p| !p.contains('/') || p.matches('/').count() == 1 && !p.starts_with("photos/"))
        .filter(|p| p.to_ascii_lowercase().ends_with(".json"))
        .collect();
    candidates
        .into_iter()
        .filter(|path| {
            archive.text(path).ok().is_some_and(|text| {
                let head = &text[..text.len().min(4096)];
                head.contains("\"entries\"") || head.contains("\"metadata\"")
            })
        })
        .collect()
}

/// The title (first line, heading marks off, at most 120 characters) and the rest.
fn title_and_body(text: &str) -> (String, String) {
    let text = text.trim();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let title: String = first.trim().trim_start_matches('#').trim().chars().take(120).collect();
    let rest = if title.chars().count() < first.trim().trim_start_matches('#').trim().chars().count() {
        text.to_string()
    } else {
        rest.trim().to_string()
    };
    (title, rest)
}

/// `![](dayone-moment://ID)` placeholders out of the text (the photos are attached).
fn without_moments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("![](dayone-moment://") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        rest = after.find(')').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    // Day One escapes Markdown's characters it did not mean (`\.`, `\-`).
    out.replace("\\.", ".").replace("\\-", "-").replace("\\(", "(").replace("\\)", ")").trim().to_string()
}

/// The day an entry was written, where it was written (by UTC when its
/// time zone is not known on this system).
fn local_day(created: &str, zone: Option<&str>) -> Option<PartialDate> {
    let at = chrono::DateTime::parse_from_rfc3339(created).ok()?.with_timezone(&chrono::Utc);
    let offset = zone.and_then(|z| utc_offset(z, at.timestamp())).unwrap_or(0);
    Some(PartialDate::day((at + chrono::Duration::seconds(offset.into())).date_naive()))
}

/// A time zone's offset from UTC at a moment, from the system's time zone
/// database (`$TZDIR`, else /usr/share/zoneinfo), read only when a Day One
/// export is: folio carries no time zone tables of its own, which every
/// command would pay for at start-up.
fn utc_offset(zone: &str, unix_time: i64) -> Option<i32> {
    let name_is_safe = !zone.is_empty()
        && !zone.contains("..")
        && !zone.starts_with('/')
        && zone.chars().all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    if !name_is_safe {
        return None;
    }
    let dir =
        std::env::var_os("TZDIR").map_or_else(|| std::path::PathBuf::from("/usr/share/zoneinfo"), Into::into);
    let data = std::fs::read(dir.join(zone)).ok()?;
    let tz = tz::TimeZone::from_tz_data(&data).ok()?;
    Some(tz.find_local_time_type(unix_time).ok()?.ut_offset())
}

/// Returns the document, with notes of what was left, and a line saying what was taken.
pub fn read(
    archive: &mut Archive,
    kind: EntryKind,
) -> Result<(Imported<PortfolioDocument>, String), FormatError> {
    let journals = journals(archive);
    if journals.is_empty() {
        return Err("no Day One journal in it (a JSON file with entries)".into());
    }
    let photos: Vec<String> = archive.names().into_iter().filter(|p| p.contains("photos/")).collect();
    let mut document = PortfolioDocument::empty();
    let mut notes = Vec::new();
    let mut attached = 0;
    let mut unknown_zones: Vec<String> = Vec::new();
    for journal in &journals {
        let text = archive.text(journal)?;
        let root: Value = serde_json::from_str(&text).map_err(|e| format!("{journal}: invalid JSON: {e}"))?;
        let entries =
            root.get("entries").and_then(Value::as_array).ok_or_else(|| format!("{journal}: no entries"))?;
        let journal_name = file_name(journal).trim_end_matches(".json").to_string();
        for (n, entry) in entries.iter().enumerate() {
            let get = |key: &str| entry.get(key).and_then(Value::as_str);
            if let Some(zone) = get("timeZone").filter(|z| utc_offset(z, 0).is_none())
                && !unknown_zones.iter().any(|u| u == zone)
            {
                unknown_zones.push(zone.to_string());
            }
            let Some(date) = get("creationDate").and_then(|c| local_day(c, get("timeZone"))) else {
                notes.push(format!("{journal_name} entry {}: no creation date; not imported", n + 1));
                continue;
            };
            let text = without_moments(get("text").unwrap_or_default());
            let (title, body) = title_and_body(&text);
            let title = if title.is_empty() { format!("{journal_name}, {date}") } else { title };
            let mut fields = EntryFields::new(kind, title, date);
            fields.body = body;
            fields.tags = entry
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .filter_map(Value::as_str)
                        .map(|t| t.trim().replace(char::is_whitespace, "-"))
                        .collect()
                })
                .unwrap_or_default();
            if entry.get("starred").and_then(Value::as_bool) == Some(true) {
                fields.tags.push("starred".into());
            }
            let uuid = get("uuid").map_or_else(|| format!("{journal_name}:{n}"), String::from);
            let created = get("creationDate").unwrap_or_default();
            let modified = get("modifiedDate").unwrap_or(created);
            let stamp = |s: &str| {
                chrono::DateTime::parse_from_rfc3339(s)
                    .map(|d| d.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
                    .unwrap_or_else(|_| format!("{}T00:00:00.000Z", date.key()))
            };
            let mut doc = DocEntry::new(stable_uuid(&format!("dayone:{uuid}")), fields, stamp(created));
            doc.updated_at = stamp(modified);
            for photo in entry.get("photos").and_then(Value::as_array).into_iter().flatten() {
                let md5 = photo.get("md5").and_then(Value::as_str).unwrap_or_default();
                let Some(path) = photos.iter().find(|p| !md5.is_empty() && file_name(p).starts_with(md5))
                else {
                    notes.push(format!("a photo of '{}' is not in the export; left out", doc.fields.title));
                    continue;
                };
                let bytes = archive.read(path)?;
                doc.attachments.push(DocAttachment {
                    name: file_name(path).to_string(),
                    media_type: crate::files::media_type_for(path).to_string(),
                    size: bytes.len() as i64,
                    sha256: crate::db::attachments::sha256_hex(&bytes),
                    data: Some(base64(&bytes)),
                });
                attached += 1;
            }
            document.entries.push(doc);
        }
    }
    if !unknown_zones.is_empty() {
        notes.push(format!(
            "time zone {} not known on this system: those entries are dated by UTC",
            unknown_zones.join(", ")
        ));
    }
    let taken = format!(
        "read from Day One: {} entries from {} journal{}, {attached} photo{}",
        document.entries.len(),
        journals.len(),
        if journals.len() == 1 { "" } else { "s" },
        if attached == 1 { "" } else { "s" }
    );
    Ok((Imported { value: document, notes }, taken))
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_dated_where_it_was_written() {
        // 23:30 in London in summer is the same day there, the next day nowhere.
        assert_eq!(
            local_day("2024-07-01T22:30:00Z", Some("Europe/London")).unwrap().to_string(),
            "2024-07-01"
        );
        // 20:00 UTC is 08:00 the next morning in Auckland.
        assert_eq!(
            local_day("2024-07-01T20:00:00Z", Some("Pacific/Auckland")).unwrap().to_string(),
            "2024-07-02"
        );
        assert_eq!(local_day("2024-07-01T20:00:00Z", None).unwrap().to_string(), "2024-07-01");
        assert_eq!(
            local_day("2024-07-01T20:00:00Z", Some("Mars/Olympus")).unwrap().to_string(),
            "2024-07-01"
        );
    }

    #[test]
    fn an_unknown_time_zone_is_said_and_dated_by_utc() {
        let journal = r#"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "A1", "creationDate": "2024-07-01T23:30:00Z", "timeZone": "Mars/Olympus", "text": "Dust"}]}"#;
        let mut archive = Archive::Single { name: "Journal.json".into(), bytes: journal.as_bytes().to_vec() };
        let (imported, _) = read(&mut archive, EntryKind::Reflection).unwrap();
        assert_eq!(imported.value.entries[0].fields.date.to_string(), "2024-07-01");
        assert!(imported.notes.iter().any(|n| n.contains("Mars/Olympus not known")), "{:?}", imported.notes);
    }

    #[test]
    fn the_first_line_titles_the_entry_and_moments_are_taken_out() {
        let text =
            without_moments("# A hard shift\n\n![](dayone-moment://ABC123)\nIt went well\\. Mostly\\.");
        assert_eq!(title_and_body(&text), ("A hard shift".into(), "It went well. Mostly.".into()));
        let long = "x".repeat(200);
        let (title, body) = title_and_body(&long);
        assert_eq!(
            (title.chars().count(), body.len()),
            (120, 200),
            "a long first line stays in the body whole"
        );
    }
}
