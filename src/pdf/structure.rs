//! The logical structure of a document (ISO 32000 §14.7–14.8): what each
//! piece of a page *is* — a heading, a paragraph, a list item, a table
//! cell, a figure, a link — in reading order, so a screen reader, a search
//! or a reflowing viewer can follow it. The layout builds the tree as it
//! flows the blocks ([`Node`]s, and a [`Mark`] for every item it draws);
//! `render` writes it as the PDF's structure tree, marking each item's
//! content, and everything else (running headers, rules, cell shading) as
//! an artifact.

/// A structure element's standard type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    P,
    H1,
    H2,
    H3,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Figure,
    Link,
}

impl Role {
    /// Its name in the PDF (`/S`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::P => "P",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Link => "Link",
        }
    }

    /// The heading of a level: 1 a section, 2 inside one, 3 an item's.
    pub fn heading(level: u8) -> Role {
        match level {
            1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        }
    }
}

/// What a structure element holds, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    /// Another element.
    Node(usize),
    /// An item drawn on a page: (page, index into its items).
    Item(usize, usize),
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    /// What a figure shows, in words.
    pub alt: Option<String>,
    /// Its language, when not the document's (a paragraph in Arabic).
    pub lang: Option<&'static str>,
    /// A link's address.
    pub uri: Option<String>,
    /// What a header cell heads: "Column" or "Row".
    pub scope: Option<&'static str>,
}

impl Node {
    pub fn new(role: Role, parent: Option<usize>) -> Self {
        Self { role, parent, kids: Vec::new(), alt: None, lang: None, uri: None, scope: None }
    }
}

/// What an item drawn on a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Content of a structure element.
    Node(usize),
    /// Not content: a rule, cell shading, a repeated table header.
    Artifact,
}

/// The language of a paragraph whose letters are of another script than
/// the document's Latin one, by its first letter of such a script.
pub fn script_lang(text: &str) -> Option<&'static str> {
    text.chars().find_map(|c| match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some("he"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some("ar"),
        0x3040..=0x30FF => Some("ja"),
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Some("ko"),
        0x4E00..=0x9FFF => Some("zh"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_in_another_script_names_its_language() {
        assert_eq!(script_lang("plain English, café"), None);
        assert_eq!(script_lang("I said שלום"), Some("he"));
        assert_eq!(script_lang("تعلمت"), Some("ar"));
        assert_eq!(script_lang("한국어"), Some("ko"));
        assert_eq!(script_lang("学习"), Some("zh"));
        assert_eq!(script_lang("ひらがな 日本語"), Some("ja"));
    }
}
