//! A mentor's view across mentees: per mentee, the evidence and accepted
//! evidence per competency of one framework, what waits for a verdict, and
//! when the portfolio last changed.

use serde::Serialize;

use super::coverage::tallied;
use crate::db::{Conn, DbError, Result, profile, review};
use crate::model::Visibility;

/// One mentee's row.
#[derive(Debug, Clone, Serialize)]
pub struct CohortRow {
    pub mentee: String,
    pub file: String,
    pub framework: String,
    pub competencies: Vec<CompetencyCount>,
    /// Claims and entries with no verdict yet (from the reviewer a review file names).
    pub pending: usize,
    /// The newest change to an entry or verdict.
    pub last_activity: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompetencyCount {
    pub code: String,
    /// Entries evidencing it (at `level`, or at every level added up).
    pub evidenced: i64,
    pub accepted: i64,
}

/// The row of one portfolio or review file; `level` picks one level's cells.
pub fn row(conn: &Conn, file: &str, key: &str, level: Option<&str>) -> Result<CohortRow> {
    let manifest = review::manifest(conn)?;
    let mentee = manifest
        .as_ref()
        .and_then(|m| m.owner.clone())
        .or(profile::get(conn)?.name)
        .unwrap_or_else(|| file.to_string());
    let matrix = tallied(conn, key, Visibility::Public)?;
    let at = match level {
        Some(level) => {
            Some(matrix.levels.iter().position(|l| l.eq_ignore_ascii_case(level)).ok_or_else(|| {
                DbError::BadReference {
                    reference: format!("{key}/…/{level}"),
                    reason: format!(
                        "{key} has no level '{level}' (its levels: {})",
                        matrix.levels.join(", ")
                    ),
                    suggestions: Vec::new(),
                }
            })?)
        }
        None => None,
    };
    let competencies = matrix
        .competencies
        .iter()
        .map(|c| {
            let (evidenced, accepted) = match at {
                Some(i) => (c.levels[i].entries, c.levels[i].accepted),
                None => c
                    .levels
                    .iter()
                    .chain(std::iter::once(&c.any_level))
                    .fold((0, 0), |(e, a), cell| (e + cell.entries, a + cell.accepted)),
            };
            CompetencyCount { code: c.code.clone(), evidenced, accepted }
        })
        .collect();
    let reviewer = manifest.map(|m| m.reviewer);
    let pending = review::pending(conn, reviewer.as_deref(), Visibility::Public)?.len();
    let last_activity = review::last_activity(conn)?;
    Ok(CohortRow {
        mentee,
        file: file.to_string(),
        framework: matrix.framework,
        competencies,
        pending,
        last_activity,
    })
}
