//! Reading a folio JSON document, with errors that say where in the file.

use super::FormatError;
use crate::model::FieldsRecord;
use crate::model::document::{DocEntry, FORMAT, PortfolioDocument, VERSION};
use crate::model::{Framework, Profile};

/// Only the fields that say what the document is; the rest is skipped unread.
#[derive(serde::Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

pub fn parse(text: &str) -> Result<PortfolioDocument, FormatError> {
    // A good document is read in one plain pass; only a bad one is read again
    // (header first, then with the path tracked) to say what and where.
    if let Ok(document) = serde_json::from_str::<PortfolioDocument>(text)
        && document.format == FORMAT
        && document.version == VERSION
    {
        return Ok(document);
    }
    explain_failure(text)
}

/// The error for a document the plain pass refused.
fn explain_failure(text: &str) -> Result<PortfolioDocument, FormatError> {
    let header: Header = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match (header.format.as_deref(), header.version) {
        (Some(FORMAT), Some(v)) if v == u64::from(VERSION) => {}
        (Some(FORMAT), Some(v)) => {
            return Err(
                format!("format version {v} is not supported (this folio reads version {VERSION})").into()
            );
        }
        _ => {
            return Err(
                format!("not a folio document: \"format\" must be \"{FORMAT}\" with a \"version\"").into()
            );
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        entry_field_error(text, &path).unwrap_or_else(|| format!("at {path}: {}", e.into_inner())).into()
    })
}

/// The error inside one entry's own fields, with the field's path.
///
/// An entry's fields are read flattened into it, which hides the field an
/// error is in; reading that entry's fields alone says which one it is.
fn entry_field_error(text: &str, path: &str) -> Option<String> {
    let index: usize = path.strip_prefix("entries[")?.strip_suffix(']')?.parse().ok()?;
    let document: serde_json::Value = serde_json::from_str(text).ok()?;
    let entry = document.get("entries")?.get(index)?;
    let err = serde_path_to_error::deserialize::<_, FieldsRecord>(entry).err()?;
    let field = err.path().to_string();
    Some(format!("at {path}.{field}: {}", err.into_inner()))
}

/// What a streamed document hands over as it is read.
pub enum Part {
    Profile(Box<Profile>),
    Frameworks(Vec<Framework>),
    /// The document's entry number `.0`.
    Entry(usize, Box<DocEntry>),
}

/// Why a streamed read ended early.
#[derive(Debug, PartialEq, Eq)]
pub enum StreamError {
    /// The document is not in folio's own order (format and version first,
    /// frameworks before entries): read it whole with [`parse`] instead.
    OutOfOrder,
    /// The consumer refused a part (it holds its own error).
    Stopped,
    /// Not a well-formed folio document; [`parse`] on its text says where.
    Format(String),
}

const OUT_OF_ORDER: &str = "folio: document out of order";
const STOPPED: &str = "folio: stopped";

/// Reads a folio document from `reader` a part at a time, handing each to
/// `on` (which returns false to stop), so a document of any size is read in
/// the memory of one entry. Returns the rest: ratings, goals, actions and
/// mentors. Only a document in folio's own order is streamed.
pub fn stream(
    reader: impl std::io::Read,
    on: &mut dyn FnMut(Part) -> bool,
) -> Result<PortfolioDocument, StreamError> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let rest = serde::Deserializer::deserialize_map(&mut deserializer, Top { on }).map_err(halt)?;
    deserializer.end().map_err(halt)?;
    Ok(rest)
}

fn halt(e: serde_json::Error) -> StreamError {
    let text = e.to_string();
    if text.starts_with(OUT_OF_ORDER) {
        StreamError::OutOfOrder
    } else if text.starts_with(STOPPED) {
        StreamError::Stopped
    } else {
        StreamError::Format(text)
    }
}

struct Top<'f> {
    on: &'f mut dyn FnMut(Part) -> bool,
}

impl<'de> serde::de::Visitor<'de> for Top<'_> {
    type Value = PortfolioDocument;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a folio document")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        const FIELDS: &[&str] = &[
            "format",
            "version",
            "profile",
            "frameworks",
            "entries",
            "ratings",
            "goals",
            "actions",
            "mentors",
            "settings",
            "conflicts",
            "outbox",
        ];
        let on = self.on;
        let mut rest = PortfolioDocument::empty();
        let (mut format, mut version, mut frameworks_seen) = (None::<String>, None::<u32>, false);
        while let Some(key) = map.next_key::<String>()? {
            if key == "format" {
                format = Some(map.next_value()?);
                continue;
            }
            if key == "version" {
                version = Some(map.next_value()?);
                continue;
            }
            if format.as_deref() != Some(FORMAT) || version != Some(VERSION) {
                return Err(A::Error::custom(OUT_OF_ORDER));
            }
            let handed = match key.as_str() {
                "profile" => on(Part::Profile(Box::new(map.next_value()?))),
                "frameworks" => {
                    frameworks_seen = true;
                    on(Part::Frameworks(map.next_value()?))
                }
                "entries" if !frameworks_seen => return Err(A::Error::custom(OUT_OF_ORDER)),
                "entries" => {
                    map.next_value_seed(Entries { on: &mut *on })?;
                    true
                }
                "ratings" => {
                    rest.ratings = map.next_value()?;
                    true
                }
                "goals" => {
                    rest.goals = map.next_value()?;
                    true
                }
                "actions" => {
                    rest.actions = map.next_value()?;
                    true
                }
                "mentors" => {
                    rest.mentors = map.next_value()?;
                    true
                }
                "settings" => {
                    rest.settings = map.next_value()?;
                    true
                }
                "conflicts" => {
                    rest.conflicts = map.next_value()?;
                    true
                }
                "outbox" => {
                    rest.outbox = map.next_value()?;
                    true
                }
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            };
            if !handed {
                return Err(A::Error::custom(STOPPED));
            }
        }
        if format.is_none() || version.is_none() {
            return Err(A::Error::custom(OUT_OF_ORDER));
        }
        Ok(rest)
    }
}

/// The entries array, handed over one entry at a time.
struct Entries<'f> {
    on: &'f mut dyn FnMut(Part) -> bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Entries<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Entries<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(entry) = seq.next_element::<DocEntry>()? {
            if !(self.on)(Part::Entry(n, Box::new(entry))) {
                return Err(serde::de::Error::custom(STOPPED));
            }
            n += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streams `text`, recording what was handed over; `stop_at` refuses that entry.
    fn streamed(text: &str, stop_at: Option<usize>) -> (Result<PortfolioDocument, StreamError>, Vec<String>) {
        let mut seen = Vec::new();
        let result = stream(text.as_bytes(), &mut |part| {
            match part {
                Part::Profile(p) => seen.push(format!("profile {}", p.name.unwrap_or_default())),
                Part::Frameworks(f) => seen.push(format!("{} frameworks", f.len())),
                Part::Entry(n, e) => {
                    if stop_at == Some(n) {
                        return false;
                    }
                    seen.push(format!("entry {n} {}", e.fields.title));
                }
            }
            true
        });
        (result, seen)
    }

    const ENTRY: &str = r#"{"uuid": "u1", "kind": "reflection", "title": "One", "date": "2024",
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}"#;

    #[test]
    fn a_document_in_folios_order_is_handed_over_a_part_at_a_time() {
        let text = format!(
            r#"{{"format": "folio-portfolio", "version": 1, "profile": {{"name": "Ada"}}, "frameworks": [],
            "entries": [{ENTRY}, {}], "ratings": [], "goals": [], "actions": [], "mentors": []}}"#,
            ENTRY.replace("u1", "u2").replace("One", "Two")
        );
        let (result, seen) = streamed(&text, None);
        assert!(result.unwrap().entries.is_empty(), "entries are handed over, not kept");
        assert_eq!(seen, ["profile Ada", "0 frameworks", "entry 0 One", "entry 1 Two"]);
        let (result, seen) = streamed(&text, Some(1));
        assert_eq!(result.unwrap_err(), StreamError::Stopped);
        assert_eq!(seen.len(), 3, "nothing after the refused entry");
    }

    #[test]
    fn other_orders_and_bad_documents_are_told_apart() {
        let entries_first = format!(
            r#"{{"format": "folio-portfolio", "version": 1, "entries": [{ENTRY}], "frameworks": []}}"#
        );
        assert_eq!(streamed(&entries_first, None).0.unwrap_err(), StreamError::OutOfOrder);
        let header_last = r#"{"profile": {}, "format": "folio-portfolio", "version": 1}"#;
        assert_eq!(streamed(header_last, None).0.unwrap_err(), StreamError::OutOfOrder);
        let other_version = r#"{"format": "folio-portfolio", "version": 9, "profile": {}}"#;
        assert_eq!(streamed(other_version, None).0.unwrap_err(), StreamError::OutOfOrder, "parse() says why");
        let unknown = r#"{"format": "folio-portfolio", "version": 1, "extra": 1}"#;
        assert!(
            matches!(streamed(unknown, None).0, Err(StreamError::Format(e)) if e.contains("unknown field `extra`"))
        );
        let cut = r#"{"format": "folio-portfolio", "version": 1, "frameworks": [], "entries": ["#;
        assert!(matches!(streamed(cut, None).0, Err(StreamError::Format(_))));
        let trailing = r#"{"format": "folio-portfolio", "version": 1} {"#;
        assert!(matches!(streamed(trailing, None).0, Err(StreamError::Format(_))));
        let (only_header, seen) = streamed(r#"{"format": "folio-portfolio", "version": 1}"#, None);
        assert!(only_header.is_ok() && seen.is_empty());
    }

    #[test]
    fn errors_name_the_field() {
        let text = r#"{"format": "folio-portfolio", "version": 1, "entries": [{"uuid": "u", "kind": "diary",
            "title": "t", "date": "2024", "created_at": "x", "updated_at": "x"}]}"#;
        let err = parse(text).unwrap_err().0;
        assert!(err.starts_with("at entries[0].kind:") && err.contains("unknown variant `diary`"), "{err}");
        let text = r#"{"format": "folio-portfolio", "version": 1, "entries": [{"uuid": "u", "kind": "role",
            "title": "t", "date": "2024", "hours": 3, "created_at": "x", "updated_at": "x"}]}"#;
        let err = parse(text).unwrap_err().0;
        assert!(
            err.starts_with("at entries[0]:") && err.contains("--hours does not apply to a role"),
            "{err}"
        );
        assert!(parse(r#"{"format": "folio-portfolio", "version": 9}"#).unwrap_err().0.contains("version 9"));
        assert!(parse(r#"{"a": 1}"#).unwrap_err().0.contains("not a folio document"));
        assert!(parse("{").unwrap_err().0.contains("invalid JSON"));
        assert_eq!(
            parse(r#"{"format": "folio-portfolio", "version": 1}"#).unwrap(),
            PortfolioDocument::empty()
        );
    }
}
