//! The kinds of entry a portfolio holds and which extra fields each takes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What an entry records.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// Something you did well, best told as a STAR story
    Achievement,
    /// A degree, diploma or other award, with a grade
    Qualification,
    /// A certificate with a credential id, URL and expiry
    Certificate,
    /// A course or event attended, counted in CPD hours
    Course,
    /// A post of responsibility held
    Role,
    /// A reflection on learning or experience
    Reflection,
    /// Feedback received from someone
    Feedback,
    /// A mentoring or review meeting
    Meeting,
    /// A standalone document, observation record or link
    Evidence,
}

/// A kind-specific field, named as its command-line flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindField {
    Hours,
    Participatory,
    CredentialId,
    Url,
    Expires,
    Grade,
    From,
    Template,
    Section,
}

impl KindField {
    pub fn flag(self) -> &'static str {
        match self {
            KindField::Hours => "--hours",
            KindField::Participatory => "--participatory",
            KindField::CredentialId => "--credential-id",
            KindField::Url => "--url",
            KindField::Expires => "--expires",
            KindField::Grade => "--grade",
            KindField::From => "--from",
            KindField::Template => "--template",
            KindField::Section => "--section",
        }
    }
}

impl EntryKind {
    pub const ALL: [EntryKind; 9] = [
        EntryKind::Achievement,
        EntryKind::Qualification,
        EntryKind::Certificate,
        EntryKind::Course,
        EntryKind::Role,
        EntryKind::Reflection,
        EntryKind::Feedback,
        EntryKind::Meeting,
        EntryKind::Evidence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Achievement => "achievement",
            EntryKind::Qualification => "qualification",
            EntryKind::Certificate => "certificate",
            EntryKind::Course => "course",
            EntryKind::Role => "role",
            EntryKind::Reflection => "reflection",
            EntryKind::Feedback => "feedback",
            EntryKind::Meeting => "meeting",
            EntryKind::Evidence => "evidence",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(text))
    }

    /// Whether this kind takes the given kind-specific field.
    pub fn allows(self, field: KindField) -> bool {
        use KindField as F;
        match field {
            F::Hours | F::Participatory => self == EntryKind::Course,
            F::CredentialId | F::Url | F::Expires => self == EntryKind::Certificate,
            F::Grade => self == EntryKind::Qualification,
            F::From => self == EntryKind::Feedback,
            F::Template | F::Section => matches!(self, EntryKind::Reflection | EntryKind::Achievement),
        }
    }

    /// The kinds that take a field, for error messages.
    pub fn kinds_allowing(field: KindField) -> Vec<&'static str> {
        Self::ALL.into_iter().filter(|k| k.allows(field)).map(Self::as_str).collect()
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EntryKind::parse("COURSE"), Some(EntryKind::Course));
        assert_eq!(EntryKind::parse("diary"), None);
    }

    #[test]
    fn fields_belong_to_their_kinds() {
        assert!(EntryKind::Course.allows(KindField::Hours));
        assert!(!EntryKind::Role.allows(KindField::Hours));
        assert_eq!(EntryKind::kinds_allowing(KindField::Template), ["achievement", "reflection"]);
    }
}
