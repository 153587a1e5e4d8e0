//! folio — a local-first learning portfolio.
//!
//! The binary is a thin shell around [`run`]; tests, examples and benches use
//! this library directly. Modules: `cli` (flags), `commands` (one file per
//! command), `db` (all SQL), `model` (plain types), `output` (stdout/stderr),
//! `error` (messages and exit codes).

pub mod cli;
pub mod commands;
pub mod context;
pub mod db;
pub mod error;
pub mod export;
#[cfg(feature = "generate")]
pub mod generate;
pub mod import;
pub mod model;
pub mod ops;
pub mod output;
pub mod passphrase;
pub mod pdf;
pub mod report;

pub use cli::Cli;
pub use context::Context;

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context::from_env(cli.db, cli.passphrase_fd, output::Ui::new(cli.color, cli.quiet))?;
    commands::run(cli.command, &ctx)
}
