//! Requirement set files (TOML), described in `docs/requirements.md`.
//!
//! ```toml
//! key = "nmc-revalidation"
//! title = "NMC revalidation"
//! source = "https://www.nmc.org.uk/revalidation/requirements/"
//! years = 3                      # or period = "2024-04-01..2027-03-31"
//!
//! [[rule]]
//! name = "CPD hours"
//! sum = "hours"                  # or count = "entries", distinct = "competencies", gap = "months"
//! kinds = ["course"]
//! at_least = 35
//! ```

use serde::Deserialize;

use super::format_error::FormatError;
use super::framework::is_valid_code;
use super::requirements::{Measure, RequirementSet, Rule, Selection, Window};
use super::{EntryKind, Template};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    key: String,
    title: String,
    source: String,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    years: Option<u32>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    calendar: bool,
    #[serde(default)]
    formal_methods: Vec<String>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    name: String,
    #[serde(default)]
    sum: Option<Summed>,
    #[serde(default)]
    count: Option<Counted>,
    #[serde(default)]
    distinct: Option<Distinct>,
    #[serde(default)]
    gap: Option<Gap>,
    #[serde(default)]
    kinds: Vec<EntryKind>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    template: Option<Template>,
    #[serde(default)]
    participatory: Option<bool>,
    #[serde(default)]
    claims: Option<String>,
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default)]
    reflected: bool,
    #[serde(default)]
    written: bool,
    #[serde(default)]
    formal: bool,
    #[serde(default)]
    each_tag: Vec<String>,
    #[serde(default)]
    each_role: bool,
    #[serde(default)]
    per: Option<Per>,
    #[serde(default)]
    carry_forward: Option<CarryForward>,
    #[serde(default)]
    once_every: Option<String>,
    #[serde(default)]
    at_least: Option<f64>,
    #[serde(default)]
    at_most: Option<f64>,
    #[serde(default)]
    below: Option<f64>,
    #[serde(default)]
    cap_tag: Option<String>,
    #[serde(default)]
    cap: Option<f64>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Summed {
    Hours,
    PracticeHours,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Per {
    Year,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct CarryForward {
    max: f64,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Counted {
    Entries,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Distinct {
    Competencies,
    Methods,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Gap {
    Months,
}

fn bad(message: String) -> FormatError {
    FormatError::from(message)
}

/// Reads and checks a requirement set file.
pub fn parse(text: &str) -> Result<RequirementSet, FormatError> {
    let file: SetFile = toml::from_str(text).map_err(|e| bad(e.to_string().trim().to_string()))?;
    if !is_valid_code(&file.key) {
        return Err(bad(format!("key '{}' must be non-empty with no spaces or '/'", file.key)));
    }
    if file.title.trim().is_empty() || file.source.trim().is_empty() {
        return Err(bad("a requirement set needs a title and a source".into()));
    }
    let window = match (file.years, file.period.as_deref()) {
        (Some(0), None) => return Err(bad("years must be at least 1".into())),
        (Some(years), None) => Window::Years(years),
        (None, Some(period)) => period_window(period)?,
        _ => {
            return Err(bad(
                "give the window as `years = N` or `period = \"YYYY-MM-DD..YYYY-MM-DD\"` (one of them)"
                    .into(),
            ));
        }
    };
    if file.rules.is_empty() {
        return Err(bad("a requirement set needs at least one [[rule]]".into()));
    }
    if file.calendar && !matches!(window, Window::Years(_)) {
        return Err(bad("calendar = true goes with `years = N` (a period is already fixed)".into()));
    }
    let formal = &file.formal_methods;
    let rules = file
        .rules
        .into_iter()
        .enumerate()
        .map(|(i, r)| rule(r, formal).map_err(|e| bad(format!("rule {}: {e}", i + 1))))
        .collect::<Result<_, _>>()?;
    Ok(RequirementSet {
        key: file.key,
        title: file.title,
        source: file.source,
        notes: file.notes,
        window,
        calendar: file.calendar,
        rules,
    })
}

fn period_window(period: &str) -> Result<Window, FormatError> {
    let (from, to) =
        period.split_once("..").ok_or_else(|| bad(format!("period '{period}': write it FIRST..LAST")))?;
    let day = |text: &str| {
        text.trim()
            .parse::<chrono::NaiveDate>()
            .map_err(|_| bad(format!("period '{period}': '{text}' is not a YYYY-MM-DD date")))
    };
    let (from, to) = (day(from)?, day(to)?);
    if to < from {
        return Err(bad(format!("period '{period}' ends before it starts")));
    }
    Ok(Window::Period(from, to))
}

/// "3y" or "18m": a span in months.
fn months(text: &str) -> Option<u32> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().checked_sub(1)?);
    let n: u32 = number.trim().parse().ok().filter(|n| *n > 0)?;
    match unit {
        "y" => n.checked_mul(12),
        "m" => Some(n),
        _ => None,
    }
}

fn rule(r: RuleFile, formal_methods: &[String]) -> Result<Rule, String> {
    if r.name.trim().is_empty() {
        return Err("the rule has no name".into());
    }
    let measures = [r.sum.is_some(), r.count.is_some(), r.distinct.is_some(), r.gap.is_some()];
    if measures.iter().filter(|m| **m).count() != 1 {
        return Err(format!("'{}': give exactly one of sum, count, distinct or gap", r.name));
    }
    let measure = match (r.sum, r.count, r.distinct, r.gap) {
        (Some(Summed::Hours), ..) => Measure::Hours,
        (Some(Summed::PracticeHours), ..) => Measure::PracticeHours,
        (_, Some(Counted::Entries), ..) => Measure::Count,
        (_, _, Some(Distinct::Competencies), _) => Measure::DistinctCompetencies,
        (_, _, Some(Distinct::Methods), _) => Measure::DistinctMethods,
        _ => Measure::GapMonths,
    };
    for (what, value) in
        [("at_least", r.at_least), ("at_most", r.at_most), ("below", r.below), ("cap", r.cap)]
    {
        if let Some(v) = value
            && !(v.is_finite() && v >= 0.0)
        {
            return Err(format!("'{}': {what} must be a number of 0 or more, not {v}", r.name));
        }
    }
    let at_most = match measure {
        Measure::GapMonths => {
            Some(r.below.ok_or_else(|| format!("'{}': a gap rule needs `below = MONTHS`", r.name))?)
        }
        _ => r.at_most,
    };
    if measure != Measure::GapMonths && r.at_least.is_none() && r.at_most.is_none() && r.once_every.is_none()
    {
        return Err(format!("'{}': give at_least or at_most", r.name));
    }
    if let (Some(low), Some(high)) = (r.at_least, at_most)
        && low > high
    {
        return Err(format!("'{}': at_least {low} is more than at_most {high}", r.name));
    }
    let once_every_months = match &r.once_every {
        Some(text) => Some(months(text).ok_or_else(|| {
            format!(
                "'{}': once_every '{text}' must be a number of years or months, like \"3y\" or \"18m\"",
                r.name
            )
        })?),
        None => None,
    };
    let per_year = r.per == Some(Per::Year);
    if once_every_months.is_some() && (per_year || measure != Measure::Count) {
        return Err(format!("'{}': once_every goes with count = \"entries\", not with per", r.name));
    }
    if r.each_role && !r.each_tag.is_empty() {
        return Err(format!("'{}': give each_role or each_tag, not both", r.name));
    }
    let carry_forward = match r.carry_forward {
        Some(carry) if !(carry.max.is_finite() && carry.max >= 0.0) => {
            return Err(format!("'{}': carry_forward max must be a number of 0 or more", r.name));
        }
        Some(_) if !per_year || r.at_least.is_none() || r.each_role || !r.each_tag.is_empty() => {
            return Err(format!(
                "'{}': carry_forward needs per = \"year\" and at_least, on one result a year (no each_tag or each_role)",
                r.name
            ));
        }
        Some(_)
            if matches!(
                measure,
                Measure::GapMonths | Measure::DistinctCompetencies | Measure::DistinctMethods
            ) =>
        {
            return Err(format!("'{}': carry_forward is for a sum or a count", r.name));
        }
        carry => carry.map(|c| c.max),
    };
    let methods = match (r.formal, r.methods.is_empty()) {
        (true, false) => return Err(format!("'{}': give formal = true or methods, not both", r.name)),
        (true, true) if formal_methods.is_empty() => {
            return Err(format!("'{}': formal = true needs the set's formal_methods = [\"…\"]", r.name));
        }
        (true, true) => formal_methods.to_vec(),
        (false, _) => r.methods,
    };
    let at_least = match once_every_months {
        Some(_) => Some(r.at_least.unwrap_or(1.0)),
        None => r.at_least,
    };
    let cap = match (r.cap_tag, r.cap) {
        (Some(tag), Some(cap)) if measure == Measure::Hours => Some((tag, cap)),
        (None, None) => None,
        _ => return Err(format!("'{}': cap_tag and cap go together, on a sum of hours", r.name)),
    };
    Ok(Rule {
        name: r.name.trim().to_string(),
        measure,
        selection: Selection {
            kinds: r.kinds,
            tags: r.tags,
            template: r.template,
            participatory: r.participatory,
            claims: r.claims,
            methods,
            reflected: r.reflected,
            written: r.written,
        },
        at_least,
        at_most,
        each_tag: r.each_tag,
        cap,
        each_role: r.each_role,
        per_year,
        carry_forward,
        once_every_months,
    })
}
