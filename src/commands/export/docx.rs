//! `folio export docx`: the interview document as a Word file, for the
//! applicant tracking systems that ask for Word. It is made from the same
//! blocks as the interview PDF (the same page budget, the same stories for a
//! job advert), set as real headings, lists and tables.

use std::path::PathBuf;

use clap::Args;

use super::pdf::{Paper, PdfArgs, prepare};
use crate::Context;
use crate::commands::identifiers::IdentifierArgs;
use crate::commands::list::RangeArgs;
use crate::error::UserError;
use crate::export::docx::{DocxMeta, render};
use crate::model::EntryKind;
use crate::ops::document_data;
use crate::pdf::documents::DocumentKind;

/// Write the interview document as a Word file (.docx) an applicant tracking system can read
///
/// The same content as `folio export pdf --profile interview`: roles,
/// qualifications and certificates, achievements, publications,
/// recommendations, courses and the stories to tell, with real headings,
/// lists and tables and no text boxes.
#[derive(Debug, Args)]
pub struct DocxArgs {
    /// Which document (the interview is the one made as Word)
    #[arg(long, value_enum, default_value_t = DocumentKind::Interview)]
    pub profile: DocumentKind,
    /// Where to write it [default: folio-interview.docx in the current folder]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Only entries with this tag (repeatable)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
    /// The document's title [default: Professional portfolio]
    #[arg(long)]
    pub title: Option<String>,
    /// Order the stories to tell by this job advert's key words (plain text)
    #[arg(long, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// Print every text whole instead of keeping to a few pages
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub identifiers: IdentifierArgs,
    #[command(flatten)]
    pub seal: crate::sealed::SealArgs,
}

pub fn run(args: DocxArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.profile != DocumentKind::Interview {
        return Err(UserError::usage(format!(
            "a Word file is made of the interview document; `folio export pdf --profile {}` makes that one",
            args.profile.as_str()
        ))
        .into());
    }
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("folio-interview.docx"));
    let seal = args.seal.clone();
    let document = PdfArgs {
        profile: DocumentKind::Interview,
        out: None,
        frameworks: Vec::new(),
        range: args.range,
        tags: args.tags,
        kind: args.kind,
        include_private: args.include_private,
        paper: Paper::A4,
        title: args.title,
        requirements: None,
        as_of: None,
        audit: None,
        job: args.job,
        full: args.full,
        no_embed: true,
        identifiers: args.identifiers,
        seal: seal.clone(),
    };
    let mut db = ctx.open_db()?;
    let (data, described, _, _, redacted) = prepare(&db, &document, ctx, || {})?;
    let owner = data.profile.name.clone().unwrap_or_else(|| "Portfolio".into());
    let stamp = chrono::DateTime::from_timestamp(document_data::timestamp(&data), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let meta = DocxMeta { title: format!("{} — {owner}", data.title), author: owner, stamp };
    let bytes = render(&described.blocks, &meta).map_err(UserError::new)?;
    let seal = seal.seal(&ctx.passphrases)?;
    let bytes = match &seal {
        Some(seal) => crate::sealed::seal(&bytes, seal)?,
        None => bytes,
    };
    crate::commands::write_file_atomically(&out, &bytes)?;
    let written: Vec<String> = described.blocks.iter().map(crate::pdf::blocks::Block::text).collect();
    let sent = crate::commands::outbox::Outgoing {
        format: "docx",
        out: Some(&out),
        sha256: crate::commands::outbox::sha256(&bytes),
        recipients: seal.as_ref().map(crate::sealed::Seal::recipients).unwrap_or_default(),
        records: document_data::printed(&data, &written.join("\n"))?.iter().map(|e| e.uuid.clone()).collect(),
        visibility: data.visibility,
        redacted,
    };
    crate::commands::outbox::record(ctx, &mut db, sent);
    ctx.ui.status(format!("wrote {}{}", out.display(), data.visibility.written_note()));
    crate::commands::finish_reading(&db, ctx)
}
