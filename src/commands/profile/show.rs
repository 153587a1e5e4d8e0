//! `folio profile show` (and bare `folio profile`): the profile as text or JSON.

use crate::Context;
use crate::db;
use crate::model::ProfileList;
use crate::output::{print_json, print_line};

pub fn run(json: bool, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let profile = db::profile::get(db.read())?;
    if json {
        return print_json(&profile);
    }
    if profile.is_empty() {
        ctx.ui.status("the profile is empty; fill it in with `folio profile set --name … --headline …`");
        return Ok(());
    }
    let fields = [
        ("name", &profile.name),
        ("headline", &profile.headline),
        ("language", &profile.lang),
        ("email", &profile.email),
        ("phone", &profile.phone),
        ("location", &profile.location),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            print_line(format!("{:<10} {value}", format!("{label}:")))?;
        }
    }
    if let Some(summary) = &profile.summary {
        print_line(format!("\n{summary}"))?;
    }
    let lists = [
        ("Personal attributes", ProfileList::Attributes),
        ("Job skills", ProfileList::JobSkills),
        ("Personal skills", ProfileList::PersonalSkills),
    ];
    for (heading, list) in lists {
        let items = list.items(&profile);
        if !items.is_empty() {
            print_line(format!("\n{}", ctx.ui.bold(heading)))?;
            for item in items {
                print_line(format!("  • {item}"))?;
            }
        }
    }
    Ok(())
}
