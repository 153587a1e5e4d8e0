//! `folio jot`: a line in the diary in one breath. The words are read by
//! [`crate::model::jot`] and written as `add` writes an entry (the same
//! checks, the same id printed).

use std::io::{IsTerminal, Read};

use clap::Args;

use crate::Context;
use crate::error::UserError;
use crate::model::EntryKind;
use crate::model::jot::{Jot, read};

/// Write a line in your diary, in one breath
///
/// `folio jot Met my mentor today, talked about #feedback`.
///
/// The first sentence is the title, the rest the body. #word tags the
/// entry; +emcc/self (any competency reference after a +) claims it, checked
/// as --claim is. With no words on a terminal it opens $EDITOR, with a prompt
/// to start from; from a pipe it reads standard input. A reflection dated
/// today unless you say otherwise.
///
///   folio jot Supervised Sam on the drug round. Calm, clear #supervision +emcc/relationship
///
///   echo "Audit meeting went well. Next: the action plan" | folio jot --date yesterday
///
///   folio jot --about 12 The sepsis day changed how I escalate. I call earlier now
#[derive(Debug, Args)]
pub struct JotArgs {
    /// What happened, as you would say it
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// When it happened: YYYY-MM-DD, yesterday, '3 days ago' … [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The kind of entry
    #[arg(long, value_enum, default_value_t = EntryKind::Reflection)]
    pub kind: EntryKind,
    /// Keep it out of exports, shared copies and documents
    #[arg(long)]
    pub private: bool,
    /// What it is about: another entry's id or UUID (repeatable), e.g. the course it reflects on
    #[arg(long = "about", value_name = "ID")]
    pub about: Vec<String>,
    /// Print JSON: {id, uuid}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: JotArgs, ctx: &Context) -> anyhow::Result<()> {
    let text = match args.text.is_empty() {
        false => args.text.join(" "),
        true if std::io::stdin().is_terminal() => from_editor(ctx)?,
        true => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            text
        }
    };
    let Some(Jot { title, body, tags, claims }) = read(&text) else {
        return Err(UserError::new("nothing to jot: the text is empty")
            .hint("folio jot Met my mentor today, talked about #feedback")
            .into());
    };
    let mut fields = super::fields::FieldArgs { date: args.date, ..Default::default() };
    if !body.is_empty() {
        fields.body = Some(body);
    }
    let add = super::add::AddArgs {
        kind: args.kind,
        title,
        fields,
        tags,
        about: args.about,
        private: args.private,
        attach: Vec::new(),
        claims,
        agreed: Vec::new(),
        due: None,
        json: args.json,
    };
    super::add::run(add, ctx)
}

/// The note written in `$EDITOR`, with how to write it and a question to
/// start from as comments.
fn from_editor(ctx: &Context) -> anyhow::Result<String> {
    let mut start = String::from(
        "# Write what happened. The first sentence is the title; #word tags it;\n\
         # +emcc/self claims a competency. Lines starting with '# ' are left out.\n",
    );
    if let Some(prompt) = prompt_of_the_day(ctx) {
        start.push_str(&format!("# A question to start from: {prompt}\n"));
    }
    start.push('\n');
    let (text, _file) = super::editor::open_editor(&start, "folio-jot-")?;
    Ok(text)
}

/// One of the frameworks' reflection prompts, a different one each day.
fn prompt_of_the_day(ctx: &Context) -> Option<String> {
    let db = ctx.open_db().ok()?;
    let conn = db.read();
    let mut prompts = Vec::new();
    for summary in crate::db::frameworks::list(conn).ok()? {
        prompts.extend(crate::db::frameworks::get(conn, &summary.key).ok()?.listed_prompts());
    }
    let day = usize::try_from(chrono::Datelike::num_days_from_ce(&ctx.today)).unwrap_or(0);
    prompts.get(day % prompts.len().max(1)).map(|p| p.question.clone())
}
