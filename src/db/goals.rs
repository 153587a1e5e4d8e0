//! Goals (objectives) and the competencies they work towards.

use rusqlite::{OptionalExtension, Row, params};

use super::filter::{day_text, due_by, falls_due_by};
use super::refs::{self, Resolved};
use super::row_write::{self, Values, value};
use super::visibility::shown;
use super::{Conn, DbError, Result, Tx};
use crate::model::summary::EntryBrief;
use crate::model::{Goal, GoalId, GoalStatus, PartialDate, Visibility};

const SELECT: &str = "SELECT id, uuid, title, body, due, status, closed_on, reason, private,
                             created_at, updated_at, deleted_at, set_on FROM goals";

fn goal_from_row(row: &Row) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: row.get(0)?,
        uuid: row.get(1)?,
        title: row.get(2)?,
        body: row.get(3)?,
        due: row.get(4)?,
        set_on: row.get(12)?,
        status: row.get(5)?,
        closed_on: row.get(6)?,
        reason: row.get(7)?,
        private: row.get(8)?,
        competencies: Vec::new(),
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        deleted_at: row.get(11)?,
    })
}

/// Which goals to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct GoalFilter {
    /// `None` for every status.
    pub status: Option<GoalStatus>,
    pub visibility: Visibility,
    /// The goals in the trash instead of the live ones.
    pub trashed: bool,
    /// Only goals due (their last day) by this day, overdue ones included.
    pub due_by: Option<chrono::NaiveDate>,
}

/// Goals by due date (none last), then the order they were set.
pub fn list(conn: &Conn, filter: GoalFilter) -> Result<Vec<Goal>> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR status = ?1) AND {}
            AND (deleted_at IS NOT NULL) = ?3 AND {}
          ORDER BY due IS NULL, due, created_at, id",
        shown("?2", "private"),
        due_by("due", "?4")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let by = filter.due_by.map(day_text);
    let goals = stmt
        .query_map(params![filter.status, filter.visibility, filter.trashed, by], goal_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|g| falls_due_by(g.due, filter.due_by))
        .collect();
    with_competencies(conn, goals)
}

/// A live goal.
pub fn get(conn: &Conn, id: GoalId) -> Result<Goal> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE id = ? AND deleted_at IS NULL"))?;
    let goal = stmt.query_row([id], goal_from_row).optional()?.ok_or(DbError::NoSuchGoal(id))?;
    Ok(with_competencies(conn, vec![goal])?.remove(0))
}

fn with_competencies(conn: &Conn, mut goals: Vec<Goal>) -> Result<Vec<Goal>> {
    let mut stmt = conn.prepare_cached("SELECT competency_id FROM goal_competencies WHERE goal_id = ?")?;
    for goal in &mut goals {
        let ids: Vec<i64> = stmt.query_map([goal.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        goal.competencies =
            ids.into_iter().map(|c| refs::display(conn, c, None, None)).collect::<Result<_>>()?;
        goal.competencies.sort();
    }
    Ok(goals)
}

/// The writable columns of a goal, for both INSERT and UPDATE.
fn values(goal: &Goal) -> Values {
    vec![
        value("title", goal.title.clone()),
        value("body", goal.body.clone()),
        value("due", goal.due),
        value("set_on", goal.set_on),
        value("status", goal.status),
        value("closed_on", goal.closed_on),
        value("reason", goal.reason.clone()),
        value("private", goal.private),
        value("updated_at", goal.updated_at.clone()),
    ]
}

/// Stores a new goal (its id in `goal` is ignored) and returns its id.
pub fn insert(conn: &Tx, goal: &Goal, competencies: &[Resolved]) -> Result<GoalId> {
    let mut row = values(goal);
    row.push(value("uuid", goal.uuid.clone()));
    row.push(value("created_at", goal.created_at.clone()));
    let id = GoalId(row_write::insert(conn, "goals", &row)?);
    add_competencies(conn, id, competencies)?;
    Ok(id)
}

/// Writes a goal's own fields (not its competencies) over the stored ones.
pub fn update(conn: &Tx, goal: &Goal) -> Result<()> {
    if row_write::update(conn, "goals", &values(goal), goal.id.0)? == 0 {
        return Err(DbError::NoSuchGoal(goal.id));
    }
    Ok(())
}

pub fn add_competencies(conn: &Tx, id: GoalId, competencies: &[Resolved]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("INSERT OR IGNORE INTO goal_competencies (goal_id, competency_id) VALUES (?, ?)")?;
    for competency in competencies {
        stmt.execute(params![id, competency.competency_id])?;
    }
    Ok(())
}

/// Unlinks competencies; returns how many were linked.
pub fn remove_competencies(conn: &Tx, id: GoalId, competencies: &[Resolved]) -> Result<usize> {
    let mut stmt =
        conn.prepare_cached("DELETE FROM goal_competencies WHERE goal_id = ? AND competency_id = ?")?;
    let mut removed = 0;
    for competency in competencies {
        removed += stmt.execute(params![id, competency.competency_id])?;
    }
    Ok(removed)
}

/// Replaces the competencies of a goal.
pub fn set_competencies(conn: &Tx, id: GoalId, competencies: &[Resolved]) -> Result<()> {
    conn.prepare_cached("DELETE FROM goal_competencies WHERE goal_id = ?")?.execute([id])?;
    add_competencies(conn, id, competencies)
}

/// Live goals that work towards a competency (by its stored id).
pub fn towards_competency(conn: &Conn, competency_id: i64, visibility: Visibility) -> Result<Vec<Goal>> {
    let sql = format!(
        "{SELECT} WHERE deleted_at IS NULL AND {}
            AND id IN (SELECT goal_id FROM goal_competencies WHERE competency_id = ?1)
          ORDER BY created_at, id",
        shown("?2", "private")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let goals = stmt
        .query_map(params![competency_id, visibility], goal_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(goals)
}

/// Live entries dated on or after `since` that claim one of the goal's competencies, newest first.
pub fn evidence_since(
    conn: &Conn,
    id: GoalId,
    since: PartialDate,
    visibility: Visibility,
) -> Result<Vec<EntryBrief>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT e.id, e.kind, e.title, e.date, e.private, e.date_key FROM goal_competencies g
           JOIN claims c ON c.competency_id = g.competency_id
           JOIN entries e ON e.id = c.entry_id AND e.deleted_at IS NULL
          WHERE g.goal_id = ?1 AND e.date_key >= ?2 AND {}
          ORDER BY e.date_key DESC, e.id DESC",
        shown("?3", "e.private")
    ))?;
    let rows = stmt.query_map(params![id, since.key(), visibility], super::mentors::brief_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id and last change of the goal with this UUID, trashed or not.
pub fn by_uuid(conn: &Conn, uuid: &str) -> Result<Option<(GoalId, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, updated_at FROM goals WHERE uuid = ?")?
        .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Moves a live goal (and so its actions) to the trash.
pub fn trash(conn: &Tx, id: GoalId, now: &str) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE goals SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
        )?
        .execute(params![now, id])?;
    if changed == 0 {
        return Err(DbError::NoSuchGoal(id));
    }
    Ok(())
}

/// Puts a goal in the trash at `deleted_at`, or takes it out, keeping its stamps (sync).
pub fn set_deleted(conn: &Tx, id: GoalId, deleted_at: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE goals SET deleted_at = ? WHERE id = ?")?.execute(params![deleted_at, id])?;
    Ok(())
}

pub fn restore(conn: &Tx, id: GoalId, now: &str) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE goals SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
        )?
        .execute(params![now, id])?;
    if changed == 0 {
        return Err(DbError::NoSuchGoal(id));
    }
    Ok(())
}
