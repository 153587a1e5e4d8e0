//! `folio attach`: evidence files kept inside the portfolio file, stored once
//! per SHA-256.

use std::path::PathBuf;

use clap::Args;

use super::render::size;
use crate::Context;
use crate::model::EntryId;
use crate::ops::{self, files::read_files};

/// Attach files to an entry
///
/// The bytes are copied into the portfolio, so the originals can be moved
/// or deleted. A file already stored under another name is not stored twice.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The entry's id
    pub id: EntryId,
    /// The files to attach
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: AttachArgs, ctx: &Context) -> anyhow::Result<()> {
    let files = read_files(&args.files)?;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| ops::entry::attach(tx, args.id, &files, &now))?;
    for file in &files {
        ctx.ui.status(format!(
            "attached {} ({}) to entry {}",
            file.name,
            size(file.bytes.len() as i64),
            args.id
        ));
    }
    Ok(())
}
