//! What a PDF is made from, beyond what storage returns: the stories to
//! tell weighed against a job advert, the folio JSON document the PDF
//! carries of what it prints, and the date written into the file.

use chrono::DateTime;

use crate::db::{Conn, Result, frameworks};
use crate::model::Entry;
use crate::pdf::documents::{Advert, PortfolioData};
use crate::report::stories::{CompetencyStories, mentions, rank_competencies, story_bank};

/// The interview's crib sheet: per competency of the frameworks shown, its
/// stories best first; with an advert, only the competencies it asks for,
/// most weighed first, and its key words with whether the document's
/// entries answer them.
pub fn stories(
    conn: &Conn,
    keys: &[String],
    found: &[Entry],
    words: Option<&[(String, usize)]>,
) -> Result<(Vec<CompetencyStories>, Option<Advert>)> {
    let mut frameworks = Vec::new();
    let mut banks = Vec::new();
    for key in keys {
        let framework = frameworks::get(conn, key)?;
        banks.extend(story_bank(&framework, found, None));
        frameworks.push(framework);
    }
    let Some(words) = words else { return Ok((banks, None)) };
    let shown: std::collections::HashSet<i64> = found.iter().map(|e| e.id.0).collect();
    let (mut answered, mut unanswered) = (Vec::new(), Vec::new());
    for mentioned in mentions(conn, words)? {
        match mentioned.entries.iter().any(|id| shown.contains(id)) {
            true => answered.push(mentioned.word),
            false => unanswered.push(mentioned.word),
        }
    }
    let ranked = rank_competencies(&frameworks, banks, words).into_iter().map(|(_, bank)| bank).collect();
    Ok((ranked, Some(Advert { answered, unanswered })))
}

/// The folio JSON document of what the PDF shows: its profile, the entries
/// it prints ([`printed`]; those a page budget left out stay out)
/// with their claims and verdicts — files by name and SHA-256 only — and
/// the frameworks they claim, after the identifier check (redacted where
/// the PDF is).
pub fn carried(conn: &Conn, data: &PortfolioData, printed: &[&Entry]) -> anyhow::Result<Vec<u8>> {
    use crate::db::document_read::{ReadOptions, doc_entry};
    let mut document = crate::model::document::PortfolioDocument::empty();
    document.profile = data.profile.clone();
    let options =
        ReadOptions { visibility: data.visibility, with_attachment_data: false, include_trash: false };
    // The frameworks the carried entries claim, so their claims read back anywhere.
    let mut keys = std::collections::BTreeSet::new();
    for &entry in printed {
        keys.extend(entry.claims.iter().map(|c| c.framework.clone()));
        document.entries.push(doc_entry(conn, entry.clone(), options)?);
    }
    for key in keys {
        document.frameworks.push(frameworks::get(conn, &key)?);
    }
    Ok(serde_json::to_vec(&document)?)
}

/// The entries a document's pages print (their titles found in `written`,
/// in one pass): what the PDF carries, and what the outbox says went out.
pub fn printed<'a>(data: &'a PortfolioData, written: &str) -> anyhow::Result<Vec<&'a Entry>> {
    let omitted = data.omitted.borrow();
    let candidates: Vec<&Entry> =
        data.entries.iter().chain(&data.judged).filter(|e| !omitted.contains(&e.id.0)).collect();
    let titles = aho_corasick::AhoCorasick::new(candidates.iter().map(|e| e.fields.title.trim()))?;
    let mut printed = vec![false; candidates.len()];
    for found in titles.find_overlapping_iter(written) {
        printed[found.pattern().as_usize()] = true;
    }
    Ok(candidates.into_iter().zip(printed).filter(|(_, printed)| *printed).map(|(e, _)| e).collect())
}

/// SOURCE_DATE_EPOCH, or the newest change among the entries shown, or 1970.
pub fn timestamp(data: &PortfolioData) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse().ok()) {
        return epoch;
    }
    data.entries
        .iter()
        .filter_map(|e| DateTime::parse_from_rfc3339(&e.updated_at).ok())
        .map(|d| d.timestamp())
        .max()
        .unwrap_or(0)
}
