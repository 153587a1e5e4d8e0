//! The folio JSON document as bytes: pretty-printed, keys in declaration
//! order, a trailing newline — the same portfolio always gives the same bytes.

use crate::model::document::PortfolioDocument;

pub fn render(document: &PortfolioDocument) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(document)?;
    bytes.push(b'\n');
    Ok(bytes)
}
