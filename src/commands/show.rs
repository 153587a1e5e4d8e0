//! `folio show`: everything about one entry — for a meeting, also the
//! actions agreed in it and those still open from the last one.

use std::fmt::Write as _;

use clap::Args;
use serde::Serialize;

use super::plan_view::{ActionView, FollowUp, action_line, follow_up};
use super::render::entry_details;
use crate::Context;
use crate::db::actions::{self, ActionFilter};
use crate::db::{about, entries};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;
use crate::model::{Action, Entry, EntryId, EntryKind};
use crate::output::{print_json, print_line};

/// Show everything about one entry
///
/// Fields, body, template sections and attachments (name, size, SHA-256).
/// For a meeting: the actions agreed in it, and those still open from the
/// last meeting with the same person. What the entry is about (`add --about`)
/// and the entries written about it. Entries in the trash can be shown too.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id
    pub id: EntryId,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    /// What it is about, with each entry this portfolio has (`entry` is
    /// null for one it does not: deleted, or not synced yet).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    about_entries: &'a [AboutEntry],
    /// The entries written about it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    written_about: &'a [EntryBrief],
    #[serde(skip_serializing_if = "Option::is_none")]
    agreed_actions: Option<Vec<ActionView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open_from_last_meeting: Option<LastMeeting<'a>>,
}

#[derive(Debug, Serialize)]
struct AboutEntry {
    uuid: String,
    entry: Option<EntryBrief>,
}

/// What an entry is about and what was written about it.
#[derive(Debug, Default)]
struct Links {
    about: Vec<AboutEntry>,
    written_about: Vec<EntryBrief>,
}

#[derive(Debug, Serialize)]
struct LastMeeting<'a> {
    meeting: &'a EntryBrief,
    actions: Vec<ActionView<'a>>,
}

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let (entry, links, agreed, previous) = db.snapshot(|conn| {
        let entry = entries::get_any(conn, args.id)?;
        let links = Links {
            about: about::entries_named(conn, &entry.fields.about)?
                .into_iter()
                .map(|(uuid, entry)| AboutEntry { uuid, entry })
                .collect(),
            written_about: about::written_about(conn, &entry.uuid, Visibility::IncludePrivate)?,
        };
        if entry.kind() != EntryKind::Meeting {
            return Ok((entry, links, Vec::new(), None));
        }
        let filter = ActionFilter {
            meeting: Some(entry.id),
            visibility: Visibility::IncludePrivate,
            ..Default::default()
        };
        let agreed = actions::list(conn, filter)?;
        let previous = match entry.fields.details.with() {
            Some(person) => follow_up(conn, person, Some(entry.id))?.filter(|f| !f.open.is_empty()),
            None => None,
        };
        Ok((entry, links, agreed, previous))
    })?;
    let is_meeting = entry.kind() == EntryKind::Meeting;
    if args.json {
        return print_json(&Shown {
            entry: &entry,
            about_entries: &links.about,
            written_about: &links.written_about,
            agreed_actions: is_meeting.then(|| views(&agreed, ctx.today)),
            open_from_last_meeting: previous
                .as_ref()
                .map(|p| LastMeeting { meeting: &p.meeting, actions: views(&p.open, ctx.today) }),
        });
    }
    let mut out = entry_details(&ctx.ui, &entry);
    describe_links(ctx, &mut out, &links);
    if is_meeting {
        describe_meeting(ctx, &mut out, &agreed, previous.as_ref());
    }
    print_line(out.trim_end())?;
    Ok(())
}

fn describe_links(ctx: &Context, out: &mut String, links: &Links) {
    let ui = &ctx.ui;
    let line = |brief: &EntryBrief| format!("{} {}  {} ({})", brief.kind, brief.id, brief.title, brief.date);
    if !links.about.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("About"));
        for link in &links.about {
            let text = match &link.entry {
                Some(brief) => line(brief),
                None => ui.dim(&format!("an entry not in this portfolio ({})", link.uuid)),
            };
            let _ = writeln!(out, "  {text}");
        }
    }
    if !links.written_about.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Written about it"));
        for brief in &links.written_about {
            let _ = writeln!(out, "  {}", line(brief));
        }
    }
}

fn describe_meeting(ctx: &Context, out: &mut String, agreed: &[Action], previous: Option<&FollowUp>) {
    let ui = &ctx.ui;
    if !agreed.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Agreed in this meeting"));
        for action in agreed {
            let _ = writeln!(out, "  {}", action_line(ui, action, ctx.today));
        }
    }
    if let Some(previous) = previous {
        let heading = format!(
            "Still open from the last meeting ({}, entry {})",
            previous.meeting.date, previous.meeting.id
        );
        let _ = writeln!(out, "\n{}", ui.bold(&heading));
        for action in &previous.open {
            let _ = writeln!(out, "  {}", action_line(ui, action, ctx.today));
        }
    }
}

fn views(list: &[Action], today: chrono::NaiveDate) -> Vec<ActionView<'_>> {
    list.iter().map(|a| ActionView::new(a, today)).collect()
}
