//! The flags that choose what a shared copy or a page holds (`share`,
//! `export html`): frameworks, a period, tags, kinds, and the files.

use clap::Args;

use super::list::RangeArgs;
use crate::Context;
use crate::model::EntryKind;
use crate::ops::share::Selection;

#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Only entries claiming this framework, and only those claims (repeatable)
    #[arg(long = "framework", value_name = "KEY")]
    pub frameworks: Vec<String>,

    #[command(flatten)]
    pub range: RangeArgs,

    /// Only entries with this tag (repeatable: all must match)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,

    /// Leave the attached files out (their names, sizes and SHA-256 stay)
    #[arg(long)]
    pub no_attachments: bool,
}

impl SelectionArgs {
    /// The selection, its dates read relative to today.
    pub fn selection(&self, ctx: &Context) -> anyhow::Result<Selection> {
        let mut filter = crate::db::filter::EntryFilter::default();
        self.range.apply(&mut filter, ctx)?;
        Ok(Selection {
            sealed_to: Vec::new(),
            frameworks: self.frameworks.clone(),
            since: filter.since,
            until: filter.until,
            tags: self.tags.clone(),
            kinds: self.kind.clone(),
            attachments: !self.no_attachments,
        })
    }
}
