//! `folio rehearse`: practise the interview on a terminal — a competency and
//! its question, a pause to tell the story aloud, then the story written.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use crate::Context;
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::{coverage, entries, frameworks, rehearsals};
use crate::error::UserError;
use crate::model::Entry;
use crate::report::stories::{CompetencyStories, reference, story_bank};

/// Practise telling your stories: a question, a pause, then your story
///
/// For each competency that has a story (the one rehearsed longest ago
/// first): its title and the framework's question. Tell the story aloud,
/// press Enter, and folio shows the story you wrote — its STAR parts — and
/// records that you rehearsed it. s skips a competency, q stops. Needs a
/// terminal.
#[derive(Debug, Args)]
pub struct RehearseArgs {
    /// Only this framework (repeatable) [default: every framework with claims]
    #[arg(long = "framework", value_name = "KEY")]
    pub frameworks: Vec<String>,
}

pub fn run(args: RehearseArgs, ctx: &Context) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() {
        return Err(UserError::usage("folio rehearse needs a terminal, and standard input is not one")
            .hint("`folio stories` lists your stories per competency")
            .into());
    }
    let mut db = ctx.open_db()?;
    let (banks, all) = {
        let conn = db.read();
        let keys =
            if args.frameworks.is_empty() { coverage::claimed_frameworks(conn)? } else { args.frameworks };
        let all = entries::list(conn, &EntryFilter { privacy: Privacy::All, ..Default::default() })?;
        let mut banks: Vec<(String, CompetencyStories)> = Vec::new();
        for key in &keys {
            let framework = frameworks::get(conn, key)?;
            for bank in story_bank(&framework, &all, None).into_iter().filter(|b| !b.stories.is_empty()) {
                banks.push((reference(&framework, &bank.code), bank));
            }
        }
        // Never rehearsed first, then the longest ago.
        let last = rehearsals::last(conn)?;
        banks.sort_by(|a, b| last.get(&a.0).cmp(&last.get(&b.0)).then_with(|| a.0.cmp(&b.0)));
        (banks, all)
    };
    if banks.is_empty() {
        return Err(UserError::new("no competency has a story to rehearse yet")
            .hint("claim competencies on achievements or reflections: `folio claim ID KEY/CODE`")
            .into());
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let mut done = 0;
    for (n, (reference, bank)) in banks.iter().enumerate() {
        writeln!(out, "\n[{}/{}] {} ({reference})", n + 1, banks.len(), ctx.ui.bold(&bank.title))?;
        let question = bank
            .question
            .clone()
            .unwrap_or_else(|| format!("Tell me about a time you showed {}.", bank.title.to_lowercase()));
        writeln!(out, "  {question}")?;
        write!(out, "  Tell it aloud, then press Enter to see your story (s skip, q quit): ")?;
        out.flush()?;
        match read(&mut input)?.as_deref() {
            None | Some("q") => break,
            Some("s") => continue,
            _ => {}
        }
        let Some(entry) = bank.stories.first().and_then(|s| all.iter().find(|e| e.id.0 == s.id)) else {
            continue;
        };
        show(&mut out, entry)?;
        let times = db.write(|tx| rehearsals::record(tx, reference, &ctx.now()))?;
        done += 1;
        write!(
            out,
            "  (rehearsed {} — Enter for the next, q to stop) ",
            if times == 1 { "for the first time".into() } else { format!("{times} times") }
        )?;
        out.flush()?;
        if matches!(read(&mut input)?.as_deref(), None | Some("q")) {
            break;
        }
    }
    writeln!(out)?;
    ctx.ui.status(format!("rehearsed {done} of {} stories", banks.len()));
    Ok(())
}

/// One answer, trimmed and lower-cased; none at the end of input.
fn read(input: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_lowercase()))
}

fn show(out: &mut impl Write, entry: &Entry) -> std::io::Result<()> {
    writeln!(out, "  — #{} {} ({}, {})", entry.id, entry.fields.title, entry.kind(), entry.fields.date)?;
    let parts: Vec<_> =
        entry.fields.details.sections().iter().filter(|s| !s.text.trim().is_empty()).collect();
    if parts.is_empty() && !entry.fields.body.trim().is_empty() {
        writeln!(out, "    {}", entry.fields.body.trim())?;
    }
    for section in parts {
        writeln!(out, "    {}: {}", entry.section_heading(&section.name), section.text.trim())?;
    }
    Ok(())
}
