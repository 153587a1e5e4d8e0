//! `folio export rendercv`: a rendercv CV (YAML) from the profile and the
//! entries a CV holds, for `rendercv render` to typeset without edits.

use clap::Args;

use super::{Destination, cv_entries, deliver_entries};
use crate::Context;
use crate::export;

/// A rendercv CV (YAML: name, contact, summary, experience, education, publications, certifications, awards, skills)
///
/// `rendercv render CV.yaml` typesets it with any rendercv theme; the file
/// is rendercv's own `cv:` schema, so you can edit it further by hand.
#[derive(Debug, Args)]
pub struct RenderCvArgs {
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: RenderCvArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let (found, redacted) = cv_entries(&db, &args.to, ctx)?;
    let cv = export::rendercv::render(&crate::db::profile::get(db.read())?, &found);
    for note in &cv.notes {
        ctx.ui.warn(note);
    }
    deliver_entries(&args.to, cv.yaml.as_bytes(), ("rendercv", &found, redacted), ctx, &mut db)?;
    crate::commands::finish_reading(&db, ctx)
}
