//! `folio search`: ranked full-text search with highlighted snippets.

use clap::Args;

use crate::Context;
use crate::db::plan_search;
use crate::db::search::{SearchQuery, SearchResults, search};
use crate::model::EntryKind;
use crate::output::{print_json, print_line, thousands};

/// Search titles, bodies, sections, tags and organisations, and goals and actions
///
/// Plain words must all appear (in any order; `self-development` is fine).
/// FTS5 syntax works too: "exact phrase", OR, NOT, prefix*, title:word.
/// Best matches first; a match in the title or tags counts most. When more
/// than 2,000 entries match, the 2,000 most recently added are ranked and
/// the rest counted (up to 10,000), so that a word in every entry still
/// answers at once.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,

    /// Only this kind (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,

    /// Only entries dated on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Show at most N hits
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,

    /// Print JSON (an array of entries, then goals and actions with kind `goal` or `action`, each with a `snippet`)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: SearchArgs, ctx: &Context) -> anyhow::Result<()> {
    let query = SearchQuery {
        query: args.query.join(" "),
        kinds: args.kind,
        since: args.since.as_deref().map(|d| ctx.parse_date(d)).transpose()?.map(|d| d.first_day()),
        limit: args.limit,
        mark: if args.json { ("[".into(), "]".into()) } else { ctx.ui.match_marks() },
    };
    let db = ctx.open_db()?;
    // Goals and actions have no kind or date of their own to filter by.
    let with_plan = query.kinds.is_empty() && query.since.is_none();
    // One read transaction: the count, the ranking and the snippets see the same portfolio.
    let (results, plan) = db.snapshot(|conn| {
        let results = search(conn, &query)?;
        let plan = if with_plan {
            plan_search::search(conn, &query.query, &query.mark, query.limit)?
        } else {
            Vec::new()
        };
        Ok((results, plan))
    })?;
    let hits = &results.hits;
    if args.json {
        let mut all: Vec<serde_json::Value> = Vec::with_capacity(hits.len() + plan.len());
        all.extend(hits.iter().map(serde_json::to_value).collect::<Result<Vec<_>, _>>()?);
        all.extend(plan.iter().map(serde_json::to_value).collect::<Result<Vec<_>, _>>()?);
        print_json(&all)?;
        return super::finish_reading(&db, ctx);
    }
    if hits.is_empty() && plan.is_empty() {
        ctx.ui.status(format!("nothing matches '{}'", query.query));
        return super::finish_reading(&db, ctx);
    }
    for hit in hits {
        let entry = &hit.entry;
        let private = if entry.fields.private { " [private]" } else { "" };
        let heading = format!("{} {}{private}", entry.id, entry.fields.title);
        print_line(format!(
            "{}  {}",
            ctx.ui.bold(&heading),
            ctx.ui.dim(&format!("{} · {}", entry.kind(), entry.fields.date))
        ))?;
        let snippet = hit.snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        if !snippet.is_empty() {
            print_line(format!("    {snippet}"))?;
        }
    }
    for hit in &plan {
        let private = if hit.private { " [private]" } else { "" };
        let heading = format!("{} {} {}{private}", hit.kind, hit.id, hit.title);
        print_line(ctx.ui.bold(&heading))?;
        let snippet = hit.snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        if !snippet.is_empty() && snippet != hit.title {
            print_line(format!("    {snippet}"))?;
        }
    }
    let filtered = !query.kinds.is_empty() || query.since.is_some();
    if let Some(note) = shown_of_total(hits.len() as u64, &results, filtered) {
        ctx.ui.status(note);
    }
    super::finish_reading(&db, ctx)
}

/// Says how many matches there were when not all of them are shown, and
/// whether the ranking looked at all of them.
fn shown_of_total(shown: u64, results: &SearchResults, filtered: bool) -> Option<String> {
    let SearchResults { total, ranked, more, .. } = *results;
    if shown >= total && !more {
        return None;
    }
    let of = if more { format!("more than {}", thousands(total)) } else { thousands(total) };
    let mut note = format!("{shown} of {of} matches shown");
    if ranked < total || more {
        let narrow =
            if filtered { "add words to narrow it" } else { "add words, --kind or --since to narrow it" };
        note.push_str(&format!("; the best of the {} most recently added ({narrow})", thousands(ranked)));
    } else {
        note.push_str("; --limit shows more");
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(total: u64, ranked: u64, more: bool) -> SearchResults {
        SearchResults { hits: Vec::new(), total, ranked, more }
    }

    #[test]
    fn the_footer_says_how_hits_were_chosen_only_when_some_are_not_shown() {
        assert_eq!(shown_of_total(3, &results(3, 3, false), false), None);
        assert_eq!(
            shown_of_total(20, &results(31, 31, false), false).unwrap(),
            "20 of 31 matches shown; --limit shows more"
        );
        assert_eq!(
            shown_of_total(20, &results(7_216, 2_000, false), false).unwrap(),
            "20 of 7,216 matches shown; the best of the 2,000 most recently added \
             (add words, --kind or --since to narrow it)"
        );
        assert_eq!(
            shown_of_total(20, &results(10_000, 2_000, true), false).unwrap(),
            "20 of more than 10,000 matches shown; the best of the 2,000 most recently added \
             (add words, --kind or --since to narrow it)"
        );
        assert!(
            shown_of_total(20, &results(8_858, 2_000, false), true)
                .unwrap()
                .ends_with("(add words to narrow it)")
        );
    }
}
