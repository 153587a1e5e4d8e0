//! `folio export markdown`: the portfolio as readable Markdown.

use clap::Args;

use super::{Destination, deliver, privacy};
use crate::Context;
use crate::commands::list::RangeArgs;
use crate::db::entries;
use crate::db::filter::EntryFilter;
use crate::export;
use crate::model::EntryKind;
use crate::output::count;

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
    let db = ctx.open_db()?;
    let found = entries::list(db.read(), &filter)?;
    let text = export::markdown::render(&crate::db::profile::get(db.read())?, &found);
    deliver(&args.to, text.as_bytes(), &count(found.len(), "entry", "entries"), ctx)?;
    crate::commands::finish_reading(&db, ctx)
}
