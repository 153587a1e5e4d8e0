//! `folio cpd`: CPD hours in all and per group, or the NMC CPD log as CSV.

use clap::Args;

use super::list::RangeArgs;
use crate::Context;
use crate::db::entries;
use crate::db::filter::EntryFilter;
use crate::model::format::hours;
use crate::model::{Entry, EntryKind, Span, Visibility};
use crate::output::{csv_field, print_json, print_line};
use crate::report::cpd::{GroupBy, summarise};

/// Sum your CPD: hours, participatory hours and activities
///
/// Courses count by their date; the default period is the last 3 years
/// (the NMC's revalidation window). Hours reflected on (a reflection is about
/// the course: `folio add reflection … --about ID`) are shown beside those
/// recorded when you track a set that counts only those (RCVS, GMC
/// appraisal), or with `--reflected`. `--csv` writes the NMC CPD log: method,
/// topic, dates, hours, participatory hours, relevance to practice, the part
/// of the Code, and the evidence files.
#[derive(Debug, Args)]
pub struct CpdArgs {
    #[command(flatten)]
    pub range: RangeArgs,

    /// Group the activities
    #[arg(long, value_enum)]
    pub by: Option<GroupBy>,

    /// Show the hours reflected on beside those recorded [default: when a tracked set counts only those]
    #[arg(long)]
    pub reflected: bool,

    /// Print JSON: {hours, participatory_hours, activities, reflected_hours, groups: [{name, hours, …}]}
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print the CPD log as CSV, one row per activity
    #[arg(long)]
    pub csv: bool,
}

pub fn run(args: CpdArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter = EntryFilter { kinds: vec![EntryKind::Course], ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    if filter.since.is_none() && filter.until.is_none() {
        let three_years: Span = "3y".parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        filter.since = three_years.before(ctx.today).and_then(|d| d.succ_opt());
    }
    let db = ctx.open_db()?;
    let mut courses = entries::list(db.read(), &filter)?;
    courses.reverse();
    if args.csv {
        print_line(log_csv(&courses).trim_end())?;
        return super::finish_reading(&db, ctx);
    }
    let reflected = match args.reflected || tracks_reflected_hours(db.read())? {
        true => Some(crate::db::about::reflected_on(db.read(), Visibility::IncludePrivate)?),
        false => None,
    };
    let summary = summarise(&courses, args.by, reflected.as_ref());
    if args.json {
        print_json(&summary)?;
        return super::finish_reading(&db, ctx);
    }
    let from = filter.since.map(|d| d.to_string()).unwrap_or_else(|| "the start".into());
    let to = filter.until.map(|d| d.to_string()).unwrap_or_else(|| ctx.today.to_string());
    print_line(format!("{} ({from} to {to})", summary.totals.describe()))?;
    if !summary.groups.is_empty() {
        let mut header = vec!["Group", "Hours", "Participatory", "Activities"];
        if reflected.is_some() {
            header.insert(2, "Reflected on");
        }
        let mut table = ctx.ui.table(&header);
        for g in &summary.groups {
            let mut row = vec![
                g.name.clone(),
                hours(g.totals.hours),
                hours(g.totals.participatory_hours),
                g.totals.activities.to_string(),
            ];
            if let Some(on) = g.totals.reflected_hours {
                row.insert(2, hours(on));
            }
            table.add_row(row);
        }
        print_line(table)?;
    }
    super::finish_reading(&db, ctx)
}

/// Whether a set followed in the agenda counts only hours reflected on.
fn tracks_reflected_hours(conn: &crate::db::Conn) -> anyhow::Result<bool> {
    let tracked = crate::db::requirements::tracked(conn)?;
    if tracked.is_empty() {
        return Ok(false);
    }
    let sets = crate::report::requirements::all(conn)?;
    Ok(sets.iter().any(|known| {
        known.set.counts_reflected()
            && tracked.iter().any(|(key, _)| key.eq_ignore_ascii_case(&known.set.key))
    }))
}

/// The NMC CPD log, oldest first.
fn log_csv(courses: &[Entry]) -> String {
    let mut out = String::from(
        "method,topic,dates,hours,participatory hours,relevance to practice,part of the code,evidence\n",
    );
    for c in courses {
        let d = &c.fields.details;
        let h = d.hours().unwrap_or(0.0);
        let participatory = if d.is_participatory() { h } else { 0.0 };
        let files: Vec<&str> = c.attachments.iter().map(|a| a.name.as_str()).collect();
        let row = [
            d.method().unwrap_or("").to_string(),
            c.fields.title.clone(),
            c.fields.period(),
            hours(h),
            hours(participatory),
            d.relevance().unwrap_or("").to_string(),
            d.standards().join("; "),
            files.join("; "),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}
