//! What a framework's evidence covers: the competency × level matrix and
//! the evidence behind each indicator (`gaps` reads its gaps from it), built
//! from the rows storage returns.
//!
//! A claim counts at its own level, or at its indicator's level. "Accepted"
//! means the verdict that decides the claim ([`decisive_verdict`]) is
//! `accepted`.

use std::collections::HashMap;

use serde::Serialize;

use crate::db::coverage::{ClaimRow, CoverageRows, add_claims, coverage_rows, framework_rows};
use crate::db::evidence::{self, Counted, Tally};
use crate::db::{Conn, Result};
use crate::model::Visibility;
use crate::model::assessment::decisive_verdict;
use crate::model::framework::depth;
use crate::model::reference::Canonical;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub framework: String,
    pub title: String,
    /// Level codes in order; empty for a framework without levels.
    pub levels: Vec<String>,
    /// Their titles ("Senior Practitioner"), for documents.
    #[serde(skip)]
    pub level_titles: Vec<String>,
    pub competencies: Vec<CoverageRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    pub code: String,
    pub title: String,
    /// How deep in the hierarchy (0 = top).
    pub depth: usize,
    /// One cell per level, in level order.
    pub levels: Vec<Cell>,
    /// Claims on the competency with no level.
    pub any_level: Cell,
    pub indicators: Vec<IndicatorEvidence>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Distinct entries evidencing the cell.
    pub entries: i64,
    /// How many of them are accepted.
    pub accepted: i64,
    /// The ids of those entries, ascending (for a page that lists them).
    #[serde(skip)]
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorEvidence {
    #[serde(rename = "ref")]
    pub reference: String,
    pub level: Option<String>,
    pub text: String,
    /// Ids of the entries claiming this indicator.
    pub evidence: Vec<i64>,
    pub accepted: Vec<i64>,
    /// How many entries evidence it, and how many are accepted (what the
    /// lists hold, or for a [`tallied`] matrix what they would hold).
    #[serde(skip)]
    pub tally: Tally,
}

/// How many competencies a framework may have before `coverage` and `gaps`
/// show a line per top-level group instead of every row (`--all` shows all).
pub const SUMMARY_FROM: usize = 200;

impl Coverage {
    /// A level's title ("Senior Practitioner"), or its code when it has none.
    pub fn level_title<'a>(&'a self, code: &'a str) -> &'a str {
        self.levels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(code))
            .and_then(|n| self.level_titles.get(n))
            .filter(|t| !t.trim().is_empty())
            .map_or(code, String::as_str)
    }
}

impl CoverageRow {
    /// Whether any entry evidences it, at any level.
    pub fn evidenced(&self) -> bool {
        self.any_level.entries > 0 || self.levels.iter().any(|c| c.entries > 0)
    }
}

/// A top-level competency and the rows under it: `rows[head..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub head: usize,
    pub end: usize,
}

impl Group {
    /// How many of its rows are evidenced, of how many.
    pub fn evidenced(&self, coverage: &Coverage) -> (usize, usize) {
        let rows = &coverage.competencies[self.head..self.end];
        (rows.iter().filter(|r| r.evidenced()).count(), rows.len())
    }
}

/// The framework's top-level groups, in order (each from a depth-0 row to
/// the next).
pub fn groups(coverage: &Coverage) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (n, row) in coverage.competencies.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if row.depth > 0 => group.end = n + 1,
            _ => groups.push(Group { head: n, end: n + 1 }),
        }
    }
    groups
}

/// The matrix of one framework; private entries count only when `visibility` includes them.
pub fn coverage(conn: &Conn, key: &str, visibility: Visibility) -> Result<Coverage> {
    Ok(build(coverage_rows(conn, key, visibility)?))
}

/// The matrix of one framework counting only the claims of these entries
/// (a page that shows a selection shows what that selection evidences).
pub fn coverage_of(conn: &Conn, key: &str, entries: &std::collections::HashSet<i64>) -> Result<Coverage> {
    let mut rows = coverage_rows(conn, key, Visibility::IncludePrivate)?;
    rows.claims.retain(|c| entries.contains(&c.entry_id));
    Ok(build(rows))
}

/// A claim with the level it counts at and whether it is accepted.
struct CountedClaim<'a> {
    claim: &'a ClaimRow,
    level_id: Option<i64>,
    accepted: bool,
}

/// The matrix from its rows, counting every claim.
pub fn build(mut rows: CoverageRows) -> Coverage {
    let indicator_levels: HashMap<i64, Option<i64>> =
        rows.indicators.values().flatten().map(|(id, level, _)| (*id, *level)).collect();
    let (claims, verdicts) = (std::mem::take(&mut rows.claims), std::mem::take(&mut rows.verdicts));
    let verdicts = &verdicts;
    let verdicts_on = |entry: i64| {
        let start = verdicts.partition_point(|(e, _, _)| *e < entry);
        let end = start + verdicts[start..].partition_point(|(e, _, _)| *e == entry);
        &verdicts[start..end]
    };
    let counted: Vec<CountedClaim> = claims
        .iter()
        .map(|claim| CountedClaim {
            claim,
            level_id: claim
                .level_id
                .or_else(|| claim.indicator_id.and_then(|i| indicator_levels.get(&i).copied().flatten())),
            accepted: decisive_verdict(verdicts_on(claim.entry_id).iter().rev(), &claim.claim_id, |v| v.1)
                .is_some_and(|(_, _, accepted)| *accepted),
        })
        .collect();
    let mut by_competency: HashMap<i64, Vec<&CountedClaim>> = HashMap::new();
    for c in &counted {
        by_competency.entry(c.claim.competency_id).or_default().push(c);
    }
    let own = |competency: i64| by_competency.get(&competency).map(Vec::as_slice).unwrap_or_default();
    assemble(
        rows,
        |competency, level| cell(own(competency).iter().filter(|c| c.level_id == level)),
        |competency, indicator| {
            let direct: Vec<&&CountedClaim> =
                own(competency).iter().filter(|c| c.claim.indicator_id == Some(indicator)).collect();
            let evidence = distinct_entries(direct.iter().map(|c| c.claim.entry_id));
            let accepted = distinct_entries(direct.iter().filter(|c| c.accepted).map(|c| c.claim.entry_id));
            let tally = Tally { entries: evidence.len() as i64, accepted: accepted.len() as i64 };
            (evidence, accepted, tally)
        },
    )
}

/// The matrix of one framework from the evidence counts kept as the
/// portfolio changes ([`crate::db::evidence`]): the same numbers as
/// [`coverage`], read without reading any claim. Only what `coverage` and
/// `gaps` print is there: cells hold no `ids`, and an indicator lists its
/// entries only when none of them is accepted yet (a gap); `accepted` lists
/// are empty. Counts from the claims while the counts are being settled.
pub fn tallied(conn: &Conn, key: &str, visibility: Visibility) -> Result<Coverage> {
    let mut rows = framework_rows(conn, key)?;
    let Some(tallies) = evidence::counts(conn, rows.framework_id, visibility)? else {
        add_claims(conn, &mut rows, visibility)?;
        return Ok(build(rows));
    };
    let tally = |counted: Counted| tallies.get(&counted).copied().unwrap_or_default();
    let gaps: Vec<i64> = rows
        .indicators
        .values()
        .flatten()
        .map(|(id, _, _)| *id)
        .filter(|id| {
            let t = tally(Counted::Indicator(*id));
            t.entries > 0 && t.accepted == 0
        })
        .collect();
    let mut entries_of = evidence::entries_of_indicators(conn, &gaps, visibility)?;
    Ok(assemble(
        rows,
        |competency, level| {
            let t = tally(Counted::Cell { competency, level });
            Cell { entries: t.entries, accepted: t.accepted, ids: Vec::new() }
        },
        |_, indicator| {
            let evidence = entries_of.remove(&indicator).unwrap_or_default();
            (evidence, Vec::new(), tally(Counted::Indicator(indicator)))
        },
    ))
}

/// The matrix's rows in framework order, each cell from `cell_of(competency,
/// level)` and each indicator's evidence, accepted entries and tally from
/// `indicator_of(competency, indicator)`. The rows' texts move into the
/// matrix (a 14,000-item framework is most of what such a command holds).
fn assemble(
    rows: CoverageRows,
    mut cell_of: impl FnMut(i64, Option<i64>) -> Cell,
    mut indicator_of: impl FnMut(i64, i64) -> (Vec<i64>, Vec<i64>, Tally),
) -> Coverage {
    let CoverageRows { key, title, levels, competencies, mut indicators, .. } = rows;
    let parents: HashMap<i64, Option<i64>> = competencies.iter().map(|(id, _, _, p)| (*id, *p)).collect();
    let level_code = |id: Option<i64>| {
        id.and_then(|id| levels.iter().find(|(l, _, _)| *l == id)).map(|(_, c, _)| c.clone())
    };
    let rows = competencies
        .into_iter()
        .map(|(id, code, title, _)| {
            let mut numbers: HashMap<Option<i64>, i64> = HashMap::new();
            let indicator_rows = indicators
                .remove(&id)
                .into_iter()
                .flatten()
                .map(|(indicator_id, level_id, text)| {
                    let n = numbers.entry(level_id).or_insert(0);
                    *n += 1;
                    let level = level_code(level_id);
                    let reference = Canonical {
                        key: key.clone(),
                        code: code.clone(),
                        level: level.clone(),
                        indicator: Some(*n),
                    }
                    .to_string();
                    let (evidence, accepted, tally) = indicator_of(id, indicator_id);
                    IndicatorEvidence { reference, level, text, evidence, accepted, tally }
                })
                .collect();
            CoverageRow {
                depth: depth(id, |id| parents.get(id).copied().flatten()),
                levels: levels.iter().map(|(level_id, _, _)| cell_of(id, Some(*level_id))).collect(),
                any_level: cell_of(id, None),
                indicators: indicator_rows,
                code,
                title,
            }
        })
        .collect();
    Coverage {
        framework: key,
        title,
        level_titles: levels.iter().map(|(_, _, title)| title.clone()).collect(),
        levels: levels.into_iter().map(|(_, c, _)| c).collect(),
        competencies: rows,
    }
}

/// Entry ids, sorted, each once.
fn distinct_entries(ids: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn cell<'a>(claims: impl Iterator<Item = &'a &'a CountedClaim<'a>> + Clone) -> Cell {
    let ids = distinct_entries(claims.clone().map(|c| c.claim.entry_id));
    Cell {
        entries: ids.len() as i64,
        accepted: distinct_entries(claims.filter(|c| c.accepted).map(|c| c.claim.entry_id)).len() as i64,
        ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, claims, entries, framework_upsert, refs, trash};
    use crate::model::{EntryFields, EntryId, EntryKind, Verdict, VerdictKind};

    fn entry_claiming(db: &Db, reference: &str) -> (EntryId, i64) {
        let mut draft = EntryFields {
            title: "x".into(),
            ..EntryFields::new(EntryKind::Reflection, "", "2024".parse().unwrap())
        };
        draft.validate().unwrap();
        let conn = &db.as_tx();
        let id = entries::insert(conn, &draft, &uuid::Uuid::new_v4().to_string(), "now").unwrap();
        let target = refs::resolve(conn, &reference.parse().unwrap()).unwrap();
        claims::add(conn, id, &target, None, &uuid::Uuid::new_v4().to_string(), "now").unwrap();
        (id, claims::find(conn, id, &target).unwrap().unwrap())
    }

    fn judge(db: &Db, entry: EntryId, claim: Option<i64>, verdict: VerdictKind, date: &str) {
        let verdict = Verdict {
            verdict,
            assessor: "Dr Mentor".into(),
            date: date.parse().unwrap(),
            comment: None,
            claim: None,
            uuid: uuid::Uuid::new_v4().to_string(),
            created_at: "now".into(),
            credential: None,
        };
        claims::add_verdict(&db.as_tx(), entry, claim, &verdict).unwrap();
    }

    /// Entries and accepted entries of the cell.
    fn insight_practitioner(db: &Db) -> (i64, i64) {
        let coverage = coverage(&db.as_tx(), "emcc", Visibility::Public).unwrap();
        let row = coverage.competencies.iter().find(|r| r.code == "insight").unwrap();
        let cell = &row.levels[1];
        assert_eq!(cell.ids.len() as i64, cell.entries, "one id per entry");
        (cell.entries, cell.accepted)
    }

    #[test]
    fn the_newest_verdict_by_date_decides_whenever_it_was_recorded() {
        let db = Db::open_in_memory().unwrap();
        let text = include_str!("../../examples/frameworks/emcc-mentoring.toml");
        let mut emcc = crate::import::framework_toml::parse(text).unwrap().value;
        emcc.normalise();
        framework_upsert::upsert(&db.as_tx(), &emcc, "now").unwrap();
        let (entry, claim) = entry_claiming(&db, "emcc/insight/practitioner");
        judge(&db, entry, Some(claim), VerdictKind::Accepted, "2026-03-05");
        judge(&db, entry, Some(claim), VerdictKind::NeedsMore, "2026-03-01");
        assert_eq!(insight_practitioner(&db), (1, 1), "recorded later, dated earlier");

        judge(&db, entry, None, VerdictKind::NotAccepted, "2026-03-06");
        assert_eq!(insight_practitioner(&db), (1, 0), "a newer whole-entry verdict");
        judge(&db, entry, Some(claim), VerdictKind::Accepted, "2026-03-06");
        assert_eq!(insight_practitioner(&db), (1, 1), "same day: recorded last");

        let (other, _) = entry_claiming(&db, "emcc/insight/practitioner");
        judge(&db, other, None, VerdictKind::Accepted, "2026-01-01");
        assert_eq!(insight_practitioner(&db), (2, 2));
        trash::trash(&db.as_tx(), &[other], "now").unwrap();
        assert_eq!(insight_practitioner(&db), (1, 1), "the trash counts for nothing");
    }
}
