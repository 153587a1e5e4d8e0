//! `folio export …`: the portfolio out to files, people and other tools, one
//! file per format. Private entries stay behind unless `--include-private`
//! is given, and nothing is written while the identifier check finds
//! something (`--redact`, `--allow-identifiers`).

mod credentials;
mod csv;
mod docx;
pub mod html;
mod ics;
mod json;
mod json_resume;
mod markdown;
pub mod pdf;
mod rendercv;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::Context;
use crate::commands::identifiers::IdentifierArgs;
use crate::commands::outbox::Outgoing;
use crate::db::filter::Privacy;
use crate::model::Visibility;
use crate::sealed::SealArgs;

use self::json::JsonArgs;
use self::json_resume::ResumeArgs;
use self::markdown::MarkdownArgs;

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
    #[command(name = "rendercv")]
    RenderCv(rendercv::RenderCvArgs),
    Pdf(pdf::PdfArgs),
    Docx(docx::DocxArgs),
    Csv(csv::CsvArgs),
    Credentials(credentials::CredentialsArgs),
    Html(html::HtmlArgs),
    Ics(ics::IcsArgs),
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
    #[command(flatten)]
    pub identifiers: IdentifierArgs,
    #[command(flatten)]
    pub seal: SealArgs,
}

pub fn run(args: ExportArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.format {
        ExportFormat::Json(a) => json::run(a, ctx),
        ExportFormat::Markdown(a) => markdown::run(a, ctx),
        ExportFormat::JsonResume(a) => json_resume::run(a, ctx),
        ExportFormat::RenderCv(a) => rendercv::run(a, ctx),
        ExportFormat::Pdf(a) => pdf::run(a, ctx),
        ExportFormat::Docx(a) => docx::run(a, ctx),
        ExportFormat::Csv(a) => csv::run(a, ctx),
        ExportFormat::Credentials(a) => credentials::run(a, ctx),
        ExportFormat::Html(a) => html::run(a, ctx),
        ExportFormat::Ics(a) => ics::run(a, ctx),
    }
}

impl Destination {
    /// Who the output is for, from `--include-private`.
    pub fn visibility(&self) -> Visibility {
        Visibility::with_private(self.include_private)
    }
}

pub(super) fn privacy(to: &Destination) -> Privacy {
    to.visibility().into()
}

/// The entries a CV holds (roles, qualifications, certificates, achievements,
/// publications) as `to` selects them, after the identifier check.
pub(super) fn cv_entries(
    db: &crate::db::Db,
    to: &Destination,
    ctx: &Context,
) -> anyhow::Result<(Vec<crate::model::Entry>, bool)> {
    use crate::model::EntryKind;
    let filter = crate::db::filter::EntryFilter {
        kinds: vec![
            EntryKind::Role,
            EntryKind::Qualification,
            EntryKind::Certificate,
            EntryKind::Achievement,
            EntryKind::Publication,
        ],
        privacy: privacy(to),
        ..Default::default()
    };
    let mut found = crate::db::entries::list(db.read(), &filter)?;
    let mut check = to.identifiers.check(db.read())?;
    check.entries(&mut found);
    let redacted = crate::commands::identifiers::conclude(check, db.read(), ctx)?;
    Ok((found, redacted))
}

/// What the status line adds when private entries went out.
pub(super) fn private_note(to: &Destination) -> &'static str {
    to.visibility().written_note()
}

/// What an export sends, for the outbox: its format, the UUIDs of the
/// records in it, and whether identifiers were redacted.
pub(super) struct Sending<'a> {
    pub format: &'a str,
    pub records: Vec<String>,
    pub redacted: bool,
}

impl<'a> Sending<'a> {
    /// What a folio JSON document holds: its entries and goals.
    pub fn documented(
        format: &'a str,
        document: &crate::model::document::PortfolioDocument,
        redacted: bool,
    ) -> Self {
        let entries = document.entries.iter().map(|e| e.uuid.clone());
        Self {
            format,
            records: entries.chain(document.goals.iter().map(|g| g.uuid.clone())).collect(),
            redacted,
        }
    }

    pub fn entries(format: &'a str, entries: &[crate::model::Entry], redacted: bool) -> Self {
        Self { format, records: entries.iter().map(|e| e.uuid.clone()).collect(), redacted }
    }
}

/// [`deliver`] for an export of entries: said as "N entries", each recorded.
pub(super) fn deliver_entries(
    to: &Destination,
    bytes: &[u8],
    (format, found, redacted): (&str, &[crate::model::Entry], bool),
    ctx: &Context,
    db: &mut crate::db::Db,
) -> anyhow::Result<()> {
    let summary = crate::output::count(found.len(), "entry", "entries");
    deliver(to, bytes, &summary, ctx, db, Sending::entries(format, found, redacted))
}

/// Writes to `--out` atomically, or to stdout, and records it in the outbox.
/// Encrypted with age first when `--encrypt-to` or `--passphrase` says so.
pub(super) fn deliver(
    to: &Destination,
    bytes: &[u8],
    summary: &str,
    ctx: &Context,
    db: &mut crate::db::Db,
    sending: Sending,
) -> anyhow::Result<()> {
    let seal = to.seal.seal(&ctx.passphrases)?;
    let sealed = match &seal {
        Some(seal) => Some(crate::sealed::seal(bytes, seal)?),
        None => None,
    };
    let bytes = sealed.as_deref().unwrap_or(bytes);
    match &to.out {
        Some(path) => {
            crate::commands::write_file_atomically(path, bytes)?;
            let age = if sealed.is_some() { ", encrypted with age" } else { "" };
            ctx.ui.status(format!("wrote {} ({summary}{}{age})", path.display(), private_note(to)));
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    let outgoing = Outgoing {
        format: sending.format,
        out: to.out.as_deref(),
        sha256: crate::commands::outbox::sha256(bytes),
        recipients: seal.as_ref().map(crate::sealed::Seal::recipients).unwrap_or_default(),
        records: sending.records,
        visibility: to.visibility(),
        redacted: sending.redacted,
    };
    crate::commands::outbox::record(ctx, db, outgoing);
    Ok(())
}
