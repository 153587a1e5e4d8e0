//! `folio completions SHELL`: a completion script for the shell.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::Context;

/// Print a shell completion script (every subcommand, flag and value)
///
///   bash:  folio completions bash > ~/.local/share/bash-completion/completions/folio
///   zsh:   folio completions zsh > "${fpath[1]}/_folio"
///   fish:  folio completions fish > ~/.config/fish/completions/folio.fish
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs, _ctx: &Context) -> anyhow::Result<()> {
    let mut command = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "folio", &mut out);
    crate::output::print_line(String::from_utf8_lossy(&out).trim_end())?;
    Ok(())
}
