//! `folio profile set`: change profile fields; only the flags given change.

use clap::Args;

use crate::Context;
use crate::db;
use crate::error::user_error;
use crate::model::{Profile, ProfileList};

/// Set profile fields
///
/// An empty value clears a field. Giving a list flag (--attribute,
/// --job-skill, --personal-skill) replaces that whole list with the values
/// given; `--attribute ""` empties it.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// Your name as it should appear on documents
    #[arg(long)]
    pub name: Option<String>,
    /// One line about you, e.g. "Staff nurse and trainee mentor"
    #[arg(long)]
    pub headline: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Town or region
    #[arg(long)]
    pub location: Option<String>,
    /// A short paragraph about you
    #[arg(long)]
    pub summary: Option<String>,
    /// The language your documents are in, as a BCP 47 tag (en-GB, cy, ar …)
    /// [default: en-GB]: what screen readers read the PDFs and the page in
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// A personal attribute, e.g. "good communicator" (repeatable)
    #[arg(long = "attribute", value_name = "A")]
    pub attributes: Vec<String>,
    /// A job skill, e.g. "good with computers" (repeatable)
    #[arg(long = "job-skill", value_name = "S")]
    pub job_skills: Vec<String>,
    /// A personal skill, e.g. "work well with people" (repeatable)
    #[arg(long = "personal-skill", value_name = "S")]
    pub personal_skills: Vec<String>,
}

pub fn run(args: SetArgs, ctx: &Context) -> anyhow::Result<()> {
    if let Some(lang) = args.lang.as_deref().map(str::trim).filter(|l| !l.is_empty())
        && !crate::model::profile::is_language_tag(lang)
    {
        return Err(crate::error::UserError::usage(format!("'{lang}' is not a language tag"))
            .hint("give one such as en-GB, en-US, cy, ar or zh-Hant")
            .into());
    }
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let changed = db.write(|tx| -> anyhow::Result<bool> {
        let mut profile = db::profile::get(tx)?;
        let before = profile.clone();
        apply(&args, &mut profile);
        if profile == before {
            return Ok(false);
        }
        profile.updated_at = Some(now.clone());
        db::profile::save(tx, &profile)?;
        Ok(true)
    })?;
    if !changed {
        return Err(user_error("nothing to set: give at least one flag such as --name or --headline"));
    }
    ctx.ui.status("profile updated");
    Ok(())
}

fn apply(args: &SetArgs, profile: &mut Profile) {
    let fields = [
        (&args.name, &mut profile.name),
        (&args.headline, &mut profile.headline),
        (&args.email, &mut profile.email),
        (&args.phone, &mut profile.phone),
        (&args.location, &mut profile.location),
        (&args.summary, &mut profile.summary),
        (&args.lang, &mut profile.lang),
    ];
    for (given, field) in fields {
        if let Some(value) = given {
            let value = value.trim();
            *field = (!value.is_empty()).then(|| value.to_string());
        }
    }
    let lists = [
        (&args.attributes, ProfileList::Attributes),
        (&args.job_skills, ProfileList::JobSkills),
        (&args.personal_skills, ProfileList::PersonalSkills),
    ];
    for (given, list) in lists {
        if !given.is_empty() {
            *list.items_mut(profile) =
                given.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
    }
}
