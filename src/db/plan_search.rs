//! Full-text search over goals and actions, beside the entries' search:
//! the same query language, each with its own FTS5 index.

use rusqlite::params;

use super::search::fts_query;
use super::{Conn, Result};
use crate::model::summary::PlanHit;

/// Live goals, then live actions, matching the query, best first in each.
/// A query that only the entries' index understands (a column filter such
/// as `tags:x`) matches no goal or action.
pub fn search(conn: &Conn, query: &str, mark: &(String, String), limit: u32) -> Result<Vec<PlanHit>> {
    let fts = fts_query(query);
    let mut hits = Vec::new();
    let goals = conn
        .prepare_cached(
            "SELECT g.id, g.title, g.private, snippet(goal_fts, -1, ?2, ?3, '…', 16)
               FROM goal_fts f JOIN goals g ON g.id = f.rowid AND g.deleted_at IS NULL
              WHERE goal_fts MATCH ?1 ORDER BY bm25(goal_fts, 10.0, 1.0), g.id LIMIT ?4",
        )?
        .query_map(params![fts, mark.0, mark.1, limit], |r| {
            Ok(PlanHit {
                kind: "goal",
                id: r.get(0)?,
                title: r.get(1)?,
                private: r.get(2)?,
                snippet: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
    hits.extend(goals.unwrap_or_default());
    let actions = conn
        .prepare_cached(
            "SELECT a.id, a.text, coalesce(g.private, 0) OR coalesce(m.private, 0),
                    snippet(action_fts, -1, ?2, ?3, '…', 16)
               FROM action_fts f JOIN actions a ON a.id = f.rowid AND a.deleted_at IS NULL
               LEFT JOIN goals g ON g.id = a.goal_id
               LEFT JOIN entries m ON m.id = a.meeting_id
              WHERE action_fts MATCH ?1 AND g.deleted_at IS NULL
              ORDER BY bm25(action_fts, 10.0, 1.0), a.id LIMIT ?4",
        )?
        .query_map(params![fts, mark.0, mark.1, limit], |r| {
            Ok(PlanHit {
                kind: "action",
                id: r.get(0)?,
                title: r.get(1)?,
                private: r.get(2)?,
                snippet: r.get(3)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
    hits.extend(actions.unwrap_or_default());
    Ok(hits)
}
