//! folio — a local-first learning portfolio.
//!
//! The binary is a thin shell around [`run`]; tests, examples and benches use
//! this library directly. Modules: `cli` (flags), `commands` (one file per
//! command), `db` (all SQL), `model` (plain types), `output` (stdout/stderr),
//! `error` (messages and exit codes), `markdown` (what people write, read once).

pub mod cli;
pub mod commands;
pub mod context;
pub mod db;
pub mod error;
pub mod export;
pub mod files;
#[cfg(feature = "generate")]
pub mod generate;
pub mod import;
pub mod markdown;
pub mod model;
pub mod ops;
pub mod output;
pub mod passphrase;
pub mod pdf;
pub mod progress;
pub mod report;
pub mod scratch;
pub mod sealed;
pub mod trust;
pub mod unlocked;

pub use cli::Cli;
pub use context::Context;

/// Removes what a killed folio left in the system's temporary folder,
/// beside the portfolio and in the current folder ([`scratch`]), and says so.
fn sweep_what_killed_commands_left(ctx: &Context) {
    let portfolio_dir = scratch::folder_of(&ctx.db_path).to_path_buf();
    let mut dirs = vec![std::env::temp_dir()];
    if portfolio_dir != std::path::Path::new(".") {
        dirs.push(std::path::PathBuf::from("."));
    }
    dirs.push(portfolio_dir);
    for dir in dirs {
        let removed = scratch::sweep(&dir);
        if removed > 0 {
            ctx.ui.warn(format!(
                "removed {} a killed folio left in {}",
                output::count(removed, "temporary file", "temporary files"),
                dir.display()
            ));
        }
    }
}

/// Runs one parsed command line.
///
/// A `--db` file encrypted with age (a review file shared with
/// `--encrypt-to` or `--passphrase`) is worked on as a private decrypted
/// copy; if the command changed it, it is encrypted again over the file.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut ctx = Context::from_env(cli.db, cli.passphrase_fd, output::Ui::new(cli.color, cli.quiet))?;
    ctx.identity_files = cli.identity;
    sweep_what_killed_commands_left(&ctx);
    let sealed = match sealed::Opened::open(&ctx.db_path, &ctx)? {
        opened if opened.path() != ctx.db_path => Some(opened),
        _ => None,
    };
    let run = |command: Option<commands::Command>, ctx: &Context| match command {
        Some(command) => commands::run(command, ctx),
        None => commands::home::run(ctx),
    };
    let Some(opened) = sealed else { return run(cli.command, &ctx) };
    let original = std::mem::replace(&mut ctx.db_path, opened.path().to_path_buf());
    run(cli.command, &ctx)?;
    if opened.write_back()? {
        ctx.ui.status(format!("encrypted {} again with the changes", original.display()));
    }
    Ok(())
}
