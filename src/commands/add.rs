//! `folio add`: record a new entry.

use std::path::PathBuf;

use clap::Args;

use super::fields::{FieldArgs, validate};
use crate::Context;
use crate::model::{EntryFields, EntryKind};
use crate::ops::{self, entry::NewEntry, files::read_files};
use crate::output::print_line;

/// Record a new entry and print its id
///
/// Only the id goes to standard output, so `id=$(folio add …)` works.
/// Examples:
///
///   folio add course "Coaching skills day" --date 2024-03 --hours 6 --participatory
///
///   folio add reflection "First solo session" --template rolfe --section "what=…" --section "so what=…"
///
///   folio add certificate "First aid" --expires 2027-01 --attach cert.pdf
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What kind of entry this is
    #[arg(value_enum)]
    pub kind: EntryKind,

    /// A short title
    pub title: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Tag the entry (repeatable)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,

    /// Keep the entry private: it never leaves the portfolio unless asked for by name
    #[arg(long)]
    pub private: bool,

    /// Attach a file (repeatable); its bytes are stored in the portfolio
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// Claim the entry as evidence of a competency, e.g. emcc/relationship/practitioner/2 (repeatable)
    #[arg(long = "claim", value_name = "REF")]
    pub claims: Vec<String>,
}

pub fn run(mut args: AddArgs, ctx: &Context) -> anyhow::Result<()> {
    args.fields.read_body_from_stdin()?;
    let mut fields = EntryFields::new(args.kind, args.title.clone(), ctx.parse_date("today")?);
    fields.tags = args.tags.clone();
    fields.private = args.private;
    args.fields.apply(&mut fields, ctx)?;
    if args.fields.edit {
        super::editor::edit_text(&fields)?.apply(&mut fields);
    }
    validate(&mut fields)?;
    let claims = args.claims.iter().map(|r| super::parse_reference(r)).collect::<anyhow::Result<_>>()?;
    let entry = NewEntry { files: read_files(&args.attach)?, claims, fields };
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let id = db.write(|tx| ops::entry::add(tx, &entry, &now))?;
    ctx.ui.status(format!("added {} {id}: {}", args.kind, entry.fields.title));
    print_line(id)?;
    Ok(())
}
