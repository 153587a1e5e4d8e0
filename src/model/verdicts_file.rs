//! The verdicts file a reviewer downloads from an HTML review pack
//! (`folio share --html`): who judged, what, and the pack it came from.
//! `folio merge` reads it; its shape is documented in `docs/review-pack.md`.
//!
//! Each verdict and the feedback get a UUID derived from the share id and
//! what they say, so merging the same file twice adds nothing, and a file
//! downloaded again after a change of mind adds only what changed.

use serde::{Deserialize, Serialize};

use super::{PartialDate, VerdictKind};

pub const FORMAT: &str = "folio-verdicts";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictsFile {
    pub format: String,
    pub version: u32,
    pub share_id: String,
    pub reviewer: String,
    /// The SHA-256 of the pack's page (with this digest blanked).
    pub pack_sha256: String,
    #[serde(default)]
    pub verdicts: Vec<PackVerdict>,
    /// The reviewer's overall feedback (empty: none).
    #[serde(default)]
    pub feedback: String,
    /// The day the file was downloaded (the feedback's date).
    pub date: PartialDate,
    /// The feedback entry signed by the reviewer (`folio sign`), a Verifiable Credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_credential: Option<serde_json::Value>,
}

/// A verdict on a claim (by the claim's UUID) or on a whole entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackVerdict {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub verdict: VerdictKind,
    #[serde(default)]
    pub comment: String,
    pub date: PartialDate,
    /// What the pack said of the item judged, for `folio sign`: the entry's
    /// UUID (for a claim, the entry that makes it), its title, the claim's
    /// reference and the evidence digest (`docs/trust.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_entry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The verdict signed by its reviewer (`folio sign`), a Verifiable Credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<serde_json::Value>,
}

/// What is wrong with a verdicts file, said in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Malformed(pub String);

impl PackVerdict {
    /// The claim's or the entry's UUID.
    pub fn item(&self) -> &str {
        self.claim.as_deref().or(self.entry.as_deref()).unwrap_or_default()
    }

    /// The comment, none when blank.
    pub fn comment(&self) -> Option<String> {
        Some(self.comment.trim().to_string()).filter(|c| !c.is_empty())
    }
}

impl VerdictsFile {
    /// Reads and checks a verdicts file: its format, a share id and digest
    /// of the right shape, a reviewer, and each verdict on exactly one
    /// claim or entry, once.
    pub fn parse(text: &str) -> Result<Self, Malformed> {
        let file: VerdictsFile = serde_json::from_str(super::format::without_bom(text))
            .map_err(|e| Malformed(format!("not a verdicts file as a review pack writes it ({e})")))?;
        if file.format != FORMAT {
            return Err(Malformed(format!("its format is '{}', not '{FORMAT}'", file.format)));
        }
        if file.version != VERSION {
            return Err(Malformed(format!(
                "version {} is not one this folio reads ({VERSION})",
                file.version
            )));
        }
        if uuid::Uuid::parse_str(&file.share_id).is_err() {
            return Err(Malformed(format!("share id '{}' is not a UUID", file.share_id)));
        }
        if file.pack_sha256.len() != 64 || !file.pack_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Malformed("pack_sha256 is not a SHA-256".into()));
        }
        if file.reviewer.trim().is_empty() {
            return Err(Malformed("it names no reviewer".into()));
        }
        let mut seen = std::collections::HashSet::new();
        for v in &file.verdicts {
            let item = match (&v.claim, &v.entry) {
                (Some(item), None) | (None, Some(item)) => item,
                _ => return Err(Malformed("a verdict must name one claim or one entry".into())),
            };
            if uuid::Uuid::parse_str(item).is_err() {
                return Err(Malformed(format!("'{item}' is not a UUID")));
            }
            if !seen.insert(item.as_str()) {
                return Err(Malformed(format!("two verdicts on {item}")));
            }
        }
        Ok(file)
    }

    fn namespace(&self) -> uuid::Uuid {
        uuid::Uuid::parse_str(&self.share_id).unwrap_or_default()
    }

    /// The stable UUID of a verdict of this file.
    pub fn verdict_uuid(&self, v: &PackVerdict) -> String {
        let name =
            format!("verdict\0{}\0{}\0{}\0{}\0{}", v.item(), v.verdict, v.comment, v.date, self.reviewer);
        uuid::Uuid::new_v5(&self.namespace(), name.as_bytes()).to_string()
    }

    /// The feedback entry this file makes, if it has feedback (unchecked:
    /// the caller validates it).
    pub fn feedback_fields(&self) -> Option<super::EntryFields> {
        use super::{EntryFields, EntryKind, KindDetails, KindValues};
        let text = self.feedback.trim();
        let reviewer = self.reviewer.trim();
        (!text.is_empty()).then(|| EntryFields {
            body: text.to_string(),
            details: KindDetails::keep(
                EntryKind::Feedback,
                KindValues { from: Some(reviewer.to_string()), ..KindValues::default() },
            ),
            ..EntryFields::new(EntryKind::Feedback, format!("Review feedback from {reviewer}"), self.date)
        })
    }

    /// The stable UUID of the feedback entry this file makes.
    pub fn feedback_uuid(&self) -> String {
        let name = format!("feedback\0{}\0{}", self.reviewer, self.feedback.trim());
        uuid::Uuid::new_v5(&self.namespace(), name.as_bytes()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &str = "5b0c3f5e-9d7e-4b7a-8a51-1e2f3a4b5c6d";
    const CLAIM: &str = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";

    fn file(verdicts: &str) -> String {
        format!(
            r#"{{"format":"folio-verdicts","version":1,"share_id":"{SHARE}","reviewer":"Dr Okubo",
            "pack_sha256":"{}","verdicts":[{verdicts}],"feedback":"Well done","date":"2026-03-15"}}"#,
            "ab".repeat(32)
        )
    }

    #[test]
    fn a_good_file_reads_and_its_uuids_are_stable() {
        let text = file(&format!(
            r#"{{"claim":"{CLAIM}","verdict":"accepted","comment":"Clear","date":"2026-03-14"}}"#
        ));
        let parsed = VerdictsFile::parse(&text).unwrap();
        assert_eq!(parsed.verdicts[0].verdict, VerdictKind::Accepted);
        let again = VerdictsFile::parse(&text).unwrap();
        assert_eq!(parsed.verdict_uuid(&parsed.verdicts[0]), again.verdict_uuid(&again.verdicts[0]));
        let mut changed = again.clone();
        changed.verdicts[0].verdict = VerdictKind::NeedsMore;
        assert_ne!(parsed.verdict_uuid(&parsed.verdicts[0]), changed.verdict_uuid(&changed.verdicts[0]));
        assert_ne!(parsed.feedback_uuid(), parsed.verdict_uuid(&parsed.verdicts[0]));
    }

    #[test]
    fn edited_files_are_refused_with_one_line() {
        let cases = [
            ("{", "not a verdicts file"),
            (&file(r#"{"claim":"x","verdict":"accepted","date":"2026-03-14"}"#), "is not a UUID"),
            (
                &file(&format!(r#"{{"claim":"{CLAIM}","verdict":"great","date":"2026-03-14"}}"#)),
                "not a verdicts file",
            ),
            (&file(r#"{"verdict":"accepted","date":"2026-03-14"}"#), "one claim or one entry"),
            (
                &file(&format!(
                    r#"{{"claim":"{CLAIM}","entry":"{CLAIM}","verdict":"accepted","date":"2026-03-14"}}"#
                )),
                "one claim or one entry",
            ),
            (
                &file(&format!(
                    r#"{{"claim":"{CLAIM}","verdict":"accepted","date":"2026-03-14"}},{{"claim":"{CLAIM}","verdict":"needs-more","date":"2026-03-14"}}"#
                )),
                "two verdicts",
            ),
            (&file("").replace("folio-verdicts", "folio-portfolio"), "format"),
            (&file("").replace("Dr Okubo", " "), "no reviewer"),
            (&file("").replace(&"ab".repeat(32), "abc"), "SHA-256"),
            (&file("").replace("\"feedback\"", "\"extra\":1,\"feedback\""), "unknown field"),
        ];
        for (text, said) in cases {
            let error = VerdictsFile::parse(text).unwrap_err().0;
            assert!(error.contains(said), "{text}: {error}");
            assert!(!error.contains('\n'), "one line: {error}");
        }
    }
}
