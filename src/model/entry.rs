//! The entry — the unit of the portfolio — and the fields a user writes.
//!
//! [`Entry`] is what is stored and shown (its serde shape is the documented
//! `--json` shape); [`EntryFields`] is what a user can write: the fields
//! every kind has, and the kind's own [`KindDetails`]. `add` builds fields
//! from flags, `edit` changes a stored entry's, imports read them from a
//! document, and all call [`EntryFields::validate`], so the rules live here.

use serde::{Deserialize, Serialize};

use super::assessment::{Claim, Verdict};
use super::date::PartialDate;
use super::ids::EntryId;
use super::kind::{EntryKind, KindDetails, KindValues, NotForKind};
use super::kind_field::tidy_doi;
use super::template::{Template, heading_for};

/// A stored entry with everything attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub uuid: String,
    #[serde(flatten)]
    pub fields: EntryFields,
    pub attachments: Vec<Attachment>,
    /// The competencies this entry is evidence for.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Assessors' verdicts on it, newest first.
    #[serde(default)]
    pub verdicts: Vec<Verdict>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

/// One named section of a templated entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The stored key, e.g. `action-plan`.
    pub name: String,
    pub text: String,
}

/// A file attached to an entry; the bytes live once per SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub media_type: String,
}

impl Entry {
    /// An entry of these fields with nothing attached, as stored under `id`
    /// (for tests of what reads entries).
    #[cfg(test)]
    pub fn bare(id: i64, fields: EntryFields) -> Self {
        Self {
            id: EntryId(id),
            uuid: format!("u{id}"),
            fields,
            attachments: Vec::new(),
            claims: Vec::new(),
            verdicts: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    pub fn kind(&self) -> EntryKind {
        self.fields.kind()
    }

    /// The heading of a section as the template names it.
    pub fn section_heading(&self, key: &str) -> String {
        heading_for(self.fields.details.template(), key)
    }
}

/// The writable fields of an entry. Serialised flat, as [`FieldsRecord`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "FieldsRecord", try_from = "FieldsRecord")]
pub struct EntryFields {
    pub title: String,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub organisation: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    /// The UUIDs of the entries this one is about (a reflection on a course,
    /// evidence for a role), sorted, each once.
    pub about: Vec<String>,
    pub private: bool,
    /// What only this kind of entry has; it also says the kind.
    pub details: KindDetails,
}

/// [`EntryFields`] flat, as the folio JSON document and `--json` spell them,
/// the table stores them and the flags set them: every kind-specific field
/// is optional here, whatever the kind. Read by `entry_record.rs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldsRecord {
    pub kind: EntryKind,
    pub title: String,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub organisation: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    pub private: bool,
    /// The kind-specific fields, declared in `kind_field.rs`.
    #[serde(flatten)]
    pub values: KindValues,
}

impl FieldsRecord {
    /// An evidence record with nothing in it, to fill in.
    pub fn blank() -> Self {
        Self {
            kind: EntryKind::Evidence,
            title: String::new(),
            date: PartialDate::day(chrono::NaiveDate::MIN),
            end_date: None,
            organisation: None,
            body: String::new(),
            tags: Vec::new(),
            about: Vec::new(),
            private: false,
            values: KindValues::default(),
        }
    }
}

impl From<EntryFields> for FieldsRecord {
    fn from(fields: EntryFields) -> Self {
        Self {
            title: fields.title,
            date: fields.date,
            end_date: fields.end_date,
            organisation: fields.organisation,
            body: fields.body,
            tags: fields.tags,
            about: fields.about,
            private: fields.private,
            kind: fields.details.kind(),
            values: fields.details.values().clone(),
        }
    }
}

impl EntryFields {
    /// The fields of a record, the kind's own as far as the kind takes them;
    /// for data already validated once (the table), not for input.
    pub fn from_record_lenient(record: FieldsRecord) -> Self {
        let details = KindDetails::keep(record.kind, record.values.clone());
        Self::with_details(record, details)
    }

    fn with_details(record: FieldsRecord, details: KindDetails) -> Self {
        Self {
            details,
            title: record.title,
            date: record.date,
            end_date: record.end_date,
            organisation: record.organisation,
            body: record.body,
            tags: record.tags,
            about: record.about,
            private: record.private,
        }
    }
}

impl TryFrom<FieldsRecord> for EntryFields {
    type Error = DraftError;

    /// Checks a record from outside: no field of another kind, every rule kept.
    fn try_from(record: FieldsRecord) -> Result<Self, DraftError> {
        let details = KindDetails::new(record.kind, record.values.clone())?;
        let mut fields = Self::with_details(record, details);
        fields.validate()?;
        Ok(fields)
    }
}

/// The most hours one entry may count: more is a typo, not a course.
pub const MAX_HOURS: f64 = 10_000.0;

/// A rule an entry broke; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DraftError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{flag} does not apply to a {kind} entry (it is for: {allowed})")]
    FieldNotForKind { flag: &'static str, kind: EntryKind, allowed: String },
    #[error("the end date {end} is before the start date {start}")]
    EndBeforeStart { start: PartialDate, end: PartialDate },
    #[error("hours must be a number from 0 to 10,000, not {0}")]
    BadHours(f64),
    #[error("'{name}' is not a section of the {template} template (its sections: {known})")]
    UnknownSection { name: String, template: &'static str, known: String },
    #[error("sections need a template: add --template gibbs|rolfe|star")]
    SectionsWithoutTemplate,
    #[error("a tag cannot be empty or contain spaces: '{0}'")]
    BadTag(String),
    #[error("'{0}' is not an entry's UUID (about names entries by UUID)")]
    BadAbout(String),
}

impl From<NotForKind> for DraftError {
    fn from(e: NotForKind) -> Self {
        DraftError::FieldNotForKind { flag: e.field.flag(), kind: e.kind, allowed: e.allowed() }
    }
}

impl EntryFields {
    /// Every piece of free text the user wrote, by field name (a section by
    /// its key), for the identifier check to read and redact.
    pub fn each_text_mut(&mut self, f: &mut dyn FnMut(&str, &mut String)) {
        f("title", &mut self.title);
        f("body", &mut self.body);
        if let Some(organisation) = &mut self.organisation {
            f("organisation", organisation);
        }
        self.details.each_text_mut(f);
    }
}

impl EntryFields {
    /// Fields with only a title and a date; the kind's data is empty.
    pub fn new(kind: EntryKind, title: impl Into<String>, date: PartialDate) -> Self {
        Self {
            title: title.into(),
            date,
            end_date: None,
            organisation: None,
            body: String::new(),
            tags: Vec::new(),
            about: Vec::new(),
            private: false,
            details: KindDetails::empty(kind),
        }
    }

    pub fn kind(&self) -> EntryKind {
        self.details.kind()
    }

    /// When it happened, as a range if it has an end.
    pub fn period(&self) -> String {
        super::format::date_range(self.date, self.end_date)
    }

    /// Checks every rule and puts sections into template order, with keys normalised.
    pub fn validate(&mut self) -> Result<(), DraftError> {
        self.title = self.title.trim().to_string();
        if self.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if let Some(end) = self.end_date
            && end.last_day() < self.date.first_day()
        {
            return Err(DraftError::EndBeforeStart { start: self.date, end });
        }
        for hours in [self.details.hours(), self.details.practice_hours()].into_iter().flatten() {
            if !(0.0..=MAX_HOURS).contains(&hours) {
                return Err(DraftError::BadHours(hours));
            }
        }
        if let Some(typed) = self.details.doi() {
            let doi = Some(tidy_doi(typed)).filter(|d| !d.is_empty());
            self.details.change(|v| v.doi = doi)?;
        }
        if let Some((template, sections)) = self.details.written_mut() {
            normalise_sections(template, sections)?;
        }
        self.normalise_tags()?;
        self.normalise_about()
    }

    /// Links sorted and each once, so two copies of the same links compare equal.
    fn normalise_about(&mut self) -> Result<(), DraftError> {
        for uuid in &mut self.about {
            let trimmed = uuid.trim().to_string();
            if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(DraftError::BadAbout(uuid.clone()));
            }
            *uuid = trimmed;
        }
        self.about.sort();
        self.about.dedup();
        Ok(())
    }

    fn normalise_tags(&mut self) -> Result<(), DraftError> {
        let mut tags: Vec<String> = Vec::new();
        for tag in &self.tags {
            let tag = tag.trim().trim_start_matches('#').trim_start_matches('@');
            if tag.is_empty() || tag.chars().any(char::is_whitespace) {
                return Err(DraftError::BadTag(tag.to_string()));
            }
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                tags.push(tag.to_string());
            }
        }
        self.tags = tags;
        Ok(())
    }
}

fn normalise_sections(
    template: &mut Option<Template>,
    sections: &mut Vec<Section>,
) -> Result<(), DraftError> {
    if sections.is_empty() {
        return Ok(());
    }
    let chosen = match *template {
        Some(t) => t,
        None => Template::infer(sections.iter().map(|s| s.name.as_str()))
            .ok_or(DraftError::SectionsWithoutTemplate)?,
    };
    *template = Some(chosen);
    let mut ordered: Vec<Section> = Vec::with_capacity(sections.len());
    for section in sections.drain(..) {
        let spec = chosen.section(&section.name).ok_or_else(|| DraftError::UnknownSection {
            name: section.name.clone(),
            template: chosen.as_str(),
            known: chosen.sections().iter().map(|s| s.key).collect::<Vec<_>>().join(", "),
        })?;
        // A later --section of the same name replaces the earlier one.
        ordered.retain(|s| s.name != spec.key);
        if !section.text.trim().is_empty() {
            ordered.push(Section { name: spec.key.to_string(), text: section.text });
        }
    }
    ordered.sort_by_key(|s| chosen.position(&s.name));
    *sections = ordered;
    Ok(())
}

#[cfg(test)]
#[path = "entry_tests.rs"]
mod tests;
