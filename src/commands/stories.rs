//! `folio stories`: the interview story bank, and the portfolio weighed
//! against a job advert (`--job FILE`).

use std::collections::HashMap;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::Context;
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::{Conn, coverage, entries, frameworks};
use crate::error::UserError;
use crate::model::{Entry, EntryKind, Framework, PartialDate};
use crate::output::{count, print_json, print_line};
use crate::report::stories::{
    CompetencyStories, Story, key_words, mentions, rank_competencies, reference, story_bank,
};

/// The interview story bank: your stories per competency, best first
///
/// For each competency, the achievements and reflections that claim it:
/// accepted by an assessor first, then those with all four STAR parts
/// written, then the newest. Competencies with no story yet are named, with
/// the framework's question for them: those are the ones to write next.
///
/// With --job FILE (a job advert as plain text), the advert's key words are
/// weighed by how often it uses them; the competencies and entries that
/// answer them best come first, and the key words nothing in the portfolio
/// mentions are listed.
///
///   folio stories --framework emcc --level practitioner
///
///   folio stories --job ward-manager-advert.txt
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Only this framework (repeatable) [default: every framework with claims]
    #[arg(long = "framework", value_name = "KEY")]
    pub frameworks: Vec<String>,
    /// Only claims at this level
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Rank against a job advert (plain text)
    #[arg(long, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// Print JSON: [{framework, code, title, question, stories: [{id, title, kind, date, accepted, star_complete, private}]}], or with --job {key_words, missing, competencies, entries}
    #[arg(long)]
    pub json: bool,
}

/// How many of the advert's words are weighed.
const KEY_WORDS: usize = 20;

/// A job advert's key words (at most [`KEY_WORDS`]), read from a plain-text file.
pub(crate) fn read_advert(path: &std::path::Path) -> Result<Vec<(String, usize)>, UserError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        UserError::new(format!(
            "cannot read the job advert {}: {}",
            path.display(),
            e.to_string().to_lowercase()
        ))
    })?;
    let words = key_words(&text, KEY_WORDS);
    if words.is_empty() {
        return Err(UserError::new("the job advert has no words to weigh"));
    }
    Ok(words)
}

pub fn run(args: StoriesArgs, ctx: &Context) -> anyhow::Result<()> {
    let advert = args.job.as_deref().map(read_advert).transpose()?;
    let db = ctx.open_db()?;
    let conn = db.read();
    let chosen = chosen_frameworks(conn, &args.frameworks)?;
    let filter = EntryFilter { privacy: Privacy::All, ..Default::default() };
    let all = entries::list(conn, &filter)?;
    let mut banks = Vec::new();
    for framework in &chosen {
        banks.extend(story_bank(framework, &all, args.level.as_deref()));
    }
    match advert {
        Some(words) => against_advert(conn, &words, &chosen, banks, &all, args.json, ctx)?,
        None => print_bank(&banks, args.json, ctx)?,
    }
    super::finish_reading(&db, ctx)
}

fn chosen_frameworks(conn: &Conn, keys: &[String]) -> anyhow::Result<Vec<Framework>> {
    let keys = if keys.is_empty() { coverage::claimed_frameworks(conn)? } else { keys.to_vec() };
    if keys.is_empty() {
        return Err(UserError::new("no entry claims a competency yet, so there are no stories to sort")
            .hint("claim one with `folio claim ID KEY/CODE`, e.g. on an achievement written with --template star")
            .into());
    }
    Ok(keys.iter().map(|k| frameworks::get(conn, k)).collect::<Result<_, _>>()?)
}

fn story_line(story: &Story) -> String {
    let mark = if story.accepted { "✓" } else { " " };
    let star = if story.star_complete { "STAR complete" } else { "STAR partial" };
    let private = if story.private { ", private" } else { "" };
    format!("    {mark} #{} {} ({}, {}{private}) · {star}", story.id, story.title, story.kind, story.date)
}

fn print_bank(banks: &[CompetencyStories], json: bool, ctx: &Context) -> anyhow::Result<()> {
    if json {
        return print_json(banks);
    }
    for bank in banks {
        print_line(ctx.ui.bold(&format!("{} ({}/{})", bank.title, bank.framework, bank.code)))?;
        if bank.stories.is_empty() {
            let question = bank.question.as_deref().map(|q| format!(" — {q}")).unwrap_or_default();
            print_line(ctx.ui.alert(&format!("    no story yet{question}")))?;
        }
        for story in &bank.stories {
            print_line(story_line(story))?;
        }
    }
    let told = banks.iter().filter(|b| !b.stories.is_empty()).count();
    ctx.ui.status(format!(
        "{told} of {} have a story; ✓ accepted by an assessor",
        count(banks.len(), "competency", "competencies")
    ));
    if told < banks.len() {
        ctx.ui.hint("write one with `folio add achievement TITLE --template star --claim KEY/CODE`");
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct KeyWord {
    word: String,
    uses: usize,
    /// How many entries mention it.
    entries: usize,
}

#[derive(Debug, Serialize)]
struct RankedCompetency {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    score: usize,
    stories: Vec<Story>,
}

#[derive(Debug, Serialize)]
struct RankedEntry {
    id: i64,
    title: String,
    kind: EntryKind,
    date: PartialDate,
    score: usize,
    words: Vec<String>,
}

#[derive(Debug, Serialize)]
struct AgainstAdvert {
    key_words: Vec<KeyWord>,
    /// Key words no entry mentions.
    missing: Vec<String>,
    competencies: Vec<RankedCompetency>,
    entries: Vec<RankedEntry>,
}

fn against_advert(
    conn: &Conn,
    words: &[(String, usize)],
    chosen: &[Framework],
    banks: Vec<CompetencyStories>,
    all: &[Entry],
    json: bool,
    ctx: &Context,
) -> anyhow::Result<()> {
    // Entry id → (score, the advert's words it mentions).
    let mut scores: HashMap<i64, (usize, Vec<String>)> = HashMap::new();
    let mut key_words = Vec::new();
    for mentioned in mentions(conn, words)? {
        for id in &mentioned.entries {
            let score = scores.entry(*id).or_default();
            score.0 += mentioned.uses;
            score.1.push(mentioned.word.clone());
        }
        key_words.push(KeyWord {
            word: mentioned.word,
            uses: mentioned.uses,
            entries: mentioned.entries.len(),
        });
    }
    let missing = key_words.iter().filter(|k| k.entries == 0).map(|k| k.word.clone()).collect();
    let competencies: Vec<RankedCompetency> = rank_competencies(chosen, banks, words)
        .into_iter()
        .filter_map(|(score, bank)| {
            let framework = chosen.iter().find(|f| f.key == bank.framework)?;
            Some(RankedCompetency {
                reference: reference(framework, &bank.code),
                title: bank.title,
                score,
                stories: bank.stories,
            })
        })
        .collect();
    let mut ranked: Vec<RankedEntry> = all
        .iter()
        .filter_map(|e| {
            let (score, words) = scores.get(&e.id.0)?;
            Some(RankedEntry {
                id: e.id.0,
                title: e.fields.title.clone(),
                kind: e.kind(),
                date: e.fields.date,
                score: *score,
                words: words.clone(),
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score.cmp(&a.score).then_with(|| b.date.key().cmp(&a.date.key())).then(a.id.cmp(&b.id))
    });
    ranked.truncate(15);
    let report = AgainstAdvert { key_words, missing, competencies, entries: ranked };
    if json {
        return print_json(&report);
    }
    print_line(ctx.ui.bold("Key words of the advert (uses · entries that mention them)"))?;
    for k in &report.key_words {
        let line = format!("  {:<20} {:>2} · {}", k.word, k.uses, count(k.entries, "entry", "entries"));
        print_line(if k.entries == 0 { ctx.ui.alert(&line) } else { line })?;
    }
    if !report.missing.is_empty() {
        print_line(ctx.ui.alert(&format!("No evidence for: {}", report.missing.join(", "))))?;
    }
    print_line("")?;
    print_line(ctx.ui.bold("Competencies the advert asks for, best first"))?;
    if report.competencies.is_empty() {
        print_line("  none of the chosen frameworks' competencies uses the advert's words")?;
    }
    for c in &report.competencies {
        print_line(format!("  {} {} (weight {})", c.reference, c.title, c.score))?;
        match c.stories.first() {
            Some(best) => print_line(story_line(best))?,
            None => print_line(ctx.ui.alert("    no story yet"))?,
        }
    }
    print_line("")?;
    print_line(ctx.ui.bold("Entries that answer it best"))?;
    for e in &report.entries {
        print_line(format!("  #{} {} ({}, {}) · {}", e.id, e.title, e.kind, e.date, e.words.join(", ")))?;
    }
    Ok(())
}
