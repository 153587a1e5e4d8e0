//! `folio export json-resume`: a resume.json from the profile and the
//! entries a resume holds.

use clap::Args;

use super::{Destination, cv_entries, deliver_entries};
use crate::Context;
use crate::export;

/// A resume.json (JSON Resume) from the profile, roles, qualifications, certificates, achievements and publications
#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: ResumeArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let (found, redacted) = cv_entries(&db, &args.to, ctx)?;
    let text = export::json_resume::render(&crate::db::profile::get(db.read())?, &found);
    deliver_entries(&args.to, text.as_bytes(), ("json-resume", &found, redacted), ctx, &mut db)?;
    crate::commands::finish_reading(&db, ctx)
}
