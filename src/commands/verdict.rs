//! `folio verdict`: an assessor's judgement on an entry or one of its claims.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::{claims, entries};
use crate::error::UserError;
use crate::model::{EntryId, VerdictKind};
use crate::ops::give_verdict::{Judgement, give};

/// Record an assessor's verdict on an entry, or on one of its claims
///
/// Verdicts are history: a new one supersedes the last, nothing is
/// overwritten. `coverage` and `gaps` use the newest per entry or claim.
/// With a signing key (`folio key new`) a verdict you give is signed: in a
/// review file without --by, or with --by your key's name.
#[derive(Debug, Args)]
pub struct VerdictArgs {
    /// The entry's id
    pub id: EntryId,
    /// The judgement
    #[arg(value_enum)]
    pub verdict: VerdictKind,
    /// Who gives it, the mentor or assessor [default: the reviewer a review file names]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Judge one claim of the entry (its reference) instead of the whole entry
    #[arg(long, value_name = "REF")]
    pub claim: Option<String>,
    /// Why, and what to do next
    #[arg(long)]
    pub comment: Option<String>,
    /// When it was given [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Do not sign it, even with a signing key
    #[arg(long)]
    pub unsigned: bool,
    /// Print JSON: {{entry, claim, verdict, assessor, date, signed_by}}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: VerdictArgs, ctx: &Context) -> anyhow::Result<()> {
    let date = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let comment = args.comment.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let mut db = ctx.open_db()?;
    let assessor = assessor(db.read(), args.by.as_deref())?;
    let assessor = assessor.as_str();
    let key = match args.unsigned {
        true => None,
        false => super::key::for_assessor(ctx, assessor, args.by.is_none())?,
    };
    let now = ctx.now();
    let on = db.write(|tx| -> anyhow::Result<String> {
        entries::get(tx, args.id)?;
        let (claim_id, on) = match &args.claim {
            Some(text) => {
                let target = resolve_reference(tx, text)?;
                let id = claims::find(tx, args.id, &target)?.ok_or_else(|| {
                    let error = UserError::new(format!("entry {} does not claim {}", args.id, target.display()));
                    // A review file is the mentee's: a reviewer cannot add claims to it.
                    if matches!(crate::db::review::is_review_file(tx), Ok(true)) {
                        error.hint(format!(
                            "give a verdict on the whole entry (leave out --claim), or ask the mentee to claim {}",
                            target.display()
                        ))
                    } else {
                        error.hint(format!("claim it first with `folio claim {} {}`", args.id, target.display()))
                    }
                })?;
                (Some((id, target.display())), format!("claim {} of entry {}", target.display(), args.id))
            }
            None => (None, format!("entry {}", args.id)),
        };
        let judgement = Judgement {
            entry: args.id,
            claim: claim_id,
            verdict: args.verdict,
            assessor,
            comment: comment.map(str::to_string),
            date,
        };
        give(tx, judgement, key.as_ref().map(|k| k.signer()).as_ref(), &now)?;
        Ok(on)
    })?;
    let signed_by = key.as_ref().map(|k| format!("{} ({})", k.name, k.did()));
    if args.json {
        let value = serde_json::json!({"entry": args.id, "claim": args.claim, "verdict": args.verdict,
            "assessor": assessor, "date": date, "signed_by": key.as_ref().map(|k| k.did())});
        return crate::output::print_json(&value);
    }
    let signed = signed_by.map(|s| format!(", signed by {s}")).unwrap_or_else(|| ", unsigned".into());
    ctx.ui.status(format!("recorded {} on {on} by {assessor}{signed}", args.verdict));
    Ok(())
}

/// `--by`, or the reviewer a review file names.
pub(crate) fn assessor(conn: &crate::db::Conn, by: Option<&str>) -> anyhow::Result<String> {
    match by.map(str::trim) {
        Some("") => Err(UserError::new("--by needs the assessor's name").into()),
        Some(name) => Ok(name.to_string()),
        None => match crate::db::review::manifest(conn)? {
            Some(manifest) => Ok(manifest.reviewer),
            None => Err(UserError::usage("--by is needed: who gives the verdict?")
                .hint("for example --by \"Dr Okubo\" (in a review file it defaults to the reviewer)")
                .into()),
        },
    }
}
