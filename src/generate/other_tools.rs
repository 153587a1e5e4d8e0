//! The generated portfolio in other tools' formats, so folio and its peers
//! are measured on the same content: jrnl's plain-text journal, and a CASE
//! package of any size for the big-framework benchmarks.

use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{Competency, Framework};

/// The same diary in jrnl's plain-text journal format: `[YYYY-MM-DD HH:MM:SS AM] Title.`,
/// the body, a blank line; tags written as `@word`.
pub fn jrnl_journal(document: &PortfolioDocument) -> String {
    let mut entries: Vec<&DocEntry> = document.entries.iter().collect();
    entries.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    let mut out = String::new();
    for entry in entries {
        let when = chrono::NaiveDateTime::parse_from_str(&entry.created_at, "%Y-%m-%dT%H:%M:%SZ")
            .unwrap_or_default();
        let tags: Vec<String> = entry.fields.tags.iter().map(|t| format!("@{t}")).collect();
        out.push_str(&format!(
            "[{}] {}.\n{} {}\n\n",
            when.format("%Y-%m-%d %I:%M:%S %p"),
            entry.fields.title,
            entry.fields.body.replace("\n[", "\n ["),
            tags.join(" ")
        ));
    }
    out
}

/// A CASE 1.0 package of about `items` competencies in three levels of hierarchy.
pub fn case_package(items: usize) -> String {
    let per_top = 35 * 20;
    let tops = items.div_ceil(per_top + 36).max(1);
    let mut competencies = Vec::with_capacity(items);
    'outer: for a in 0..tops {
        let top = format!("S{a}");
        competencies.push(competency(&top, None));
        for b in 0..35 {
            let mid = format!("S{a}.{b}");
            competencies.push(competency(&mid, Some(&top)));
            for c in 0..19 {
                if competencies.len() >= items {
                    break 'outer;
                }
                competencies.push(competency(&format!("S{a}.{b}.{c}"), Some(&mid)));
            }
        }
    }
    let framework = Framework {
        key: "big".into(),
        title: "Generated standards".into(),
        source: Some("folio benchmark generator".into()),
        description: None,
        levels: Vec::new(),
        competencies,
        prompts: Vec::new(),
        updated_at: None,
    };
    crate::export::case::render(&framework, "2026-01-01T00:00:00Z")
}

fn competency(code: &str, parent: Option<&str>) -> Competency {
    Competency {
        code: code.into(),
        title: format!("Statement {code}"),
        definition: Some(format!("Learners can demonstrate the skill described by {code} in context.")),
        question: None,
        parent: parent.map(str::to_string),
        external_id: None,
        indicators: Vec::new(),
    }
}
