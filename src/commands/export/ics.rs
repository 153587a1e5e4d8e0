//! `folio export ics`: what is due, for a calendar.

use clap::Args;

use super::{Destination, Sending, deliver};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::export;
use crate::output::count;
use crate::report::calendar::due_events;

/// What is due as an iCalendar file: actions, goals, certificate expiries, meetings
///
/// All-day events for open actions and goals with a due date, certificate
/// expiry dates and the next meeting due with each mentor. Each keeps its
/// UID, so importing the file again updates the calendar instead of adding
/// copies. Private goals and the actions of private goals and meetings stay
/// out unless --include-private.
#[derive(Debug, Args)]
pub struct IcsArgs {
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: IcsArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let mut events = db.snapshot(|conn| due_events(conn, ctx.today, args.to.visibility()))?;
    let mut check = args.to.identifiers.check(db.read())?;
    for event in &mut events {
        check.event(&event.uid, "summary", &mut event.summary);
        check.event(&event.uid, "description", &mut event.description);
    }
    let redacted = conclude(check, db.read(), ctx)?;
    let text = export::ics::render(&events);
    let sending = Sending { format: "ics", records: events.iter().filter_map(record_of).collect(), redacted };
    deliver(&args.to, text.as_bytes(), &count(events.len(), "event", "events"), ctx, &mut db, sending)
}

/// The UUID of the record an event is of (its UID is `KIND-UUID@folio`).
fn record_of(event: &crate::report::calendar::DueEvent) -> Option<String> {
    let (_, rest) = event.uid.split_once('-')?;
    Some(rest.trim_end_matches("@folio").to_string())
}
