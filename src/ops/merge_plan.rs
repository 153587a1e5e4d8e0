//! Merging the mentoring records of a document: mentors, goals and actions,
//! each matched by UUID on its own. An incoming record replaces the stored
//! one only when it is newer; a record the document lacks is never touched,
//! so an action added on one side survives a goal merged from the other.

use std::collections::HashSet;

use super::merge::{MergeReport, Resolver, bad, record_key, takes_incoming};
use super::merge_entry::attachment_bytes;
use crate::db::{Result, Tx, actions, entries, goals, mentors};
use crate::model::document::{DocAction, DocGoal, DocMentor, PortfolioDocument};
use crate::model::{Action, ActionId, Goal, GoalId, Mentor, MentorId};

pub(super) fn merge_plan(
    conn: &Tx,
    document: &PortfolioDocument,
    resolver: &mut Resolver,
    replace: Option<&HashSet<String>>,
    report: &mut MergeReport,
) -> Result<()> {
    for (i, mentor) in document.mentors.iter().enumerate() {
        merge_mentor(conn, mentor, &format!("mentors[{i}] ({})", mentor.name), replace, report)?;
    }
    for (i, goal) in document.goals.iter().enumerate() {
        let at = format!("goals[{i}] ({})", goal.uuid);
        let id = merge_goal(conn, resolver, goal, &at, replace, report)?;
        for (n, action) in goal.actions.iter().enumerate() {
            merge_action(conn, action, Some(id), &format!("{at}.actions[{n}]"), replace, report)?;
        }
    }
    for (i, action) in document.actions.iter().enumerate() {
        merge_action(conn, action, None, &format!("actions[{i}] ({})", action.uuid), replace, report)?;
    }
    Ok(())
}

fn merge_goal(
    conn: &Tx,
    resolver: &mut Resolver,
    doc: &DocGoal,
    at: &str,
    replace: Option<&HashSet<String>>,
    report: &mut MergeReport,
) -> Result<GoalId> {
    let stored = goals::by_uuid(conn, &doc.uuid)?;
    if let Some((id, updated)) = &stored
        && !takes_incoming(replace, || record_key("goal", &doc.uuid), Some(&doc.updated_at), Some(updated))
    {
        return Ok(*id);
    }
    let competencies =
        doc.competencies.iter().map(|c| resolver.resolve(conn, at, c)).collect::<Result<Vec<_>>>()?;
    let mut goal = Goal {
        id: stored.as_ref().map_or(GoalId(0), |(id, _)| *id),
        uuid: doc.uuid.clone(),
        title: doc.title.clone(),
        body: doc.body.clone(),
        due: doc.due,
        set_on: doc.set_on,
        status: doc.status,
        closed_on: doc.closed_on,
        reason: doc.reason.clone(),
        private: doc.private,
        competencies: Vec::new(),
        created_at: doc.created_at.clone(),
        updated_at: doc.updated_at.clone(),
        deleted_at: None,
    };
    goal.validate().map_err(|e| bad(at, e))?;
    let id = match stored {
        Some((id, _)) => {
            goals::update(conn, &goal)?;
            goals::set_competencies(conn, id, &competencies)?;
            report.goals_updated += 1;
            id
        }
        None => {
            let id = goals::insert(conn, &goal, &competencies).map_err(|e| bad(at, e))?;
            report.goals_added += 1;
            id
        }
    };
    goals::set_deleted(conn, id, doc.deleted_at.as_deref())?;
    Ok(id)
}

fn merge_action(
    conn: &Tx,
    doc: &DocAction,
    goal: Option<GoalId>,
    at: &str,
    replace: Option<&HashSet<String>>,
    report: &mut MergeReport,
) -> Result<()> {
    let stored = actions::by_uuid(conn, &doc.uuid)?;
    if let Some((_, updated)) = &stored
        && !takes_incoming(replace, || record_key("action", &doc.uuid), Some(doc.changed_at()), Some(updated))
    {
        return Ok(());
    }
    let meeting = match &doc.meeting {
        Some(uuid) => match entries::find_by_uuid(conn, uuid)? {
            Some((id, _, _)) => {
                actions::check_meeting(conn, id).map_err(|e| bad(at, e))?;
                Some(id)
            }
            None => None,
        },
        None => None,
    };
    let mut action = Action {
        id: stored.as_ref().map_or(ActionId(0), |(id, _)| *id),
        uuid: doc.uuid.clone(),
        text: doc.text.clone(),
        goal,
        meeting,
        due: doc.due,
        owner: doc.owner.clone(),
        done: doc.done,
        note: doc.note.clone(),
        created_at: doc.created_at.clone(),
        updated_at: doc.changed_at().to_string(),
        deleted_at: None,
    };
    action.validate().map_err(|e| bad(at, e))?;
    let id = if stored.is_some() {
        actions::update(conn, &action)?;
        report.actions_updated += 1;
        action.id
    } else {
        report.actions_added += 1;
        actions::insert(conn, &action).map_err(|e| bad(at, e))?
    };
    actions::set_deleted(conn, id, doc.deleted_at.as_deref())?;
    Ok(())
}

fn merge_mentor(
    conn: &Tx,
    doc: &DocMentor,
    at: &str,
    replace: Option<&HashSet<String>>,
    report: &mut MergeReport,
) -> Result<()> {
    let stored = mentors::by_uuid(conn, &doc.uuid)?;
    if let Some(stored) = &stored
        && !takes_incoming(
            replace,
            || record_key("mentor", &doc.uuid),
            Some(&doc.updated_at),
            Some(&stored.updated_at),
        )
    {
        return Ok(());
    }
    if stored.is_none()
        && let Some(other) = mentors::find(conn, &doc.name)?
    {
        report.kept.push(format!("mentor {}: the portfolio has its own record of that name", other.name));
        return Ok(());
    }
    let mut mentor = Mentor {
        id: stored.as_ref().map_or(MentorId(0), |m| m.id),
        uuid: doc.uuid.clone(),
        name: doc.name.trim().to_string(),
        role: doc.role,
        since: doc.since,
        until: doc.until,
        email: doc.email.clone(),
        meet_every: doc.meet_every,
        // A contract the document names without its bytes keeps the stored one.
        contract: stored.as_ref().and_then(|m| m.contract.clone()),
        created_at: doc.created_at.clone(),
        updated_at: doc.updated_at.clone(),
    };
    if mentor.name.is_empty() {
        return Err(bad(at, "the name is empty"));
    }
    let mut bytes = None;
    if let Some(file) = &doc.contract {
        match attachment_bytes(conn, file, &format!("{at}.contract"))? {
            Some(data) => {
                mentor.contract = Some(crate::model::Attachment {
                    name: file.name.clone(),
                    size: file.size,
                    sha256: file.sha256.clone(),
                    media_type: file.media_type.clone(),
                });
                bytes = Some(data);
            }
            None => report.attachments_skipped += 1,
        }
    }
    if stored.is_some() {
        mentors::update(conn, &mentor, bytes.as_deref())?;
        report.mentors_updated += 1;
    } else {
        mentors::insert(conn, &mentor, bytes.as_deref()).map_err(|e| bad(at, e))?;
        report.mentors_added += 1;
    }
    Ok(())
}
