//! Which entries of one document are about which (`add … --about`): what
//! the exports and documents show as "About" and "Written about it".

use std::collections::HashMap;

use super::Entry;

/// Which entries of one document are about which: what an export shows as
/// "About" and "Written about it". A link to an entry the document does not
/// hold (private, in the trash, not selected) is not shown.
pub struct EntryLinks<'a> {
    by_uuid: HashMap<&'a str, &'a Entry>,
    written_about: HashMap<&'a str, Vec<&'a Entry>>,
}

impl<'a> EntryLinks<'a> {
    pub fn new(entries: &'a [Entry]) -> Self {
        let by_uuid: HashMap<&str, &Entry> = entries.iter().map(|e| (e.uuid.as_str(), e)).collect();
        let mut written_about: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for entry in entries {
            for uuid in &entry.fields.about {
                if let Some(target) = by_uuid.get(uuid.as_str()) {
                    written_about.entry(target.uuid.as_str()).or_default().push(entry);
                }
            }
        }
        Self { by_uuid, written_about }
    }

    /// The entries this one is about, among those held, oldest first.
    pub fn about(&self, entry: &Entry) -> Vec<&'a Entry> {
        let mut about: Vec<&Entry> =
            entry.fields.about.iter().filter_map(|uuid| self.by_uuid.get(uuid.as_str()).copied()).collect();
        about.sort_by_key(|e| (e.fields.date.key(), e.id));
        about
    }

    /// The entries held that are about this one, in document order.
    pub fn written_about(&self, entry: &Entry) -> &[&'a Entry] {
        self.written_about.get(entry.uuid.as_str()).map_or(&[], Vec::as_slice)
    }
}

/// "Audit course (course, 2026-03)": how an export names a linked entry.
pub fn link_label(entry: &Entry) -> String {
    format!("{} ({}, {})", entry.fields.title, entry.kind(), entry.fields.period())
}
