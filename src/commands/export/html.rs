//! `folio export html`: the portfolio as one self-contained HTML page.

use clap::Args;

use super::{Destination, Sending, deliver, privacy};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::commands::selection::SelectionArgs;
use crate::db::Conn;
use crate::db::filter::Privacy;
use crate::error::UserError;
use crate::export::html::{Options, render};
use crate::ops::page::{Page, PageError, gather};
use crate::ops::share::Selection;
use crate::output::count;

/// The portfolio as one HTML page that opens offline in any browser
///
/// Profile, entries by kind (newest first) with their claims, verdicts and
/// files, the coverage matrix of each framework they claim (choose a cell
/// to see the entries behind it), gaps, and a search box. Attached files
/// are in the page, pictures shown; nothing is loaded from anywhere. To
/// ask a reviewer for verdicts in the page, use `folio share --html`.
///
///   folio export html --out portfolio.html
///
///   folio export html --framework emcc --since 2025 --out emcc.html
#[derive(Debug, Args)]
pub struct HtmlArgs {
    #[command(flatten)]
    pub select: SelectionArgs,
    #[command(flatten)]
    pub to: Destination,
}

pub fn run(args: HtmlArgs, ctx: &Context) -> anyhow::Result<()> {
    let selection = args.select.selection(ctx)?;
    let mut db = ctx.open_db()?;
    let mut page = db.snapshot(|conn| Ok(gather_page(conn, &selection, privacy(&args.to))))??;
    let mut check = args.to.identifiers.check(db.read())?;
    check.entries(&mut page.entries);
    check.plan(&mut page.plan);
    let redacted = conclude(check, db.read(), ctx)?;
    let rendered = render(&page, &Options { today: ctx.today, visibility: args.to.visibility(), pack: None });
    let summary = format!(
        "{}, {}",
        count(page.entries.len(), "entry", "entries"),
        count(page.coverages.len(), "framework", "frameworks")
    );
    let mut sending = Sending::entries("html", &page.entries, redacted);
    sending.records.extend(page.plan.goals.iter().map(|g| g.uuid.clone()));
    deliver(&args.to, rendered.html.as_bytes(), &summary, ctx, &mut db, sending)?;
    crate::commands::finish_reading(&db, ctx)
}

/// The page's data, a page too big for its files said as the user can fix it.
pub fn gather_page(conn: &Conn, selection: &Selection, privacy: Privacy) -> anyhow::Result<Page> {
    gather(conn, selection, privacy).map_err(|e| match e {
        PageError::TooLarge(_) => UserError::new(e.to_string())
            .hint("--no-attachments leaves the files out (their names, sizes and SHA-256 stay)")
            .into(),
        PageError::Db(db) => db.into(),
    })
}
