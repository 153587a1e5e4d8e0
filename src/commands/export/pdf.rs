//! `folio export pdf`: the interview, review or evidence document.

use std::path::PathBuf;

use chrono::Months;
use clap::{Args, ValueEnum};

use crate::Context;
use crate::commands::identifiers::{IdentifierArgs, conclude};
use crate::commands::list::RangeArgs;
use crate::commands::outbox::Outgoing;
use crate::db::actions::{self, ActionFilter};
use crate::db::filter::EntryFilter;
use crate::db::goals::{self, GoalFilter};
use crate::db::{attachments, coverage, entries, frameworks, profile, ratings};
use crate::error::UserError;
use crate::model::EntryKind;
use crate::model::Visibility;
use crate::ops::document_data;
use crate::pdf::documents::{DocumentKind, ImageFile, PortfolioData, lay_out};
use crate::pdf::layout::PageGeometry;
use crate::pdf::render::{Metadata, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    A4,
    Letter,
}

/// Make a PDF: for an interview, a review, an assessor or a revalidation
///
/// Private entries are left out unless --include-private is given (and then
/// the first page says so). The same portfolio always gives the same bytes;
/// set SOURCE_DATE_EPOCH to choose the date written into the file.
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// Which document
    #[arg(long, value_enum)]
    pub profile: DocumentKind,
    /// Where to write it [default: folio-<profile>.pdf in the current folder]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The framework(s) to show evidence for (repeatable) [default: every framework with claims]
    #[arg(long = "framework", value_name = "KEY")]
    pub frameworks: Vec<String>,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Only entries with this tag (repeatable)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,
    /// Include private entries (the document then says so on its first page)
    #[arg(long)]
    pub include_private: bool,
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// The document's title [default: depends on --profile]
    #[arg(long)]
    pub title: Option<String>,
    /// Revalidation: the requirement set to check [default: nmc-revalidation]
    #[arg(long, value_name = "KEY")]
    pub requirements: Option<String>,
    /// Revalidation: add an audit rehearsal page — N activities drawn at
    /// random, with what each record lacks (`folio requirements audit`) [default N: 5]
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "5")]
    pub audit: Option<usize>,
    /// Revalidation: check as of this day [default: the due date it is tracked with, else today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Interview: order the stories to tell by this job advert's key words (plain text)
    #[arg(long, value_name = "FILE")]
    pub job: Option<PathBuf>,
    /// Print every text whole: the interview document otherwise shortens
    /// long roles, achievements and STAR sections to keep to a few pages
    #[arg(long)]
    pub full: bool,
    /// Leave out the folio data the PDF otherwise carries (folio.json: the
    /// entries it shows, for `folio import` to read back)
    #[arg(long)]
    pub no_embed: bool,
    #[command(flatten)]
    pub identifiers: IdentifierArgs,
    #[command(flatten)]
    pub seal: crate::sealed::SealArgs,
}

impl PdfArgs {
    /// Who the document is for, from `--include-private`.
    fn visibility(&self) -> Visibility {
        Visibility::with_private(self.include_private)
    }
}

pub fn run(args: PdfArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    // A long document says, on a terminal, what it is doing.
    const STAGES: [&str; 3] = ["reading the portfolio", "laying out the pages", "writing the PDF"];
    let mut progress = crate::progress::Progress::new(&ctx.ui, 0, "making the PDF");
    progress.stage(&STAGES, 0);
    let (data, described, laid_out, geometry, redacted) =
        prepare(&db, &args, ctx, || progress.stage(&STAGES, 1))?;
    let written: Vec<String> = described.blocks.iter().map(crate::pdf::blocks::Block::text).collect();
    // The entries the pages print: what the PDF carries, and what the outbox says went.
    let printed = document_data::printed(&data, &written.join("\n"))?;
    let owner = data.profile.name.clone().unwrap_or_else(|| "Portfolio".into());
    let mut keywords = vec!["portfolio".to_string(), args.profile.as_str().to_string()];
    keywords.extend(data.coverage.iter().map(|c| c.framework.clone()));
    let meta = Metadata {
        title: format!("{} — {owner}", data.title),
        author: owner.clone(),
        subject: format!("{} document", args.profile.as_str()),
        keywords,
        timestamp: document_data::timestamp(&data),
        header_left: owner,
        header_right: data.title.clone(),
        lang: data.profile.lang().into(),
        data: match args.no_embed {
            true => None,
            false => Some(document_data::carried(db.read(), &data, &printed)?),
        },
    };
    progress.stage(&STAGES, 2);
    let bytes = render(&laid_out, &geometry, &described.images, &meta)?;
    progress.finish();
    let out =
        args.out.clone().unwrap_or_else(|| PathBuf::from(format!("folio-{}.pdf", args.profile.as_str())));
    let seal = args.seal.seal(&ctx.passphrases)?;
    let bytes = match &seal {
        Some(seal) => crate::sealed::seal(&bytes, seal)?,
        None => bytes,
    };
    crate::commands::write_file_atomically(&out, &bytes)?;
    let sent = Outgoing {
        format: "pdf",
        out: Some(&out),
        sha256: crate::commands::outbox::sha256(&bytes),
        recipients: seal.as_ref().map(crate::sealed::Seal::recipients).unwrap_or_default(),
        records: printed.iter().map(|e| e.uuid.clone()).collect(),
        visibility: args.visibility(),
        redacted,
    };
    crate::commands::outbox::record(ctx, &mut db, sent);
    let pages = laid_out.pages.len();
    let private = args.visibility().written_note();
    ctx.ui.status(format!(
        "wrote {} ({pages} page{}{private})",
        out.display(),
        if pages == 1 { "" } else { "s" }
    ));
    crate::commands::finish_reading(&db, ctx)
}

/// The document's data loaded, its identifiers checked, laid out on pages
/// (the interview within its page budget), and what was left out or
/// shortened said: what the PDF and the Word file are both made from.
pub(super) fn prepare(
    db: &crate::db::Db,
    args: &PdfArgs,
    ctx: &Context,
    loaded: impl FnOnce(),
) -> anyhow::Result<(
    PortfolioData,
    crate::pdf::documents::Described,
    crate::pdf::layout::Layout,
    PageGeometry,
    bool,
)> {
    let mut data = load(db, args, ctx)?;
    loaded();
    let mut check = args.identifiers.check(db.read())?;
    check.entries(&mut data.entries);
    check.entries(&mut data.judged);
    data.goals.iter_mut().for_each(|g| check.goal(g));
    data.actions.iter_mut().for_each(|a| check.action(a));
    let geometry = match args.paper {
        Paper::A4 => PageGeometry::A4,
        Paper::Letter => PageGeometry::LETTER,
    };
    let mut redacted = false;
    let (described, laid_out) = if check.policy() == crate::ops::identifiers::Policy::Redact {
        // Redacted in what was loaded: the document is made from that.
        redacted = conclude(check, db.read(), ctx)?;
        lay_out(args.profile, &data, &geometry)
    } else {
        // Only what the document prints counts: it loads more than it shows.
        let (described, laid_out) = lay_out(args.profile, &data, &geometry);
        let written: Vec<String> = described.blocks.iter().map(crate::pdf::blocks::Block::text).collect();
        check.retain_written(&written.join("\n"));
        conclude(check, db.read(), ctx)?;
        (described, laid_out)
    };
    let left_out = data.left_out.take();
    if !left_out.is_empty() {
        ctx.ui.warn(format!(
            "left out to keep to {} pages: {}",
            crate::pdf::documents::PAGE_BUDGET,
            left_out.join(", ")
        ));
    }
    let shortened = data.shortened.take();
    if !shortened.is_empty() {
        ctx.ui.warn(format!(
            "shortened {} to fit: {}",
            crate::output::count(shortened.len(), "text", "texts"),
            shortened.join("; ")
        ));
    }
    if !left_out.is_empty() || !shortened.is_empty() {
        ctx.ui.hint("give --full to print everything, whole");
    }
    for hint in data.hints.take() {
        ctx.ui.hint(&hint);
    }
    Ok((data, described, laid_out, geometry, redacted))
}

fn load(db: &crate::db::Db, args: &PdfArgs, ctx: &Context) -> anyhow::Result<PortfolioData> {
    let conn = db.read();
    let mut filter = EntryFilter {
        kinds: args.kind.clone(),
        tags: args.tags.clone(),
        privacy: args.visibility().into(),
        ..Default::default()
    };
    args.range.apply(&mut filter, ctx)?;
    let pack = revalidation(conn, args, ctx)?;
    let requirements = pack.as_ref().map(|p| p.check.clone());
    if let Some(result) = &requirements {
        filter.since = filter.since.or(Some(result.window.from));
        filter.until = filter.until.or(Some(result.window.to));
    }
    let needs = args.profile.needs();
    if let Some(months) = needs.default_months {
        let start =
            ctx.today.checked_sub_months(Months::new(months)).and_then(|d| d.succ_opt()).unwrap_or(ctx.today);
        filter.since = filter.since.or(Some(start));
        filter.until = filter.until.or(Some(ctx.today));
    }
    let period = (filter.since.unwrap_or(chrono::NaiveDate::MIN), filter.until.unwrap_or(ctx.today));
    let mut found = entries::list(conn, &filter)?;
    if requirements.is_some() {
        // Roles count while they are held: those begun before the period too.
        let held = EntryFilter { kinds: vec![EntryKind::Role], since: None, ..filter.clone() };
        for role in entries::list(conn, &held)? {
            let overlaps = role.fields.end_date.is_none_or(|end| end.last_day() >= period.0);
            if overlaps && !found.iter().any(|e| e.id == role.id) {
                found.push(role);
            }
        }
    }
    // A review lists the verdicts given in its period, on entries of any date.
    let mut judged = Vec::new();
    if args.profile == DocumentKind::Review {
        let any_date =
            EntryFilter { since: None, until: None, judged_between: Some(period), ..filter.clone() };
        judged = entries::list(conn, &any_date)?
            .into_iter()
            .filter(|e| !found.iter().any(|f| f.id == e.id))
            .collect();
    }
    let keys = if args.frameworks.is_empty() {
        coverage::claimed_frameworks(conn)?
    } else {
        for key in &args.frameworks {
            frameworks::find(conn, key)?.ok_or_else(|| crate::db::DbError::NoSuchFramework(key.clone()))?;
        }
        args.frameworks.clone()
    };
    let coverage = keys
        .iter()
        .map(|k| crate::report::coverage::coverage(conn, k, args.visibility()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut trends = ratings::trends(conn, ratings::RatingFilter::default())?;
    if needs.default_months.is_some() {
        trends = trends.into_iter().filter_map(|t| t.within(period.0, period.1)).collect();
    }
    let mut images = Vec::new();
    if needs.images {
        for entry in &found {
            for file in entry
                .attachments
                .iter()
                .filter(|a| matches!(a.media_type.as_str(), "image/png" | "image/jpeg"))
            {
                let Some(bytes) = attachments::blob(conn, &file.sha256)? else { continue };
                match printpdf::RawImage::decode_from_bytes(&bytes, &mut Vec::new()) {
                    Ok(decoded) => images.push(ImageFile {
                        entry_title: entry.fields.title.clone(),
                        name: file.name.clone(),
                        width_px: decoded.width as f32,
                        height_px: decoded.height as f32,
                        bytes,
                    }),
                    Err(reason) => {
                        ctx.ui.warn(format!("{} of entry {}: not shown ({reason})", file.name, entry.id))
                    }
                }
            }
        }
    }
    if !args.tags.is_empty() && found.is_empty() {
        return Err(UserError::new("no entries match the given tags; nothing to put in the document").into());
    }
    let (stories, advert) = match args.profile {
        DocumentKind::Interview => {
            let words = args.job.as_deref().map(crate::commands::stories::read_advert).transpose()?;
            document_data::stories(conn, &keys, &found, words.as_deref())?
        }
        _ if args.job.is_some() => {
            return Err(UserError::usage("--job applies to --profile interview only").into());
        }
        _ => (Vec::new(), None),
    };
    Ok(PortfolioData {
        profile: profile::get(conn)?,
        entries: found,
        judged,
        coverage,
        ratings: trends,
        goals: goals::list(conn, GoalFilter { visibility: args.visibility(), ..Default::default() })?,
        actions: actions::list(conn, ActionFilter { visibility: args.visibility(), ..Default::default() })?,
        images,
        visibility: args.visibility(),
        today: ctx.today,
        period,
        title: args.title.clone().unwrap_or_else(|| args.profile.default_title().to_string()),
        requirements,
        requirement_set: pack.as_ref().map(|p| p.set.clone()),
        reflected: pack.as_ref().and_then(|p| p.reflected.clone()),
        audit: pack.and_then(|p| p.audit),
        stories,
        advert,
        full_text: args.full,
        shortened: Default::default(),
        left_out: Default::default(),
        omitted: Default::default(),
        hints: Default::default(),
    })
}

/// What a revalidation pack shows of its requirement set.
struct Revalidation {
    set: crate::model::requirements::RequirementSet,
    check: crate::model::requirements::CheckResult,
    /// What reflections are about, when the set counts hours only once reflected on.
    reflected: Option<std::collections::HashSet<String>>,
    audit: Option<crate::report::audit::Audit>,
}

/// The requirement set a revalidation pack checks, as of its day, with the
/// audit rehearsal asked for; `None` for another document.
fn revalidation(
    conn: &crate::db::Conn,
    args: &PdfArgs,
    ctx: &Context,
) -> anyhow::Result<Option<Revalidation>> {
    match (args.profile, args.audit) {
        (_, Some(0)) => {
            return Err(UserError::new("--audit must be at least 1").hint("for example --audit 5").into());
        }
        (DocumentKind::Revalidation, _) => {}
        (_, Some(_)) => {
            return Err(UserError::new("--audit is for --profile revalidation")
                .hint("`folio requirements audit KEY` rehearses an audit on the terminal")
                .into());
        }
        (_, None) => return Ok(None),
    }
    let key = args.requirements.as_deref().unwrap_or("nmc-revalidation");
    let set = crate::commands::requirements::known(conn, key)?.set;
    let as_of = crate::commands::requirements::as_of(conn, &set.key, args.as_of.as_deref(), ctx)?;
    let visibility = args.visibility();
    let check = crate::report::requirements::check(conn, &set, as_of, visibility)?;
    let reflected =
        set.counts_reflected().then(|| crate::db::about::reflected_on(conn, visibility)).transpose()?;
    let audit = args
        .audit
        .map(|size| {
            let seed = crate::report::audit::default_seed(as_of);
            crate::report::audit::rehearse(conn, &set, as_of, size, seed, visibility)
        })
        .transpose()?;
    Ok(Some(Revalidation { set, check, reflected, audit }))
}
