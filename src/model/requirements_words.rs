//! What a requirement result says beyond its figure: when the next is due
//! (`once_every`), the entries that would count once reflected on, and in
//! words what would meet a rule not met ("reflect on 2 courses already
//! recorded (5 hours): 12, 14"; "add 1 more course about role 2").

use std::collections::HashSet;

use chrono::Months;

use super::EntryId;
use super::requirements::{EntryFacts, Measure, Rule, RuleResult, Span, trim_number};

impl Rule {
    /// Fills in, for a result, when the next is due (`once_every`), the
    /// entries that would count once reflected on, and what would meet it.
    pub(super) fn explain(&self, result: &mut RuleResult, entries: &[EntryFacts], span: Span) {
        if let Some(months) = self.once_every_months {
            let counted: HashSet<EntryId> = result.entries.iter().copied().collect();
            let last = entries.iter().filter(|e| counted.contains(&e.id)).map(|e| e.date.first_day()).max();
            result.next_due = last.and_then(|d| d.checked_add_months(Months::new(months)));
        }
        if self.selection.reflected && !self.each_role {
            result.unreflected = self
                .as_recorded()
                .selected(entries, span)
                .into_iter()
                .filter(|e| !e.reflected)
                .map(|e| e.id)
                .collect();
        }
        if result.met || result.would_meet.is_some() || result.gap {
            return;
        }
        result.would_meet = Some(match self.reflect_to_meet(result, entries) {
            Some(words) => words,
            None => self.more(result),
        });
    }

    /// "reflect on 3 courses already recorded (4.5 hours)", when reflecting
    /// on entries already there meets the rule, or goes towards it.
    fn reflect_to_meet(&self, result: &RuleResult, entries: &[EntryFacts]) -> Option<String> {
        let need = result.required? - result.value;
        let unreflected: HashSet<EntryId> = result.unreflected.iter().copied().collect();
        let mut waiting: Vec<&EntryFacts> = entries.iter().filter(|e| unreflected.contains(&e.id)).collect();
        if waiting.is_empty() || !matches!(self.measure, Measure::Hours | Measure::Count) {
            return None;
        }
        let worth =
            |e: &EntryFacts| if self.measure == Measure::Hours { e.hours.unwrap_or(0.0) } else { 1.0 };
        waiting.sort_by(|a, b| worth(b).total_cmp(&worth(a)).then(a.id.cmp(&b.id)));
        let (mut taken, mut gained) = (0, 0.0);
        for entry in &waiting {
            if gained >= need {
                break;
            }
            taken += 1;
            gained += worth(entry);
        }
        let what = self.as_recorded().things(taken);
        let hours = if self.measure == Measure::Hours {
            format!(" ({} hours)", trim_number(gained))
        } else {
            String::new()
        };
        let ids: Vec<String> = waiting[..taken].iter().map(|e| e.id.to_string()).collect();
        let mut words = format!("reflect on {taken} {what} already recorded{hours}: {}", ids.join(", "));
        if gained < need {
            words.push_str(&format!("; then {}", self.more_by(need - gained)));
        }
        Some(words)
    }

    /// The rule counting what is recorded, reflected on or not.
    fn as_recorded(&self) -> Rule {
        let mut recorded = self.clone();
        recorded.selection.reflected = false;
        recorded
    }

    /// "record 6.5 more hours of courses", "add 2 more feedback entries".
    pub(super) fn more(&self, result: &RuleResult) -> String {
        match (self.once_every_months, result.required) {
            (Some(months), _) => {
                format!("add a {} (one is due every {})", self.things(1), span_words(months))
            }
            (None, Some(min)) => self.more_by(min - result.value),
            (None, None) => "take out what goes over the most that counts".into(),
        }
    }

    fn more_by(&self, missing: f64) -> String {
        let n = trim_number(missing.max(0.0));
        let of = self.things(2);
        match self.measure {
            Measure::Hours => format!("record {n} more hours of {of}"),
            Measure::PracticeHours => format!("record {n} more practice hours on {of}"),
            Measure::Count => format!("add {n} more {}", self.things(missing.ceil() as usize)),
            Measure::DistinctCompetencies => format!("claim {n} more different competencies on {of}"),
            Measure::DistinctMethods => format!("use {n} more different methods in {of}"),
            Measure::GapMonths => String::new(),
        }
    }

    /// What the rule counts, in words: "courses tagged ethics", "feedback entries".
    fn things(&self, how_many: usize) -> String {
        let selection = &self.selection;
        let mut words = match selection.kinds.as_slice() {
            [kind] if how_many == 1 => kind.to_string(),
            // "feedback entries", not "2 more feedback".
            [kind] if kind.heading().eq_ignore_ascii_case(kind.as_str()) => format!("{kind} entries"),
            [kind] => kind.heading().to_lowercase(),
            _ if how_many == 1 => "entry".to_string(),
            _ => "entries".to_string(),
        };
        if selection.participatory == Some(true) {
            words = format!("participatory {words}");
        }
        if !selection.methods.is_empty() {
            words.push_str(&format!(" by {}", selection.methods.join(" or ")));
        }
        if !selection.tags.is_empty() {
            words.push_str(&format!(" tagged {}", selection.tags.join(" or ")));
        }
        if selection.reflected {
            words.push_str(" reflected on");
        }
        if let Some(template) = selection.template {
            words.push_str(&format!(" written with --template {template}"));
        }
        words
    }
}

/// "3 years", "18 months".
pub(super) fn span_words(months: u32) -> String {
    match months {
        m if m % 12 == 0 && m == 12 => "year".into(),
        m if m % 12 == 0 => format!("{} years", m / 12),
        m => format!("{m} months"),
    }
}
