//! The interview's Publications (numbered citations, the DOI linked) and
//! Recommendations (what others said, with who said it and when).

use super::interview::within;
use super::{PortfolioData, h1, prose};
use crate::model::kind_field::is_doi;
use crate::model::{Entry, EntryKind};
use crate::pdf::blocks::{Lead, Rich, Run};
use crate::pdf::fonts::text_width;
use crate::pdf::layout::{Block, TextStyle};

/// Publications numbered, newest first, each a citation: authors (year).
/// Title. Venue. DOI or address, linked.
pub(super) fn publications(data: &PortfolioData, limit: usize, blocks: &mut Vec<Block>) {
    let all = data.of_kind(EntryKind::Publication).collect();
    let shown = within(data, all, limit, ("older publication", "older publications"));
    if shown.is_empty() {
        return;
    }
    blocks.push(h1("Publications"));
    let width = text_width(&format!("{}.", shown.len()), TextStyle::BODY.size, false) + 5.0;
    let last = shown.len() - 1;
    for (n, publication) in shown.iter().enumerate() {
        let space_after = if n == last { TextStyle::BODY.space_after } else { 2.5 };
        blocks.push(Block::Rich(Rich {
            runs: citation(publication),
            style: TextStyle { space_after, ..TextStyle::BODY },
            lead: Some(Lead { text: format!("{}.", n + 1), bold: false, width }),
        }));
    }
}

/// What others said, newest first: each feedback entry's words, shortened
/// to fit, with who said them and when (a LinkedIn recommendation, a
/// colleague's note). Three at most: the document is a CV, not the file.
pub(super) fn recommendations(data: &PortfolioData, limit: usize, blocks: &mut Vec<Block>) {
    let all = data.of_kind(EntryKind::Feedback).filter(|e| !e.fields.body.trim().is_empty()).collect();
    let shown = within(data, all, limit, ("older recommendation", "older recommendations"));
    if shown.is_empty() {
        return;
    }
    blocks.push(h1("Recommendations"));
    for feedback in shown {
        let quoted = data.fitted(feedback, "body", &feedback.fields.body, 320);
        blocks.extend(prose::set(&quoted, TextStyle::BODY.indented(10.0)));
        let from = feedback.fields.details.from().unwrap_or(&feedback.fields.title);
        let said = format!("— {from}, {}", feedback.fields.date.for_people());
        blocks.push(Block::Rich(Rich {
            runs: vec![Run { text: said, italic: true, ..Run::default() }],
            style: TextStyle { space_after: 8.0, ..TextStyle::BODY.indented(10.0) },
            lead: None,
        }));
    }
}

fn citation(publication: &Entry) -> Vec<Run> {
    let details = &publication.fields.details;
    let mut runs = Vec::new();
    let year = publication.fields.date.first_day().format("%Y").to_string();
    let title = publication.fields.title.trim_end_matches('.');
    let venue =
        details.venue().or(publication.fields.organisation.as_deref()).map(|v| v.trim_end_matches('.'));
    let italic = |text: String| Run { text, italic: true, ..Run::default() };
    // "Okafor A, Smith B (2025). Title. Venue." — or, with no authors, "Title. Venue, 2025."
    if details.authors().is_empty() {
        runs.push(Run::bold(format!("{title}.")));
        match venue {
            Some(venue) => {
                runs.extend([Run::plain(" "), italic(venue.to_string()), Run::plain(format!(", {year}."))])
            }
            None => runs.push(Run::plain(format!(" {year}."))),
        }
    } else {
        runs.push(Run::plain(format!("{} ({year}). ", details.authors().join(", "))));
        runs.push(Run::bold(format!("{title}.")));
        if let Some(venue) = venue {
            runs.extend([Run::plain(" "), italic(format!("{venue}."))]);
        }
    }
    let web = |address: &str| {
        (address.starts_with("https://") || address.starts_with("http://")).then(|| address.to_string())
    };
    let address = match (details.doi(), details.url()) {
        (Some(doi), _) => Some(Run {
            text: format!("doi:{doi}"),
            link: is_doi(doi).then(|| format!("https://doi.org/{doi}")),
            ..Run::default()
        }),
        (None, Some(url)) => Some(Run { text: url.to_string(), link: web(url), ..Run::default() }),
        (None, None) => None,
    };
    if let Some(address) = address {
        runs.extend([Run::plain(" "), address]);
    }
    runs
}
