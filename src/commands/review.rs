//! `folio review`: walk the pending claims on a terminal, one verdict at a time.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::resolve_reference;
use super::verdict::assessor;
use crate::Context;
use crate::db::{claims, entries, review};
use crate::error::UserError;
use crate::model::VerdictKind;
use crate::model::Visibility;
use crate::model::review::Pending;
use crate::ops::give_verdict::{Judgement, give};
use crate::output::{count, human_size};

/// Walk the pending claims one by one and give each a verdict
///
/// For each claim (or entry that claims nothing) still waiting: the entry,
/// the claim's note and the attachments, then accepted / needs more / not
/// accepted / skip / quit, and a comment. Each answer is saved at once, so
/// quitting loses nothing. Needs a terminal.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Whose verdicts these are [default: the reviewer a review file names]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

enum Answer {
    Verdict(VerdictKind),
    Skip,
    Quit,
}

pub fn run(args: ReviewArgs, ctx: &Context) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() {
        return Err(UserError::usage("folio review needs a terminal, and standard input is not one")
            .hint("`folio pending` lists what waits; `folio verdict ID …` records one")
            .into());
    }
    let mut db = ctx.open_db()?;
    let by = assessor(db.read(), args.by.as_deref())?;
    let key = super::key::for_assessor(ctx, &by, args.by.is_none())?;
    let waiting = db.snapshot(|conn| review::pending(conn, Some(&by), Visibility::IncludePrivate))?;
    if waiting.is_empty() {
        ctx.ui.status(format!("nothing is waiting for a verdict from {by}"));
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut given = 0;
    for (n, item) in waiting.iter().enumerate() {
        show(ctx, &db, item, n + 1, waiting.len())?;
        let answer = loop {
            let said = ask(&mut input, "[a]ccepted, [n]eeds more, n[o]t accepted, [s]kip, [q]uit? ")?;
            match said.map(|a| a.to_lowercase()).as_deref() {
                Some("a" | "accepted") => break Answer::Verdict(VerdictKind::Accepted),
                Some("n" | "needs more" | "needs-more") => break Answer::Verdict(VerdictKind::NeedsMore),
                Some("o" | "not accepted" | "not-accepted") => {
                    break Answer::Verdict(VerdictKind::NotAccepted);
                }
                Some("s" | "skip" | "") => break Answer::Skip,
                Some("q" | "quit") | None => break Answer::Quit,
                Some(_) => eprintln!("answer a, n, o, s or q"),
            }
        };
        let kind = match answer {
            Answer::Verdict(kind) => kind,
            Answer::Skip => continue,
            Answer::Quit => break,
        };
        let comment = ask(&mut input, "comment (Enter for none): ")?.filter(|c| !c.is_empty());
        record(ctx, &mut db, item, kind, (&by, key.as_ref()), comment)?;
        given += 1;
    }
    let signed =
        key.map(|k| format!(", signed by {} ({})", k.name, k.did())).unwrap_or_else(|| ", unsigned".into());
    ctx.ui.status(format!("recorded {} by {by}{signed}", count(given, "verdict", "verdicts")));
    Ok(())
}

/// Prints one pending item: the entry, the claim and its note, the files.
fn show(ctx: &Context, db: &crate::db::Db, item: &Pending, n: usize, of: usize) -> anyhow::Result<()> {
    let entry = entries::get(db.read(), item.entry)?;
    let ui = &ctx.ui;
    eprintln!(
        "\n{} {}",
        ui.dim(&format!("[{n}/{of}]")),
        ui.bold(&format!("{} #{}", entry.fields.title, entry.id))
    );
    eprintln!("  {} · {}", entry.kind(), entry.fields.period());
    let body = entry.fields.body.trim();
    if !body.is_empty() {
        let excerpt: String = body.chars().take(600).collect();
        eprintln!("  {}", excerpt.replace('\n', "\n  "));
    }
    for section in entry.fields.details.sections() {
        eprintln!("  {}: {}", entry.section_heading(&section.name), section.text.trim());
    }
    match &item.claim {
        Some(reference) => eprintln!(
            "  claims {reference}{}",
            item.note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
        ),
        None => eprintln!("  (claims nothing: a verdict on the whole entry)"),
    }
    for file in &entry.attachments {
        eprintln!("  file: {} ({}, {})", file.name, human_size(file.size), file.media_type);
    }
    Ok(())
}

fn ask(input: &mut impl BufRead, question: &str) -> anyhow::Result<Option<String>> {
    eprint!("{question}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// Saves one verdict in its own transaction.
fn record(
    ctx: &Context,
    db: &mut crate::db::Db,
    item: &Pending,
    kind: VerdictKind,
    (by, key): (&str, Option<&super::key::Held>),
    comment: Option<String>,
) -> anyhow::Result<()> {
    let now = ctx.now();
    let date = crate::model::PartialDate::day(ctx.today);
    db.write(|tx| -> anyhow::Result<()> {
        let claim_id = match &item.claim {
            Some(reference) => {
                let id =
                    claims::find(tx, item.entry, &resolve_reference(tx, reference)?)?.ok_or_else(|| {
                        UserError::new(format!("entry {} no longer claims {reference}", item.entry))
                    })?;
                Some((id, reference.clone()))
            }
            None => None,
        };
        let judgement =
            Judgement { entry: item.entry, claim: claim_id, verdict: kind, assessor: by, comment, date };
        give(tx, judgement, key.map(|k| k.signer()).as_ref(), &now)?;
        Ok(())
    })
}
