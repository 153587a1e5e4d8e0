//! Requirements as code: a regulator's or scheme's rules over a window of
//! time — sums of hours, counts of entries, distinct competencies or
//! methods, minimums per category, and gaps — checked against the entries.
//!
//! The file format is documented in `docs/requirements.md`; the rule model
//! here is what a file is read into, and [`RequirementSet::check`] the one
//! home of what "met" means.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};
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
    /// `key/code` of each competency it claims, lower case.
    pub competencies: Vec<String>,
}

impl EntryFacts {
    fn tagged(&self, tag: &str) -> bool {
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
    /// Any of these methods (courses).
    pub methods: Vec<String>,
    /// Only entries reflected on: with written text (a body or sections).
    pub reflected: bool,
}

/// The parts of an entry a set's rules read (see [`RequirementSet::reads`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    pub tags: bool,
    /// The kinds whose tags a rule reads; empty for every kind.
    pub tags_of: Vec<EntryKind>,
    pub competencies: bool,
    pub text: bool,
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
    /// A gap rule: `maximum` is the limit the longest gap must stay under.
    #[serde(skip)]
    pub gap: bool,
}

impl RuleResult {
    /// "28.5 of 35" for a minimum, "longest gap 2 months (must be under 3)" for a gap.
    pub fn figure(&self) -> String {
        let n = trim_number;
        match (self.required, self.maximum) {
            (Some(min), Some(max)) => format!("{} (from {} to {})", n(self.value), n(min), n(max)),
            (Some(min), None) => format!("{} of {}", n(self.value), n(min)),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
            && (!self.reflected || entry.has_text)
    }
}

fn trim_number(value: f64) -> String {
    super::format::number_for_people(value)
}

impl Rule {
    fn evaluate(&self, name: String, entries: &[&EntryFacts], span: Span) -> RuleResult {
        let ids: Vec<EntryId> = entries.iter().map(|e| e.id).collect();
        let value = match self.measure {
            Measure::Count => entries.len() as f64,
            Measure::Hours => {
                let hours = |list: &[&&EntryFacts]| list.iter().filter_map(|e| e.hours).sum::<f64>();
                match &self.cap {
                    Some((tag, cap)) => {
                        let (capped, rest): (Vec<_>, Vec<_>) = entries.iter().partition(|e| e.tagged(tag));
                        hours(&rest) + hours(&capped).min(*cap)
                    }
                    None => hours(&entries.iter().collect::<Vec<_>>()),
                }
            }
            Measure::PracticeHours => entries.iter().filter_map(|e| e.practice_hours).sum(),
            Measure::DistinctCompetencies => {
                let codes: BTreeSet<&str> =
                    entries.iter().flat_map(|e| e.competencies.iter().map(String::as_str)).collect();
                codes.len() as f64
            }
            Measure::DistinctMethods => {
                let methods: BTreeSet<String> =
                    entries.iter().filter_map(|e| e.method.as_deref()).map(str::to_lowercase).collect();
                methods.len() as f64
            }
            Measure::GapMonths => longest_gap_months(entries, span) as f64,
        };
        let (met, shortfall) = match self.measure {
            Measure::GapMonths => {
                let limit = self.at_most.unwrap_or(f64::INFINITY);
                (
                    value < limit,
                    (value >= limit).then(|| format!("a gap of {} months with none", trim_number(value))),
                )
            }
            _ => {
                let low = self.at_least.is_none_or(|min| value >= min);
                let high = self.at_most.is_none_or(|max| value <= max);
                let shortfall = match (self.at_least, self.at_most) {
                    (Some(min), _) if !low => Some(format!("{} to go", trim_number(min - value))),
                    (_, Some(max)) if !high => {
                        Some(format!("{} over the most that counts", trim_number(value - max)))
                    }
                    _ => None,
                };
                (low && high, shortfall)
            }
        };
        RuleResult {
            name,
            met,
            value,
            required: self.at_least,
            maximum: self.at_most,
            entries: ids,
            shortfall,
            gap: self.measure == Measure::GapMonths,
        }
    }
}

/// The longest run of whole months within the window with no entry dated in it.
fn longest_gap_months(entries: &[&EntryFacts], span: Span) -> u32 {
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let mut months: Vec<i32> = entries.iter().map(|e| month(e.date.first_day())).collect();
    months.sort_unstable();
    months.dedup();
    let (first, last) = (month(span.from), month(span.to));
    let mut longest = 0;
    let mut previous = first - 1;
    for m in months.into_iter().filter(|m| (first..=last).contains(m)).chain(std::iter::once(last + 1)) {
        longest = longest.max(m - previous - 1);
        previous = m;
    }
    longest.max(0) as u32
}

impl RequirementSet {
    /// The kinds any rule looks at; `None` when some rule looks at every kind.
    pub fn kinds(&self) -> Option<Vec<EntryKind>> {
        let mut kinds = Vec::new();
        for rule in &self.rules {
            if rule.selection.kinds.is_empty() {
                return None;
            }
            kinds.extend(rule.selection.kinds.iter().copied());
        }
        kinds.sort();
        kinds.dedup();
        Some(kinds)
    }

    /// What the rules read beyond dates, kinds and hours, so a check loads only that:
    /// (tags, claimed competencies, whether written text exists).
    pub fn reads(&self) -> Reads {
        let mut reads = Reads::default();
        let mut every_kind = false;
        for rule in &self.rules {
            let tagged = !rule.selection.tags.is_empty() || !rule.each_tag.is_empty() || rule.cap.is_some();
            if tagged {
                every_kind |= rule.selection.kinds.is_empty();
                reads.tags_of.extend(rule.selection.kinds.iter().copied());
            }
            reads.tags |= tagged;
            reads.competencies |=
                rule.selection.claims.is_some() || rule.measure == Measure::DistinctCompetencies;
            reads.text |= rule.selection.reflected;
        }
        if every_kind {
            reads.tags_of.clear();
        }
        reads.tags_of.sort();
        reads.tags_of.dedup();
        reads
    }

    /// Checks the rules against live entries (any order; only those dated in the window count).
    pub fn check(&self, entries: &[EntryFacts], as_of: NaiveDate) -> CheckResult {
        let span = self.window.span(as_of);
        let in_window: Vec<&EntryFacts> = entries.iter().filter(|e| e.in_window(span)).collect();
        let mut rules = Vec::new();
        for rule in &self.rules {
            let selected: Vec<&EntryFacts> =
                in_window.iter().copied().filter(|e| rule.selection.matches(e)).collect();
            if rule.each_tag.is_empty() {
                rules.push(rule.evaluate(rule.name.clone(), &selected, span));
                continue;
            }
            for tag in &rule.each_tag {
                let tagged: Vec<&EntryFacts> = selected.iter().copied().filter(|e| e.tagged(tag)).collect();
                rules.push(rule.evaluate(format!("{}: {tag}", rule.name), &tagged, span));
            }
        }
        CheckResult {
            key: self.key.clone(),
            title: self.title.clone(),
            as_of,
            window: span,
            met: rules.iter().all(|r| r.met),
            rules,
        }
    }
}

#[cfg(test)]
#[path = "requirements_tests.rs"]
mod tests;
