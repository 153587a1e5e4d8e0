//! `folio demo`: a realistic sample portfolio and its four PDFs, in one
//! command, from the files in `examples/` (built into the binary so the demo
//! runs from any folder).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::export::Destination;
use super::export::html::HtmlArgs;
use super::export::pdf::{Paper, PdfArgs};
use super::list::RangeArgs;
use super::selection::SelectionArgs;
use crate::Context;
use crate::import::{folio_json, framework_toml};
use crate::ops::merge::merge;
use crate::pdf::documents::DocumentKind;

const PORTFOLIO: &str = include_str!("../../examples/demo/portfolio.json");
/// The day the demo nurse revalidates with the NMC.
const REVALIDATION_DUE: &str = "2027-04-30";
/// The moment the demo portfolio stands at (its newest change).
const DEMO_AS_OF: &str = "2026-09-10T18:00:00Z";
const FRAMEWORKS: [&str; 2] = [
    include_str!("../../examples/frameworks/emcc-mentoring.toml"),
    include_str!("../../examples/frameworks/mentor-audit.toml"),
];

/// Build a sample portfolio and its four PDFs, to try folio out
///
/// A trainee mentor's portfolio — 47 entries of every kind over five years,
/// the EMCC and audit-table frameworks, claims, a mentor's verdicts, two
/// rounds of self-ratings, two mentors, three goals with the actions agreed
/// in its meetings, and her NMC revalidation followed — is written to
/// DIR/portfolio.db, with folio-interview.pdf, folio-review.pdf,
/// folio-evidence.pdf, folio-revalidation.pdf and the portfolio as one
/// HTML page, folio-portfolio.html, beside it. Its dates move to the day it
/// is built, so its agenda and CPD year read the same on any day.
/// Running it again is safe: nothing is duplicated and the PDFs are rewritten.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build the demo
    #[arg(long, default_value = "folio-demo", value_name = "DIR")]
    pub dir: PathBuf,

    /// Print JSON: {portfolio, entries, documents: [paths]}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: DemoArgs, ctx: &Context) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir).with_context(|| format!("cannot create {}", args.dir.display()))?;
    let demo = Context {
        ui: ctx.ui.clone(),
        db_path: args.dir.join("portfolio.db"),
        today: ctx.today,
        busy_timeout: ctx.busy_timeout,
        // The demo portfolio is a plain one.
        passphrases: crate::passphrase::Passphrases::from_env(None),
        identity_files: Vec::new(),
        may_create: std::cell::Cell::new(true),
        records_outbox: false,
    };
    // The demo's dates move to the day it is built, so it never reads stale.
    let as_of: chrono::NaiveDate = DEMO_AS_OF[..10].parse()?;
    let months = super::demo_dates::months_since(as_of, ctx.today);
    let moved = |text: &str| super::demo_dates::shifted(text, months).unwrap_or_else(|| text.to_string());
    let mut data: serde_json::Value = serde_json::from_str(PORTFOLIO)?;
    super::demo_dates::shift(&mut data, months);
    let mut document =
        folio_json::parse(&data.to_string()).map_err(|e| anyhow::anyhow!("the built-in demo data: {e}"))?;
    for text in FRAMEWORKS {
        let mut framework =
            framework_toml::parse(text).map_err(|e| anyhow::anyhow!("a built-in framework: {e}"))?.value;
        // As of the demo data, so the demo portfolio is the same wherever it is built.
        framework.updated_at = Some(moved(DEMO_AS_OF));
        document.frameworks.push(framework);
    }
    let revalidation_due = moved(REVALIDATION_DUE);
    let mut db = demo.open_db()?;
    let now = demo.now();
    let report = db.write(|tx| -> anyhow::Result<_> {
        let report = merge(tx, &document, &now)?;
        // A nurse: her revalidation is followed in the agenda.
        crate::db::requirements::track(tx, "nmc-revalidation", Some(revalidation_due.parse()?))?;
        Ok(report)
    })?;
    drop(db);
    let verb = if report.entries_added > 0 { "built" } else { "already had" };
    demo.ui.status(format!(
        "{verb} the demo portfolio {} ({} entries, 2 frameworks)",
        demo.db_path.display(),
        document.entries.len()
    ));
    for &kind in DocumentKind::ALL {
        let pdf = PdfArgs {
            profile: kind,
            out: Some(args.dir.join(format!("folio-{}.pdf", kind.as_str()))),
            frameworks: vec!["emcc".into()],
            range: RangeArgs::default(),
            tags: Vec::new(),
            kind: Vec::new(),
            include_private: false,
            paper: Paper::A4,
            title: None,
            requirements: None,
            as_of: None,
            // The pack shows its audit rehearsal page.
            audit: (kind == DocumentKind::Revalidation).then_some(5),
            identifiers: Default::default(),
            seal: Default::default(),
            full: false,
            no_embed: false,
            job: None,
        };
        super::export::pdf::run(pdf, &demo)?;
    }
    let page = args.dir.join("folio-portfolio.html");
    let html = HtmlArgs {
        select: SelectionArgs {
            frameworks: Vec::new(),
            range: RangeArgs::default(),
            tags: Vec::new(),
            kind: Vec::new(),
            no_attachments: false,
        },
        to: Destination {
            out: Some(page.clone()),
            include_private: false,
            identifiers: Default::default(),
            seal: Default::default(),
        },
    };
    super::export::html::run(html, &demo)?;
    if args.json {
        let mut documents: Vec<String> = DocumentKind::ALL
            .iter()
            .map(|k| args.dir.join(format!("folio-{}.pdf", k.as_str())).display().to_string())
            .collect();
        documents.push(page.display().to_string());
        let portfolio = demo.db_path.display().to_string();
        let value = serde_json::json!({"portfolio": portfolio, "entries": document.entries.len(), "documents": documents});
        return crate::output::print_json(&value);
    }
    let db = demo.db_path.display();
    demo.ui.status(format!(
        "\nnext, try:\n  folio --db {db} list\n  folio --db {db} coverage emcc\n  folio --db {db} gaps emcc --level practitioner\n  \
         folio --db {db} search feedback\n  folio --db {db} show 1\n  folio --db {db} ratings\n  \
         folio --db {db} agenda\n  folio --db {db} goal list\n  folio --db {db} requirements check nmc-revalidation\n  \
         folio --db {db} cpd --by year\n  and open {} in a browser",
        page.display()
    ));
    Ok(())
}
