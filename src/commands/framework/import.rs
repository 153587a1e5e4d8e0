//! `folio framework import`: add a framework file, or update one in place.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::framework_upsert;
use crate::error::UserError;
use crate::import::{self};

/// Import a framework file, or update one already imported
///
/// The format is told from the content: folio's TOML, Mahara SmartEvidence
/// `.matrix` JSON (both layouts) or a 1EdTech CASE 1.0 CFPackage JSON.
/// Importing a key that exists updates it in place: claims stay attached, and
/// a competency that would disappear but has claims is kept and reported.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The framework file
    pub file: PathBuf,
    /// Store it under this key instead of the one in the file
    #[arg(long)]
    pub key: Option<String>,
}

pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let imported =
        import::framework_file(&args.file, args.key.as_deref()).map_err(|e| UserError::new(e.to_string()))?;
    for note in &imported.notes {
        ctx.ui.warn(note);
    }
    let framework = imported.value;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let report = db.write(|tx| framework_upsert::upsert(tx, &framework, &now))?;
    for kept in &report.kept {
        ctx.ui.warn(format!("kept {kept}, although the file no longer has it"));
    }
    let verb = if report.created { "imported" } else { "updated" };
    ctx.ui.status(format!(
        "{verb} framework {} ({}): {} levels, {} competencies ({} new, {} updated, {} removed), {} indicators",
        framework.key,
        framework.title,
        framework.levels.len(),
        framework.competencies.len(),
        report.competencies_added,
        report.competencies_updated,
        report.competencies_removed,
        report.indicators,
    ));
    Ok(())
}
