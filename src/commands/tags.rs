//! `folio tags`: every tag in use, with how many entries carry it.

use clap::Args;

use crate::Context;
use crate::db::tags;
use crate::output::{print_json, print_line};

/// List tags with the number of entries carrying each, most used first
#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Print JSON (an array of {tag, count})
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: TagsArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let counts = tags::counts(db.read())?;
    if args.json {
        return print_json(&counts);
    }
    if counts.is_empty() {
        ctx.ui.status("no tags yet; add some with `folio add … --tag T` or `folio edit ID --add-tag T`");
        return Ok(());
    }
    let mut table = ctx.ui.table(&["Tag", "Entries"]);
    for count in &counts {
        table.add_row(vec![count.tag.clone(), count.count.to_string()]);
    }
    print_line(table)?;
    Ok(())
}
