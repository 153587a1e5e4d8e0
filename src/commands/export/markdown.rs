//! `folio export markdown`: the portfolio as readable Markdown.

use clap::Args;

use super::{Destination, deliver_entries, privacy};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::commands::list::RangeArgs;
use crate::db::entries;
use crate::db::filter::{EntryFilter, Privacy};
use crate::export;
use crate::model::EntryKind;
use crate::model::Visibility;
use crate::model::plan::Plan;
use crate::ops::page::plan_during;

/// The portfolio as readable Markdown, one section per kind
#[derive(Debug, Args)]
pub struct MarkdownArgs {
    #[command(flatten)]
    pub to: Destination,
    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Only entries with this tag (repeatable: all must match)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
}

pub fn run(args: MarkdownArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter =
        EntryFilter { kinds: args.kind, tags: args.tags, privacy: privacy(&args.to), ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    let mut db = ctx.open_db()?;
    let visibility = Visibility::with_private(filter.privacy == Privacy::All);
    let whole = filter.kinds.is_empty() && filter.tags.is_empty();
    let (mut found, profile, mut plan) = db.snapshot(|conn| {
        let found = entries::list(conn, &filter)?;
        // Goals and mentors belong to the whole portfolio, not to a kind or a tag.
        let plan =
            if whole { plan_during(conn, visibility, filter.since, filter.until)? } else { Plan::default() };
        Ok((found, crate::db::profile::get(conn)?, plan))
    })?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.entries(&mut found);
    check.plan(&mut plan);
    let redacted = conclude(check, db.read(), ctx)?;
    let text = export::markdown::render(&profile, &found, &plan);
    deliver_entries(&args.to, text.as_bytes(), ("markdown", &found, redacted), ctx, &mut db)?;
    crate::commands::finish_reading(&db, ctx)
}
