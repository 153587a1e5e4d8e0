//! `folio share --html --for NAME`: the review pack, one HTML page a
//! reviewer judges in with nothing installed. The share is recorded with
//! the page's digest and what it asks a verdict on, so `folio merge` can
//! tell the verdicts file that comes back from an edited one.

use std::path::Path;

use super::share::ShareArgs;
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::db::filter::Privacy;
use crate::db::review;
use crate::export::html::{Options, Pack, render};
use crate::model::Visibility;
use crate::model::review::ReviewManifest;
use crate::ops::share::Selection;
use crate::output::{count, print_line};
use crate::sealed::Seal;

pub fn run(
    args: &ShareArgs,
    reviewer: &str,
    selection: &Selection,
    seal: Option<&Seal>,
    out: &Path,
    ctx: &Context,
) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let (entries, asks, files) = db.write(|tx| -> anyhow::Result<_> {
        let mut page = super::export::html::gather_page(tx, selection, Privacy::OnlyPublic)?;
        if page.entries.is_empty() {
            return Err(super::share::nothing_to_share());
        }
        let mut check = args.identifiers.check(tx)?;
        check.entries(&mut page.entries);
        check.plan(&mut page.plan);
        let redacted = conclude(check, tx, ctx)?;
        let manifest = ReviewManifest {
            share_id: uuid::Uuid::new_v4().to_string(),
            portfolio_uuid: review::portfolio_uuid(tx)?,
            owner: page.profile.name.clone(),
            reviewer: reviewer.to_string(),
            created_at: now.clone(),
            selection: serde_json::to_string(selection).unwrap_or_else(|_| "{}".into()),
        };
        let pack = Pack { share_id: &manifest.share_id, reviewer };
        let rendered =
            render(&page, &Options { today: ctx.today, visibility: Visibility::Public, pack: Some(pack) });
        review::record_share(tx, &manifest, page.entries.len())?;
        review::record_pack(tx, &manifest.share_id, &rendered.digest, &rendered.asks)?;
        let bytes = match seal {
            Some(seal) => crate::sealed::seal(rendered.html.as_bytes(), seal)?,
            None => rendered.html.into_bytes(),
        };
        crate::commands::write_file_atomically(out, &bytes)?;
        let mut recipients = vec![reviewer.to_string()];
        recipients.extend(seal.map(Seal::recipients).unwrap_or_default());
        let entries = page.entries.iter().map(|e| e.uuid.clone());
        let sent = crate::commands::outbox::Outgoing {
            format: "review pack",
            out: Some(out),
            sha256: crate::commands::outbox::sha256(&bytes),
            recipients,
            records: entries.chain(page.plan.goals.iter().map(|g| g.uuid.clone())).collect(),
            visibility: Visibility::Public,
            redacted,
        };
        crate::commands::outbox::record_in(tx, ctx, sent)?;
        Ok((page.entries.len(), rendered.waiting, page.files.len()))
    })?;
    ctx.ui.status(format!(
        "wrote a review pack for {reviewer}: {}, {} to judge, {}",
        count(entries, "entry", "entries"),
        count(asks, "item", "items"),
        count(files, "file", "files"),
    ));
    if asks == 0 {
        ctx.ui
            .warn(format!("{reviewer} has judged everything in it already; the pack asks only for feedback"));
    }
    ctx.ui.hint(&format!(
        "send it to {reviewer}: it opens in any browser; the verdicts file they download goes to `folio merge FILE`"
    ));
    print_line(out.display())?;
    Ok(())
}
