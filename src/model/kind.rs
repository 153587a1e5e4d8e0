//! The kinds of entry a portfolio holds and the data only some kinds have.
//!
//! [`KindDetails`] is the one home of "which field belongs to which kind":
//! a course has hours, a certificate an expiry, a qualification a grade, and
//! no other combination can be represented. [`FieldsRecord`] holds the same
//! data flat, as the folio JSON document, the `--json` output, the
//! command-line flags and the table columns see it;
//! [`KindDetails::from_record`] is the only way back, and it refuses a field
//! the kind does not take.

use super::date::PartialDate;
use super::entry::{FieldsRecord, Section};
pub use super::kind_field::{KindField, NotForKind};
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
        }
    }
}

/// The text and structure of a templated entry (reflections, achievements).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    pub template: Option<Template>,
    /// Section keys and texts, in template order once validated.
    pub sections: Vec<Section>,
    /// The question it was started from (reflections only).
    pub prompt: Option<String>,
}

/// What only some kinds of entry have.
#[derive(Debug, Clone, PartialEq)]
pub enum KindDetails {
    Achievement(Written),
    Qualification {
        grade: Option<String>,
    },
    Certificate {
        credential_id: Option<String>,
        url: Option<String>,
        expires: Option<PartialDate>,
    },
    /// `participatory` is `None` when it was never said either way; the
    /// rest is the NMC CPD log: the method, the relevance to practice, and
    /// the parts of a code it relates to.
    Course {
        hours: Option<f64>,
        participatory: Option<bool>,
        method: Option<String>,
        relevance: Option<String>,
        standards: Vec<String>,
    },
    /// `practice_hours` count towards a regulator's practice-hours requirement.
    Role {
        practice_hours: Option<f64>,
    },
    Reflection(Written),
    Feedback {
        from: Option<String>,
    },
    Meeting {
        /// Who it was held with.
        with: Option<String>,
    },
    Evidence,
}

impl KindDetails {
    /// A kind with none of its optional data.
    pub fn empty(kind: EntryKind) -> Self {
        Self::keep(kind, &FieldsRecord::blank())
    }

    /// The kind's details from a flat record, refusing any field the kind does not take.
    pub fn from_record(kind: EntryKind, record: &FieldsRecord) -> Result<Self, NotForKind> {
        let details = Self::keep(kind, record);
        let kept = details.to_record();
        match KindField::ALL.into_iter().find(|f| record.is_set(*f) && !kept.is_set(*f)) {
            Some(field) => Err(NotForKind { field, kind }),
            None => Ok(details),
        }
    }

    /// The kind's details from a flat record, dropping any field the kind does not take.
    pub fn keep(kind: EntryKind, r: &FieldsRecord) -> Self {
        let written =
            |prompt: Option<String>| Written { template: r.template, sections: r.sections.clone(), prompt };
        match kind {
            EntryKind::Achievement => KindDetails::Achievement(written(None)),
            EntryKind::Qualification => KindDetails::Qualification { grade: r.grade.clone() },
            EntryKind::Certificate => KindDetails::Certificate {
                credential_id: r.credential_id.clone(),
                url: r.url.clone(),
                expires: r.expires,
            },
            EntryKind::Course => KindDetails::Course {
                hours: r.hours,
                participatory: r.participatory,
                method: r.method.clone(),
                relevance: r.relevance.clone(),
                standards: r.standards.clone(),
            },
            EntryKind::Role => KindDetails::Role { practice_hours: r.practice_hours },
            EntryKind::Reflection => KindDetails::Reflection(written(r.prompt.clone())),
            EntryKind::Feedback => KindDetails::Feedback { from: r.from.clone() },
            EntryKind::Meeting => KindDetails::Meeting { with: r.with.clone() },
            EntryKind::Evidence => KindDetails::Evidence,
        }
    }

    /// Writes these details into the kind-specific fields of a record, clearing the others.
    pub fn write_into(&self, record: &mut FieldsRecord) {
        record.kind = self.kind();
        record.hours = self.hours();
        record.participatory = match self {
            KindDetails::Course { participatory, .. } => *participatory,
            _ => None,
        };
        record.credential_id = self.credential_id().map(str::to_string);
        record.url = self.url().map(str::to_string);
        record.expires = self.expires();
        record.grade = self.grade().map(str::to_string);
        record.from = self.from().map(str::to_string);
        record.template = self.template();
        record.sections = self.sections().to_vec();
        record.with = self.with().map(str::to_string);
        (record.method, record.relevance, record.standards) = match self {
            KindDetails::Course { method, relevance, standards, .. } => {
                (method.clone(), relevance.clone(), standards.clone())
            }
            _ => (None, None, Vec::new()),
        };
        record.practice_hours = self.practice_hours();
        record.prompt = self.prompt().map(str::to_string);
    }

    /// These details alone, flat (the common fields blank).
    pub(super) fn to_record(&self) -> FieldsRecord {
        let mut out = FieldsRecord::blank();
        self.write_into(&mut out);
        out
    }

    pub fn kind(&self) -> EntryKind {
        match self {
            KindDetails::Achievement(_) => EntryKind::Achievement,
            KindDetails::Qualification { .. } => EntryKind::Qualification,
            KindDetails::Certificate { .. } => EntryKind::Certificate,
            KindDetails::Course { .. } => EntryKind::Course,
            KindDetails::Role { .. } => EntryKind::Role,
            KindDetails::Reflection(_) => EntryKind::Reflection,
            KindDetails::Feedback { .. } => EntryKind::Feedback,
            KindDetails::Meeting { .. } => EntryKind::Meeting,
            KindDetails::Evidence => EntryKind::Evidence,
        }
    }

    /// The template and sections, for the kinds written in one.
    pub fn written(&self) -> Option<&Written> {
        match self {
            KindDetails::Achievement(written) | KindDetails::Reflection(written) => Some(written),
            _ => None,
        }
    }

    pub fn written_mut(&mut self) -> Option<&mut Written> {
        match self {
            KindDetails::Achievement(written) | KindDetails::Reflection(written) => Some(written),
            _ => None,
        }
    }

    pub fn template(&self) -> Option<Template> {
        self.written().and_then(|w| w.template)
    }

    pub fn sections(&self) -> &[Section] {
        self.written().map(|w| w.sections.as_slice()).unwrap_or_default()
    }

    /// CPD hours of a course.
    pub fn hours(&self) -> Option<f64> {
        match self {
            KindDetails::Course { hours, .. } => *hours,
            _ => None,
        }
    }

    /// Hours of practice in a role.
    pub fn practice_hours(&self) -> Option<f64> {
        match self {
            KindDetails::Role { practice_hours } => *practice_hours,
            _ => None,
        }
    }

    /// A course's CPD method (course, e-learning, conference, …).
    pub fn method(&self) -> Option<&str> {
        match self {
            KindDetails::Course { method, .. } => method.as_deref(),
            _ => None,
        }
    }

    /// A course's relevance to practice.
    pub fn relevance(&self) -> Option<&str> {
        match self {
            KindDetails::Course { relevance, .. } => relevance.as_deref(),
            _ => None,
        }
    }

    /// The parts of a code a course relates to.
    pub fn standards(&self) -> &[String] {
        match self {
            KindDetails::Course { standards, .. } => standards,
            _ => &[],
        }
    }

    /// Whether a course was participatory (unknown counts as not).
    pub fn is_participatory(&self) -> bool {
        matches!(self, KindDetails::Course { participatory: Some(true), .. })
    }

    pub fn grade(&self) -> Option<&str> {
        match self {
            KindDetails::Qualification { grade } => grade.as_deref(),
            _ => None,
        }
    }

    pub fn credential_id(&self) -> Option<&str> {
        match self {
            KindDetails::Certificate { credential_id, .. } => credential_id.as_deref(),
            _ => None,
        }
    }

    pub fn url(&self) -> Option<&str> {
        match self {
            KindDetails::Certificate { url, .. } => url.as_deref(),
            _ => None,
        }
    }

    pub fn expires(&self) -> Option<PartialDate> {
        match self {
            KindDetails::Certificate { expires, .. } => *expires,
            _ => None,
        }
    }

    /// Who a meeting was held with.
    pub fn with(&self) -> Option<&str> {
        match self {
            KindDetails::Meeting { with } => with.as_deref(),
            _ => None,
        }
    }

    /// The question a reflection was started from.
    pub fn prompt(&self) -> Option<&str> {
        self.written().and_then(|w| w.prompt.as_deref())
    }

    /// Who gave a piece of feedback.
    pub fn from(&self) -> Option<&str> {
        match self {
            KindDetails::Feedback { from } => from.as_deref(),
            _ => None,
        }
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
        assert_eq!(KindField::Hours.kinds(), ["course"]);
        assert_eq!(KindField::Template.kinds(), ["achievement", "reflection"]);
        assert_eq!(KindField::Expires.kinds(), ["certificate"]);
        let hours = FieldsRecord { hours: Some(2.0), ..FieldsRecord::blank() };
        assert_eq!(
            KindDetails::from_record(EntryKind::Role, &hours),
            Err(NotForKind { field: KindField::Hours, kind: EntryKind::Role })
        );
        let course = KindDetails::from_record(EntryKind::Course, &hours).unwrap();
        assert_eq!(course.hours(), Some(2.0));
    }

    #[test]
    fn participatory_false_is_no_field_at_all_outside_courses() {
        let not = FieldsRecord { participatory: Some(false), ..FieldsRecord::blank() };
        assert_eq!(
            KindDetails::from_record(EntryKind::Role, &not),
            Ok(KindDetails::Role { practice_hours: None })
        );
        let course = KindDetails::from_record(EntryKind::Course, &not).unwrap();
        assert_eq!(course.hours(), None);
        assert!(!course.is_participatory());
    }
}
