//! What goes into the calendar export: every dated thing to do or renew.

use chrono::NaiveDate;

use crate::db::actions::{self, ActionFilter};
use crate::db::goals::{self, GoalFilter};
use crate::db::{Conn, Result, mentors};
use crate::model::GoalStatus;
use crate::model::Visibility;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEvent {
    /// Stable: derived from the record's UUID.
    pub uid: String,
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
    /// When the record last changed (`DTSTAMP`), an RFC 3339 stamp.
    pub stamp: String,
}

/// Open actions and goals with a due date, certificate expiries (a renewed
/// certificate's left out) and each current mentor's next meeting due,
/// in date order. Private goals and actions only when `visibility` includes them.
pub fn due_events(conn: &Conn, today: NaiveDate, visibility: Visibility) -> Result<Vec<DueEvent>> {
    let mut events = Vec::new();
    for action in actions::list(conn, ActionFilter { open: Some(true), visibility, ..Default::default() })? {
        let Some(due) = action.due else { continue };
        let goal = action.goal.map(|g| format!(" (goal {g})")).unwrap_or_default();
        events.push(DueEvent {
            uid: format!("action-{}@folio", action.uuid),
            day: due.last_day(),
            summary: format!("Due: {}", action.text),
            description: format!(
                "folio action {}{goal}; tick it off with `folio action done {}`",
                action.id, action.id
            ),
            stamp: action.updated_at.clone(),
        });
    }
    let open_goals = GoalFilter { status: Some(GoalStatus::Open), visibility, trashed: false, due_by: None };
    for goal in goals::list(conn, open_goals)? {
        let Some(due) = goal.due else { continue };
        events.push(DueEvent {
            uid: format!("goal-{}@folio", goal.uuid),
            day: due.last_day(),
            summary: format!("Goal due: {}", goal.title),
            description: format!("folio goal {}: {}", goal.id, crate::markdown::plain(&goal.body)),
            stamp: goal.updated_at.clone(),
        });
    }
    let mut latest = Vec::new();
    super::agenda::each_latest_certificate(conn, |cert| {
        latest.push((cert.id, cert.title.to_string(), cert.expires))
    })?;
    for (id, title, expires) in latest {
        let (uuid, updated_at) = crate::db::entries::uuid_and_updated_at(conn, id)?;
        events.push(DueEvent {
            uid: format!("expiry-{uuid}@folio"),
            day: expires.last_day(),
            summary: format!("Certificate expires: {title}"),
            description: format!("folio entry {id}: renew it, then `folio add certificate …`"),
            stamp: updated_at,
        });
    }
    for mentor in mentors::list(conn)?.into_iter().filter(|m| m.is_current(today)) {
        let last = mentors::last_meeting_with(conn, &mentor.name)?;
        let Some(due) = mentor.next_meeting_due(last.map(|l| l.date), today) else { continue };
        events.push(DueEvent {
            uid: format!("meeting-{}@folio", mentor.uuid),
            day: due,
            summary: format!("Meeting due with {} ({})", mentor.name, mentor.role),
            description: format!("record it with `folio add meeting TITLE --with \"{}\"`", mentor.name),
            stamp: mentor.updated_at.clone(),
        });
    }
    events.sort_by(|a, b| (a.day, &a.uid).cmp(&(b.day, &b.uid)));
    Ok(events)
}
