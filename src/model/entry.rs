//! The entry — the unit of the portfolio — and the draft it is written from.
//!
//! [`Entry`] is what is stored and shown (its serde shape is the documented
//! `--json` shape); [`EntryDraft`] is the set of fields a user can write.
//! `add` builds a draft from flags, `edit` loads one from an entry and changes
//! it, and both call [`EntryDraft::validate`] so the rules live in one place.

use serde::{Deserialize, Serialize};

use super::assessment::{Claim, Verdict};
use super::date::PartialDate;
use super::kind::{EntryKind, KindField};
use super::template::{Template, heading_for};

/// A stored entry with everything attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub uuid: String,
    pub kind: EntryKind,
    pub title: String,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub organisation: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub private: bool,
    pub hours: Option<f64>,
    pub participatory: Option<bool>,
    pub credential_id: Option<String>,
    pub url: Option<String>,
    pub expires: Option<PartialDate>,
    pub grade: Option<String>,
    pub from: Option<String>,
    pub template: Option<Template>,
    pub sections: Vec<Section>,
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
    /// The heading of a section as the template names it.
    pub fn section_heading(&self, key: &str) -> String {
        heading_for(self.template, key)
    }
}

/// The writable fields of an entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryDraft {
    pub kind: Option<EntryKind>,
    pub title: String,
    pub body: String,
    pub date: Option<PartialDate>,
    pub end_date: Option<PartialDate>,
    pub organisation: Option<String>,
    pub tags: Vec<String>,
    pub private: bool,
    pub hours: Option<f64>,
    pub participatory: Option<bool>,
    pub credential_id: Option<String>,
    pub url: Option<String>,
    pub expires: Option<PartialDate>,
    pub grade: Option<String>,
    pub from: Option<String>,
    pub template: Option<Template>,
    /// Section keys and texts, in template order once validated.
    pub sections: Vec<Section>,
}

/// A rule an entry broke; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DraftError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{flag} does not apply to a {kind} entry (it is for: {allowed})")]
    FieldNotForKind { flag: &'static str, kind: EntryKind, allowed: String },
    #[error("the end date {end} is before the start date {start}")]
    EndBeforeStart { start: PartialDate, end: PartialDate },
    #[error("hours must be a number of 0 or more, not {0}")]
    BadHours(f64),
    #[error("'{name}' is not a section of the {template} template (its sections: {known})")]
    UnknownSection { name: String, template: &'static str, known: String },
    #[error("sections need a template: add --template gibbs|rolfe|star")]
    SectionsWithoutTemplate,
    #[error("a tag cannot be empty or contain spaces: '{0}'")]
    BadTag(String),
}

impl EntryDraft {
    /// Checks every rule and puts sections into template order, with keys normalised.
    pub fn validate(&mut self) -> Result<(), DraftError> {
        let kind = self.kind.unwrap_or(EntryKind::Evidence);
        self.title = self.title.trim().to_string();
        if self.title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        self.check_fields_belong(kind)?;
        if let (Some(start), Some(end)) = (self.date, self.end_date) {
            if end.last_day() < start.first_day() {
                return Err(DraftError::EndBeforeStart { start, end });
            }
        }
        if let Some(hours) = self.hours {
            if !hours.is_finite() || hours < 0.0 {
                return Err(DraftError::BadHours(hours));
            }
        }
        self.normalise_sections()?;
        self.normalise_tags()
    }

    fn check_fields_belong(&self, kind: EntryKind) -> Result<(), DraftError> {
        let present = [
            (KindField::Hours, self.hours.is_some()),
            (KindField::Participatory, self.participatory == Some(true)),
            (KindField::CredentialId, self.credential_id.is_some()),
            (KindField::Url, self.url.is_some()),
            (KindField::Expires, self.expires.is_some()),
            (KindField::Grade, self.grade.is_some()),
            (KindField::From, self.from.is_some()),
            (KindField::Template, self.template.is_some()),
            (KindField::Section, !self.sections.is_empty()),
        ];
        for (field, is_set) in present {
            if is_set && !kind.allows(field) {
                return Err(DraftError::FieldNotForKind {
                    flag: field.flag(),
                    kind,
                    allowed: EntryKind::kinds_allowing(field).join(", "),
                });
            }
        }
        Ok(())
    }

    fn normalise_sections(&mut self) -> Result<(), DraftError> {
        if self.sections.is_empty() {
            return Ok(());
        }
        let template = match self.template {
            Some(t) => t,
            None => Template::infer(self.sections.iter().map(|s| s.name.as_str()))
                .ok_or(DraftError::SectionsWithoutTemplate)?,
        };
        self.template = Some(template);
        let mut ordered: Vec<Section> = Vec::with_capacity(self.sections.len());
        for section in self.sections.drain(..) {
            let spec = template.section(&section.name).ok_or_else(|| DraftError::UnknownSection {
                name: section.name.clone(),
                template: template.as_str(),
                known: template.sections().iter().map(|s| s.key).collect::<Vec<_>>().join(", "),
            })?;
            // A later --section of the same name replaces the earlier one.
            ordered.retain(|s| s.name != spec.key);
            if !section.text.trim().is_empty() {
                ordered.push(Section { name: spec.key.to_string(), text: section.text });
            }
        }
        ordered.sort_by_key(|s| template.position(&s.name));
        self.sections = ordered;
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

impl From<&Entry> for EntryDraft {
    fn from(entry: &Entry) -> Self {
        Self {
            kind: Some(entry.kind),
            title: entry.title.clone(),
            body: entry.body.clone(),
            date: Some(entry.date),
            end_date: entry.end_date,
            organisation: entry.organisation.clone(),
            tags: entry.tags.clone(),
            private: entry.private,
            hours: entry.hours,
            participatory: entry.participatory,
            credential_id: entry.credential_id.clone(),
            url: entry.url.clone(),
            expires: entry.expires,
            grade: entry.grade.clone(),
            from: entry.from.clone(),
            template: entry.template,
            sections: entry.sections.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: EntryKind) -> EntryDraft {
        EntryDraft { kind: Some(kind), title: "A title".into(), ..Default::default() }
    }

    fn section(name: &str, text: &str) -> Section {
        Section { name: name.into(), text: text.into() }
    }

    #[test]
    fn a_field_of_another_kind_is_refused() {
        let mut d = draft(EntryKind::Role);
        d.hours = Some(3.0);
        let err = d.validate().unwrap_err();
        assert_eq!(err.to_string(), "--hours does not apply to a role entry (it is for: course)");
    }

    #[test]
    fn end_before_start_is_refused_but_same_month_is_fine() {
        let mut d = draft(EntryKind::Role);
        d.date = Some("2024-05-10".parse().unwrap());
        d.end_date = Some("2024-05".parse().unwrap());
        d.validate().unwrap();
        d.end_date = Some("2024-04-30".parse().unwrap());
        assert!(matches!(d.validate(), Err(DraftError::EndBeforeStart { .. })));
    }

    #[test]
    fn negative_hours_are_refused() {
        let mut d = draft(EntryKind::Course);
        d.hours = Some(-1.0);
        assert_eq!(d.validate(), Err(DraftError::BadHours(-1.0)));
    }

    #[test]
    fn sections_are_ordered_and_infer_their_template() {
        let mut d = draft(EntryKind::Reflection);
        d.sections = vec![section("now what", "next"), section("What?", "it happened")];
        d.validate().unwrap();
        assert_eq!(d.template, Some(Template::Rolfe));
        assert_eq!(d.sections, vec![section("what", "it happened"), section("now-what", "next")]);
    }

    #[test]
    fn a_section_not_in_the_template_is_refused() {
        let mut d = draft(EntryKind::Achievement);
        d.template = Some(Template::Star);
        d.sections = vec![section("feelings", "nervous")];
        let err = d.validate().unwrap_err().to_string();
        assert!(err.contains("not a section of the star template"), "{err}");
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        let mut d = draft(EntryKind::Meeting);
        d.tags = vec!["#Mentoring".into(), "mentoring".into(), "@nhs".into()];
        d.validate().unwrap();
        assert_eq!(d.tags, ["Mentoring", "nhs"]);
        d.tags = vec!["two words".into()];
        assert!(d.validate().is_err());
    }
}
