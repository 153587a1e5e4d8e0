//! `folio prompts`: the questions for reflection the frameworks carry, and
//! the one home of how `--prompt REF` finds its question.

use clap::Args;

use crate::Context;
use crate::db::{Conn, frameworks};
use crate::error::UserError;
use crate::model::framework::ListedPrompt;
use crate::output::{print_json, print_line};

/// List the questions for reflection the frameworks carry
///
/// Each competency may carry a question, and a framework questions of its
/// own by topic. Start a reflection from one with
/// `folio add reflection TITLE --prompt REF`, REF as listed here.
#[derive(Debug, Args)]
pub struct PromptsArgs {
    /// A framework key, a competency (KEY/CODE) or a prompt (KEY:N); all of them when left out
    pub reference: Option<String>,

    /// Print JSON (an array of {ref, about, question})
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: PromptsArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let conn = db.read();
    let listed = match args.reference.as_deref().map(str::trim) {
        None => db.snapshot(all)?,
        Some(text) if !text.contains(['/', ':']) => frameworks::get(conn, text)?.listed_prompts(),
        Some(text) => vec![find(conn, text)?],
    };
    if args.json {
        return print_json(&listed);
    }
    if listed.is_empty() {
        ctx.ui.status("no framework in the portfolio carries questions for reflection");
        return Ok(());
    }
    let ui = &ctx.ui;
    let width = listed.iter().map(|p| p.reference.chars().count()).max().unwrap_or(0);
    let mut about_before = String::new();
    for prompt in &listed {
        let about = if prompt.about == about_before { String::new() } else { ui.dim(&prompt.about) };
        about_before.clone_from(&prompt.about);
        if !about.is_empty() {
            print_line(format!("{:width$}  {about}", ""))?;
        }
        print_line(format!("{:width$}  {}", ui.bold(&prompt.reference), prompt.question))?;
    }
    Ok(())
}

fn all(conn: &Conn) -> crate::db::Result<Vec<ListedPrompt>> {
    let mut listed = Vec::new();
    for summary in frameworks::list(conn)? {
        listed.extend(frameworks::get(conn, &summary.key)?.listed_prompts());
    }
    Ok(listed)
}

/// The prompt a reference names: `KEY:N`, or a competency's question (`KEY/CODE`,
/// with a level or indicator ignored), with "did you mean" for a typo.
pub fn find(conn: &Conn, text: &str) -> anyhow::Result<ListedPrompt> {
    let text = text.trim();
    if let Some((key, number)) = text.split_once(':') {
        let framework = frameworks::get(conn, key)?;
        let listed = framework.listed_prompts();
        let general: Vec<&ListedPrompt> = listed.iter().filter(|p| p.reference.contains(':')).collect();
        let n: usize = number.trim().parse().unwrap_or(0);
        return match general.get(n.wrapping_sub(1)) {
            Some(prompt) => Ok((*prompt).clone()),
            None => Err(UserError::new(format!(
                "{} has no prompt {number} (it has {})",
                framework.key,
                general.len()
            ))
            .hint(format!("`folio prompts {}` lists them", framework.key))
            .into()),
        };
    }
    let target = super::resolve_reference(conn, text)?;
    let framework = frameworks::get(conn, &target.canonical.key)?;
    let reference = format!("{}/{}", framework.key, target.canonical.code);
    framework.listed_prompts().into_iter().find(|p| p.reference.eq_ignore_ascii_case(&reference)).ok_or_else(
        || {
            UserError::new(format!("{reference} carries no question for reflection"))
                .hint(format!("`folio prompts {}` lists the questions it has", framework.key))
                .into()
        },
    )
}
