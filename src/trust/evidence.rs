//! The evidence digest: what a signed verdict says it judged. A SHA-256
//! over the RFC 8785 canonical JSON of the entry's content —
//!
//! ```json
//! {"attachments":["<sha256>",…],"body":"…","claims":["emcc/…",…],
//!  "date":"2026-03-14","sections":[{"name":"…","text":"…"}],"title":"…"}
//! ```
//!
//! — with the claims' references and the attachments' SHA-256s sorted, so
//! the same content gives the same digest in any copy, file or order. Kind
//! fields, tags, privacy and stamps are not judged and not covered.

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::model::document::DocEntry;
use crate::model::{Entry, EntryFields};

/// How `digest` is made, named in every credential that carries one.
pub const METHOD: &str = "folio-evidence-1: SHA-256 of RFC 8785 JSON of title, date, body, sections, sorted claim references, sorted attachment SHA-256s";

fn digest<'a>(
    fields: &EntryFields,
    claims: impl Iterator<Item = &'a str>,
    attachments: impl Iterator<Item = &'a str>,
) -> String {
    let mut claims: Vec<&str> = claims.collect();
    claims.sort_unstable();
    let mut attachments: Vec<String> = attachments.map(str::to_ascii_lowercase).collect();
    attachments.sort_unstable();
    let sections: Vec<_> =
        fields.details.sections().iter().map(|s| json!({"name": s.name, "text": s.text})).collect();
    let content = json!({
        "title": fields.title,
        "date": fields.date.to_string(),
        "body": fields.body,
        "sections": sections,
        "claims": claims,
        "attachments": attachments,
    });
    let canonical = serde_json_canonicalizer::to_vec(&content).unwrap_or_default();
    hex::encode(Sha256::digest(canonical))
}

/// The evidence digest of an entry as storage holds it.
pub fn of_entry(entry: &Entry) -> String {
    digest(
        &entry.fields,
        entry.claims.iter().map(|c| c.reference.as_str()),
        entry.attachments.iter().map(|a| a.sha256.as_str()),
    )
}

/// The evidence digest of an entry's fields alone (no claims, no files):
/// a feedback entry before it is stored.
pub fn of_fields(fields: &EntryFields) -> String {
    digest(fields, std::iter::empty(), std::iter::empty())
}

/// The evidence digest of an entry as a folio JSON document (or a PDF's
/// embedded data) holds it.
pub fn of_document_entry(entry: &DocEntry) -> String {
    digest(
        &entry.fields,
        entry.claims.iter().map(|c| c.reference.as_str()),
        entry.attachments.iter().map(|a| a.sha256.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryKind, PartialDate};

    fn entry(body: &str) -> DocEntry {
        let date: PartialDate = "2026-03-14".parse().unwrap();
        let mut fields = EntryFields::new(EntryKind::Reflection, "Contracting", date);
        fields.body = body.into();
        DocEntry::new("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b".into(), fields, "2026-03-14T10:00:00Z".into())
    }

    #[test]
    fn the_digest_is_of_the_content_only_and_known_by_hand() {
        let plain = entry("I agreed the contract.");
        // sha256 of {"attachments":[],"body":"I agreed the contract.","claims":[],"date":"2026-03-14","sections":[],"title":"Contracting"}
        let by_hand = hex::encode(Sha256::digest(
            br#"{"attachments":[],"body":"I agreed the contract.","claims":[],"date":"2026-03-14","sections":[],"title":"Contracting"}"#,
        ));
        assert_eq!(of_document_entry(&plain), by_hand);
        let mut tagged = plain.clone();
        tagged.fields.tags.push("coaching".into());
        tagged.updated_at = "2027-01-01T00:00:00Z".into();
        assert_eq!(of_document_entry(&tagged), by_hand, "tags and stamps are not judged");
        assert_ne!(of_document_entry(&entry("I agreed the contract!")), by_hand);
    }
}
