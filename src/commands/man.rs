//! `folio man`: man pages for folio and every subcommand.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, CommandFactory};

use crate::Context;

/// Write man pages for folio and each subcommand (folio.1, folio-add.1, …)
///
///   folio man --out ~/.local/share/man/man1 && man folio
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write them into
    #[arg(long, short, value_name = "DIR", default_value = "man")]
    pub out: PathBuf,
}

pub fn run(args: ManArgs, ctx: &Context) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    // Every command made (their flags are deferred until used).
    let mut command = crate::Cli::command();
    command.build();
    let mut written = 0;
    write_pages(&command, "folio", &args.out, &mut written)?;
    ctx.ui.status(format!("wrote {written} man pages into {}", args.out.display()));
    Ok(())
}

/// Writes the page of `command` and, recursively, of its subcommands.
fn write_pages(
    command: &clap::Command,
    name: &str,
    dir: &std::path::Path,
    written: &mut usize,
) -> anyhow::Result<()> {
    let command = command.clone().display_name(name.to_string()).bin_name(name.replace('-', " "));
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut bytes)?;
    crate::commands::write_file_atomically(&dir.join(format!("{name}.1")), &bytes)?;
    *written += 1;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        write_pages(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}
