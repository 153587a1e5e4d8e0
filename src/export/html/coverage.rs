//! A page's coverage matrices (each evidenced cell a button listing the
//! entries behind it) and gaps, one framework after another. A big
//! framework shows each top-level group in a line and only the rows with
//! evidence, as `folio coverage` does.

use std::fmt::Write as _;

use super::esc;
use crate::ops::page::Page;
use crate::output::thousands;
use crate::report::coverage::{Cell, Coverage, CoverageRow, SUMMARY_FROM, groups};
use crate::report::gaps::{GapItem, gaps_within};

/// How many gap items a list shows before it gives only their number.
const GAPS_LISTED: usize = 200;

pub(super) fn sections(out: &mut String, page: &Page) {
    if page.coverages.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"coverage\" aria-labelledby=\"coverage-h\">\n<h2 id=\"coverage-h\">Coverage</h2>\n",
    );
    out.push_str(
        "<p class=\"muted\">Entries evidencing each competency at each level; a green cell has an accepted \
         claim. Choose a number to see the entries behind it.</p>\n",
    );
    for coverage in &page.coverages {
        matrix(out, coverage);
    }
    out.push_str(
        "</section>\n<section id=\"gaps\" aria-labelledby=\"gaps-h\">\n<h2 id=\"gaps-h\">Gaps</h2>\n",
    );
    for coverage in &page.coverages {
        gaps(out, coverage);
    }
    out.push_str("</section>\n");
}

fn matrix(out: &mut String, coverage: &Coverage) {
    let key = esc(&coverage.framework).into_owned();
    let _ = writeln!(
        out,
        "<h3 id=\"cov-{key}\">{} <span class=\"muted\">({key})</span></h3>",
        esc(&coverage.title)
    );
    let rows = &coverage.competencies;
    let show_any = coverage.levels.is_empty() || rows.iter().any(|r| r.any_level.entries > 0);
    let evidenced = rows.iter().filter(|r| r.evidenced()).count();
    let accepted =
        rows.iter().filter(|r| r.levels.iter().chain([&r.any_level]).any(|c| c.accepted > 0)).count();
    let _ = write!(
        out,
        "<div class=\"matrix-wrap\">\n<table class=\"matrix\">\n<caption>{} of {} competencies evidenced, {} with an accepted claim</caption>\n\
         <thead><tr><th scope=\"col\">Competency</th>",
        thousands(evidenced as u64),
        thousands(rows.len() as u64),
        thousands(accepted as u64)
    );
    for level in &coverage.levels {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(coverage.level_title(level)));
    }
    if show_any {
        out.push_str(if coverage.levels.is_empty() {
            "<th scope=\"col\">Evidence</th>"
        } else {
            "<th scope=\"col\">No level given</th>"
        });
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let columns = coverage.levels.len() + usize::from(show_any);
    if rows.len() > SUMMARY_FROM {
        for group in groups(coverage) {
            let head = &rows[group.head];
            let (evidenced, total) = group.evidenced(coverage);
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th scope=\"row\"><span class=\"code\">{}</span> {}</th><td colspan=\"{columns}\">{} of {} evidenced</td></tr>",
                esc(&head.code),
                esc(&head.title),
                thousands(evidenced as u64),
                thousands(total as u64)
            );
            for row in rows[group.head..group.end].iter().filter(|r| r.evidenced()) {
                row_html(out, coverage, row, show_any);
            }
        }
    } else {
        for row in rows {
            row_html(out, coverage, row, show_any);
        }
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n</div>\n<div class=\"panel\" id=\"panel-{key}\" role=\"region\" aria-label=\"Entries behind the chosen cell\" aria-live=\"polite\" hidden></div>"
    );
}

fn row_html(out: &mut String, coverage: &Coverage, row: &CoverageRow, show_any: bool) {
    let depth = row.depth.min(3);
    let _ = write!(
        out,
        "<tr><th scope=\"row\" class=\"d{depth}\"><span class=\"code\">{}</span> {}</th>",
        esc(&row.code),
        esc(&row.title)
    );
    for (level, cell) in coverage.levels.iter().zip(&row.levels) {
        cell_html(out, coverage, row, (level, level), cell);
    }
    if show_any {
        cell_html(out, coverage, row, ("no level given", ""), &row.any_level);
    }
    out.push_str("</tr>\n");
}

/// A cell of the matrix; `level` is its name and its code (empty for
/// claims with no level). In a review pack the page counts the verdicts
/// given on it as the reviewer goes (`data-cell`).
fn cell_html(out: &mut String, coverage: &Coverage, row: &CoverageRow, level: (&str, &str), cell: &Cell) {
    let (level, code) = level;
    let key = cell_key(&coverage.framework, &row.code, code);
    if cell.entries == 0 {
        let _ = write!(out, "<td class=\"cell none\" data-cell=\"{}\">–</td>", esc(&key));
        return;
    }
    let entries = crate::output::count(cell.entries as usize, "entry", "entries");
    let label = format!("{} {}, {level}: {entries}, {} accepted", row.code, row.title, cell.accepted);
    let ids: Vec<String> = cell.ids.iter().map(|id| format!("e{id}")).collect();
    let class = if cell.accepted > 0 { "cell accepted" } else { "cell" };
    let accepted = if cell.accepted > 0 { format!(" · {}✓", cell.accepted) } else { String::new() };
    let _ = write!(
        out,
        "<td class=\"{class}\" data-cell=\"{}\"><button type=\"button\" aria-expanded=\"false\" aria-controls=\"panel-{}\" \
         data-entries=\"{}\" data-label=\"{}\" aria-label=\"{}\">{}{accepted}<span class=\"now\"></span></button></td>",
        esc(&key),
        esc(&coverage.framework),
        ids.join(" "),
        esc(&label),
        esc(&label),
        cell.entries
    );
}

/// How the page names a coverage cell (`data-cell`), for the verdicts given
/// on it to be counted there: "framework/competency/level", the level empty
/// for claims with none.
pub(super) fn cell_key(framework: &str, competency: &str, level: &str) -> String {
    format!("{framework}/{competency}/{level}").to_lowercase()
}

fn gaps(out: &mut String, coverage: &Coverage) {
    let gaps = gaps_within(coverage, None);
    let _ = writeln!(
        out,
        "<h3>{} <span class=\"muted\">({})</span></h3>",
        esc(&coverage.title),
        esc(&coverage.framework)
    );
    if gaps.missing.is_empty() && gaps.unaccepted.is_empty() {
        out.push_str("<p>Every item has accepted evidence.</p>\n");
        return;
    }
    gap_list(out, "Without evidence", &gaps.missing, &coverage.framework);
    gap_list(out, "Evidence not yet accepted", &gaps.unaccepted, &coverage.framework);
}

fn gap_list(out: &mut String, title: &str, items: &[GapItem], key: &str) {
    if items.is_empty() {
        return;
    }
    // Folded: the work to judge comes first; the list opens when asked.
    let _ = writeln!(
        out,
        "<details class=\"gaps\"><summary class=\"label\">{title} ({})</summary>",
        thousands(items.len() as u64)
    );
    if items.len() > GAPS_LISTED {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Too many to list here: <code>folio gaps {}</code> lists them all.</p></details>",
            esc(key)
        );
        return;
    }
    out.push_str("<ul>\n");
    for item in items {
        let evidence = if item.evidence.is_empty() {
            String::new()
        } else {
            let links: Vec<String> =
                item.evidence.iter().map(|id| format!("<a href=\"#e{id}\">#{id}</a>")).collect();
            format!(" — evidence {}", links.join(", "))
        };
        let _ = writeln!(
            out,
            "<li><code>{}</code> {} <span class=\"muted\">({})</span>{evidence}</li>",
            esc(&item.reference),
            esc(item.text),
            esc(item.competency)
        );
    }
    out.push_str("</ul>\n</details>\n");
}
