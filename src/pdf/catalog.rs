//! What a PDF says of itself besides its pages, added to the document
//! printpdf made (with lopdf): the bookmark outline, the data it carries
//! (`folio.json`), no claim of a standard it does not meet, and the helpers
//! these share (PDF text strings, stream compression).

use printpdf::OffsetDateTime;

use super::layout::{Bookmark, PageGeometry};

/// Embeds the document's own data as an associated file (PDF 2.0 §14.13,
/// as PDF/A-3 does): an EmbeddedFile `folio.json`, its file specification
/// with `AFRelationship /Source`, listed in the catalog's `/AF` and in the
/// embedded-files name tree (where viewers show attachments).
pub(super) fn carry(document: &mut lopdf::Document, data: &[u8], timestamp: i64) {
    use lopdf::{Dictionary, Object, StringFormat};
    let name = crate::model::document::EMBEDDED_NAME;
    let mut params = Dictionary::new();
    params.set("Size", data.len() as i64);
    if let Ok(when) = OffsetDateTime::from_unix_timestamp(timestamp) {
        let stamp = format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            when.year(),
            u8::from(when.month()),
            when.day(),
            when.hour(),
            when.minute(),
            when.second()
        );
        params.set("ModDate", Object::string_literal(stamp));
    }
    let mut file = Dictionary::new();
    file.set("Type", "EmbeddedFile");
    file.set("Subtype", Object::Name(b"application/json".to_vec()));
    file.set("Params", Object::Dictionary(params));
    let mut stream = lopdf::Stream::new(file, data.to_vec());
    deflate_fast(&mut stream);
    let file = document.add_object(stream);
    let mut ef = Dictionary::new();
    ef.set("F", Object::Reference(file));
    ef.set("UF", Object::Reference(file));
    let mut spec = Dictionary::new();
    spec.set("Type", "Filespec");
    spec.set("F", Object::string_literal(name));
    spec.set("UF", Object::String(utf16_text(name), StringFormat::Hexadecimal));
    spec.set("EF", Object::Dictionary(ef));
    spec.set("AFRelationship", "Source");
    let description = "The folio JSON document of what this PDF shows: folio import reads it back";
    spec.set("Desc", Object::String(utf16_text(description), StringFormat::Hexadecimal));
    let spec = document.add_object(spec);
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(vec![Object::string_literal(name), Object::Reference(spec)]));
    if let Ok(catalog) = document.catalog_mut() {
        catalog.set("AF", Object::Array(vec![Object::Reference(spec)]));
        let mut names = Dictionary::new();
        names.set("EmbeddedFiles", Object::Dictionary(tree));
        catalog.set("Names", Object::Dictionary(names));
    }
}

/// printpdf marks every file as PDF/X (an empty GTS_PDFXVersion, output
/// intents); folio's files do not conform to PDF/X, so they must not say so.
pub(super) fn claim_nothing_we_are_not(document: &mut lopdf::Document) {
    if let Ok(info) = document.trailer.get(b"Info").and_then(lopdf::Object::as_reference)
        && let Ok(lopdf::Object::Dictionary(info)) = document.get_object_mut(info)
    {
        info.remove(b"GTS_PDFXVersion");
    }
    if let Ok(catalog) = document.catalog_mut() {
        catalog.remove(b"OutputIntents");
        catalog.remove(b"PageMode");
    }
}

/// The bookmark outline in reading order: each level-1 heading, with the
/// level-2 headings after it nested under it, each opening its page at the
/// heading. Written as objects of its own, so the order is the document's.
pub(super) fn outline(document: &mut lopdf::Document, bookmarks: &[Bookmark], geometry: &PageGeometry) {
    use lopdf::{Dictionary, Object};
    if bookmarks.is_empty() {
        return;
    }
    let pages: Vec<lopdf::ObjectId> = document.get_pages().into_values().collect();
    let root = document.new_object_id();
    // Top-level items, each with its children, as indexes into `bookmarks`.
    let mut tree: Vec<(usize, Vec<usize>)> = Vec::new();
    for (n, mark) in bookmarks.iter().enumerate() {
        match tree.last_mut() {
            Some((_, children)) if mark.level > 1 => children.push(n),
            _ => tree.push((n, Vec::new())),
        }
    }
    let ids: Vec<lopdf::ObjectId> = bookmarks.iter().map(|_| document.new_object_id()).collect();
    let item = |n: usize, parent: lopdf::ObjectId, prev: Option<usize>, next: Option<usize>| {
        let mark = &bookmarks[n];
        let page = pages.get(mark.page).copied().unwrap_or_else(|| pages[0]);
        let top = (geometry.height - mark.y + 14.0).min(geometry.height);
        let mut dict = Dictionary::new();
        dict.set("Title", Object::String(utf16_text(&mark.title), lopdf::StringFormat::Hexadecimal));
        dict.set("Parent", parent);
        dict.set("Dest", vec![page.into(), "XYZ".into(), 0.into(), Object::Real(top), Object::Null]);
        if let Some(prev) = prev {
            dict.set("Prev", ids[prev]);
        }
        if let Some(next) = next {
            dict.set("Next", ids[next]);
        }
        dict
    };
    let mut count = 0i64;
    for (i, (top, children)) in tree.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| tree[p].0);
        let next = tree.get(i + 1).map(|t| t.0);
        let mut dict = item(*top, root, prev, next);
        if let (Some(first), Some(last)) = (children.first(), children.last()) {
            dict.set("First", ids[*first]);
            dict.set("Last", ids[*last]);
            dict.set("Count", children.len() as i64);
        }
        document.objects.insert(ids[*top], Object::Dictionary(dict));
        for (j, child) in children.iter().enumerate() {
            let prev = j.checked_sub(1).map(|p| children[p]);
            let next = children.get(j + 1).copied();
            document.objects.insert(ids[*child], Object::Dictionary(item(*child, ids[*top], prev, next)));
        }
        count += 1 + children.len() as i64;
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", ids[tree[0].0]);
    outlines.set("Last", ids[tree[tree.len() - 1].0]);
    outlines.set("Count", count);
    document.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = document.catalog_mut() {
        catalog.set("Outlines", root);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// A PDF text string in UTF-16BE with its byte-order mark.
pub(super) fn utf16_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// Compresses a stream that has no filter yet, when that makes it smaller.
pub(super) fn deflate_fast(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
    let compressed = encoder.write_all(&stream.content).and_then(|()| encoder.finish());
    if let Ok(compressed) = compressed
        && compressed.len() + 19 < stream.content.len()
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}
