//! The evidence document for an assessor: the coverage matrix as a heat
//! map, every claim with its entry and latest verdict, an index of every
//! attached file with its SHA-256 (images shown), and the gaps.

use super::{Described, LIGHT_GREEN, PortfolioData, h1, h2, opening, para, small, verdict_for};
use crate::pdf::layout::{Block, Cell, Color, ProgressRow, Table, TextStyle};
use crate::report::coverage::{Cell as CoverageCell, Coverage};

/// Per level, how many of its indicators have evidence and how many an
/// assessor accepted ("practitioner: 14 of 23 indicators evidenced, 9 accepted").
fn progress(coverage: &Coverage) -> Option<Block> {
    let mut rows: Vec<ProgressRow> = Vec::new();
    for indicator in coverage.competencies.iter().flat_map(|c| &c.indicators) {
        let label = indicator.level.clone().unwrap_or_else(|| "indicators".into());
        let at = match rows.iter().position(|r| r.label == label) {
            Some(at) => at,
            None => {
                rows.push(ProgressRow { label, total: 0, evidenced: 0, accepted: 0 });
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        row.total += 1;
        row.evidenced += usize::from(!indicator.evidence.is_empty());
        row.accepted += usize::from(!indicator.accepted.is_empty());
    }
    // In the framework's order of levels, named by their titles.
    rows.sort_by_key(|r| coverage.levels.iter().position(|l| *l == r.label).unwrap_or(usize::MAX));
    for row in &mut rows {
        row.label = coverage.level_title(&row.label).to_string();
    }
    (!rows.is_empty()).then_some(Block::Progress(rows))
}

pub fn describe(data: &PortfolioData) -> Described {
    let mut blocks = opening(data, None);
    if data.coverage.is_empty() {
        blocks.push(para("No competency framework has evidence yet."));
        data.hint("import a framework with `folio framework import FILE` and claim entries with `folio claim ID KEY/CODE`");
    }
    for coverage in &data.coverage {
        matrix(coverage, &mut blocks);
        if let Some(bars) = progress(coverage) {
            blocks.push(h2("Indicators evidenced, per level"));
            blocks.push(bars);
        }
    }
    for coverage in &data.coverage {
        claims(coverage, data, &mut blocks);
    }
    let images = index(data, &mut blocks);
    for coverage in &data.coverage {
        gaps(coverage, &mut blocks);
    }
    Described { blocks, images }
}

/// White for nothing, deepening blue with more entries (the verdicts are a
/// mark in the cell, so colour never hides how much evidence there is).
fn shade(cell: &CoverageCell) -> Option<Color> {
    match cell.entries {
        0 => None,
        1 => Some((0.9, 0.93, 0.98)),
        2 => Some((0.8, 0.86, 0.95)),
        3 | 4 => Some((0.68, 0.78, 0.92)),
        _ => Some((0.56, 0.69, 0.88)),
    }
}

fn matrix(coverage: &Coverage, blocks: &mut Vec<Block>) {
    blocks.push(h1(&format!("Coverage: {}", coverage.title)));
    blocks.push(small(
        "Entries evidencing each competency and level, deeper blue for more; ✓ and a number: how many \
         of them an assessor accepted.",
    ));
    // Claims made with no level have a column only when there are some.
    let any_level =
        coverage.levels.is_empty() || coverage.competencies.iter().any(|c| c.any_level.entries > 0);
    let mut header = vec!["Competency".to_string()];
    header.extend(coverage.levels.iter().map(|l| coverage.level_title(l).to_string()));
    if any_level {
        header.push(if coverage.levels.is_empty() { "Evidence".into() } else { "No level given".into() });
    }
    let rows = coverage
        .competencies
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::new(format!("{}{}", "  ".repeat(row.depth), row.title))];
            let mut all: Vec<&CoverageCell> = row.levels.iter().collect();
            if any_level {
                all.push(&row.any_level);
            }
            for cell in all {
                let text = match (cell.entries, cell.accepted) {
                    (0, _) => String::new(),
                    (n, 0) => n.to_string(),
                    (n, a) => format!("{n} ✓{a}"),
                };
                let mut c = Cell::new(text);
                if let Some(color) = shade(cell) {
                    c = c.fill(color);
                }
                cells.push(c);
            }
            cells
        })
        .collect();
    let mut widths = vec![2.6];
    widths.extend(std::iter::repeat_n(1.2, header.len() - 1));
    blocks.push(Block::Table(Table { widths, header, rows }));
}

fn claims(coverage: &Coverage, data: &PortfolioData, blocks: &mut Vec<Block>) {
    blocks.push(h1(&format!("Claims: {}", coverage.title)));
    let mut any = false;
    for competency in &coverage.competencies {
        let mut rows = Vec::new();
        for entry in &data.entries {
            for claim in entry.claims.iter().filter(|c| {
                c.framework == coverage.framework && c.competency.eq_ignore_ascii_case(&competency.code)
            }) {
                let at = claim.reference.trim_start_matches(
                    &crate::model::reference::Canonical::competency(&coverage.framework, &competency.code)
                        .to_string(),
                );
                // The indicator whole (it is what is judged), the note as plain words.
                let note = claim.note.as_deref().map(crate::markdown::plain);
                let what = match (&claim.indicator_text, note) {
                    (Some(text), Some(note)) => format!("{text} — {note}"),
                    (Some(text), None) => text.clone(),
                    (None, Some(note)) => note,
                    (None, None) => String::new(),
                };
                let verdict = verdict_for(entry, &claim.reference)
                    .map(|v| {
                        let comment =
                            v.comment.as_deref().map(|c| format!(": {}", crate::markdown::plain(c)));
                        let comment = comment.unwrap_or_default();
                        let standing = crate::trust::standing::of_stored(entry, v).words();
                        format!("{} — {}, {}{comment}\n{standing}", v.verdict.words(), v.assessor, v.date)
                    })
                    .unwrap_or_else(|| "not yet judged".into());
                let mut verdict_cell = Cell::new(verdict);
                if verdict_for(entry, &claim.reference)
                    .is_some_and(|v| v.verdict == crate::model::VerdictKind::Accepted)
                {
                    verdict_cell = verdict_cell.fill(LIGHT_GREEN);
                }
                rows.push(vec![
                    Cell::new(format!(
                        "{} (#{})\n{} · {}",
                        entry.fields.title,
                        entry.id,
                        entry.kind(),
                        entry.fields.date
                    )),
                    Cell::new(format!(
                        "{}{}",
                        item_label(coverage, at),
                        if what.is_empty() { String::new() } else { format!("\n{what}") }
                    )),
                    verdict_cell,
                ]);
            }
        }
        let reference = crate::model::reference::Canonical::competency(&coverage.framework, &competency.code);
        let goals = goals_towards(data, &reference.to_string());
        if rows.is_empty() && goals.is_none() {
            continue;
        }
        any = true;
        blocks.push(h2(&format!("{} ({reference})", competency.title)));
        if rows.is_empty() {
            blocks.push(para("No entry claims it yet."));
        } else {
            let header = ["Entry", "Level / indicator and note", "Latest verdict"].map(String::from).to_vec();
            blocks.push(Block::Table(Table { widths: vec![2.4, 3.0, 2.2], header, rows }));
        }
        blocks.extend(goals);
    }
    if !any {
        blocks.push(para("No entry claims this framework yet."));
    }
}

/// "Goals towards it: …" for the goals that name this competency, if any.
fn goals_towards(data: &PortfolioData, reference: &str) -> Option<Block> {
    let named: Vec<String> = data
        .goals
        .iter()
        .filter(|g| g.competencies.iter().any(|c| c.eq_ignore_ascii_case(reference)))
        .map(|g| {
            let state = match (g.closed_on, g.due) {
                (Some(on), _) => format!("{} {on}", g.status),
                (None, Some(due)) => format!("{}, due {due}", g.status),
                (None, None) => g.status.to_string(),
            };
            format!("{} ({state})", g.title)
        })
        .collect();
    (!named.is_empty()).then(|| small(format!("Goals towards it: {}", named.join("; "))))
}

/// Lists every attached file and shows the images; returns the image bytes by index.
fn index(data: &PortfolioData, blocks: &mut Vec<Block>) -> Vec<Vec<u8>> {
    blocks.push(h1("Evidence index"));
    let rows: Vec<Vec<Cell>> = data
        .entries
        .iter()
        .flat_map(|e| e.attachments.iter().map(move |a| (e, a)))
        .map(|(e, a)| {
            vec![
                Cell::new(format!("{} (#{})", e.fields.title, e.id)),
                Cell::new(a.name.clone()),
                Cell::new(crate::output::human_size(a.size)),
                Cell::new(a.sha256.clone()),
            ]
        })
        .collect();
    if rows.is_empty() {
        blocks.push(para("No files are attached to the entries in this document."));
        return Vec::new();
    }
    let header = ["Entry", "File", "Size", "SHA-256"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![2.0, 1.8, 0.8, 3.6], header, rows }));
    let mut images = Vec::new();
    for image in &data.images {
        blocks.push(Block::Image {
            index: images.len(),
            width_px: image.width_px,
            height_px: image.height_px,
            max_height: 220.0,
            caption: format!("{} — attached to “{}”", image.name, image.entry_title),
        });
        images.push(image.bytes.clone());
    }
    images
}

/// "practitioner/2" (what a reference says below its competency) as a
/// person reads it: "Practitioner 2", with the level's title.
fn item_label(coverage: &Coverage, below: &str) -> String {
    let below = below.trim_start_matches('/');
    match below.split_once('/') {
        Some((level, number)) => format!("{} {number}", coverage.level_title(level)),
        None if below.is_empty() => String::new(),
        None => coverage.level_title(below).to_string(),
    }
}

/// What has no evidence yet, grouped by competency in the framework's order.
fn gaps(coverage: &Coverage, blocks: &mut Vec<Block>) {
    let has_indicators = crate::report::gaps::by_indicator(coverage);
    let missing = crate::report::gaps::gaps_within(coverage, None).missing;
    blocks.push(h1(&format!("Gaps: {}", coverage.title)));
    if missing.is_empty() {
        blocks.push(para("Every item has evidence."));
        return;
    }
    let text = match has_indicators {
        true => format!("{} capability indicators have no evidence yet.", missing.len()),
        false => format!("{} competencies have no evidence yet.", missing.len()),
    };
    blocks.push(Block::Paragraph { text, style: TextStyle::BODY.bold() });
    if !has_indicators {
        let rows =
            missing.iter().map(|item| vec![Cell::new(item.text), Cell::new(&item.reference)]).collect();
        let header = ["Competency", "Reference"].map(String::from).to_vec();
        blocks.push(Block::Table(Table { widths: vec![5.0, 2.9], header, rows }));
        return;
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for row in &coverage.competencies {
        let prefix =
            crate::model::reference::Canonical::competency(&coverage.framework, &row.code).to_string();
        let items: Vec<String> = missing
            .iter()
            .filter(|item| item.competency == row.title && item.reference.starts_with(&prefix))
            .map(|item| format!("{}: {}", item_label(coverage, &item.reference[prefix.len()..]), item.text))
            .collect();
        if !items.is_empty() {
            let competency = format!("{}\n{prefix} · {} to evidence", row.title, items.len());
            rows.push(vec![Cell::new(competency), Cell::new(items.join("\n"))]);
        }
    }
    let header = ["Competency", "Capability indicators with no evidence yet"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![2.2, 5.7], header, rows }));
}
