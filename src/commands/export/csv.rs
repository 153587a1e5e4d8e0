//! `folio export csv`: one row per entry, for spreadsheets.

use clap::Args;

use super::{Destination, deliver_entries, privacy};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::commands::list::RangeArgs;
use crate::db::entries;
use crate::db::filter::EntryFilter;
use crate::export;
use crate::model::EntryKind;

/// One row per entry as CSV (RFC 4180, UTF-8, a header): the fields of `list --json`
#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub to: Destination,
    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,
    #[command(flatten)]
    pub range: RangeArgs,
}

pub fn run(args: CsvArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter = EntryFilter { kinds: args.kind, privacy: privacy(&args.to), ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    let mut db = ctx.open_db()?;
    let mut found = entries::list(db.read(), &filter)?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.entries(&mut found);
    let redacted = conclude(check, db.read(), ctx)?;
    let text = export::csv::render(&found);
    deliver_entries(&args.to, text.as_bytes(), ("csv", &found, redacted), ctx, &mut db)?;
    crate::commands::finish_reading(&db, ctx)
}
