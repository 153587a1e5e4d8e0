//! Reading a folio JSON document, with errors that say where in the file.

use super::FormatError;
use crate::model::FieldsRecord;
use crate::model::document::{FORMAT, PortfolioDocument, VERSION};

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

#[cfg(test)]
mod tests {
    use super::*;

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
