//! The structure tree in the PDF (ISO 32000 §14.7–14.8, PDF/UA-1): every
//! item the layout drew is marked content with an MCID of its page, or an
//! artifact; each structure element lists its marked content and children
//! in reading order; link annotations hang from their Link elements; the
//! parent tree maps both back; the catalog says the file is tagged, in what
//! language, to show its title, with an XMP packet that names it and
//! claims PDF/UA-1 (which CI checks with tools that are not folio).

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{DictItem, Op};

use super::blocks::{Kid, Layout, Mark, Role};
use super::catalog::utf16_text as utf16;

/// What the page contents were marked with, for the tree.
#[derive(Debug, Default)]
pub struct Marked {
    /// Per page, the element of each MCID.
    mcids: Vec<Vec<usize>>,
    /// (page, item) → its MCIDs (one, or one per glyph of right-to-left
    /// text), each with its place in written order.
    mcid_of: HashMap<(usize, usize), Vec<(usize, i64)>>,
    /// Per page, the link element of each annotation, in order.
    links: Vec<Vec<Option<usize>>>,
}

impl Marked {
    /// Opens a marked-content sequence for items of one mark (consecutive
    /// items of the same element share one): an artifact, or content with
    /// a new MCID of the page, returned.
    pub fn begin(&mut self, ops: &mut Vec<Op>, page: usize, mark: Mark, layout: &Layout) -> Option<i64> {
        self.pages(page);
        match mark {
            Mark::Artifact => {
                ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
                None
            }
            Mark::Node(node) => {
                let mcid = self.mcids[page].len() as i64;
                self.mcids[page].push(node);
                let role = layout.nodes.get(node).map_or("P", |n| n.role.name());
                let properties = DictItem::Dict { map: [("MCID".to_string(), DictItem::Int(mcid))].into() };
                ops.push(Op::BeginMarkedContentWithProperties { tag: role.into(), properties });
                Some(mcid)
            }
        }
    }

    pub fn end(&self, ops: &mut Vec<Op>) {
        ops.push(Op::EndMarkedContent);
    }

    /// Notes that item `index` of `page` is drawn in the sequence `mcid`.
    pub fn note(&mut self, (page, index): (usize, usize), mcid: i64) {
        self.mcid_of.entry((page, index)).or_default().push((0, mcid));
    }

    /// Notes a link annotation of a page and the element it belongs to.
    pub fn link(&mut self, page: usize, mark: Mark) {
        self.pages(page);
        self.links[page].push(match mark {
            Mark::Node(node) => Some(node),
            Mark::Artifact => None,
        });
    }

    fn pages(&mut self, page: usize) {
        if self.mcids.len() <= page {
            self.mcids.resize_with(page + 1, Vec::new);
            self.links.resize_with(page + 1, Vec::new);
        }
    }

    /// The properties of one glyph of a line drawn glyph by glyph: the
    /// letter it stands for (ActualText, ISO 32000 §14.9.4), and its own
    /// MCID when the line is content.
    pub fn glyph(&mut self, at: (usize, usize), mark: Mark, (place, written): (usize, &str)) -> DictItem {
        let mut map = std::collections::BTreeMap::new();
        map.insert("ActualText".to_string(), DictItem::String { data: utf16(written), literal: false });
        if let Mark::Node(node) = mark {
            self.pages(at.0);
            let mcid = self.mcids[at.0].len() as i64;
            self.mcids[at.0].push(node);
            self.mcid_of.entry(at).or_default().push((place, mcid));
            map.insert("MCID".to_string(), DictItem::Int(mcid));
        }
        DictItem::Dict { map }
    }
}

/// Marks what `draw` adds as an artifact (running headers and footers).
pub fn artifact(ops: &mut Vec<Op>, draw: impl FnOnce(&mut Vec<Op>)) {
    ops.push(Op::BeginMarkedContent { tag: "Artifact".into() });
    draw(ops);
    ops.push(Op::EndMarkedContent);
}

/// Writes the structure tree, the parent tree and what the catalog says of
/// a tagged document.
pub fn write(document: &mut lopdf::Document, layout: &Layout, marked: &Marked, lang: &str, title: &str) {
    let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
    let ids: Vec<ObjectId> = layout.nodes.iter().map(|_| document.new_object_id()).collect();
    let root = document.new_object_id();
    let mut next_key = pages.len() as i64;
    let mut nums: Vec<Object> = Vec::new();
    // Each page: its parent-tree key, the element of each MCID, tab order by structure.
    for (n, page) in pages.iter().enumerate() {
        let elements: Vec<Object> =
            marked.mcids.get(n).into_iter().flatten().map(|node| Object::Reference(ids[*node])).collect();
        nums.push(Object::Integer(n as i64));
        nums.push(Object::Array(elements));
        if let Ok(Object::Dictionary(dict)) = document.get_object_mut(*page) {
            dict.set("StructParents", n as i64);
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    // Each link annotation: an object of its own, in its Link element.
    let mut objrs: HashMap<usize, Vec<Object>> = HashMap::new();
    for (n, page) in pages.iter().enumerate() {
        let annots = match document.get_object(*page).and_then(Object::as_dict).and_then(|d| d.get(b"Annots"))
        {
            Ok(Object::Array(annots)) => annots.clone(),
            _ => continue,
        };
        let mut kept = Vec::with_capacity(annots.len());
        for (k, annot) in annots.into_iter().enumerate() {
            let mut dict = match annot {
                Object::Dictionary(dict) => dict,
                Object::Reference(id) => match document.get_object(id).and_then(Object::as_dict) {
                    Ok(dict) => dict.clone(),
                    Err(_) => continue,
                },
                _ => continue,
            };
            let node = marked.links.get(n).and_then(|l| l.get(k)).copied().flatten();
            if let Some(uri) = node.and_then(|node| layout.nodes[node].uri.as_deref()) {
                dict.set(
                    "Contents",
                    Object::String(utf16(&format!("Link to {uri}")), StringFormat::Hexadecimal),
                );
            }
            dict.set("P", Object::Reference(*page));
            let id = document.new_object_id();
            if let Some(node) = node {
                dict.set("StructParent", next_key);
                nums.push(Object::Integer(next_key));
                nums.push(Object::Reference(ids[node]));
                next_key += 1;
                let mut objr = Dictionary::new();
                objr.set("Type", "OBJR");
                objr.set("Pg", Object::Reference(*page));
                objr.set("Obj", Object::Reference(id));
                objrs.entry(node).or_default().push(Object::Dictionary(objr));
            }
            document.objects.insert(id, Object::Dictionary(dict));
            kept.push(Object::Reference(id));
        }
        if let Ok(Object::Dictionary(dict)) = document.get_object_mut(*page) {
            dict.set("Annots", Object::Array(kept));
        }
    }
    for (n, node) in layout.nodes.iter().enumerate() {
        let mut dict = Dictionary::new();
        // /Type is optional for a structure element: left out of thousands of them.
        dict.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        dict.set("P", Object::Reference(node.parent.map_or(root, |p| ids[p])));
        // Content on the element's own page (its first) is a bare MCID, on
        // a later page a marked-content reference naming that page.
        let own_page = node.kids.iter().find_map(|kid| match kid {
            Kid::Item(page, _) => Some(*page),
            Kid::Node(_) => None,
        });
        if let Some(page) = own_page.and_then(|p| pages.get(p)) {
            dict.set("Pg", Object::Reference(*page));
        }
        // Items drawn in one sequence are one MCID: listed once.
        let mut last: Option<(usize, i64)> = None;
        let mut kids: Vec<Object> = node
            .kids
            .iter()
            .flat_map(|kid| -> Vec<Object> {
                match kid {
                    Kid::Node(child) => vec![Object::Reference(ids[*child])],
                    Kid::Item(page, index) => {
                        // In written order: a right-to-left line's glyphs were drawn the other way.
                        let mut mcids = marked.mcid_of.get(&(*page, *index)).cloned().unwrap_or_default();
                        mcids.sort_by_key(|(place, _)| *place);
                        let Some(page_id) = pages.get(*page) else { return Vec::new() };
                        mcids
                            .into_iter()
                            .filter(|(_, mcid)| last.replace((*page, *mcid)) != Some((*page, *mcid)))
                            .map(|(_, mcid)| {
                                if Some(*page) == own_page {
                                    return Object::Integer(mcid);
                                }
                                let mut mcr = Dictionary::new();
                                mcr.set("Type", "MCR");
                                mcr.set("Pg", Object::Reference(*page_id));
                                mcr.set("MCID", mcid);
                                Object::Dictionary(mcr)
                            })
                            .collect()
                    }
                }
            })
            .collect();
        kids.extend(objrs.remove(&n).unwrap_or_default());
        match kids.len() {
            1 => dict.set("K", kids.remove(0)),
            _ => dict.set("K", Object::Array(kids)),
        }
        if let Some(alt) = &node.alt {
            dict.set("Alt", Object::String(utf16(alt), StringFormat::Hexadecimal));
        }
        if let Some(lang) = node.lang {
            dict.set("Lang", Object::string_literal(lang));
        }
        if let Some(scope) = node.scope {
            let mut attributes = Dictionary::new();
            attributes.set("O", "Table");
            attributes.set("Scope", Object::Name(scope.as_bytes().to_vec()));
            dict.set("A", Object::Dictionary(attributes));
        }
        if node.role == Role::Link
            && let Some(uri) = &node.uri
        {
            dict.set("Alt", Object::String(utf16(&format!("Link to {uri}")), StringFormat::Hexadecimal));
        }
        document.objects.insert(ids[n], Object::Dictionary(dict));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = document.add_object(parent_tree);
    let mut tree = Dictionary::new();
    tree.set("Type", "StructTreeRoot");
    tree.set("K", Object::Array(ids.first().map(|d| Object::Reference(*d)).into_iter().collect()));
    tree.set("ParentTree", Object::Reference(parent_tree));
    tree.set("ParentTreeNextKey", next_key);
    document.objects.insert(root, Object::Dictionary(tree));
    let metadata = document.add_object(Stream::new(
        {
            let mut dict = Dictionary::new();
            dict.set("Type", "Metadata");
            dict.set("Subtype", "XML");
            dict
        },
        xmp(title, lang).into_bytes(),
    ));
    if let Ok(catalog) = document.catalog_mut() {
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", true);
        catalog.set("MarkInfo", Object::Dictionary(mark_info));
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set("Lang", Object::string_literal(lang));
        let mut preferences = Dictionary::new();
        preferences.set("DisplayDocTitle", true);
        catalog.set("ViewerPreferences", Object::Dictionary(preferences));
        catalog.set("Metadata", Object::Reference(metadata));
    }
}

/// The XMP packet: the title, and the claim of PDF/UA-1.
fn xmp(title: &str, lang: &str) -> String {
    let esc = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        esc(title),
        esc(lang)
    )
}
