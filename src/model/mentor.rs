//! Mentoring relationships: who, in what role, since when, how often you
//! agreed to meet — and the rule of when the next meeting is due.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::entry::Attachment;
use super::ids::MentorId;
use super::names::named_enum;
use super::span::Span;

named_enum! {
    /// The part someone plays in your development.
    pub enum MentorRole ("role") {
        /// Guides your development from experience
        Mentor = "mentor",
        /// Supervises your practice (clinical or professional supervision)
        Supervisor = "supervisor",
        /// Judges your evidence against a framework
        Assessor = "assessor",
        /// Coaches you towards goals you set
        Coach = "coach",
        /// Your line manager
        LineManager = "line-manager",
    }
}

/// A mentoring relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mentor {
    pub id: MentorId,
    pub uuid: String,
    pub name: String,
    pub role: MentorRole,
    pub since: Option<PartialDate>,
    /// When the relationship ended.
    pub until: Option<PartialDate>,
    pub email: Option<String>,
    /// How often you agreed to meet.
    pub meet_every: Option<Span>,
    /// The signed contract.
    pub contract: Option<Attachment>,
    pub created_at: String,
    pub updated_at: String,
}

impl Mentor {
    /// Whether the relationship is still going on `today`.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.until.is_none_or(|until| until.last_day() >= today)
    }

    /// The day the next meeting is due: `meet_every` after the last one, or
    /// after the start when you have not met yet. `None` when no rhythm was
    /// agreed or the relationship has ended.
    pub fn next_meeting_due(&self, last_met: Option<PartialDate>, today: NaiveDate) -> Option<NaiveDate> {
        let every = self.meet_every.filter(|_| self.is_current(today))?;
        let from = last_met.or(self.since).map(|d| d.last_day()).unwrap_or(today);
        every.after(from)
    }
}

/// Whether a name someone typed (`--with`, `--from`) is this mentor's: case does not matter.
pub fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentor(until: Option<&str>, every: Option<&str>) -> Mentor {
        Mentor {
            id: MentorId(1),
            uuid: "m".into(),
            name: "Dr Sam Okafor".into(),
            role: MentorRole::Mentor,
            since: Some("2026-01-10".parse().unwrap()),
            until: until.map(|u| u.parse().unwrap()),
            email: None,
            meet_every: every.map(|e| e.parse().unwrap()),
            contract: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn the_next_meeting_is_due_a_rhythm_after_the_last() {
        let today: NaiveDate = "2026-03-15".parse().unwrap();
        let m = mentor(None, Some("4w"));
        let due = |last: Option<&str>| m.next_meeting_due(last.map(|l| l.parse().unwrap()), today);
        assert_eq!(due(Some("2026-03-01")).unwrap().to_string(), "2026-03-29");
        assert_eq!(due(None).unwrap().to_string(), "2026-02-07", "from the start when never met");
        assert_eq!(mentor(None, None).next_meeting_due(None, today), None);
        assert_eq!(mentor(Some("2026-02"), Some("4w")).next_meeting_due(None, today), None, "ended");
        assert!(same_person("dr sam okafor ", "Dr Sam Okafor"));
    }
}
