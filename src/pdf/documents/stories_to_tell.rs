//! The interview's "Stories to tell": per key competency its best story,
//! told once, in the order a panel would ask.

use super::{PortfolioData, h1, h3_dated, prose, section_texts, small};
use crate::markdown::shortened;
use crate::model::Entry;
use crate::pdf::layout::{Block, TextStyle};

/// What to read before going in: per key competency its best story, the
/// STAR parts beside their labels (or the story in two lines, if it has no
/// parts). A story is told once: a competency whose stories are all told
/// already is named beside the one that answers it; an entry with no text
/// is not a story.
pub(super) fn stories_to_tell(data: &PortfolioData, limit: usize, blocks: &mut Vec<Block>) {
    // Each story told, with the competencies it answers, in order.
    let mut told: Vec<(&Entry, Vec<&str>, bool)> = Vec::new();
    for competency in &data.stories {
        let written: Vec<_> = competency
            .stories
            .iter()
            .filter_map(|s| Some((data.entries.iter().find(|e| e.id.0 == s.id)?, s.accepted)))
            .filter(|(entry, _)| has_text(entry))
            .collect();
        let fresh = written.iter().find(|(entry, _)| told.iter().all(|(t, ..)| t.id != entry.id));
        match fresh.or(written.first()) {
            Some((entry, accepted)) => match told.iter_mut().find(|(t, ..)| t.id == entry.id) {
                Some((_, answers, _)) => answers.push(&competency.title),
                None => told.push((entry, vec![&competency.title], *accepted)),
            },
            None => continue,
        }
    }
    if told.is_empty() {
        return;
    }
    if told.len() > limit {
        data.leave_out(told.len() - limit, ("story to tell", "stories to tell"));
        told.truncate(limit);
    }
    blocks.push(h1("Stories to tell"));
    blocks.push(small("One story per competency, the strongest first: accepted by an assessor, then a complete STAR, then the newest."));
    for (entry, answers, accepted) in told {
        let accepted = if accepted { " · accepted" } else { "" };
        let heading = format!("{} — {}", answers.join(", "), entry.fields.title);
        blocks.push(h3_dated(&heading, format!("{}{accepted}", entry.fields.date.for_people())));
        let style = TextStyle::BODY.indented(10.0);
        let cut = |text: &str, limit| {
            let whole = prose::read(text);
            shortened(&whole, limit).unwrap_or(whole)
        };
        let parts = section_texts(entry, |s| cut(&s.text, 110));
        if parts.iter().all(|(_, text)| text.is_empty()) {
            blocks.extend(prose::set(&cut(&entry.fields.body, 220), style));
        }
        blocks.extend(prose::sections(&parts, style));
    }
}

/// Whether the entry has words to tell: a body or a written section.
fn has_text(entry: &Entry) -> bool {
    !entry.fields.body.trim().is_empty()
        || entry.fields.details.sections().iter().any(|s| !s.text.trim().is_empty())
}
