//! `folio framework …`: import, list, show, remove and export competency frameworks.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};

use crate::Context;
use crate::db::{framework_upsert, frameworks};
use crate::error::UserError;
use crate::export;
use crate::import::{self, framework_toml};
use crate::model::Framework;
use crate::model::reference::Canonical;
use crate::output::{print_json, print_line};

/// Manage competency frameworks
///
/// A framework has levels (optional), competencies (optionally nested) and
/// capability indicators per competency and level. Entries claim them as
/// evidence; `coverage` and `gaps` show what is covered.
#[derive(Debug, Args)]
pub struct FrameworkArgs {
    #[command(subcommand)]
    pub action: FrameworkAction,
}

#[derive(Debug, Subcommand)]
pub enum FrameworkAction {
    Import(ImportArgs),
    List(ListArgs),
    Show(ShowArgs),
    Rm(RmArgs),
    Export(ExportArgs),
}

/// Import a framework file, or update one already imported
///
/// The format is told from the content: folio's TOML, Mahara SmartEvidence
/// `.matrix` JSON (both layouts) or a 1EdTech CASE 1.0 CFPackage JSON.
/// Importing a key that exists updates it in place: claims stay attached, and
/// a competency that would disappear but has claims is kept and reported.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The framework file
    pub file: PathBuf,
    /// Store it under this key instead of the one in the file
    #[arg(long)]
    pub key: Option<String>,
}

/// List the frameworks in the portfolio
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Show a framework: its levels, competency tree and numbered indicators
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The framework's key
    pub key: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Remove a framework
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The framework's key
    pub key: String,
    /// Remove it even though entries claim it; the claims, their verdicts and the ratings go too
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// folio's framework file (TOML)
    Toml,
    /// 1EdTech CASE 1.0 CFPackage JSON
    Case,
}

/// Write a framework out as a file folio (or a CASE tool) can import
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The framework's key
    pub key: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn run(args: FrameworkArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        FrameworkAction::Import(a) => import_file(a, ctx),
        FrameworkAction::List(a) => list(a, ctx),
        FrameworkAction::Show(a) => show(a, ctx),
        FrameworkAction::Rm(a) => remove(a, ctx),
        FrameworkAction::Export(a) => export_file(a, ctx),
    }
}

fn import_file(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let imported =
        import::framework_file(&args.file, args.key.as_deref()).map_err(|e| UserError::new(e.to_string()))?;
    for note in &imported.notes {
        ctx.ui.warn(note);
    }
    let framework = imported.value;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let report = db.write(|tx| framework_upsert::upsert(tx, &framework, &now))?;
    for kept in &report.kept {
        ctx.ui.warn(format!("kept {kept}, although the file no longer has it"));
    }
    let verb = if report.created { "imported" } else { "updated" };
    ctx.ui.status(format!(
        "{verb} framework {} ({}): {} levels, {} competencies ({} new, {} updated, {} removed), {} indicators",
        framework.key,
        framework.title,
        framework.levels.len(),
        framework.competencies.len(),
        report.competencies_added,
        report.competencies_updated,
        report.competencies_removed,
        report.indicators,
    ));
    Ok(())
}

fn list(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let all = frameworks::list(db.read())?;
    if args.json {
        return print_json(&all);
    }
    if all.is_empty() {
        ctx.ui.status("no frameworks yet; import one with `folio framework import FILE`");
        return Ok(());
    }
    let mut table = ctx.ui.table(&["Key", "Title", "Levels", "Competencies", "Indicators", "Claims"]);
    for f in &all {
        table.add_row(vec![
            f.key.clone(),
            f.title.clone(),
            f.levels.to_string(),
            f.competencies.to_string(),
            f.indicators.to_string(),
            f.claims.to_string(),
        ]);
    }
    print_line(table)?;
    Ok(())
}

fn show(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
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

fn remove(args: RmArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let key = args.key.clone();
    let claims = db.write(|tx| -> anyhow::Result<i64> {
        let (id, _) =
            frameworks::find(tx, &key)?.ok_or_else(|| crate::db::DbError::NoSuchFramework(key.clone()))?;
        let claims = frameworks::claim_count(tx, id)?;
        if claims > 0 && !args.force {
            return Err(UserError::new(format!(
                "{claims} claims point at framework '{key}'; it was not removed"
            ))
            .hint("add --force to remove it with its claims, their verdicts and the ratings")
            .into());
        }
        frameworks::remove(tx, id)?;
        Ok(claims)
    })?;
    let with = if claims > 0 { format!(" and {claims} claims") } else { String::new() };
    ctx.ui.status(format!("removed framework {}{with}", args.key));
    Ok(())
}

fn export_file(args: ExportArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let framework = frameworks::get(db.read(), &args.key)?;
    let text = match args.format {
        ExportFormat::Toml => {
            framework_toml::render(&framework).context("cannot write the framework as TOML")?
        }
        ExportFormat::Case => {
            export::case::render(&framework, &frameworks::updated_at(db.read(), &framework.key)?)
        }
    };
    match &args.out {
        Some(path) => {
            crate::commands::write_file_atomically(path, text.as_bytes())?;
            ctx.ui.status(format!("wrote {}", path.display()));
        }
        None => print_line(text.trim_end())?,
    }
    Ok(())
}
