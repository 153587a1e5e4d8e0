//! What "met" means: a [`RequirementSet`] checked against entries on a day —
//! each rule over its span (the set's window, each year of it, or the span of
//! `once_every`), for each tag or each role held, with what a year may carry
//! into the next, and for a rule not met, what would meet it.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::requirements::{
    CheckResult, EntryFacts, Measure, Reads, RequirementSet, Rule, RuleResult, Span, Window, trim_number,
};
use super::requirements_words::span_words;
use super::{EntryId, EntryKind};

/// One span a rule is checked over, and how its result is named.
#[derive(Debug, Clone, Copy)]
struct Period {
    span: Span,
    /// "2025" for a calendar year, the last day for a rolling one; `None` for the set's window.
    label: Option<Label>,
}

#[derive(Debug, Clone, Copy)]
enum Label {
    Year(i32),
    YearTo(NaiveDate),
    /// The rule's own span (`once_every`), named as written.
    OwnSpan,
}

impl RequirementSet {
    /// The first and last day checked on `as_of`: the window, in whole
    /// calendar years (from 1 January) when the set says `calendar`.
    pub fn span(&self, as_of: NaiveDate) -> Span {
        match (self.window, self.calendar) {
            (Window::Years(n), true) => {
                let first =
                    NaiveDate::from_ymd_opt(as_of.year() - n as i32 + 1, 1, 1).unwrap_or(NaiveDate::MIN);
                Span { from: first, to: as_of }
            }
            (window, _) => window.span(as_of),
        }
    }

    /// The days whose entries a check on `as_of` reads: the window, the year
    /// before it for a rule that carries forward, and the span of `once_every`.
    pub fn load_span(&self, as_of: NaiveDate) -> Span {
        let mut span = self.span(as_of);
        for rule in &self.rules {
            let periods = rule.periods(self, as_of);
            for period in &periods {
                span.from = span.from.min(period.span.from);
                span.to = span.to.max(period.span.to);
            }
            if let (Some(_), Some(first)) = (rule.carry_forward, periods.first()) {
                span.from = span.from.min(year_before(first.span, self.calendar).from);
            }
        }
        span
    }

    /// Whether some rule counts an entry only once a reflection is about it.
    pub fn counts_reflected(&self) -> bool {
        self.rules.iter().any(|r| r.selection.reflected)
    }

    /// The kinds any rule looks at; `None` when some rule looks at every kind.
    pub fn kinds(&self) -> Option<Vec<EntryKind>> {
        let mut kinds = Vec::new();
        for rule in &self.rules {
            if rule.selection.kinds.is_empty() {
                return None;
            }
            kinds.extend(rule.selection.kinds.iter().copied());
            if rule.each_role {
                kinds.push(EntryKind::Role);
            }
        }
        kinds.sort();
        kinds.dedup();
        Some(kinds)
    }

    /// What the rules read beyond dates, kinds and hours, so a check loads only that.
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
            reads.text |= rule.selection.written;
            reads.reflected |= rule.selection.reflected;
            reads.about |= rule.each_role;
        }
        if every_kind {
            reads.tags_of.clear();
        }
        reads.tags_of.sort();
        reads.tags_of.dedup();
        reads
    }

    /// Checks the rules against live entries (any order; each rule counts
    /// those dated in its span).
    pub fn check(&self, entries: &[EntryFacts], as_of: NaiveDate) -> CheckResult {
        let span = self.span(as_of);
        // The entries of each span, found once: most rules share the window.
        let mut spans: HashMap<Span, Vec<&EntryFacts>> = HashMap::new();
        let mut in_span = |span: Span| -> Vec<&EntryFacts> {
            spans
                .entry(span)
                .or_insert_with(|| entries.iter().filter(|e| e.in_window(span)).collect())
                .clone()
        };
        let mut rules = Vec::new();
        for rule in &self.rules {
            let periods = rule.periods(self, as_of);
            let mut carry = match (rule.carry_forward, periods.first()) {
                (Some(max), Some(first)) => {
                    let before = year_before(first.span, self.calendar);
                    let raw = rule.evaluate(String::new(), &rule.matching(&in_span(before)), before);
                    Some(surplus(rule, raw.value, max))
                }
                _ => None,
            };
            for period in periods {
                let in_period = in_span(period.span);
                let selected = rule.matching(&in_period);
                let mut results = rule.grouped(&in_period, &selected, period);
                if let (Some(max), [result]) = (rule.carry_forward, results.as_mut_slice()) {
                    let own = result.value;
                    rule.carry_in(result, carry.unwrap_or(0.0));
                    carry = Some(surplus(rule, own, max));
                }
                for result in &mut results {
                    if period.label.is_some() {
                        result.window = Some(period.span);
                    }
                    rule.explain(result, entries, period.span);
                }
                rules.extend(results);
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

/// The span of a year just before `span` (a calendar year when `calendar`).
fn year_before(span: Span, calendar: bool) -> Span {
    if calendar {
        let year = span.from.year() - 1;
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
        return Span { from: day(1, 1), to: day(12, 31) };
    }
    let to = span.from.pred_opt().unwrap_or(span.from);
    Window::Years(1).span(to)
}

/// What of a year's own value above the minimum may be carried, at most `max`.
fn surplus(rule: &Rule, own: f64, max: f64) -> f64 {
    (own - rule.at_least.unwrap_or(0.0)).clamp(0.0, max)
}

impl Rule {
    /// The spans this rule is checked over on `as_of`, oldest first.
    fn periods(&self, set: &RequirementSet, as_of: NaiveDate) -> Vec<Period> {
        if let Some(months) = self.once_every_months {
            let start = as_of.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN);
            let from = start.succ_opt().unwrap_or(start);
            return vec![Period { span: Span { from, to: as_of }, label: Some(Label::OwnSpan) }];
        }
        let whole = set.span(as_of);
        if !self.per_year {
            return vec![Period { span: whole, label: None }];
        }
        let mut periods = Vec::new();
        if set.calendar {
            for year in whole.from.year()..=whole.to.year() {
                let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(whole.from).max(whole.from);
                let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(whole.to).min(whole.to);
                periods.push(Period { span: Span { from: first, to: last }, label: Some(Label::Year(year)) });
            }
            return periods;
        }
        // Twelve-month spans back from the window's last day.
        let mut to = whole.to;
        while to >= whole.from {
            let year = Window::Years(1).span(to);
            let from = year.from.max(whole.from);
            periods.push(Period { span: Span { from, to }, label: Some(Label::YearTo(to)) });
            match from.pred_opt() {
                Some(day) => to = day,
                None => break,
            }
        }
        periods.reverse();
        periods
    }

    /// The entries in `span` the rule's selection takes.
    pub(super) fn selected<'a>(&self, entries: &'a [EntryFacts], span: Span) -> Vec<&'a EntryFacts> {
        entries.iter().filter(|e| e.in_window(span) && self.selection.matches(e)).collect()
    }

    /// Of entries already in a span, those the rule's selection takes.
    fn matching<'a>(&self, in_span: &[&'a EntryFacts]) -> Vec<&'a EntryFacts> {
        in_span.iter().copied().filter(|e| self.selection.matches(e)).collect()
    }

    /// The results over one period: one, or one per tag or per role held.
    /// `in_period` holds every entry of the period, `selected` those the rule takes.
    fn grouped(
        &self,
        in_period: &[&EntryFacts],
        selected: &[&EntryFacts],
        period: Period,
    ) -> Vec<RuleResult> {
        let name = match period.label {
            None => self.name.clone(),
            Some(Label::Year(year)) => format!("{} ({year})", self.name),
            Some(Label::YearTo(to)) => format!("{} (year to {to})", self.name),
            // Named as written, so an agenda line keeps its name from day to day
            // (the result's `window` says the span).
            Some(Label::OwnSpan) => self.name.clone(),
        };
        if !self.each_tag.is_empty() {
            return self
                .each_tag
                .iter()
                .map(|tag| {
                    let tagged: Vec<&EntryFacts> =
                        selected.iter().copied().filter(|e| e.tagged(tag)).collect();
                    self.evaluate(format!("{name}: {tag}"), &tagged, period.span)
                })
                .collect();
        }
        if self.each_role {
            let roles: Vec<&EntryFacts> =
                in_period.iter().copied().filter(|e| e.kind == EntryKind::Role).collect();
            if roles.is_empty() {
                let mut result = self.evaluate(format!("{name}: each role held"), &[], period.span);
                result.met = false;
                result.shortfall = Some("no role recorded in the window".into());
                result.would_meet = Some("record each role held with `folio add role TITLE --date …`".into());
                return vec![result];
            }
            let mut about_role: HashMap<EntryId, Vec<&EntryFacts>> = HashMap::new();
            for entry in selected {
                for role in &entry.about {
                    about_role.entry(*role).or_default().push(entry);
                }
            }
            return roles
                .iter()
                .map(|role| {
                    let about = about_role.get(&role.id).map_or(&[][..], Vec::as_slice);
                    let mut result = self.evaluate(format!("{name}: {}", role.title), about, period.span);
                    if !result.met {
                        result.would_meet = Some(format!(
                            "{} about role {} (`--about {}`)",
                            self.more(&result),
                            role.id,
                            role.id
                        ));
                    }
                    result
                })
                .collect();
        }
        vec![self.evaluate(name, selected, period.span)]
    }

    /// Adds what was carried in from the year before to a year's result.
    fn carry_in(&self, result: &mut RuleResult, carried: f64) {
        result.carried = Some(carried);
        result.value += carried;
        let met = self.at_least.is_none_or(|min| result.value >= min);
        result.met = met && self.at_most.is_none_or(|max| result.value <= max);
        result.shortfall =
            self.at_least.filter(|_| !met).map(|min| format!("{} to go", trim_number(min - result.value)));
    }

    fn evaluate(&self, name: String, entries: &[&EntryFacts], span: Span) -> RuleResult {
        let ids: Vec<EntryId> = entries.iter().map(|e| e.id).collect();
        let value = self.measure_of(entries, span);
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
                    (Some(_), _) if !low && self.once_every_months.is_some() => {
                        Some(format!("none in the last {}", span_words(self.once_every_months.unwrap_or(0))))
                    }
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
            would_meet: None,
            window: None,
            carried: None,
            next_due: None,
            unreflected: Vec::new(),
            gap: self.measure == Measure::GapMonths,
        }
    }

    fn measure_of(&self, entries: &[&EntryFacts], span: Span) -> f64 {
        match self.measure {
            Measure::Count => entries.len() as f64,
            Measure::Hours => {
                let hours =
                    |list: &mut dyn Iterator<Item = &&EntryFacts>| list.filter_map(|e| e.hours).sum::<f64>();
                match &self.cap {
                    Some((tag, cap)) => {
                        hours(&mut entries.iter().filter(|e| !e.tagged(tag)))
                            + hours(&mut entries.iter().filter(|e| e.tagged(tag))).min(*cap)
                    }
                    None => hours(&mut entries.iter()),
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
