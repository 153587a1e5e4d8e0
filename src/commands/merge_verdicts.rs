//! `folio merge verdicts-….json`: the verdicts file from an HTML review
//! pack. Refused, with nothing changed, when it is malformed, comes from a
//! share this portfolio did not make (`--force` aside), names a pack other
//! than the one written for that share, or judges what the pack did not ask.

use super::merge::MergeArgs;
use crate::Context;
use crate::db::review;
use crate::error::UserError;
use crate::model::verdicts_file::VerdictsFile;
use crate::ops::take_verdicts::take;

pub fn run(args: &MergeArgs, text: &str, ctx: &Context) -> anyhow::Result<()> {
    let name = args.file.display();
    let file = VerdictsFile::parse(text).map_err(|e| {
        UserError::new(format!("cannot merge {name}: {e}"))
            .hint("a verdicts file is what the Download verdicts button of a review pack saves; merge it as it came")
    })?;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    // The share is looked up in the transaction that takes the verdicts.
    let taken = db.write(|tx| -> anyhow::Result<_> {
        let recorded = if review::made_share(tx, &file.share_id)? {
            review::pack_sha256(tx, &file.share_id)?
        } else if args.force {
            None
        } else {
            return Err(UserError::new(format!("{name} is not from a review pack this portfolio shared"))
                .hint("--force takes its verdicts anyway (from a pack shared by another copy of this portfolio)")
                .into());
        };
        if let Some(recorded) = &recorded
            && !recorded.eq_ignore_ascii_case(&file.pack_sha256)
            && !args.force
        {
            return Err(UserError::new(format!(
                "{name} names a different review pack from the one written for share {}",
                file.share_id
            ))
            .hint("the pack or the file was changed after folio wrote it; --force takes the verdicts anyway")
            .into());
        }
        take(tx, &file, recorded.is_some(), &now).map_err(|e| match e {
            crate::ops::OpsError::Edited(why) => UserError::new(format!("cannot merge {name}: {why}"))
                .hint("the file was edited after it was downloaded; ask for it again")
                .into(),
            other => anyhow::Error::from(other),
        })
    })?;
    super::merge::report(&taken, &file.reviewer, args, ctx)
}
