//! What a framework's evidence covers: the competency × level matrix and
//! the evidence behind each indicator (`gaps` reads its gaps from it).
//!
//! A claim counts at its own level, or at its indicator's level. An entry in
//! the trash counts for nothing. "Accepted" means the newest verdict on the
//! claim, or on the whole entry, whichever is newer, is `accepted`.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use super::{Conn, DbError, Result, frameworks};
use crate::model::assessment::decisive_verdict;
use crate::model::framework::depth;
use crate::model::reference::Canonical;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub framework: String,
    pub title: String,
    /// Level codes in order; empty for a framework without levels.
    pub levels: Vec<String>,
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
}

struct ClaimRow {
    competency_id: i64,
    level_id: Option<i64>,
    indicator_id: Option<i64>,
    entry_id: i64,
    accepted: bool,
}

/// Entries whose claims do not count: in the trash, or private when those are left out.
/// Few, and found from the `entries_visibility` index without reading entry rows.
fn hidden_entries(conn: &Conn, include_private: bool) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM entries WHERE deleted_at IS NOT NULL
         UNION ALL
         SELECT id FROM entries WHERE deleted_at IS NULL AND private = 1 AND NOT ?1",
    )?;
    let rows = stmt.query_map([include_private], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An integer column read without the conversions of `Row::get`: coverage
/// reads tens of thousands of rows, and the generic path costs more than
/// SQLite's own work.
fn int(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Option<i64>> {
    Ok(row.get_ref(index)?.as_i64_or_null()?)
}

fn required_int(row: &rusqlite::Row, index: usize) -> rusqlite::Result<i64> {
    Ok(row.get_ref(index)?.as_i64()?)
}

/// Every counted claim of the framework; a claim on an indicator counts at the
/// indicator's level (`indicator_levels`: indicator id → level id).
fn claims_of(
    conn: &Conn,
    framework_id: i64,
    include_private: bool,
    indicator_levels: &HashMap<i64, Option<i64>>,
) -> Result<Vec<ClaimRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cl.id, cl.competency_id, cl.level_id, cl.indicator_id, cl.entry_id
           FROM competencies c JOIN claims cl ON cl.competency_id = c.id
          WHERE c.framework_id = ?1",
    )?;
    let hidden = hidden_entries(conn, include_private)?;
    let mut rows = Vec::new();
    let mut query = stmt.query(params![framework_id])?;
    while let Some(r) = query.next()? {
        let entry_id = required_int(r, 4)?;
        if hidden.is_empty() || !hidden.contains(&entry_id) {
            let claim = ClaimRow {
                competency_id: required_int(r, 1)?,
                level_id: int(r, 2)?,
                indicator_id: int(r, 3)?,
                entry_id,
                accepted: false,
            };
            rows.push((required_int(r, 0)?, claim));
        }
    }
    // The newest verdict on the claim or on its whole entry decides. Verdicts
    // are few next to claims: reading them all, by entry and then time, from
    // their covering index beats a look-up per claim.
    let mut verdicts: Vec<(i64, Option<i64>, bool)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, claim_id, verdict = 'accepted' FROM verdicts ORDER BY entry_id, date, id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(r) = query.next()? {
        verdicts.push((required_int(r, 0)?, int(r, 1)?, r.get(2)?));
    }
    let verdicts_on = |entry: i64| {
        let start = verdicts.partition_point(|(e, _, _)| *e < entry);
        let end = start + verdicts[start..].partition_point(|(e, _, _)| *e == entry);
        &verdicts[start..end]
    };
    Ok(rows
        .into_iter()
        .map(|(claim_id, mut row)| {
            if row.level_id.is_none() {
                row.level_id = row.indicator_id.and_then(|i| indicator_levels.get(&i).copied().flatten());
            }
            row.accepted = decisive_verdict(verdicts_on(row.entry_id).iter().rev(), &claim_id, |v| v.1)
                .is_some_and(|(_, _, accepted)| *accepted);
            row
        })
        .collect())
}

fn cell(claims: &[&ClaimRow]) -> Cell {
    let mut entries: Vec<i64> = claims.iter().map(|c| c.entry_id).collect();
    entries.sort_unstable();
    entries.dedup();
    let mut accepted: Vec<i64> = claims.iter().filter(|c| c.accepted).map(|c| c.entry_id).collect();
    accepted.sort_unstable();
    accepted.dedup();
    Cell { entries: entries.len() as i64, accepted: accepted.len() as i64 }
}

/// The matrix of one framework; private entries count only if `include_private`.
pub fn coverage(conn: &Conn, key: &str, include_private: bool) -> Result<Coverage> {
    let (framework_id, key) =
        frameworks::find(conn, key)?.ok_or_else(|| DbError::NoSuchFramework(key.to_string()))?;
    let title: String =
        conn.query_row("SELECT title FROM frameworks WHERE id = ?", [framework_id], |r| r.get(0))?;
    let levels: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, code FROM framework_levels WHERE framework_id = ? ORDER BY position")?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let competencies: Vec<(i64, String, String, Option<i64>)> = conn
        .prepare_cached("SELECT id, code, title, parent_id FROM competencies WHERE framework_id = ? ORDER BY position, id")?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut indicators: HashMap<i64, Vec<(i64, Option<i64>, String)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT i.competency_id, i.id, i.level_id, i.text FROM indicators i
           JOIN competencies c ON c.id = i.competency_id
           LEFT JOIN framework_levels l ON l.id = i.level_id
          WHERE c.framework_id = ? ORDER BY l.position, i.position, i.id",
    )?;
    for row in
        stmt.query_map([framework_id], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
    {
        let (competency_id, id, level_id, text) = row?;
        indicators.entry(competency_id).or_default().push((id, level_id, text));
    }
    let indicator_levels: HashMap<i64, Option<i64>> =
        indicators.values().flatten().map(|(id, level, _)| (*id, *level)).collect();
    let claims = claims_of(conn, framework_id, include_private, &indicator_levels)?;
    let mut claims_by_competency: HashMap<i64, Vec<&ClaimRow>> = HashMap::new();
    for claim in &claims {
        claims_by_competency.entry(claim.competency_id).or_default().push(claim);
    }
    let parents: HashMap<i64, Option<i64>> = competencies.iter().map(|(id, _, _, p)| (*id, *p)).collect();
    let depth_of = |id: i64| depth(id, |id| parents.get(id).copied().flatten());
    let level_code =
        |id: Option<i64>| id.and_then(|id| levels.iter().find(|(l, _)| *l == id)).map(|(_, c)| c.clone());
    let rows = competencies
        .iter()
        .map(|(id, code, title, _)| {
            let own: &[&ClaimRow] = claims_by_competency.get(id).map(Vec::as_slice).unwrap_or_default();
            let at = |level: Option<i64>| -> Vec<&ClaimRow> {
                own.iter().copied().filter(|c| c.level_id == level).collect()
            };
            let mut numbers: HashMap<Option<i64>, i64> = HashMap::new();
            let indicator_rows = indicators
                .get(id)
                .into_iter()
                .flatten()
                .map(|(indicator_id, level_id, text)| {
                    let n = numbers.entry(*level_id).or_insert(0);
                    *n += 1;
                    let level = level_code(*level_id);
                    let reference = Canonical {
                        key: key.clone(),
                        code: code.clone(),
                        level: level.clone(),
                        indicator: Some(*n),
                    }
                    .to_string();
                    let direct: Vec<&&ClaimRow> =
                        own.iter().filter(|c| c.indicator_id == Some(*indicator_id)).collect();
                    let mut evidence: Vec<i64> = direct.iter().map(|c| c.entry_id).collect();
                    evidence.sort_unstable();
                    evidence.dedup();
                    let mut accepted: Vec<i64> =
                        direct.iter().filter(|c| c.accepted).map(|c| c.entry_id).collect();
                    accepted.sort_unstable();
                    accepted.dedup();
                    IndicatorEvidence { reference, level, text: text.clone(), evidence, accepted }
                })
                .collect();
            CoverageRow {
                code: code.clone(),
                title: title.clone(),
                depth: depth_of(*id),
                levels: levels.iter().map(|(level_id, _)| cell(&at(Some(*level_id)))).collect(),
                any_level: cell(&at(None)),
                indicators: indicator_rows,
            }
        })
        .collect();
    Ok(Coverage {
        framework: key,
        title,
        levels: levels.into_iter().map(|(_, c)| c).collect(),
        competencies: rows,
    })
}

/// The frameworks that have claims on live entries, by key.
pub fn claimed_frameworks(conn: &Conn) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT f.key FROM frameworks f
           JOIN competencies c ON c.framework_id = f.id
           JOIN claims cl ON cl.competency_id = c.id
           JOIN entries e ON e.id = cl.entry_id AND e.deleted_at IS NULL
          ORDER BY f.key",
    )?;
    let rows = stmt.query_map(params![], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
            date: date.into(),
            comment: None,
            claim: None,
            uuid: uuid::Uuid::new_v4().to_string(),
            created_at: "now".into(),
        };
        claims::add_verdict(&db.as_tx(), entry, claim, &verdict).unwrap();
    }

    fn insight_practitioner(db: &Db) -> Cell {
        let coverage = coverage(&db.as_tx(), "emcc", false).unwrap();
        let row = coverage.competencies.iter().find(|r| r.code == "insight").unwrap();
        row.levels[1].clone()
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
        assert_eq!(
            insight_practitioner(&db),
            Cell { entries: 1, accepted: 1 },
            "recorded later, dated earlier"
        );

        judge(&db, entry, None, VerdictKind::NotAccepted, "2026-03-06");
        assert_eq!(
            insight_practitioner(&db),
            Cell { entries: 1, accepted: 0 },
            "a newer whole-entry verdict"
        );
        judge(&db, entry, Some(claim), VerdictKind::Accepted, "2026-03-06");
        assert_eq!(insight_practitioner(&db), Cell { entries: 1, accepted: 1 }, "same day: recorded last");

        let (other, _) = entry_claiming(&db, "emcc/insight/practitioner");
        judge(&db, other, None, VerdictKind::Accepted, "2026-01-01");
        assert_eq!(insight_practitioner(&db), Cell { entries: 2, accepted: 2 });
        trash::trash(&db.as_tx(), &[other], "now").unwrap();
        assert_eq!(
            insight_practitioner(&db),
            Cell { entries: 1, accepted: 1 },
            "the trash counts for nothing"
        );
    }
}
