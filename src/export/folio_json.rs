//! The folio JSON document as bytes: pretty-printed, keys in declaration
//! order, a trailing newline — the same portfolio always gives the same bytes.
//! A large document is written as it is read, a page of entries at a time
//! ([`write_streamed`]), byte for byte as [`render`] writes it whole.

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq};

use crate::model::document::{DocEntry, PortfolioDocument};

pub fn render(document: &PortfolioDocument) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(document)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes the document `rest` (whose own entries are ignored) with `count`
/// entries handed over by `next_page` (`Ok(None)` when there are no more).
/// An error from `next_page` stops the writing and is returned as is.
pub fn write_streamed<W: std::io::Write>(
    out: W,
    rest: &PortfolioDocument,
    count: usize,
    next_page: &mut dyn FnMut() -> anyhow::Result<Option<Vec<DocEntry>>>,
) -> anyhow::Result<()> {
    let failed = std::cell::RefCell::new(None);
    let streamed = Streamed {
        format: &rest.format,
        version: rest.version,
        profile: &rest.profile,
        frameworks: &rest.frameworks,
        entries: Pages { count, next_page: std::cell::RefCell::new(next_page), failed: &failed },
        ratings: &rest.ratings,
        goals: &rest.goals,
        actions: &rest.actions,
        mentors: &rest.mentors,
        settings: &rest.settings,
        conflicts: &rest.conflicts,
        outbox: &rest.outbox,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let written = streamed.serialize(&mut serde_json::Serializer::pretty(&mut out));
    if let Some(error) = failed.into_inner() {
        return Err(error);
    }
    written?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

/// [`PortfolioDocument`]'s fields in its order, the entries coming in pages.
#[derive(Serialize)]
struct Streamed<'a> {
    format: &'a str,
    version: u32,
    profile: &'a crate::model::Profile,
    frameworks: &'a [crate::model::Framework],
    entries: Pages<'a>,
    ratings: &'a [crate::model::document::DocRating],
    goals: &'a [crate::model::document::DocGoal],
    actions: &'a [crate::model::document::DocAction],
    mentors: &'a [crate::model::document::DocMentor],
    #[serde(skip_serializing_if = "crate::model::document::DocSettings::is_empty")]
    settings: &'a crate::model::document::DocSettings,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [crate::model::document::DocConflict],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outbox: &'a [crate::model::outbox::Sent],
}

type NextPage<'a> = &'a mut dyn FnMut() -> anyhow::Result<Option<Vec<DocEntry>>>;

struct Pages<'a> {
    count: usize,
    next_page: std::cell::RefCell<NextPage<'a>>,
    failed: &'a std::cell::RefCell<Option<anyhow::Error>>,
}

impl Serialize for Pages<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.count))?;
        let mut next_page = self.next_page.borrow_mut();
        loop {
            match next_page() {
                Ok(Some(page)) => {
                    for entry in &page {
                        seq.serialize_element(entry)?;
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    *self.failed.borrow_mut() = Some(error);
                    return Err(S::Error::custom("stopped"));
                }
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_document_is_the_same_bytes_as_a_whole_one() {
        let text = include_str!("../../tests/fixtures/demo/portfolio.json");
        let document = crate::import::folio_json::parse(text).unwrap();
        for pages in [1, 7, document.entries.len() + 1] {
            let mut chunks: Vec<Vec<DocEntry>> =
                document.entries.chunks(pages).map(<[DocEntry]>::to_vec).collect();
            chunks.reverse();
            let mut out = Vec::new();
            write_streamed(&mut out, &document, document.entries.len(), &mut || Ok(chunks.pop())).unwrap();
            assert!(out == render(&document).unwrap(), "pages of {pages}");
        }
        let empty = PortfolioDocument::empty();
        let mut out = Vec::new();
        write_streamed(&mut out, &empty, 0, &mut || Ok(None)).unwrap();
        assert!(out == render(&empty).unwrap(), "no entries: []");
        let error = write_streamed(Vec::new(), &document, 3, &mut || Err(anyhow::anyhow!("disk on fire")));
        assert_eq!(error.unwrap_err().to_string(), "disk on fire");
    }
}
