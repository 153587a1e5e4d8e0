//! `folio export json-resume`: a resume.json from the profile and the
//! entries a resume holds.

use clap::Args;

use super::{Destination, deliver, privacy};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::db::entries;
use crate::db::filter::EntryFilter;
use crate::export;
use crate::model::EntryKind;
use crate::output::count;

/// A resume.json (JSON Resume) from the profile, roles, qualifications, certificates, achievements and publications
#[derive(Debug, Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: ResumeArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let filter = EntryFilter {
        kinds: vec![
            EntryKind::Role,
            EntryKind::Qualification,
            EntryKind::Certificate,
            EntryKind::Achievement,
            EntryKind::Publication,
        ],
        privacy: privacy(&args.to),
        ..Default::default()
    };
    let mut found = entries::list(db.read(), &filter)?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.entries(&mut found);
    conclude(check, db.read(), ctx)?;
    let text = export::json_resume::render(&crate::db::profile::get(db.read())?, &found);
    deliver(&args.to, text.as_bytes(), &count(found.len(), "entry", "entries"), ctx)?;
    crate::commands::finish_reading(&db, ctx)
}
