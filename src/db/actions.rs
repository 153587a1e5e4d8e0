//! Actions: agreed towards a goal or on their own, perhaps in a meeting.
//!
//! An action is private when its goal is, or when the meeting it was agreed
//! in is: [`PRIVATE`] is that rule, used by every read that leaves private
//! records out. An action of a goal in the trash is in the trash with it.

use rusqlite::{OptionalExtension, Row, params};

use super::row_write::{self, Values, value};
use super::visibility::shown;
use super::{Conn, DbError, Result, Tx};
use crate::model::document::DocAction;
use crate::model::{Action, ActionId, EntryId, EntryKind, GoalId, Visibility};

const SELECT: &str = "SELECT a.id, a.uuid, a.text, a.goal_id, a.meeting_id, a.due, a.owner, a.done_date,
                             a.note, a.created_at, a.updated_at, a.deleted_at
                        FROM actions a
                        LEFT JOIN goals g ON g.id = a.goal_id
                        LEFT JOIN entries m ON m.id = a.meeting_id";

/// [`SELECT`] without the meeting, for reads that need nothing of it: the
/// owner's own lists. Each meeting is an entry row read from the file, and
/// at 2,000 actions those reads were most of `folio agenda`'s time.
const SELECT_WITHOUT_MEETING: &str = "SELECT a.id, a.uuid, a.text, a.goal_id, a.meeting_id, a.due, a.owner,
                             a.done_date, a.note, a.created_at, a.updated_at, a.deleted_at
                        FROM actions a
                        LEFT JOIN goals g ON g.id = a.goal_id";

/// The action is private: its goal or its meeting is.
const PRIVATE: &str = "(coalesce(g.private, 0) OR coalesce(m.private, 0))";

/// The action is live: neither it nor its goal is in the trash.
const LIVE: &str = "(a.deleted_at IS NULL AND g.deleted_at IS NULL)";

fn action_from_row(row: &Row) -> rusqlite::Result<Action> {
    Ok(Action {
        id: row.get(0)?,
        uuid: row.get(1)?,
        text: row.get(2)?,
        goal: row.get(3)?,
        meeting: row.get(4)?,
        due: row.get(5)?,
        owner: row.get(6)?,
        done: row.get(7)?,
        note: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        deleted_at: row.get(11)?,
    })
}

/// Which actions to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActionFilter {
    pub goal: Option<GoalId>,
    pub meeting: Option<EntryId>,
    /// `Some(true)` for open ones only, `Some(false)` for done ones only.
    pub open: Option<bool>,
    pub visibility: Visibility,
    /// The actions in the trash (by themselves) instead of the live ones.
    pub trashed: bool,
    /// Only actions due (their last day) by this day, overdue ones included.
    pub due_by: Option<chrono::NaiveDate>,
}

/// Actions by due date (none last), then in the order they were agreed.
pub fn list(conn: &Conn, filter: ActionFilter) -> Result<Vec<Action>> {
    let state = if filter.trashed { "a.deleted_at IS NOT NULL" } else { LIVE };
    // The owner's own list needs nothing of the meeting.
    let select = if filter.visibility.includes_private() { SELECT_WITHOUT_MEETING } else { SELECT };
    let private = if filter.visibility.includes_private() { "1" } else { PRIVATE };
    let sql = format!(
        "{select} WHERE {state} AND {}
            AND (?2 IS NULL OR a.goal_id = ?2) AND (?3 IS NULL OR a.meeting_id = ?3)
            AND (?4 IS NULL OR (a.done_date IS NULL) = ?4) AND {}
          ORDER BY a.due IS NULL, a.due, a.goal_id IS NULL, a.goal_id, a.position, a.id",
        shown("?1", private),
        super::filter::due_by("a.due", "?5")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let by = filter.due_by.map(super::filter::day_text);
    let rows = stmt.query_map(
        params![filter.visibility, filter.goal, filter.meeting, filter.open, by],
        action_from_row,
    )?;
    let actions: Vec<Action> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(actions.into_iter().filter(|a| super::filter::falls_due_by(a.due, filter.due_by)).collect())
}

/// A live action.
pub fn get(conn: &Conn, id: ActionId) -> Result<Action> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE a.id = ? AND {LIVE}"))?;
    stmt.query_row([id], action_from_row).optional()?.ok_or(DbError::NoSuchAction(id))
}

/// Checks that an entry is a live meeting, for `--meeting`.
pub fn check_meeting(conn: &Conn, id: EntryId) -> Result<()> {
    let kind: Option<EntryKind> = conn
        .prepare_cached("SELECT kind FROM entries WHERE id = ? AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match kind {
        None => Err(DbError::NoSuchEntry(id)),
        Some(EntryKind::Meeting) => Ok(()),
        Some(kind) => Err(DbError::NotAMeeting { id, kind }),
    }
}

/// The writable columns of an action, for both INSERT and UPDATE.
fn values(action: &Action) -> Values {
    vec![
        value("goal_id", action.goal),
        value("meeting_id", action.meeting),
        value("text", action.text.clone()),
        value("due", action.due),
        value("owner", action.owner.clone()),
        value("done_date", action.done),
        value("note", action.note.clone()),
        value("updated_at", action.updated_at.clone()),
    ]
}

/// Stores a new action (its id in `action` is ignored) after the goal's others.
pub fn insert(conn: &Tx, action: &Action) -> Result<ActionId> {
    let position: i64 = conn
        .prepare_cached("SELECT coalesce(max(position) + 1, 0) FROM actions WHERE goal_id IS ?")?
        .query_row([action.goal], |r| r.get(0))?;
    let mut row = values(action);
    row.push(value("uuid", action.uuid.clone()));
    row.push(value("position", position));
    row.push(value("created_at", action.created_at.clone()));
    Ok(ActionId(row_write::insert(conn, "actions", &row)?))
}

/// Writes an action's fields over the stored ones.
pub fn update(conn: &Tx, action: &Action) -> Result<()> {
    if row_write::update(conn, "actions", &values(action), action.id.0)? == 0 {
        return Err(DbError::NoSuchAction(action.id));
    }
    Ok(())
}

/// The id and last change of the action with this UUID, trashed or not.
pub fn by_uuid(conn: &Conn, uuid: &str) -> Result<Option<(ActionId, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, updated_at FROM actions WHERE uuid = ?")?
        .query_row([uuid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn trash(conn: &Tx, id: ActionId, now: &str) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE actions SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
        )?
        .execute(params![now, id])?;
    if changed == 0 {
        return Err(DbError::NoSuchAction(id));
    }
    Ok(())
}

/// Puts an action in the trash at `deleted_at`, or takes it out, keeping its stamps (sync).
pub fn set_deleted(conn: &Tx, id: ActionId, deleted_at: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE actions SET deleted_at = ? WHERE id = ?")?
        .execute(params![deleted_at, id])?;
    Ok(())
}

pub fn restore(conn: &Tx, id: ActionId, now: &str) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE actions SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
        )?
        .execute(params![now, id])?;
    if changed == 0 {
        return Err(DbError::NoSuchAction(id));
    }
    Ok(())
}

/// The meeting held with `person` before `meeting` (by date, then id), if any.
pub fn previous_meeting_with(conn: &Conn, person: &str, meeting: EntryId) -> Result<Option<EntryId>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id FROM entries p, entries this
              WHERE this.id = ?2 AND p.kind = 'meeting' AND p.deleted_at IS NULL
                AND p.meeting_with = ?1 COLLATE NOCASE
                AND (p.date_key < this.date_key OR (p.date_key = this.date_key AND p.id < this.id))
              ORDER BY p.date_key DESC, p.id DESC LIMIT 1",
        )?
        .query_row(params![person.trim(), meeting], |r| r.get(0))
        .optional()?)
}

/// Every live action as the folio document holds it, with its goal's id:
/// in each goal in agreed order, then those without a goal by when they
/// were made. A meeting in the trash is not named.
pub fn for_document(
    conn: &Conn,
    visibility: Visibility,
    include_trash: bool,
) -> Result<Vec<(Option<GoalId>, DocAction)>> {
    let state = if include_trash { "1" } else { LIVE };
    let sql = format!(
        "SELECT a.goal_id, a.uuid, a.text, a.due, a.done_date,
                CASE WHEN m.deleted_at IS NULL OR ?2 THEN m.uuid END, a.owner, a.note, a.created_at, a.updated_at,
                a.deleted_at
           FROM actions a
           LEFT JOIN goals g ON g.id = a.goal_id
           LEFT JOIN entries m ON m.id = a.meeting_id
          WHERE {state} AND {}
          ORDER BY a.goal_id IS NULL, a.goal_id, a.position, a.created_at, a.uuid",
        shown("?1", PRIVATE)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![visibility, include_trash], |r| {
        Ok((
            r.get(0)?,
            DocAction {
                uuid: r.get(1)?,
                text: r.get(2)?,
                due: r.get(3)?,
                done: r.get(4)?,
                meeting: r.get(5)?,
                owner: r.get(6)?,
                note: r.get(7)?,
                created_at: r.get(8)?,
                updated_at: Some(r.get(9)?),
                deleted_at: r.get(10)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live open actions agreed in meetings with `person`, or owned by them (any case).
pub fn open_with(conn: &Conn, person: &str, visibility: Visibility) -> Result<Vec<Action>> {
    let sql = format!(
        "{SELECT} WHERE {LIVE} AND {} AND a.done_date IS NULL
            AND ((m.meeting_with = ?1 COLLATE NOCASE AND m.deleted_at IS NULL) OR a.owner = ?1 COLLATE NOCASE)
          ORDER BY a.due IS NULL, a.due, a.id",
        shown("?2", PRIVATE)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![person.trim(), visibility], action_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
