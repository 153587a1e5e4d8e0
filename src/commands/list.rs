//! `folio list`: the entries, newest first, filtered.

use clap::Args;

use super::render::entry_table;
use crate::Context;
use crate::db::entries;
use crate::db::filter::{ClaimFilter, EntryFilter, Privacy};
use crate::model::EntryKind;
use crate::model::summary::SortBy;
use crate::output::{print_json, print_line};

/// List entries, newest first
///
/// Filters combine: `folio list course --since 2024 --tag cpd` lists the
/// courses dated 2024 or later tagged cpd. Private entries are marked.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these kinds
    #[arg(value_enum)]
    pub kinds: Vec<EntryKind>,

    #[command(flatten)]
    pub range: RangeArgs,

    /// Only entries with this tag (repeat to require several)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only entries containing all these words (title, body, sections, tags, organisation)
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,

    /// Only entries claiming this competency, level or indicator (KEY/CODE[/LEVEL][/N])
    #[arg(long, value_name = "REF")]
    pub claim: Option<String>,

    /// Only private entries
    #[arg(long, conflicts_with = "public")]
    pub private: bool,

    /// Only entries that are not private
    #[arg(long)]
    pub public: bool,

    /// Show at most N entries
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// Order by the entry's date or by when it was added
    #[arg(long, value_enum, default_value_t = SortBy::Date)]
    pub sort: SortBy,

    /// Only certificates expired or expiring within SPAN (default 90d), soonest first
    #[arg(long, num_args = 0..=1, default_missing_value = "90d", value_name = "SPAN")]
    pub expiring: Option<String>,

    /// Only entries written on this day in earlier years, newest first
    #[arg(long)]
    pub on_this_day: bool,

    /// Print JSON (an array of entries) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Entries written on this day in earlier years
///
/// Newest first: what a diary brings back to you (also `list --on-this-day`).
#[derive(Debug, Args)]
pub struct OnThisDayArgs {
    /// Print JSON (an array of entries) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `folio on-this-day`.
pub fn on_this_day(args: OnThisDayArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let filter = EntryFilter { on_this_day: Some(ctx.today), ..Default::default() };
    let found = entries::list(db.read(), &filter)?;
    if args.json {
        print_json(&found)?;
    } else if found.is_empty() {
        ctx.ui.status(format!("nothing was written on {} in an earlier year", ctx.today.format("%-d %B")));
    } else {
        print_line(entry_table(&ctx.ui, &found))?;
    }
    super::finish_reading(&db, ctx)
}

/// `--since` and `--until`, shared by the commands that filter by date.
#[derive(Debug, Clone, Default, Args)]
pub struct RangeArgs {
    /// Only entries dated on or after this date (YYYY, YYYY-MM, YYYY-MM-DD, '3 months ago'…)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only entries dated on or before this date (a year or month includes all of it)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl RangeArgs {
    /// Sets the filter's range; a `--since` after the `--until` is a usage error.
    pub fn apply(&self, filter: &mut EntryFilter, ctx: &Context) -> anyhow::Result<()> {
        if let Some(since) = &self.since {
            filter.since = Some(ctx.parse_date(since)?.first_day());
        }
        if let Some(until) = &self.until {
            filter.until = Some(ctx.parse_date(until)?.last_day());
        }
        if let (Some(since), Some(until)) = (filter.since, filter.until)
            && since > until
        {
            return Err(crate::error::UserError::usage(format!(
                "--since {} is after --until {}",
                self.since.as_deref().unwrap_or_default(),
                self.until.as_deref().unwrap_or_default()
            ))
            .hint("swap them: --since is the first day, --until the last")
            .into());
        }
        Ok(())
    }
}

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter = EntryFilter {
        kinds: args.kinds,
        tags: args.tags,
        words: args.text.into_iter().collect(),
        privacy: match (args.private, args.public) {
            (true, _) => Privacy::OnlyPrivate,
            (_, true) => Privacy::OnlyPublic,
            _ => Privacy::All,
        },
        limit: args.limit,
        sort: args.sort,
        on_this_day: args.on_this_day.then_some(ctx.today),
        ..Default::default()
    };
    args.range.apply(&mut filter, ctx)?;
    let db = ctx.open_db()?;
    if let Some(reference) = &args.claim {
        let target = super::resolve_reference(db.read(), reference)?;
        filter.claim = Some(ClaimFilter {
            competency_id: target.competency_id,
            level_id: target.level_id,
            indicator_id: target.indicator_id,
        });
    }
    let found = match &args.expiring {
        Some(span) => expiring(&db, ctx, span, args.limit)?,
        None => entries::list(db.read(), &filter)?,
    };
    if args.json {
        print_json(&found)?;
    } else if found.is_empty() {
        ctx.ui.status("no entries match");
    } else {
        print_line(entry_table(&ctx.ui, &found))?;
    }
    super::finish_reading(&db, ctx)
}

/// The certificates expired or expiring within `span`, soonest first (a
/// renewed one left out), the first `limit` of them.
fn expiring(
    db: &crate::db::Db,
    ctx: &Context,
    span: &str,
    limit: Option<u32>,
) -> anyhow::Result<Vec<crate::model::Entry>> {
    let within = super::parse_span("--expiring", span)?;
    let until = within.after(ctx.today).unwrap_or(chrono::NaiveDate::MAX);
    let due = crate::report::agenda::certificates(db.read(), ctx.today, until)?;
    let shown = limit.map_or(due.len(), |n| n as usize);
    let ids: Vec<crate::model::EntryId> = due.iter().take(shown).map(|c| c.id).collect();
    let place: std::collections::HashMap<crate::model::EntryId, usize> =
        ids.iter().enumerate().map(|(at, id)| (*id, at)).collect();
    let mut found = entries::get_many(db.read(), &ids)?;
    found.sort_by_key(|e| place.get(&e.id).copied());
    Ok(found)
}
