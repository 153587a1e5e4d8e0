//! The command line: global flags and the list of commands.
//!
//! Each command's own flags live beside its code in `src/commands/`.

use std::path::PathBuf;

use clap::Parser;

use crate::commands::Command;
use crate::output::ColorChoice;

/// A local-first learning portfolio: record what you learn, tag it to
/// competencies, and hand over the evidence
///
/// Your whole portfolio lives in one SQLite file on your own machine:
/// achievements, qualifications, certificates, courses, roles, reflections,
/// feedback, meetings and evidence files. Copying that file is a complete
/// backup.
#[derive(Debug, Parser)]
#[command(name = "folio", version, max_term_width = 100, propagate_version = true)]
pub struct Cli {
    /// The portfolio file to use [default: <data dir>/folio/portfolio.db]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "FOLIO_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Read an encrypted portfolio's passphrase from this open file descriptor (for scripts)
    #[arg(long, global = true, help_heading = "Global options", value_name = "N")]
    pub passphrase_fd: Option<i32>,

    /// An age identity file (secret key) to read files encrypted to it (repeatable)
    #[arg(long, global = true, help_heading = "Global options", value_name = "FILE")]
    pub identity: Vec<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print no status lines on stderr (data and errors still appear)
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub quiet: bool,

    /// On a terminal, `folio` alone shows the home screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands by what people do with them: `folio --help` lists them so.
pub const TASKS: &[(&str, &[&str])] = &[
    ("Write", &["jot", "add", "edit", "rm", "restore", "trash", "attach", "detach", "extract"]),
    ("Look back", &["list", "show", "search", "tags", "on-this-day"]),
    ("Competencies", &["framework", "claim", "unclaim", "coverage", "gaps", "rate", "ratings", "prompts"]),
    ("Mentoring", &["goal", "action", "mentor", "agenda", "conflicts"]),
    (
        "Share and review",
        &["share", "outbox", "pending", "review", "verdict", "merge", "cohort", "key", "sign", "verify"],
    ),
    ("Documents", &["export", "stories", "rehearse"]),
    ("Requirements", &["cpd", "requirements", "scan"]),
    (
        "Your data",
        &[
            "profile",
            "import",
            "backup",
            "sync",
            "encrypt",
            "decrypt",
            "passphrase",
            "unlock",
            "lock",
            "check",
        ],
    ),
    ("Set-up", &["init", "demo", "completions", "man"]),
];

/// The command line as `folio` parses it: its help lists the commands by
/// task ([`TASKS`]) instead of in one long list. (Completions and man pages
/// take [`full_command`], which lists every command.)
pub fn command() -> clap::Command {
    let built = full_command();
    let mut listed = String::from("Commands, by what you do (folio COMMAND --help says more):\n");
    for (task, names) in TASKS {
        listed.push_str(&format!("\n  {task}:\n"));
        for name in *names {
            let about = built.find_subcommand(name).and_then(|c| c.get_about()).map(ToString::to_string);
            listed.push_str(&format!("    {name:<14}{}\n", about.unwrap_or_default()));
        }
    }
    unlisted().help_template(format!(
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{listed}\n{{all-args}}{{after-help}}"
    ))
}

/// The command line for these arguments. Each command's own flags are made
/// only when that command is used (`#[command(defer = true)]`), so unless
/// the top-level help may be shown, its task list (which needs every
/// command's summary, so every command made) is left out: making the whole
/// tree was a fifth of the start of `folio --version`.
pub fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    let at = first_word(args);
    let before = &args[1.min(args.len())..at.min(args.len())];
    let asks_top_level_help = before.iter().any(|a| matches!(a.to_str(), Some("-h" | "--help")));
    let names_a_command = args.get(at).and_then(|a| a.to_str()).is_some_and(|word| {
        word != "help" && <crate::commands::Command as clap::Subcommand>::has_subcommand(word)
    });
    if asks_top_level_help || !names_a_command && args.len() > at { command() } else { unlisted() }
}

/// Every command with every flag made, for man pages, completions and the
/// help of the top level.
pub fn full_command() -> clap::Command {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    command
}

/// The top level without its help subcommand, every command hidden from the
/// generated list (the help template lists them by task).
fn unlisted() -> clap::Command {
    let base = <Cli as clap::CommandFactory>::command();
    let names: Vec<String> = base.get_subcommands().map(|c| c.get_name().to_string()).collect();
    let mut command = base.disable_help_subcommand(true);
    for name in names {
        command = command.mut_subcommand(name, |c| c.hide(true));
    }
    command.override_usage("folio [OPTIONS] [COMMAND]")
}

/// Where the first word that is not a global option (nor its value) is.
fn first_word(args: &[std::ffi::OsString]) -> usize {
    // The global options that take a value, to step over them.
    const VALUED: [&str; 4] = ["--db", "--passphrase-fd", "--identity", "--color"];
    let mut at = 1;
    while let Some(arg) = args.get(at).and_then(|a| a.to_str()) {
        if VALUED.contains(&arg) {
            at += 2;
        } else if arg.starts_with('-') {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// `folio add TEXT…` whose first word is not a kind of entry is a jot: the
/// arguments with `add` read as `jot`, and the note that says so.
pub fn add_as_jot(args: Vec<std::ffi::OsString>) -> (Vec<std::ffi::OsString>, Option<String>) {
    let at = first_word(&args);
    let is_add = args.get(at).is_some_and(|a| a == "add");
    let word = args.get(at + 1).and_then(|a| a.to_str()).map(str::to_string);
    match word {
        // A kind mistyped ("reflecton") stays an error that names the kinds.
        Some(word)
            if is_add
                && !word.starts_with('-')
                && !crate::model::EntryKind::ALL
                    .iter()
                    .any(|k| strsim::levenshtein(k.as_str(), &word.to_lowercase()) <= 2) =>
        {
            let mut args = args;
            args[at] = "jot".into();
            let note =
                format!("'{word}' is not a kind of entry: written as a reflection, as `folio jot` does");
            (args, Some(note))
        }
        _ => (args, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_is_listed_under_one_task() {
        // A hidden command (the agent `unlock` starts) is nobody's task.
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        let listed: Vec<&str> = TASKS.iter().flat_map(|(_, names)| names.iter().copied()).collect();
        for name in &names {
            assert_eq!(listed.iter().filter(|l| **l == name.as_str()).count(), 1, "{name}");
        }
        assert_eq!(listed.len(), names.len(), "a task lists a command that does not exist");
    }

    #[test]
    fn add_with_words_that_are_no_kind_is_a_jot() {
        let args = |words: &[&str]| words.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let (jot, note) = add_as_jot(args(&["folio", "--db", "p.db", "add", "Met", "my", "mentor"]));
        assert_eq!(jot, args(&["folio", "--db", "p.db", "jot", "Met", "my", "mentor"]));
        assert!(note.is_some_and(|n| n.starts_with("'Met' is not a kind")));
        for kept in
            [&["folio", "add", "reflection", "x"][..], &["folio", "add", "--help"], &["folio", "list", "Met"]]
        {
            assert_eq!(add_as_jot(args(kept)), (args(kept), None));
        }
    }
}
