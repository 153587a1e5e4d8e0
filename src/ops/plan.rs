//! Adding goals and actions, and the name rule for `--with` and `--from`.

use super::Result;
use crate::db::{Conn, DbError, Tx, actions, goals, mentors, refs};
use crate::model::plan::PlanError;
use crate::model::{
    Action, ActionId, EntryId, Goal, GoalId, GoalStatus, PartialDate, Reference, plan::owner_from_flag,
};

/// What `folio goal add` stores.
#[derive(Debug, Clone)]
pub struct NewGoal {
    pub title: String,
    pub body: String,
    pub due: Option<PartialDate>,
    /// The day it was set.
    pub set_on: PartialDate,
    pub private: bool,
    pub competencies: Vec<Reference>,
}

/// What `folio action add` (and each `--agreed` of a meeting) stores.
#[derive(Debug, Clone, Default)]
pub struct NewAction {
    pub text: String,
    pub goal: Option<GoalId>,
    pub meeting: Option<EntryId>,
    pub due: Option<PartialDate>,
    /// As typed: `me`, a name, or nothing.
    pub owner: Option<String>,
}

fn invalid(e: PlanError) -> DbError {
    DbError::BadRecord { at: "the goal".into(), reason: e.to_string() }
}

pub fn add_goal(tx: &Tx, new: &NewGoal, now: &str) -> Result<GoalId> {
    let competencies =
        new.competencies.iter().map(|r| refs::resolve(tx, r)).collect::<Result<Vec<_>, _>>()?;
    let mut goal = Goal {
        id: GoalId(0),
        uuid: uuid::Uuid::new_v4().to_string(),
        title: new.title.clone(),
        body: new.body.trim_end().to_string(),
        due: new.due,
        set_on: Some(new.set_on),
        status: GoalStatus::Open,
        closed_on: None,
        reason: None,
        private: new.private,
        competencies: Vec::new(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
        deleted_at: None,
    };
    goal.validate().map_err(invalid)?;
    Ok(goals::insert(tx, &goal, &competencies)?)
}

/// Stores an action after checking that its goal and meeting exist.
pub fn add_action(tx: &Tx, new: &NewAction, now: &str) -> Result<ActionId> {
    if let Some(goal) = new.goal {
        goals::get(tx, goal)?;
    }
    if let Some(meeting) = new.meeting {
        actions::check_meeting(tx, meeting)?;
    }
    let mut action = Action {
        id: ActionId(0),
        uuid: uuid::Uuid::new_v4().to_string(),
        text: new.text.clone(),
        goal: new.goal,
        meeting: new.meeting,
        due: new.due,
        owner: new.owner.as_deref().and_then(owner_from_flag),
        done: None,
        note: None,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        deleted_at: None,
    };
    action.validate().map_err(|e| DbError::BadRecord { at: "the action".into(), reason: e.to_string() })?;
    Ok(actions::insert(tx, &action)?)
}

/// A person's name as typed for `--with` or `--from`: a mentor's name (in
/// its stored spelling) when it matches one in any case, `Err(name)` with
/// the name as typed when it matches none.
pub fn mentor_name(conn: &Conn, typed: &str) -> Result<std::result::Result<String, String>> {
    Ok(match mentors::find(conn, typed)? {
        Some(mentor) => Ok(mentor.name),
        None => Err(typed.trim().to_string()),
    })
}
