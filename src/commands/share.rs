//! `folio share --for NAME`: write a review file for a mentor or assessor.

use std::path::PathBuf;

use clap::Args;

use super::selection::SelectionArgs;
use crate::Context;
use crate::commands::identifiers::{IdentifierArgs, conclude};
use crate::error::UserError;
use crate::model::framework::slugify;
use crate::ops::share::{select, write};
use crate::output::{count, print_line};

/// Write a review file for a mentor or assessor
///
/// A review file is a standalone portfolio holding the chosen public entries
/// with their claims, verdicts and attachments, the frameworks they claim,
/// your profile and a manifest. Private entries never go in. The reviewer
/// opens it with `folio --db FILE pending`, records verdicts and feedback in
/// it, and sends it back; `folio merge FILE` takes back only what they added.
///
/// With --html it writes an HTML review pack instead: one page that opens
/// offline in any browser, where the reviewer judges each claim and
/// downloads a verdicts file for `folio merge`. Nothing to install.
///
///   folio share --for "Dr Okubo" --framework emcc --since 2025-09
///
///   folio share --html --for "Dr Okubo" --framework emcc
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// Who will review it (their verdicts are recorded under this name)
    #[arg(long = "for", value_name = "NAME")]
    pub reviewer: String,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// Write an HTML review pack instead: one page the reviewer opens in any
    /// browser, judges in, and downloads a verdicts file from
    #[arg(long)]
    pub html: bool,

    /// Where to write it [default: review-for-<name>-<date>.folio, or .html]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub identifiers: IdentifierArgs,

    #[command(flatten)]
    pub seal: crate::sealed::SealArgs,
}

pub fn run(args: ShareArgs, ctx: &Context) -> anyhow::Result<()> {
    let reviewer = args.reviewer.trim().to_string();
    if reviewer.is_empty() {
        return Err(UserError::new("--for needs the reviewer's name").into());
    }
    let seal = args.seal.seal(&ctx.passphrases)?;
    let mut selection = args.select.selection(ctx)?;
    if let Some(crate::sealed::Seal::Recipients(keys)) = &seal {
        selection.sealed_to = keys.iter().map(ToString::to_string).collect();
    }
    let extension = if args.html { "html" } else { "folio" };
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from(format!("review-for-{}-{}.{extension}", slugify(&reviewer), ctx.today))
    });
    if out.exists() {
        return Err(UserError::new(format!("{} already exists", out.display()))
            .hint("choose another name with --out FILE")
            .into());
    }
    if args.html {
        return super::share_html::run(&args, &reviewer, &selection, seal.as_ref(), &out, ctx);
    }
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    // A long share says, on a terminal, what it is doing.
    const STAGES: [&str; 3] =
        ["choosing what to share", "checking for identifiers", "writing the review file"];
    let progress = std::cell::RefCell::new(crate::progress::Progress::new(&ctx.ui, 0, "sharing"));
    let stage = |n: usize| progress.borrow_mut().stage(&STAGES, n);
    let held = db.write(|tx| -> anyhow::Result<_> {
        stage(0);
        let mut shared = select(tx, &reviewer, &selection, &now)?;
        if shared.document.entries.is_empty() {
            return Err(nothing_to_share());
        }
        stage(1);
        let mut check = args.identifiers.check(tx)?;
        check.document(&mut shared.document);
        let redacted = conclude(check, tx, ctx)?;
        stage(2);
        match &seal {
            None => write(tx, &shared, &out, ctx.busy_timeout, &now)?,
            Some(seal) => {
                // The review file is written privately, encrypted, then removed.
                let dir = crate::scratch::private_dir(crate::scratch::SHARE)?;
                let plain = dir.path().join("review.folio");
                write(tx, &shared, &plain, ctx.busy_timeout, &now)?;
                let sealed = crate::sealed::seal(&std::fs::read(&plain)?, seal)?;
                crate::commands::write_file_atomically(&out, &sealed)?;
            }
        }
        let mut recipients = vec![reviewer.clone()];
        recipients.extend(seal.as_ref().map(crate::sealed::Seal::recipients).unwrap_or_default());
        let entries = shared.document.entries.iter().map(|e| e.uuid.clone());
        let sent = crate::commands::outbox::Outgoing {
            format: "review file",
            out: Some(&out),
            sha256: crate::commands::outbox::sha256(&std::fs::read(&out)?),
            recipients,
            records: entries.chain(shared.document.goals.iter().map(|g| g.uuid.clone())).collect(),
            visibility: crate::model::Visibility::Public,
            redacted,
        };
        crate::commands::outbox::record_in(tx, ctx, sent)?;
        Ok(shared.held())
    })?;
    progress.into_inner().finish();
    let frameworks =
        if held.frameworks.is_empty() { "no framework".into() } else { held.frameworks.join(", ") };
    ctx.ui.status(format!(
        "wrote a review file for {reviewer}: {}, {}, {}, {} ({frameworks})",
        count(held.entries, "entry", "entries"),
        count(held.claims, "claim", "claims"),
        count(held.verdicts, "verdict", "verdicts"),
        count(held.attachments, "attachment", "attachments"),
    ));
    ctx.ui
        .hint(&format!("send it to {reviewer}; when it comes back, `folio merge FILE` takes their verdicts"));
    print_line(out.display())?;
    Ok(())
}

/// Why a share with no entry in it is refused.
pub(super) fn nothing_to_share() -> anyhow::Error {
    UserError::new("no public entry matches; nothing to share")
        .hint("private entries are never shared; widen --since, --until, --tag, --kind or --framework")
        .into()
}
