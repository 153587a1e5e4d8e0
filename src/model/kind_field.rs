//! The kind-specific fields by the flag that sets them (`--hours`,
//! `--expires`…): which are set in a flat record, and which kinds take each
//! — asked of [`KindDetails::keep`], the one home of that rule, so error
//! messages can name the kinds.

use super::entry::{FieldsRecord, Section};
use super::kind::{EntryKind, KindDetails};
use super::template::Template;

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
    With,
    Prompt,
    Method,
    Relevance,
    Standard,
    PracticeHours,
}

impl KindField {
    pub const ALL: [KindField; 15] = [
        KindField::Hours,
        KindField::Participatory,
        KindField::CredentialId,
        KindField::Url,
        KindField::Expires,
        KindField::Grade,
        KindField::From,
        KindField::Template,
        KindField::Section,
        KindField::With,
        KindField::Prompt,
        KindField::Method,
        KindField::Relevance,
        KindField::Standard,
        KindField::PracticeHours,
    ];

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
            KindField::With => "--with",
            KindField::Prompt => "--prompt",
            KindField::Method => "--method",
            KindField::Relevance => "--relevance",
            KindField::Standard => "--standard",
            KindField::PracticeHours => "--practice-hours",
        }
    }

    /// The kinds that take this field, for error messages.
    pub fn kinds(self) -> Vec<&'static str> {
        let probe = FieldsRecord::probe(self);
        EntryKind::ALL
            .iter()
            .filter(|kind| KindDetails::keep(**kind, &probe).to_record().is_set(self))
            .map(|kind| kind.as_str())
            .collect()
    }
}

impl FieldsRecord {
    /// Whether a field holds a value (`participatory: false` counts as unset).
    pub fn is_set(&self, field: KindField) -> bool {
        match field {
            KindField::Hours => self.hours.is_some(),
            KindField::Participatory => self.participatory == Some(true),
            KindField::CredentialId => self.credential_id.is_some(),
            KindField::Url => self.url.is_some(),
            KindField::Expires => self.expires.is_some(),
            KindField::Grade => self.grade.is_some(),
            KindField::From => self.from.is_some(),
            KindField::Template => self.template.is_some(),
            KindField::Section => !self.sections.is_empty(),
            KindField::With => self.with.is_some(),
            KindField::Prompt => self.prompt.is_some(),
            KindField::Method => self.method.is_some(),
            KindField::Relevance => self.relevance.is_some(),
            KindField::Standard => !self.standards.is_empty(),
            KindField::PracticeHours => self.practice_hours.is_some(),
        }
    }

    /// A record with only `field` set, to ask which kinds keep it.
    fn probe(field: KindField) -> Self {
        let text = || Some(String::from("x"));
        let mut fields = FieldsRecord::blank();
        match field {
            KindField::Hours => fields.hours = Some(1.0),
            KindField::Participatory => fields.participatory = Some(true),
            KindField::CredentialId => fields.credential_id = text(),
            KindField::Url => fields.url = text(),
            KindField::Expires => fields.expires = "2000".parse().ok(),
            KindField::Grade => fields.grade = text(),
            KindField::From => fields.from = text(),
            KindField::Template => fields.template = Some(Template::Star),
            KindField::Section => fields.sections = vec![Section { name: "x".into(), text: "x".into() }],
            KindField::With => fields.with = text(),
            KindField::Prompt => fields.prompt = text(),
            KindField::Method => fields.method = text(),
            KindField::Relevance => fields.relevance = text(),
            KindField::Standard => fields.standards = vec!["x".into()],
            KindField::PracticeHours => fields.practice_hours = Some(1.0),
        }
        fields
    }
}

/// A field given for a kind that does not take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotForKind {
    pub field: KindField,
    pub kind: EntryKind,
}
