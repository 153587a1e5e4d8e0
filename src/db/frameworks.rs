//! Stored frameworks: reading them whole, listing and removing them.
//! Writing one (import, update in place) is in `framework_upsert.rs`.

use rusqlite::{OptionalExtension, params};

use super::{Conn, DbError, Result, Tx};
use crate::model::framework::Prompt;
use crate::model::summary::FrameworkSummary;
use crate::model::{Competency, Framework, Indicator, Level};

pub fn list(conn: &Conn) -> Result<Vec<FrameworkSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.key, f.title, f.source,
                (SELECT count(*) FROM framework_levels l WHERE l.framework_id = f.id),
                (SELECT count(*) FROM competencies c WHERE c.framework_id = f.id),
                (SELECT count(*) FROM indicators i JOIN competencies c ON c.id = i.competency_id
                  WHERE c.framework_id = f.id),
                (SELECT count(*) FROM claims cl JOIN competencies c ON c.id = cl.competency_id
                  JOIN entries e ON e.id = cl.entry_id AND e.deleted_at IS NULL
                  WHERE c.framework_id = f.id)
           FROM frameworks f ORDER BY f.key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(FrameworkSummary {
            key: r.get(0)?,
            title: r.get(1)?,
            source: r.get(2)?,
            levels: r.get(3)?,
            competencies: r.get(4)?,
            indicators: r.get(5)?,
            claims: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id and canonical key of a framework, matched case-insensitively.
pub fn find(conn: &Conn, key: &str) -> Result<Option<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, key FROM frameworks WHERE key = ?")?;
    Ok(stmt.query_row([key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// Every framework key, for suggestions.
pub fn keys(conn: &Conn) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM frameworks ORDER BY key")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A whole framework, competencies in order with their indicators in level order.
pub fn get(conn: &Conn, key: &str) -> Result<Framework> {
    let (id, framework_key) = find(conn, key)?.ok_or_else(|| DbError::NoSuchFramework(key.to_string()))?;
    let (title, source, description, updated_at): (String, Option<String>, Option<String>, String) = conn
        .prepare_cached("SELECT title, source, description, updated_at FROM frameworks WHERE id = ?")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let levels = conn
        .prepare_cached(
            "SELECT code, title, description FROM framework_levels WHERE framework_id = ? ORDER BY position, id",
        )?
        .query_map([id], |r| Ok(Level { code: r.get(0)?, title: r.get(1)?, description: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut competencies = conn
        .prepare_cached(
            "SELECT c.id, c.code, c.title, c.definition, p.code, c.external_id, c.question
               FROM competencies c LEFT JOIN competencies p ON p.id = c.parent_id
              WHERE c.framework_id = ? ORDER BY c.position, c.id",
        )?
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Competency {
                    code: r.get(1)?,
                    title: r.get(2)?,
                    definition: r.get(3)?,
                    question: r.get(6)?,
                    parent: r.get(4)?,
                    external_id: r.get(5)?,
                    indicators: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, l.code, i.text FROM indicators i
           JOIN competencies c ON c.id = i.competency_id
           LEFT JOIN framework_levels l ON l.id = i.level_id
          WHERE c.framework_id = ?
          ORDER BY c.id, l.position, i.position, i.id",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
    let mut by_competency: std::collections::HashMap<i64, Vec<Indicator>> = Default::default();
    for row in rows {
        let (competency_id, level, text) = row?;
        by_competency.entry(competency_id).or_default().push(Indicator { level, text });
    }
    for (competency_id, competency) in &mut competencies {
        competency.indicators = by_competency.remove(competency_id).unwrap_or_default();
    }
    let prompts = conn
        .prepare_cached("SELECT topic, text FROM framework_prompts WHERE framework_id = ? ORDER BY position")?
        .query_map([id], |r| Ok(Prompt { topic: r.get(0)?, text: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Framework {
        key: framework_key,
        title,
        source,
        description,
        levels,
        competencies: crate::model::framework::in_tree_order(
            competencies.into_iter().map(|(_, c)| c).collect(),
            |c: &Competency| (c.code.clone(), c.parent.clone()),
        ),
        prompts,
        updated_at: Some(updated_at),
    })
}

/// When the framework last changed (for exports).
pub fn updated_at(conn: &Conn, key: &str) -> Result<String> {
    let mut stmt = conn.prepare_cached("SELECT updated_at FROM frameworks WHERE key = ?")?;
    stmt.query_row([key], |r| r.get(0)).optional()?.ok_or_else(|| DbError::NoSuchFramework(key.to_string()))
}

/// How many claims (on live or trashed entries) point into the framework.
pub fn claim_count(conn: &Conn, framework_id: i64) -> Result<i64> {
    Ok(conn.prepare_cached(
        "SELECT count(*) FROM claims cl JOIN competencies c ON c.id = cl.competency_id WHERE c.framework_id = ?",
    )?
    .query_row([framework_id], |r| r.get(0))?)
}

/// Deletes a framework with its claims, verdicts on those claims and ratings.
pub fn remove(conn: &Tx, framework_id: i64) -> Result<()> {
    super::review::guard_portfolio(conn, "every framework")?;
    conn.execute(
        "DELETE FROM claims WHERE competency_id IN (SELECT id FROM competencies WHERE framework_id = ?)",
        [framework_id],
    )?;
    conn.execute("UPDATE competencies SET parent_id = NULL WHERE framework_id = ?", [framework_id])?;
    conn.execute("DELETE FROM frameworks WHERE id = ?", params![framework_id])?;
    Ok(())
}
