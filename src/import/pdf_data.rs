//! A folio PDF's own data: every document folio prints carries, as an
//! associated file named `folio.json` (`/AF`, `AFRelationship /Source`,
//! and in the embedded-files name tree), the folio JSON document of what
//! it shows. Reading it back is how `folio import cv.pdf` restores the
//! entries; the PDF's pages themselves are never parsed.

use lopdf::{Dictionary, Document, Object};

use super::FormatError;

/// The name the data goes by in the PDF.
pub use crate::model::document::EMBEDDED_NAME as NAME;

/// The folio JSON document a PDF carries.
pub fn embedded_json(bytes: &[u8]) -> Result<String, FormatError> {
    let document = Document::load_mem(bytes).map_err(|e| FormatError(format!("not a readable PDF ({e})")))?;
    let filespec = associated_files(&document)
        .into_iter()
        .find(|spec| names(spec).iter().any(|n| n == NAME))
        .ok_or_else(|| {
            FormatError("this PDF carries no folio data (made by another program, or with --no-embed)".into())
        })?;
    let stream = filespec
        .get(b"EF")
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get(b"F").or_else(|_| ef.get(b"UF")))
        .and_then(Object::as_reference)
        .and_then(|id| document.get_object(id))
        .and_then(Object::as_stream)
        .map_err(|_| FormatError(format!("its {NAME} cannot be found in the file")))?;
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(content).map_err(|_| FormatError(format!("its {NAME} is not UTF-8 text")))
}

/// The file specifications the catalog associates with the document
/// (`/AF`) and those of its embedded-files name tree.
fn associated_files(document: &Document) -> Vec<Dictionary> {
    let Ok(catalog) = document.catalog() else { return Vec::new() };
    let resolve = |object: &Object| -> Option<Dictionary> {
        match object {
            Object::Reference(id) => document.get_dictionary(*id).ok().cloned(),
            Object::Dictionary(dict) => Some(dict.clone()),
            _ => None,
        }
    };
    let mut specs: Vec<Dictionary> = Vec::new();
    if let Ok(Object::Array(files)) = catalog.get(b"AF") {
        specs.extend(files.iter().filter_map(resolve));
    }
    let tree = catalog
        .get(b"Names")
        .ok()
        .and_then(resolve)
        .and_then(|names| names.get(b"EmbeddedFiles").ok().and_then(resolve));
    if let Some(Ok(Object::Array(pairs))) = tree.as_ref().map(|t| t.get(b"Names")) {
        specs.extend(pairs.iter().skip(1).step_by(2).filter_map(resolve));
    }
    specs
}

/// The file names a file specification gives (`/UF`, `/F`).
fn names(spec: &Dictionary) -> Vec<String> {
    [b"UF".as_slice(), b"F".as_slice()]
        .iter()
        .filter_map(|key| spec.get(key).ok())
        .filter_map(|name| match name {
            Object::String(bytes, _) => Some(text_string(bytes)),
            _ => None,
        })
        .collect()
}

/// A PDF text string: UTF-16BE after its byte-order mark, else PDFDocEncoding (ASCII here).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> =
                utf16.chunks(2).map(|b| u16::from_be_bytes([b[0], *b.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}
