//! `folio merge FILE`: take back a reviewer's verdicts and feedback.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::review;
use crate::error::UserError;
use crate::ops::take_review::{Taken, take};
use crate::output::count;

/// Take back what a reviewer added: verdicts and feedback
///
/// FILE is a review file (`folio share`) or the verdicts file a reviewer
/// downloaded from an HTML review pack (`folio share --html`). Only what
/// the reviewer added comes back — verdicts with their comments, and
/// feedback entries — each once, so merging the same file twice changes
/// nothing. None of your entries, your profile, frameworks or files is
/// changed, and nothing is deleted. The file must come from a share this
/// portfolio made; --force takes one shared from another copy.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The review file, or a verdicts file from an HTML review pack
    pub file: PathBuf,

    /// Take a review file this portfolio did not write (shared from another copy of it)
    #[arg(long)]
    pub force: bool,

    /// Print JSON: {reviewer, verdicts, assessors, feedback, left}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: MergeArgs, ctx: &Context) -> anyhow::Result<()> {
    let unreadable = |e: crate::db::DbError| {
        let hint = e.hint();
        let error = UserError::new(format!("cannot merge {}: {e}", args.file.display()));
        match hint {
            Some(hint) => error.hint(hint),
            None => error,
        }
    };
    let opened =
        crate::sealed::Opened::open(&args.file, ctx).map_err(|e| match e.downcast::<UserError>() {
            Ok(user) => UserError {
                message: format!("cannot merge {}: {}", args.file.display(), user.message),
                ..user
            }
            .into(),
            Err(other) => other,
        })?;
    if let Some(text) = verdicts_text(opened.path()) {
        return super::merge_verdicts::run(&args, &text, ctx);
    }
    let file = ctx.open_other(opened.path()).map_err(unreadable)?;
    let manifest = review::manifest(file.read())?.ok_or_else(|| {
        UserError::new(format!("{} is not a review file", args.file.display()))
            .hint("a review file is written by `folio share`; `folio import` reads a folio JSON document")
    })?;
    let mut db = ctx.open_db()?;
    if db.path().is_some_and(|p| same_file(p, &args.file)) {
        return Err(UserError::new("that is this portfolio itself").into());
    }
    if !args.force && !review::made_share(db.read(), &manifest.share_id)? {
        let whose = if manifest.portfolio_uuid == review::portfolio_uuid(db.read())? {
            "another copy of this portfolio".to_string()
        } else {
            format!("another portfolio ({})", manifest.owner.as_deref().unwrap_or("no name"))
        };
        return Err(UserError::new(format!(
            "{} was not shared from this portfolio but from {whose}",
            args.file.display()
        ))
        .hint("--force takes its verdicts and feedback anyway")
        .into());
    }
    let taken = db.write(|tx| take(tx, file.read(), &manifest.share_id))?;
    report(&taken, &manifest.reviewer, &args, ctx)
}

/// What a merge took, said (or printed as JSON with --json).
pub(super) fn report(taken: &Taken, reviewer: &str, args: &MergeArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.json {
        return crate::output::print_json(
            &serde_json::json!({"reviewer": reviewer, "verdicts": taken.verdicts, "signed": taken.signed, "signed_feedback": taken.signed_feedback, "assessors": taken.assessors,
            "feedback": taken.feedback, "left": taken.left}),
        );
    }
    for left in &taken.left {
        ctx.ui.warn(format!("left {left}"));
    }
    if taken.verdicts + taken.feedback == 0 {
        ctx.ui.status(format!("nothing new from {reviewer} in {} (merged already?)", args.file.display()));
        return Ok(());
    }
    let mut parts = Vec::new();
    if taken.verdicts > 0 {
        let verdicts = count(taken.verdicts, "verdict", "verdicts");
        // Verdicts recorded `--by` someone else than the reviewer say by whom.
        let others: Vec<&str> =
            taken.assessors.iter().map(String::as_str).filter(|a| *a != reviewer).collect();
        parts.push(if others.is_empty() {
            verdicts
        } else {
            format!("{verdicts} (by {})", others.join(", "))
        });
    }
    if taken.feedback > 0 {
        parts.push(count(taken.feedback, "feedback entry", "feedback entries"));
    }
    ctx.ui.status(format!("took {} from {reviewer}", parts.join(", ")));
    if taken.verdicts > 0 {
        ctx.ui.status(match (taken.signed, taken.verdicts - taken.signed) {
            (0, _) => "the verdicts are unsigned (`folio verify` says so of each)".to_string(),
            (1, 0) => "verified its signature".to_string(),
            (signed, 0) => format!("verified all {signed} signatures"),
            (signed, unsigned) => {
                format!("verified {}; {unsigned} unsigned", count(signed, "signature", "signatures"))
            }
        });
    }
    if taken.signed_feedback > 0 {
        ctx.ui.status(format!(
            "verified the signature of {}",
            count(taken.signed_feedback, "feedback entry", "feedback entries")
        ));
    }
    Ok(())
}

fn verdicts_text(path: &std::path::Path) -> Option<String> {
    use std::io::Read as _;
    // A review file can be large (its attachments): look at its start only.
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    let start = String::from_utf8_lossy(&head[..n]);
    if !crate::model::format::without_bom(&start).trim_start().starts_with('{') {
        return None;
    }
    // A verdicts file is a few KB: one past the limit is not read whole.
    if crate::model::limits::too_large_to_read(path).is_some() {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

pub(super) fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
