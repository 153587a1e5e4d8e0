//! Reading files written by folio and by other tools.
//!
//! Each format is one module that turns bytes into model types and a list
//! of notes on what it skipped; nothing here touches the portfolio.

pub mod archive;
pub mod badge;
pub mod case;
pub mod dayone;
pub mod document;
pub mod folio_json;
pub mod framework_toml;
pub mod jrnl;
pub mod json_resume;
pub mod linkedin;
pub mod mahara;
pub mod orcid;
pub mod pdf_data;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::model::{Framework, Profile, ProfileList};

/// A parsed file and what could not be taken from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<T> {
    pub value: T,
    /// Human-readable notes: skipped items, ignored associations…
    pub notes: Vec<String>,
}

pub use crate::model::format_error::FormatError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl ImportError {
    pub fn invalid(path: &Path, message: impl Into<String>) -> Self {
        ImportError::Invalid { path: path.to_path_buf(), message: message.into() }
    }
}

/// Portfolio formats `folio import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    /// folio's own JSON document (`folio export json`)
    Folio,
    /// jrnl's JSON export or its plain-text journal file
    Jrnl,
    /// a resume.json in the JSON Resume schema
    JsonResume,
    /// Open Badges 2.0 or 3.0: a baked PNG or SVG, the JSON, or a JWS (several files at once)
    Badge,
    /// a PDF folio made (`folio export pdf`): the data it carries
    Pdf,
    /// LinkedIn's "Get a copy of your data" export: the ZIP or its folder
    #[value(name = "linkedin")]
    LinkedIn,
    /// an ORCID record (the public record's JSON, API v3.0)
    Orcid,
    /// Day One's JSON export: the ZIP (Journal.json and photos/) or its folder
    #[value(name = "dayone")]
    DayOne,
}

impl PortfolioFormat {
    /// Tells the format from the bytes, not the file name.
    pub fn detect_bytes(bytes: &[u8]) -> Self {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return PortfolioFormat::Badge;
        }
        if bytes.starts_with(b"%PDF-") {
            return PortfolioFormat::Pdf;
        }
        if archive::is_zip(bytes) {
            // Which export it is is told by its files (see `document::read`).
            return PortfolioFormat::LinkedIn;
        }
        let text = String::from_utf8_lossy(bytes);
        let trimmed = without_bom(&text).trim_start();
        if trimmed.starts_with('<') && trimmed.contains("openbadges:") {
            return PortfolioFormat::Badge;
        }
        Self::detect(&text)
    }

    /// Tells the format from the content, not the file name. A JSON file is
    /// read once for its top-level keys, nothing of it kept but `type`.
    pub fn detect(text: &str) -> Self {
        let trimmed = without_bom(text).trim_start();
        if looks_like_jws(trimmed) {
            return PortfolioFormat::Badge;
        }
        if !trimmed.starts_with('{') {
            return PortfolioFormat::Jrnl;
        }
        let Ok(keys) = serde_json::from_str::<TopKeys>(trimmed) else {
            return PortfolioFormat::Folio;
        };
        let types = keys.r#type.map(|t| t.to_string()).unwrap_or_default();
        if types.contains("Assertion") || types.contains("OpenBadgeCredential") {
            PortfolioFormat::Badge
        } else if keys.orcid_identifier.is_some() || keys.activities_summary.is_some() {
            PortfolioFormat::Orcid
        } else if keys.metadata.is_some() && keys.entries.is_some() {
            PortfolioFormat::DayOne
        } else if keys.format.is_some() {
            PortfolioFormat::Folio
        } else if keys.entries.is_some() && keys.tags.is_some() {
            PortfolioFormat::Jrnl
        } else if keys.basics.is_some() || keys.work.is_some() || keys.education.is_some() {
            PortfolioFormat::JsonResume
        } else {
            PortfolioFormat::Folio
        }
    }
}

/// A compact JWS (an Open Badges 3.0 credential): three base64url parts,
/// the first a JSON header (`eyJ…`, the encoding of `{"`).
fn looks_like_jws(text: &str) -> bool {
    let text = text.trim();
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// What `folio import` tries, for the error when nothing fits.
pub const FORMATS_TRIED: &str = "a folio JSON document, a folio PDF, a JSON Resume, an ORCID record, a LinkedIn or \
                                 Day One export (ZIP or folder), an Open Badge (PNG, SVG, JSON or JWS) or a jrnl journal";

/// The top-level keys that tell one JSON format from another; the values
/// are skipped unread (but `type`, which is small).
#[derive(serde::Deserialize)]
struct TopKeys {
    format: Option<serde::de::IgnoredAny>,
    entries: Option<serde::de::IgnoredAny>,
    tags: Option<serde::de::IgnoredAny>,
    basics: Option<serde::de::IgnoredAny>,
    work: Option<serde::de::IgnoredAny>,
    education: Option<serde::de::IgnoredAny>,
    metadata: Option<serde::de::IgnoredAny>,
    #[serde(rename = "orcid-identifier")]
    orcid_identifier: Option<serde::de::IgnoredAny>,
    #[serde(rename = "activities-summary")]
    activities_summary: Option<serde::de::IgnoredAny>,
    r#type: Option<serde_json::Value>,
}

pub use crate::model::format::without_bom;

/// A profile read from elsewhere laid over the stored one: each field it
/// sets replaces the stored one; skills are added to those stored, not replaced.
pub(crate) fn profile_over(stored: Profile, incoming: Profile) -> Profile {
    let mut profile = stored;
    let fields = [
        (incoming.name, &mut profile.name),
        (incoming.headline, &mut profile.headline),
        (incoming.email, &mut profile.email),
        (incoming.phone, &mut profile.phone),
        (incoming.location, &mut profile.location),
        (incoming.summary, &mut profile.summary),
    ];
    for (value, field) in fields {
        if value.is_some() {
            *field = value;
        }
    }
    for (list, items) in [
        (ProfileList::JobSkills, incoming.job_skills),
        (ProfileList::PersonalSkills, incoming.personal_skills),
    ] {
        let stored = list.items_mut(&mut profile);
        for item in items {
            if !stored.contains(&item) {
                stored.push(item);
            }
        }
    }
    profile
}

/// A UUID that is the same every time for the same seed, so re-importing a
/// file from a tool without UUIDs does not duplicate its records.
pub(crate) fn stable_uuid(seed: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, seed.as_bytes()).to_string()
}

/// Framework file formats folio reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameworkFormat {
    Toml,
    Mahara,
    Case,
}

/// Tells the format from the content, not the file name.
pub fn detect_framework_format(text: &str) -> FrameworkFormat {
    let trimmed = without_bom(text).trim_start();
    if !trimmed.starts_with('{') {
        return FrameworkFormat::Toml;
    }
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(value) if value.get("framework").is_some() => FrameworkFormat::Mahara,
        Ok(value) if value.get("CFItems").is_some() || value.get("CFDocument").is_some() => {
            FrameworkFormat::Case
        }
        // Malformed JSON or an unknown shape: let the CASE reader explain.
        _ => FrameworkFormat::Case,
    }
}

/// The framework formats folio reads, for an error when a file is none of them.
pub const FRAMEWORK_FORMATS: &str = "folio TOML, a Mahara SmartEvidence matrix (JSON with a \"framework\" key) \
     or a CASE 1.0 package (JSON with \"CFDocument\" and \"CFItems\")";

/// Reads a framework file in any supported format; `key` overrides the key it names.
pub fn framework_file(path: &Path, key: Option<&str>) -> Result<Imported<Framework>, ImportError> {
    if let Some(too_large) = crate::model::limits::too_large_to_read(path) {
        return Err(ImportError::invalid(path, too_large));
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        ImportError::invalid(path, format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
    })?;
    let text = without_bom(&text);
    let format = detect_framework_format(text);
    let mut imported = match format {
        FrameworkFormat::Toml => framework_toml::parse(text),
        FrameworkFormat::Mahara => mahara::parse(text),
        FrameworkFormat::Case => case::parse(text),
    }
    .map_err(|e| {
        // JSON that is neither Mahara's nor CASE's: say what was looked for.
        let json_of_neither = format == FrameworkFormat::Case
            && serde_json::from_str::<serde_json::Value>(text.trim_start())
                .is_ok_and(|v| v.get("CFDocument").is_none() && v.get("CFItems").is_none());
        if json_of_neither {
            ImportError::invalid(
                path,
                format!("JSON, but none of the framework formats folio reads: {FRAMEWORK_FORMATS}"),
            )
        } else {
            ImportError::invalid(path, e.0)
        }
    })?;
    if let Some(key) = key {
        imported.value.key = key.to_string();
    }
    imported.value.normalise();
    imported.value.validate().map_err(|e| ImportError::invalid(path, e.to_string()))?;
    Ok(imported)
}

/// Makes codes unique by adding `-2`, `-3`…, noting each change.
/// `taken` holds the lower-cased codes already given out.
pub(crate) fn unique_code(wanted: &str, taken: &mut HashSet<String>, notes: &mut Vec<String>) -> String {
    let base = if wanted.is_empty() { "item".to_string() } else { wanted.to_string() };
    let mut code = base.clone();
    let mut n = 2;
    while taken.contains(&code.to_lowercase()) {
        code = format!("{base}-{n}");
        n += 1;
    }
    if code != base {
        notes.push(format!("code '{base}' is used twice; the second is '{code}'"));
    }
    taken.insert(code.to_lowercase());
    code
}

/// Plain text from a description that may hold HTML tags or CRLF line ends.
pub(crate) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("\r\n", "\n").replace("&amp;", "&").replace("&nbsp;", " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect_framework_format("key = \"x\""), FrameworkFormat::Toml);
        assert_eq!(detect_framework_format("{\"framework\": {}}"), FrameworkFormat::Mahara);
        assert_eq!(detect_framework_format(" {\"CFDocument\": {}}"), FrameworkFormat::Case);
    }

    #[test]
    fn html_is_stripped_from_descriptions() {
        assert_eq!(clean_text("NACE <a href=\"x\">Source</a>\r\nok"), "NACE Source\nok");
    }
}
