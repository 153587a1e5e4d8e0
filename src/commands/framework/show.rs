//! `folio framework show`: levels, competency tree and numbered indicators.

use clap::Args;

use crate::Context;
use crate::db::frameworks;
use crate::model::Framework;
use crate::model::reference::Canonical;
use crate::output::{print_json, print_line};

/// Show a framework: its levels, competency tree and numbered indicators
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The framework's key
    pub key: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let framework = frameworks::get(db.read(), &args.key)?;
    if args.json {
        return print_json(&framework);
    }
    print_line(render_tree(&framework, ctx).trim_end())?;
    Ok(())
}

fn render_tree(framework: &Framework, ctx: &Context) -> String {
    let mut out =
        format!("{} {}\n", ctx.ui.bold(&framework.title), ctx.ui.dim(&format!("({})", framework.key)));
    if let Some(source) = &framework.source {
        out.push_str(&format!("{}\n", ctx.ui.dim(source)));
    }
    if !framework.levels.is_empty() {
        let levels: Vec<String> =
            framework.levels.iter().map(|l| format!("{} ({})", l.code, l.title)).collect();
        out.push_str(&format!("levels: {}\n", levels.join(", ")));
    }
    for competency in &framework.competencies {
        let depth = depth_of(framework, competency);
        let indent = "  ".repeat(depth);
        let reference = Canonical::competency(&framework.key, &competency.code).to_string();
        out.push_str(&format!("\n{indent}{}  {}\n", ctx.ui.bold(&reference), competency.title));
        if let Some(definition) = &competency.definition {
            out.push_str(&format!("{indent}  {}\n", definition.replace('\n', &format!("\n{indent}  "))));
        }
        let numbered: Vec<_> = competency.numbered_indicators().collect();
        if framework.levels.is_empty() {
            for (n, indicator) in numbered {
                out.push_str(&format!("{indent}  {n}. {}\n", indicator.text));
            }
        } else {
            for level in &framework.levels {
                let at = || {
                    numbered.iter().filter(|(_, i)| {
                        i.level.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(&level.code))
                    })
                };
                if at().next().is_none() {
                    continue;
                }
                out.push_str(&format!("{indent}  {}\n", ctx.ui.dim(&level.code)));
                for (n, indicator) in at() {
                    out.push_str(&format!("{indent}    {n}. {}\n", indicator.text));
                }
            }
        }
    }
    out
}

fn depth_of(framework: &Framework, competency: &crate::model::Competency) -> usize {
    crate::model::framework::depth(competency, |c| {
        c.parent.as_deref().and_then(|code| framework.competency(code))
    })
}
