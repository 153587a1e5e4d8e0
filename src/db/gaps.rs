//! Gaps: the indicators of a framework (or its competencies, when it has
//! no indicators) that lack evidence, then those whose evidence is not yet
//! accepted — what a mentee works on next. Worked out from [`coverage`].

use serde::Serialize;

use super::coverage::coverage;
use super::{Conn, DbError, Result};

/// What a mentee works on next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gaps {
    pub framework: String,
    pub level: Option<String>,
    /// Items with no evidence at all.
    pub missing: Vec<GapItem>,
    /// Items with evidence, none of it accepted yet.
    pub unaccepted: Vec<GapItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapItem {
    #[serde(rename = "ref")]
    pub reference: String,
    pub competency: String,
    pub text: String,
    pub evidence: Vec<i64>,
}

/// Indicators (or, in a framework without any, competencies) at or below `level`
/// that lack evidence, then those whose evidence is not yet accepted.
pub fn gaps(conn: &Conn, key: &str, level: Option<&str>, include_private: bool) -> Result<Gaps> {
    let coverage = coverage(conn, key, include_private)?;
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
    let within = |l: &Option<String>| match (limit, l) {
        (Some(max), Some(code)) => coverage.levels.iter().position(|x| x == code).is_some_and(|p| p <= max),
        _ => true,
    };
    let has_indicators = coverage.competencies.iter().any(|c| !c.indicators.is_empty());
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
                    competency: row.title.clone(),
                    text: indicator.text.clone(),
                    evidence: indicator.evidence.clone(),
                };
                if indicator.evidence.is_empty() {
                    gaps.missing.push(item);
                } else if indicator.accepted.is_empty() {
                    gaps.unaccepted.push(item);
                }
            }
        } else {
            let cells = row.levels.iter().chain(std::iter::once(&row.any_level));
            let (entries, accepted) = cells.fold((0, 0), |(e, a), c| (e + c.entries, a + c.accepted));
            let item = GapItem {
                reference: format!("{}/{}", coverage.framework, row.code),
                competency: row.title.clone(),
                text: row.title.clone(),
                evidence: Vec::new(),
            };
            if entries == 0 {
                gaps.missing.push(item);
            } else if accepted == 0 {
                gaps.unaccepted.push(item);
            }
        }
    }
    Ok(gaps)
}
