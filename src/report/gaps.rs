//! Gaps: the indicators of a framework (or its competencies, when it has
//! no indicators) that lack evidence, then those whose evidence is not yet
//! accepted — what a mentee works on next. Worked out from a [`Coverage`],
//! so the `gaps` command and the evidence PDF cannot disagree.

use serde::Serialize;

use crate::db::DbError;
use crate::model::reference::Canonical;
use crate::report::coverage::Coverage;

/// What a mentee works on next (its texts borrowed from the [`Coverage`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gaps<'a> {
    pub framework: String,
    pub level: Option<String>,
    /// Items with no evidence at all.
    pub missing: Vec<GapItem<'a>>,
    /// Items with evidence, none of it accepted yet.
    pub unaccepted: Vec<GapItem<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapItem<'a> {
    #[serde(rename = "ref")]
    pub reference: String,
    pub competency: &'a str,
    pub text: &'a str,
    pub evidence: &'a [i64],
}

/// Whether the framework's gap items are its indicators (or, without any, its competencies).
pub fn by_indicator(coverage: &Coverage) -> bool {
    coverage.competencies.iter().any(|c| !c.indicators.is_empty())
}

/// Indicators (or, in a framework without any, competencies) at or below `level`
/// that lack evidence, then those whose evidence is not yet accepted.
pub fn gaps<'a>(coverage: &'a Coverage, level: Option<&str>) -> Result<Gaps<'a>, DbError> {
    let limit = match level {
        Some(wanted) => {
            Some(coverage.levels.iter().position(|l| l.eq_ignore_ascii_case(wanted)).ok_or_else(|| {
                DbError::BadReference {
                    reference: format!("{}/…/{wanted}", coverage.framework),
                    reason: format!(
                        "{} has no level '{wanted}' (its levels: {})",
                        coverage.framework,
                        coverage.levels.join(", ")
                    ),
                    suggestions: Vec::new(),
                }
            })?)
        }
        None => None,
    };
    Ok(gaps_within(coverage, limit))
}

/// The gaps at or below the level at index `limit` of the framework's levels (all levels with `None`).
pub fn gaps_within(coverage: &Coverage, limit: Option<usize>) -> Gaps<'_> {
    let within = |l: &Option<String>| match (limit, l) {
        (Some(max), Some(code)) => coverage.levels.iter().position(|x| x == code).is_some_and(|p| p <= max),
        _ => true,
    };
    let has_indicators = by_indicator(coverage);
    let mut gaps = Gaps {
        framework: coverage.framework.clone(),
        level: limit.map(|i| coverage.levels[i].clone()),
        missing: Vec::new(),
        unaccepted: Vec::new(),
    };
    for row in &coverage.competencies {
        if has_indicators {
            for indicator in row.indicators.iter().filter(|i| within(&i.level)) {
                let item = GapItem {
                    reference: indicator.reference.clone(),
                    competency: &row.title,
                    text: &indicator.text,
                    evidence: &indicator.evidence,
                };
                if indicator.tally.entries == 0 {
                    gaps.missing.push(item);
                } else if indicator.tally.accepted == 0 {
                    gaps.unaccepted.push(item);
                }
            }
        } else {
            let cells = row.levels.iter().chain(std::iter::once(&row.any_level));
            let (entries, accepted) = cells.fold((0, 0), |(e, a), c| (e + c.entries, a + c.accepted));
            let item = GapItem {
                reference: Canonical::competency(&coverage.framework, &row.code).to_string(),
                competency: &row.title,
                text: &row.title,
                evidence: &[],
            };
            if entries == 0 {
                gaps.missing.push(item);
            } else if accepted == 0 {
                gaps.unaccepted.push(item);
            }
        }
    }
    gaps
}
