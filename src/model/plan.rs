//! Objectives (goals) and the actions agreed towards them, and the one home
//! of what "overdue", "due within" and "progress" mean.
//!
//! A due date keeps its precision like any date: an action due `2026-03` is
//! due by the end of March and overdue from 1 April.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::ids::{ActionId, EntryId, GoalId};
use super::names::named_enum;
use super::stamp;

named_enum! {
    /// Where a goal stands.
    pub enum GoalStatus ("goal status") {
        /// Being worked on
        Open = "open",
        /// Achieved
        Done = "done",
        /// Given up
        Dropped = "dropped",
    }
}

/// An objective, with the competencies it works towards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub uuid: String,
    pub title: String,
    pub body: String,
    pub due: Option<PartialDate>,
    /// The day it was set, when it was given; else the day it was stored.
    pub set_on: Option<PartialDate>,
    pub status: GoalStatus,
    /// The day it was done or dropped.
    pub closed_on: Option<PartialDate>,
    /// Why it was dropped.
    pub reason: Option<String>,
    pub private: bool,
    /// References of the competencies it works towards, sorted.
    pub competencies: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

/// The mentoring records an export shows beside the entries.
#[derive(Debug, Default)]
pub struct Plan {
    pub goals: Vec<Goal>,
    /// The actions of those goals, and those of no goal.
    pub actions: Vec<Action>,
    pub mentors: Vec<super::Mentor>,
}

/// Something to do, towards a goal or on its own, perhaps agreed in a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub uuid: String,
    pub text: String,
    pub goal: Option<GoalId>,
    /// The meeting entry it was agreed in.
    pub meeting: Option<EntryId>,
    pub due: Option<PartialDate>,
    /// Who does it; `None` is the portfolio's owner.
    pub owner: Option<String>,
    /// The day it was done; `None` while open.
    pub done: Option<PartialDate>,
    /// What came of it.
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

/// A rule a goal or action broke; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the action's text is empty")]
    EmptyText,
}

/// How long before a certificate expires it is called out (agenda, interview document).
pub const EXPIRY_NOTICE: chrono::Days = chrono::Days::new(90);

/// Whether a certificate expiring on `expires` needs attention `today`:
/// expired, or expiring within [`EXPIRY_NOTICE`].
pub fn expiry_needs_attention(expires: PartialDate, today: NaiveDate) -> Option<DueState> {
    let state = DueState::of(expires, today);
    state.within(today, today + EXPIRY_NOTICE).then_some(state)
}

/// How a due date stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// Past its last day by this many days (at least 1).
    Overdue(i64),
    /// Its last day is today.
    Today,
    /// This many days left (at least 1).
    Left(i64),
}

impl DueState {
    pub fn of(due: PartialDate, today: NaiveDate) -> Self {
        Self::from_days_left((due.last_day() - today).num_days())
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, DueState::Overdue(_))
    }

    /// Due on or before `until` (overdue counts).
    pub fn within(self, today: NaiveDate, until: NaiveDate) -> bool {
        match self {
            DueState::Overdue(_) | DueState::Today => true,
            DueState::Left(days) => today + chrono::Days::new(days as u64) <= until,
        }
    }
}

impl DueState {
    /// From the days left to the due date (negative when overdue).
    pub fn from_days_left(days: i64) -> Self {
        match days {
            d if d < 0 => DueState::Overdue(-d),
            0 => DueState::Today,
            d => DueState::Left(d),
        }
    }

    /// Days left to the due date, negative when overdue.
    pub fn days_left(self) -> i64 {
        match self {
            DueState::Overdue(days) => -days,
            DueState::Today => 0,
            DueState::Left(days) => days,
        }
    }

    /// "overdue by 3 days", "today" or "in 5 days".
    pub fn relative(self) -> String {
        let days = |n: i64| if n == 1 { "1 day".to_string() } else { format!("{n} days") };
        match self {
            DueState::Overdue(n) => format!("overdue by {}", days(n)),
            DueState::Today => "today".into(),
            DueState::Left(n) => format!("in {}", days(n)),
        }
    }
}

/// "overdue by 3 days", "due today" or "due in 5 days".
impl fmt::Display for DueState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DueState::Overdue(_) => f.write_str(&self.relative()),
            _ => write!(f, "due {}", self.relative()),
        }
    }
}

impl Goal {
    /// Trims the title and refuses an empty one.
    pub fn validate(&mut self) -> Result<(), PlanError> {
        self.title = self.title.trim().to_string();
        if self.title.is_empty() {
            return Err(PlanError::EmptyTitle);
        }
        Ok(())
    }

    /// The day it was set.
    pub fn set_day(&self) -> Option<NaiveDate> {
        self.set_on.map(|d| d.first_day()).or_else(|| stamp::day_of(&self.created_at))
    }

    pub fn is_open(&self) -> bool {
        self.status == GoalStatus::Open
    }

    /// How its due date stands, while it is open.
    pub fn due_state(&self, today: NaiveDate) -> Option<DueState> {
        self.due.filter(|_| self.is_open()).map(|due| DueState::of(due, today))
    }

    /// Whether it was open at some time from `first` to `last`: set by the
    /// end of the period and not closed before it began.
    pub fn open_during(&self, first: NaiveDate, last: NaiveDate) -> bool {
        let set_in_time = self.set_day().is_none_or(|set| set <= last);
        let closed_before = match (self.status, self.closed_on) {
            (GoalStatus::Open, _) => false,
            (_, Some(closed)) => closed.last_day() < first,
            // Closed on a day nobody recorded: count it by its last change.
            (_, None) => stamp::day_of(&self.updated_at).is_some_and(|day| day < first),
        };
        set_in_time && !closed_before
    }
}

impl Action {
    /// Trims the text and refuses an empty one.
    pub fn validate(&mut self) -> Result<(), PlanError> {
        self.text = self.text.trim().to_string();
        if self.text.is_empty() {
            return Err(PlanError::EmptyText);
        }
        self.owner = self.owner.as_deref().and_then(owner_from_flag);
        Ok(())
    }

    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// How its due date stands, while it is open.
    pub fn due_state(&self, today: NaiveDate) -> Option<DueState> {
        self.due.filter(|_| self.is_open()).map(|due| DueState::of(due, today))
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_state(today).is_some_and(DueState::is_overdue)
    }

    /// "me" or the owner's name.
    pub fn owner_label(&self) -> &str {
        self.owner.as_deref().unwrap_or("me")
    }

    /// "done 2026-03-02", "overdue by 3 days", "due in 5 days" or "open".
    pub fn state_label(&self, today: NaiveDate) -> String {
        match (self.done, self.due_state(today)) {
            (Some(done), _) => format!("done {done}"),
            (None, Some(due)) => due.to_string(),
            (None, None) => "open".into(),
        }
    }
}

/// Who does an action, as typed: `me` (any case) is the owner, anything else a name.
pub fn owner_from_flag(text: &str) -> Option<String> {
    let name = text.trim();
    (!name.is_empty() && !name.eq_ignore_ascii_case("me")).then(|| name.to_string())
}

/// How many of a goal's actions are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a Action>) -> Self {
        let mut progress = Progress { done: 0, total: 0 };
        for action in actions {
            progress.total += 1;
            progress.done += usize::from(!action.is_open());
        }
        progress
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.total {
            0 => f.write_str("no actions"),
            1 => write!(f, "{}/1 action done", self.done),
            n => write!(f, "{}/{n} actions done", self.done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn goal(status: GoalStatus, closed: Option<&str>) -> Goal {
        Goal {
            id: GoalId(1),
            uuid: "g".into(),
            title: "Lead a group session".into(),
            body: String::new(),
            due: None,
            set_on: None,
            status,
            closed_on: closed.map(date),
            reason: None,
            private: false,
            competencies: Vec::new(),
            created_at: "2026-02-01T09:00:00.000Z".into(),
            updated_at: "2026-02-01T09:00:00.000Z".into(),
            deleted_at: None,
        }
    }

    #[test]
    fn a_due_date_counts_to_its_last_day() {
        let today = day("2026-03-15");
        assert_eq!(DueState::of(date("2026-03"), today), DueState::Left(16));
        assert_eq!(DueState::of(date("2026-03-15"), today), DueState::Today);
        assert_eq!(DueState::of(date("2026-03-14"), today), DueState::Overdue(1));
        assert_eq!(DueState::of(date("2026-02"), today).to_string(), "overdue by 15 days");
        assert!(DueState::of(date("2026-04-14"), today).within(today, day("2026-04-14")));
        assert!(!DueState::of(date("2026-04-15"), today).within(today, day("2026-04-14")));
    }

    #[test]
    fn a_goal_is_open_during_a_period_it_overlaps() {
        let (first, last) = (day("2026-01-01"), day("2026-01-31"));
        assert!(!goal(GoalStatus::Open, None).open_during(first, last), "set after the period");
        let (first, last) = (day("2026-03-01"), day("2026-03-31"));
        assert!(goal(GoalStatus::Open, None).open_during(first, last));
        assert!(goal(GoalStatus::Done, Some("2026-03-02")).open_during(first, last));
        assert!(!goal(GoalStatus::Done, Some("2026-02-20")).open_during(first, last));
        assert!(!goal(GoalStatus::Dropped, None).open_during(first, last), "closed at its last change");
    }

    #[test]
    fn progress_counts_done_actions() {
        let action = |done: Option<&str>| Action {
            id: ActionId(1),
            uuid: "a".into(),
            text: "Read".into(),
            goal: None,
            meeting: None,
            due: Some(date("2026-03-01")),
            owner: None,
            done: done.map(date),
            note: None,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        };
        let actions = [action(Some("2026-02-01")), action(None), action(None)];
        assert_eq!(Progress::of(&actions).to_string(), "1/3 actions done");
        assert!(actions[1].is_overdue(day("2026-03-02")));
        assert!(!actions[0].is_overdue(day("2026-03-02")), "a done action is never overdue");
        assert_eq!(actions[0].state_label(day("2026-03-02")), "done 2026-02-01");
        assert_eq!(owner_from_flag("Me"), None);
        assert_eq!(owner_from_flag(" Sam "), Some("Sam".into()));
    }
}
