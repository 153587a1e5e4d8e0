//! `folio export json`: everything in one folio JSON document.

use clap::Args;

use super::{Destination, deliver};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::db::document_read::{ReadOptions, read_document};
use crate::export;
use crate::output::count;

/// Everything in one folio JSON document (re-import it with `folio import`)
///
/// Profile, entries with every field, attachments (base64), frameworks,
/// claims, verdicts, ratings and goals, in a stable order: the same
/// portfolio always gives the same bytes. Entries in the trash are left out.
#[derive(Debug, Args)]
pub struct JsonArgs {
    #[command(flatten)]
    pub to: Destination,
    /// Leave out the attachments' bytes (names, sizes and hashes stay)
    #[arg(long)]
    pub no_attachments: bool,
}

pub fn run(args: JsonArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let options = ReadOptions {
        include_private: args.to.include_private,
        with_attachment_data: !args.no_attachments,
        include_trash: false,
    };
    let mut document = read_document(db.read(), options)?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.document(&mut document);
    conclude(check, db.read(), ctx)?;
    let bytes = export::folio_json::render(&document)?;
    let summary = format!(
        "{}, {}",
        count(document.entries.len(), "entry", "entries"),
        count(document.frameworks.len(), "framework", "frameworks")
    );
    deliver(&args.to, &bytes, &summary, ctx)?;
    crate::commands::finish_reading(&db, ctx)
}
