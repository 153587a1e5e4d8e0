//! The kinds of entry a portfolio holds and the data only some kinds have.
//!
//! Which field belongs to which kind is declared once, in `kind_field.rs`;
//! [`KindDetails`] holds an entry's kind-specific values and keeps that rule:
//! a course has hours, a certificate an expiry, a qualification a grade, and
//! no other combination is ever held. [`KindValues`] is the same data flat,
//! as the folio JSON document, the `--json` output, the command-line flags
//! and the table see it; [`KindDetails::new`] is the way back, and it
//! refuses a field the kind does not take.

use super::entry::Section;
pub use super::kind_field::{FieldType, FieldValue, KindField, KindValues, NotForKind, Storage};
use super::names::named_enum;
use super::template::Template;

named_enum! {
    /// What an entry records.
    pub enum EntryKind ("kind") {
        /// Something you did well, best told as a STAR story
        Achievement = "achievement",
        /// A degree, diploma or other award, with a grade
        Qualification = "qualification",
        /// A certificate with a credential id, URL and expiry
        Certificate = "certificate",
        /// A course or event attended, counted in CPD hours
        Course = "course",
        /// A post of responsibility held
        Role = "role",
        /// A reflection on learning or experience
        Reflection = "reflection",
        /// Feedback received from someone
        Feedback = "feedback",
        /// A mentoring or review meeting
        Meeting = "meeting",
        /// A standalone document, observation record or link
        Evidence = "evidence",
        /// An article, poster, book chapter or talk you wrote or gave
        Publication = "publication",
    }
}

impl EntryKind {
    /// The heading of a section of entries of this kind ("Courses").
    pub fn heading(self) -> &'static str {
        match self {
            EntryKind::Achievement => "Achievements",
            EntryKind::Qualification => "Qualifications",
            EntryKind::Certificate => "Certificates",
            EntryKind::Course => "Courses",
            EntryKind::Role => "Roles",
            EntryKind::Reflection => "Reflections",
            EntryKind::Feedback => "Feedback",
            EntryKind::Meeting => "Meetings",
            EntryKind::Evidence => "Evidence",
            EntryKind::Publication => "Publications",
        }
    }
}

/// What only some kinds of entry have: the kind, and the values of the
/// fields it takes. Every way in ([`KindDetails::new`], [`KindDetails::keep`])
/// empties or refuses the fields of other kinds, so a course can hold hours
/// and a certificate an expiry, and no other combination is ever held.
#[derive(Debug, Clone, PartialEq)]
pub struct KindDetails {
    kind: EntryKind,
    values: KindValues,
}

impl KindDetails {
    /// A kind with none of its optional data.
    pub fn empty(kind: EntryKind) -> Self {
        Self { kind, values: KindValues::default() }
    }

    /// The kind's details, refusing any field the kind does not take.
    pub fn new(kind: EntryKind, values: KindValues) -> Result<Self, NotForKind> {
        match values.foreign_to(kind) {
            Some(field) => Err(NotForKind { field, kind }),
            None => Ok(Self::keep(kind, values)),
        }
    }

    /// The kind's details, dropping any field the kind does not take.
    pub fn keep(kind: EntryKind, mut values: KindValues) -> Self {
        values.keep_only(kind);
        Self { kind, values }
    }

    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The kind's fields, flat (those of other kinds empty).
    pub fn values(&self) -> &KindValues {
        &self.values
    }

    /// Changes the kind's fields through their flat form, keeping the rule.
    pub fn change(&mut self, change: impl FnOnce(&mut KindValues)) -> Result<(), NotForKind> {
        let mut values = self.values.clone();
        change(&mut values);
        *self = Self::new(self.kind, values)?;
        Ok(())
    }

    /// Whether the kind is written in a template's sections.
    pub fn is_written(&self) -> bool {
        KindField::Section.takes(self.kind)
    }

    /// Puts stored sections back (a kind without sections keeps none).
    pub fn set_sections(&mut self, sections: Vec<Section>) {
        if self.is_written() {
            self.values.sections = sections;
        }
    }

    /// The template and sections of a written kind, to put in order.
    pub(super) fn written_mut(&mut self) -> Option<(&mut Option<Template>, &mut Vec<Section>)> {
        self.is_written().then_some((&mut self.values.template, &mut self.values.sections))
    }

    /// Every one-line text and section the identifier check reads, by key.
    pub(super) fn each_text_mut(&mut self, f: &mut dyn FnMut(&str, &mut String)) {
        for field in KindField::ALL.iter().copied().filter(|f| f.is_scanned()) {
            if field == KindField::Section {
                for section in &mut self.values.sections {
                    f(&section.name, &mut section.text);
                }
            } else if let Some(text) = self.values.text_mut(field) {
                f(field.key(), text);
            }
        }
    }

    /// Whether a course was participatory (unknown counts as not).
    pub fn is_participatory(&self) -> bool {
        self.values.participatory == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in EntryKind::ALL {
            assert_eq!(kind.as_str().parse::<EntryKind>(), Ok(*kind));
            assert_eq!(KindDetails::empty(*kind).kind(), *kind);
        }
        assert_eq!("COURSE".parse::<EntryKind>(), Ok(EntryKind::Course));
        assert!("diary".parse::<EntryKind>().is_err());
    }

    #[test]
    fn fields_belong_to_their_kinds() {
        assert_eq!(KindField::Hours.kinds(), [EntryKind::Course]);
        assert_eq!(KindField::Template.kinds(), [EntryKind::Achievement, EntryKind::Reflection]);
        assert_eq!(KindField::Expires.kinds(), [EntryKind::Certificate]);
        let hours = KindValues { hours: Some(2.0), ..KindValues::default() };
        assert_eq!(
            KindDetails::new(EntryKind::Role, hours.clone()),
            Err(NotForKind { field: KindField::Hours, kind: EntryKind::Role })
        );
        let course = KindDetails::new(EntryKind::Course, hours.clone()).unwrap();
        assert_eq!(course.hours(), Some(2.0));
        assert_eq!(KindDetails::keep(EntryKind::Role, hours).hours(), None, "keep drops what the kind lacks");
    }

    #[test]
    fn participatory_false_is_no_field_at_all_outside_courses() {
        let not = KindValues { participatory: Some(false), ..KindValues::default() };
        assert_eq!(KindDetails::new(EntryKind::Role, not.clone()), Ok(KindDetails::empty(EntryKind::Role)));
        let course = KindDetails::new(EntryKind::Course, not).unwrap();
        assert_eq!(course.hours(), None);
        assert!(!course.is_participatory());
    }

    #[test]
    fn every_field_is_declared_whole() {
        for field in KindField::ALL.iter().copied() {
            assert!(field.flag().starts_with("--") && field.flag().len() > 3, "{field:?}");
            assert!(!field.help().is_empty() && !field.help().starts_with(' '), "{field:?}");
            assert!(!field.kinds().is_empty(), "{field:?} is taken by no kind");
            let mut values = KindValues::default();
            let sample = match field.field_type() {
                FieldType::Text => FieldValue::Text("x".into()),
                FieldType::Number => FieldValue::Number(1.0),
                FieldType::Flag => FieldValue::Flag(true),
                FieldType::Date => FieldValue::Date("2000".parse().unwrap()),
                FieldType::Template => FieldValue::Template(Template::Star),
                FieldType::List => FieldValue::List(vec!["x".into()]),
                FieldType::Sections => {
                    FieldValue::Sections(vec![Section { name: "x".into(), text: "y".into() }])
                }
            };
            values.set(field, Some(sample.clone()));
            assert_eq!(values.get(field), Some(sample), "{field:?} keeps what is set");
            assert_eq!(values.foreign_to(field.kinds()[0]), None);
            values.set(field, None);
            assert!(!values.is_set(field));
        }
        let keys: std::collections::HashSet<_> = KindField::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), KindField::ALL.len(), "keys are unique");
    }
}
