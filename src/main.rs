//! The `folio` binary: parse the command line, run it, turn the outcome into
//! one clean line on stderr and an exit code.

use std::process::ExitCode;

use clap::Parser;
use folio::error::{self, ExitCode as Code};
use folio::output::Ui;

fn main() -> ExitCode {
    let cli = match folio::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { Code::Usage } else { Code::Ok };
            // --help and --version go to stdout; a closed pipe there is fine.
            let _ = err.print();
            return ExitCode::from(code as u8);
        }
    };
    let ui = Ui::new(cli.color, cli.quiet);
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
