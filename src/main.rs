//! The `folio` binary: parse the command line, run it, turn the outcome into
//! one clean line on stderr and an exit code.

use std::process::ExitCode;

use folio::error::{self, ExitCode as Code};
use folio::output::Ui;

fn main() -> ExitCode {
    let (args, note) = folio::cli::add_as_jot(std::env::args_os().collect());
    let parsed = folio::cli::command_for(&args)
        .try_get_matches_from(args)
        .and_then(|matches| <folio::Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { Code::Usage } else { Code::Ok };
            // --help and --version go to stdout; a closed pipe there is fine.
            let _ = err.print();
            return ExitCode::from(code as u8);
        }
    };
    let ui = Ui::new(cli.color, cli.quiet);
    if let Some(note) = note {
        ui.note(&note);
    }
    match folio::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if error::answered_no(&err) => ExitCode::from(Code::User as u8),
        Err(err) => {
            let report = error::report(&err);
            ui.error(&report.message, report.hint.as_deref());
            ExitCode::from(report.code as u8)
        }
    }
}
