//! The rows a coverage matrix is built from (`report::coverage` builds it):
//! a framework's levels, competencies and indicators, its counted claims
//! and the verdicts on them. A claim on an entry in the trash, or on a
//! private entry when those are left out, is not counted.

use std::collections::HashMap;

use rusqlite::params;

use super::{Conn, DbError, Result, frameworks};
use crate::model::Visibility;

/// Everything a coverage matrix needs, as stored; ids are row ids.
#[derive(Debug, Clone, Default)]
pub struct CoverageRows {
    pub framework_id: i64,
    pub key: String,
    pub title: String,
    /// `(id, code)` in order.
    /// Each level's id, code and title, in order.
    pub levels: Vec<(i64, String, String)>,
    /// `(id, code, title, parent id)` in order.
    pub competencies: Vec<(i64, String, String, Option<i64>)>,
    /// Per competency id: `(indicator id, level id, text)` by level, then position.
    pub indicators: HashMap<i64, Vec<(i64, Option<i64>, String)>>,
    pub claims: Vec<ClaimRow>,
    /// `(entry id, claim id or none for the whole entry, accepted)`, by entry, then date.
    pub verdicts: Vec<(i64, Option<i64>, bool)>,
}

/// One counted claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    pub claim_id: i64,
    pub competency_id: i64,
    pub level_id: Option<i64>,
    pub indicator_id: Option<i64>,
    pub entry_id: i64,
}

/// Entries whose claims do not count: in the trash, or private when those are left out.
/// Few, and found from the `entries_visibility` index without reading entry rows.
// The one query not written with `visibility::shown`: the planner finds
// these rows from the index only when the condition reads `private = 1`.
fn hidden_entries(conn: &Conn, visibility: Visibility) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM entries WHERE deleted_at IS NOT NULL
         UNION ALL
         SELECT id FROM entries WHERE deleted_at IS NULL AND private = 1 AND NOT ?1",
    )?;
    let rows = stmt.query_map([visibility], |r| r.get(0))?;
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

/// The rows of one framework's matrix; private entries count only when `visibility` includes them.
pub fn coverage_rows(conn: &Conn, key: &str, visibility: Visibility) -> Result<CoverageRows> {
    let mut rows = framework_rows(conn, key)?;
    add_claims(conn, &mut rows, visibility)?;
    Ok(rows)
}

/// Adds the framework's counted claims and every verdict to its rows.
pub fn add_claims(conn: &Conn, rows: &mut CoverageRows, visibility: Visibility) -> Result<()> {
    rows.claims = claims_of(conn, rows.framework_id, visibility)?;
    // Verdicts are few next to claims: reading them all, by entry and then
    // time, from their covering index beats a look-up per claim.
    let mut stmt = conn.prepare_cached(
        "SELECT entry_id, claim_id, verdict = 'accepted' FROM verdicts ORDER BY entry_id, date, id",
    )?;
    let mut query = stmt.query([])?;
    while let Some(r) = query.next()? {
        rows.verdicts.push((required_int(r, 0)?, int(r, 1)?, r.get(2)?));
    }
    Ok(())
}

/// A framework's levels, competencies and indicators, without claims or verdicts.
pub fn framework_rows(conn: &Conn, key: &str) -> Result<CoverageRows> {
    let (framework_id, key) =
        frameworks::find(conn, key)?.ok_or_else(|| DbError::NoSuchFramework(key.to_string()))?;
    let title: String =
        conn.query_row("SELECT title FROM frameworks WHERE id = ?", [framework_id], |r| r.get(0))?;
    let levels = conn
        .prepare_cached(
            "SELECT id, code, title FROM framework_levels WHERE framework_id = ? ORDER BY position",
        )?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Sized first: a 14,000-item framework would otherwise be copied as the list grows.
    let count: i64 =
        conn.query_row("SELECT count(*) FROM competencies WHERE framework_id = ?", [framework_id], |r| {
            r.get(0)
        })?;
    let mut competencies = Vec::with_capacity(usize::try_from(count).unwrap_or_default());
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, title, parent_id FROM competencies WHERE framework_id = ? ORDER BY position, id",
    )?;
    for row in stmt.query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
        competencies.push(row?);
    }
    let competencies =
        crate::model::framework::in_tree_order(competencies, |(id, _, _, parent)| (*id, *parent));
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
    Ok(CoverageRows {
        framework_id,
        key,
        title,
        levels,
        competencies,
        indicators,
        claims: Vec::new(),
        verdicts: Vec::new(),
    })
}

/// Every counted claim of the framework.
fn claims_of(conn: &Conn, framework_id: i64, visibility: Visibility) -> Result<Vec<ClaimRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cl.id, cl.competency_id, cl.level_id, cl.indicator_id, cl.entry_id
           FROM competencies c JOIN claims cl ON cl.competency_id = c.id
          WHERE c.framework_id = ?1",
    )?;
    let hidden = hidden_entries(conn, visibility)?;
    let mut rows = Vec::new();
    let mut query = stmt.query(params![framework_id])?;
    while let Some(r) = query.next()? {
        let entry_id = required_int(r, 4)?;
        if hidden.is_empty() || !hidden.contains(&entry_id) {
            rows.push(ClaimRow {
                claim_id: required_int(r, 0)?,
                competency_id: required_int(r, 1)?,
                level_id: int(r, 2)?,
                indicator_id: int(r, 3)?,
                entry_id,
            });
        }
    }
    Ok(rows)
}

/// The frameworks that have claims on live entries, by key.
pub fn claimed_frameworks(conn: &Conn) -> Result<Vec<String>> {
    // From the kept counts when settled (a million entries: 240 ms to read the claims).
    match super::evidence::evidenced_frameworks(conn)? {
        Some(keys) => Ok(keys),
        None => frameworks_with_claims(conn),
    }
}

/// [`claimed_frameworks`] from the claims themselves.
pub(in crate::db) fn frameworks_with_claims(conn: &Conn) -> Result<Vec<String>> {
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
