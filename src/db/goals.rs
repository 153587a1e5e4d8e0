//! Goals (objectives) and the actions agreed towards them.

use rusqlite::{OptionalExtension, params};

use super::refs::{self, Resolved};
use super::{Conn, Result, Tx};
use crate::model::document::{DocAction, DocGoal};

/// Every goal with its competencies and actions, oldest first.
pub fn all(conn: &Conn, include_private: bool) -> Result<Vec<DocGoal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uuid, title, body, due, status, private, created_at, updated_at FROM goals
          WHERE (?1 OR private = 0) ORDER BY created_at, uuid",
    )?;
    let rows = stmt.query_map([include_private], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            DocGoal {
                uuid: r.get(1)?,
                title: r.get(2)?,
                body: r.get(3)?,
                due: r.get(4)?,
                status: r.get(5)?,
                private: r.get(6)?,
                competencies: Vec::new(),
                actions: Vec::new(),
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
            },
        ))
    })?;
    let mut goals = Vec::new();
    for row in rows {
        let (id, mut goal) = row?;
        let competencies: Vec<i64> = conn
            .prepare_cached("SELECT competency_id FROM goal_competencies WHERE goal_id = ?")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        goal.competencies =
            competencies.into_iter().map(|c| refs::display(conn, c, None, None)).collect::<Result<_>>()?;
        goal.competencies.sort();
        goal.actions = conn
            .prepare_cached(
                "SELECT a.uuid, a.text, a.due, a.done_date, e.uuid, a.created_at FROM actions a
                   LEFT JOIN entries e ON e.id = a.meeting_id WHERE a.goal_id = ? ORDER BY a.position, a.id",
            )?
            .query_map([id], |r| {
                Ok(DocAction {
                    uuid: r.get(0)?,
                    text: r.get(1)?,
                    due: r.get(2)?,
                    done: r.get(3)?,
                    meeting: r.get(4)?,
                    created_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        goals.push(goal);
    }
    Ok(goals)
}

/// Stores a goal as given, replacing one with the same UUID; `competencies` are resolved already.
pub fn save(conn: &Tx, goal: &DocGoal, competencies: &[Resolved]) -> Result<()> {
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM goals WHERE uuid = ?")?
        .query_row([&goal.uuid], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        conn.execute("DELETE FROM goals WHERE id = ?", [id])?;
    }
    conn.prepare_cached(
        "INSERT INTO goals (uuid, title, body, due, status, private, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        goal.uuid,
        goal.title,
        goal.body,
        goal.due,
        goal.status.as_str(),
        goal.private,
        goal.created_at,
        goal.updated_at
    ])?;
    let id = conn.last_insert_rowid();
    for competency in competencies {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO goal_competencies (goal_id, competency_id) VALUES (?, ?)",
        )?
        .execute(params![id, competency.competency_id])?;
    }
    for (position, action) in goal.actions.iter().enumerate() {
        let meeting: Option<i64> = match &action.meeting {
            Some(uuid) => conn
                .prepare_cached("SELECT id FROM entries WHERE uuid = ?")?
                .query_row([uuid], |r| r.get(0))
                .optional()?,
            None => None,
        };
        conn.prepare_cached(
            "INSERT INTO actions (uuid, goal_id, meeting_id, text, due, done_date, position, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )?
        .execute(params![
            action.uuid,
            id,
            meeting,
            action.text,
            action.due,
            action.done,
            position as i64,
            action.created_at
        ])?;
    }
    Ok(())
}

/// The `updated_at` of the goal with this UUID, if stored.
pub fn updated_at(conn: &Conn, uuid: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT updated_at FROM goals WHERE uuid = ?")?
        .query_row([uuid], |r| r.get(0))
        .optional()?)
}
