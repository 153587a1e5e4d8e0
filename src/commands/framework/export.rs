//! `folio framework export`: a framework out as folio TOML or CASE JSON.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::Context;
use crate::db::frameworks;
use crate::export;
use crate::import::framework_toml;
use crate::output::print_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// folio's framework file (TOML)
    Toml,
    /// 1EdTech CASE 1.0 CFPackage JSON
    Case,
}

/// Write a framework out as a file folio (or a CASE tool) can import
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The framework's key
    pub key: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn run(args: ExportArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let framework = frameworks::get(db.read(), &args.key)?;
    let text = match args.format {
        ExportFormat::Toml => {
            framework_toml::render(&framework).context("cannot write the framework as TOML")?
        }
        ExportFormat::Case => {
            export::case::render(&framework, &frameworks::updated_at(db.read(), &framework.key)?)
        }
    };
    match &args.out {
        Some(path) => {
            crate::commands::write_file_atomically(path, text.as_bytes())?;
            ctx.ui.status(format!("wrote {}", path.display()));
        }
        None => print_line(text.trim_end())?,
    }
    Ok(())
}
