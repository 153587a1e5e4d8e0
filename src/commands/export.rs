//! `folio export …`: the portfolio out to files, people and other tools.
//! Private entries stay behind unless `--include-private` is given.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::list::RangeArgs;
use crate::Context;
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::entries;
use crate::db::filter::{EntryFilter, Privacy};
use crate::export;
use crate::model::EntryKind;

/// Export the portfolio
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    Json(JsonArgs),
    Markdown(MarkdownArgs),
    JsonResume(ResumeArgs),
    Pdf(super::pdf::PdfArgs),
}

/// Where the output goes, and whether private entries go with it.
#[derive(Debug, Args)]
pub struct Destination {
    /// Write to this file (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include private entries (they are left out by default)
    #[arg(long)]
    pub include_private: bool,
}

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

/// A resume.json (JSON Resume) from the profile, roles, qualifications, certificates and achievements
#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: ExportArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.format {
        ExportFormat::Json(a) => json(a, ctx),
        ExportFormat::Markdown(a) => markdown(a, ctx),
        ExportFormat::JsonResume(a) => resume(a, ctx),
        ExportFormat::Pdf(a) => super::pdf::run(a, ctx),
    }
}

fn privacy(to: &Destination) -> Privacy {
    if to.include_private { Privacy::All } else { Privacy::OnlyPublic }
}

fn json(args: JsonArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let options =
        ReadOptions { include_private: args.to.include_private, with_attachment_data: !args.no_attachments };
    let document = read_document(db.read(), options)?;
    let bytes = export::folio_json::render(&document)?;
    let summary = format!("{} entries, {} frameworks", document.entries.len(), document.frameworks.len());
    deliver(&args.to, &bytes, &summary, ctx)
}

fn markdown(args: MarkdownArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter =
        EntryFilter { kinds: args.kind, tags: args.tags, privacy: privacy(&args.to), ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    let db = ctx.open_db()?;
    let found = entries::list(db.read(), &filter)?;
    let text = export::markdown::render(&crate::db::profile::get(db.read())?, &found);
    deliver(&args.to, text.as_bytes(), &format!("{} entries", found.len()), ctx)
}

fn resume(args: ResumeArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let filter = EntryFilter {
        kinds: vec![
            EntryKind::Role,
            EntryKind::Qualification,
            EntryKind::Certificate,
            EntryKind::Achievement,
        ],
        privacy: privacy(&args.to),
        ..Default::default()
    };
    let found = entries::list(db.read(), &filter)?;
    let text = export::json_resume::render(&crate::db::profile::get(db.read())?, &found);
    deliver(&args.to, text.as_bytes(), &format!("{} entries", found.len()), ctx)
}

/// Writes to `--out` atomically, or to stdout.
fn deliver(to: &Destination, bytes: &[u8], summary: &str, ctx: &Context) -> anyhow::Result<()> {
    match &to.out {
        Some(path) => {
            super::write_file_atomically(path, bytes)?;
            let private = if to.include_private { ", private entries included" } else { "" };
            ctx.ui.status(format!("wrote {} ({summary}{private})", path.display()));
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}
