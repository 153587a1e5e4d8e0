//! Requirements as code: a regulator's or scheme's rules over a window of
//! time — sums of hours, counts of entries, distinct competencies or
//! methods, minimums per category or per role held, each year with what may
//! be carried forward, once in every span, and gaps — checked against the
//! entries.
//!
//! The file format is documented in `docs/requirements.md`; the rule model
//! here is what a file is read into, and `requirements_check.rs` (the
//! [`RequirementSet::check`]) the one home of what "met" means.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{EntryId, EntryKind, PartialDate, Template};

/// What the rules read of an entry (loaded lean: a check reads thousands).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryFacts {
    pub id: EntryId,
    pub kind: EntryKind,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub tags: Vec<String>,
    pub template: Option<Template>,
    pub participatory: bool,
    pub hours: Option<f64>,
    pub practice_hours: Option<f64>,
    pub method: Option<String>,
    /// Whether it has written text: a body or sections.
    pub has_text: bool,
    /// Whether a reflection (one the check may count) is about it.
    pub reflected: bool,
    /// The live entries it is about (`add --about`).
    pub about: Vec<EntryId>,
    /// A role's title (read only for roles, when a rule is per role).
    pub title: String,
    /// `key/code` of each competency it claims, lower case.
    pub competencies: Vec<String>,
}

impl EntryFacts {
    pub(super) fn tagged(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// Whether it falls in the window: by its date, except a role, which
    /// counts while it is held (its practice hours are those it gave).
    pub fn in_window(&self, span: Span) -> bool {
        match self.kind {
            EntryKind::Role => {
                self.date.first_day() <= span.to
                    && self.end_date.is_none_or(|end| end.last_day() >= span.from)
            }
            _ => (span.from..=span.to).contains(&self.date.first_day()),
        }
    }
}

/// A requirement set: rules over a window ending on the day checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementSet {
    pub key: String,
    pub title: String,
    pub source: String,
    /// What the numbers rest on and what could not be verified.
    pub notes: Option<String>,
    pub window: Window,
    /// Whole calendar years: `years = N` is the N calendar years to the day
    /// checked (from 1 January), and a rule `per = "year"` is checked in each.
    pub calendar: bool,
    pub rules: Vec<Rule>,
}

/// The period a set is checked over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The `n` years up to the day checked.
    Years(u32),
    /// A fixed period, first and last day.
    Period(NaiveDate, NaiveDate),
}

/// One rule: a measure over a selection of entries, with bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub measure: Measure,
    pub selection: Selection,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    /// The rule holds for each of these tags separately ("at least 8 in each area").
    pub each_tag: Vec<String>,
    /// For a sum of hours: entries with this tag add at most this many ("Giving Back counts up to 25").
    pub cap: Option<(String, f64)>,
    /// The rule holds for each role held in the window, counting the entries about that role.
    pub each_role: bool,
    /// The rule holds in each year of the window separately.
    pub per_year: bool,
    /// With `per_year`: the most of one year's surplus over `at_least` that counts in the next.
    pub carry_forward: Option<f64>,
    /// At least one matching entry in the span of this many months up to the day checked,
    /// whatever the set's window ("ethics once every three years").
    pub once_every_months: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// How many entries.
    Count,
    /// CPD hours of courses.
    Hours,
    /// Practice hours of roles.
    PracticeHours,
    /// How many distinct competencies the entries claim.
    DistinctCompetencies,
    /// How many distinct CPD methods the courses used.
    DistinctMethods,
    /// The longest stretch, in whole months, with none of the entries; met
    /// when it is below `at_most`.
    GapMonths,
}

/// Which entries a rule looks at; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub kinds: Vec<EntryKind>,
    /// Any of these tags.
    pub tags: Vec<String>,
    pub template: Option<Template>,
    pub participatory: Option<bool>,
    /// Claiming this framework (`emcc`) or competency (`emcc/self`).
    pub claims: Option<String>,
    /// Any of these methods (courses); a set's `formal_methods` for `formal = true`.
    pub methods: Vec<String>,
    /// Only entries reflected on: a reflection is about them (`add reflection … --about ID`).
    pub reflected: bool,
    /// Only entries with written text of their own (a body or sections).
    pub written: bool,
}

/// The parts of an entry a set's rules read (see [`RequirementSet::reads`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    pub tags: bool,
    /// The kinds whose tags a rule reads; empty for every kind.
    pub tags_of: Vec<EntryKind>,
    pub competencies: bool,
    pub text: bool,
    /// Whether a reflection is about each entry.
    pub reflected: bool,
    /// What each entry is about, and roles' titles (a rule per role).
    pub about: bool,
}

/// The result of one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleResult {
    pub name: String,
    pub met: bool,
    pub value: f64,
    /// The minimum, or for a gap the limit it must stay under.
    pub required: Option<f64>,
    pub maximum: Option<f64>,
    /// The entries that count.
    pub entries: Vec<EntryId>,
    /// How far from met, in words ("6.5 to go").
    pub shortfall: Option<String>,
    /// What would meet it, in words ("reflect on 3 courses already recorded: 4.5 hours").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub would_meet: Option<String>,
    /// The span this result covers, when it is not the set's window (a year, a span of `once_every`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Span>,
    /// Counted in from the year before (`carry_forward`), included in `value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<f64>,
    /// For a rule `once_every`: the day by which the next matching entry is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due: Option<NaiveDate>,
    /// Entries that would count once reflected on (a rule with `reflected`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreflected: Vec<EntryId>,
    /// A gap rule: `maximum` is the limit the longest gap must stay under.
    #[serde(skip)]
    pub gap: bool,
}

impl RuleResult {
    /// "28.5 of 35" for a minimum, "longest gap 2 months (must be under 3)" for a gap,
    /// "40 of 40 (5 carried from the year before)" with a carry.
    pub fn figure(&self) -> String {
        let n = trim_number;
        let carried = self
            .carried
            .filter(|c| *c > 0.0)
            .map(|c| format!(" ({} carried from the year before)", n(c)))
            .unwrap_or_default();
        match (self.required, self.maximum) {
            (Some(min), Some(max)) => format!("{} (from {} to {})", n(self.value), n(min), n(max)),
            (Some(min), None) => format!("{} of {}{carried}", n(self.value), n(min)),
            (None, Some(max)) if self.gap => {
                format!("longest gap {} months (must be under {})", n(self.value), n(max))
            }
            (None, Some(max)) => format!("{} (at most {})", n(self.value), n(max)),
            (None, None) => n(self.value),
        }
    }
}

/// The result of a whole set on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub key: String,
    pub title: String,
    pub as_of: NaiveDate,
    pub window: Span,
    pub met: bool,
    pub rules: Vec<RuleResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// The first and last day checked on `as_of`.
    pub fn span(self, as_of: NaiveDate) -> Span {
        match self {
            Window::Years(n) => {
                let start = as_of.checked_sub_months(Months::new(12 * n)).unwrap_or(NaiveDate::MIN);
                Span { from: start.succ_opt().unwrap_or(start), to: as_of }
            }
            Window::Period(from, to) => Span { from, to },
        }
    }
}

impl Selection {
    pub fn matches(&self, entry: &EntryFacts) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && (self.tags.is_empty() || self.tags.iter().any(|t| entry.tagged(t)))
            && self.template.is_none_or(|t| entry.template == Some(t))
            && self.participatory.is_none_or(|p| entry.participatory == p)
            && self.claims.as_ref().is_none_or(|wanted| {
                let wanted = wanted.to_lowercase();
                entry.competencies.iter().any(|c| *c == wanted || c.starts_with(&format!("{wanted}/")))
            })
            && (self.methods.is_empty()
                || entry
                    .method
                    .as_deref()
                    .is_some_and(|m| self.methods.iter().any(|w| w.eq_ignore_ascii_case(m))))
            && (!self.reflected || entry.reflected)
            && (!self.written || entry.has_text)
    }
}

pub(super) fn trim_number(value: f64) -> String {
    super::format::number_for_people(value)
}

#[cfg(test)]
#[path = "requirements_tests.rs"]
mod tests;
