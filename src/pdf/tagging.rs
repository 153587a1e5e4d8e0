//! The layout's side of the structure tree ([`crate::pdf::structure`]):
//! each block opens its element — a heading, a paragraph (with its own
//! language when it is in another script), a list item with its label and
//! body, a table, a figure with words for what it shows — and every item
//! drawn is marked as content of the element open, or as an artifact when
//! it only decorates (rules, cell borders and shading outside a figure).

use super::Flow;
use crate::pdf::blocks::*;
use crate::pdf::structure::script_lang;

impl Flow<'_> {
    /// A new element under the one open now.
    pub(super) fn begin(&mut self, role: Role) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node::new(role, Some(self.current)));
        self.nodes[self.current].kids.push(Kid::Node(id));
        id
    }

    /// Draws an item as content of the element open now, or as an artifact
    /// when it is a rule or a box outside a figure.
    pub(super) fn push(&mut self, item: Item) {
        let figure = self.nodes[self.current].role == Role::Figure;
        let mark = match item {
            _ if self.artifact => Mark::Artifact,
            Item::Rect { .. } | Item::Line { .. } if !figure => Mark::Artifact,
            _ => Mark::Node(self.current),
        };
        self.push_as(item, mark);
    }

    pub(super) fn push_as(&mut self, item: Item, mark: Mark) {
        let page = self.pages.len() - 1;
        let index = self.page().items.len();
        // A link annotation is not page content: the link element refers to it apart.
        if let Mark::Node(node) = mark
            && !matches!(item, Item::Link { .. })
        {
            self.nodes[node].kids.push(Kid::Item(page, index));
        }
        self.page().items.push(item);
        self.page().marks.push(mark);
    }

    /// A link element under the one open now, for a run or cell that opens `uri`.
    pub(super) fn link(&mut self, uri: &str) -> usize {
        let link = self.begin(Role::Link);
        self.nodes[link].uri = Some(uri.to_string());
        link
    }

    /// Opens the element a block is: what it draws goes in it.
    pub(super) fn open_block(&mut self, block: &Block) {
        self.current = 0;
        if !matches!(block, Block::Rich(Rich { lead: Some(lead), .. }) if is_list_marker(lead)) {
            self.list = None;
        }
        let (role, lang) = match block {
            Block::Title { .. } => (Role::P, None),
            Block::Heading { level, text, .. } => {
                // No level is skipped: a heading is as deep as the headings
                // open above it, so an item's heading right under a section is its H2.
                while self.headings.last().is_some_and(|open| open >= level) {
                    self.headings.pop();
                }
                self.headings.push(*level);
                (Role::heading(self.headings.len() as u8), script_lang(text))
            }
            Block::Paragraph { text, .. } => (Role::P, script_lang(text)),
            Block::Rich(rich) => {
                let text: String = rich.runs.iter().map(|r| r.text.as_str()).collect();
                if let Some(lead) = rich.lead.as_ref().filter(|l| is_list_marker(l)) {
                    self.current = self.list_for(rich.style.indent, lead);
                    (Role::LI, script_lang(&text))
                } else {
                    (Role::P, script_lang(&text))
                }
            }
            Block::Table(_) => (Role::Table, None),
            Block::Image { .. }
            | Block::Bars { .. }
            | Block::Totals { .. }
            | Block::Progress(_)
            | Block::AuditGrid(_) => (Role::Figure, None),
            Block::Spacer(_) | Block::PageBreak => return,
        };
        let node = self.begin(role);
        self.nodes[node].lang = lang;
        self.nodes[node].alt = alt_text(block);
        self.current = node;
    }

    pub(super) fn close_block(&mut self) {
        self.current = 0;
    }

    /// The list a list item goes in: the one open (its items follow one
    /// another), else a new one.
    fn list_for(&mut self, indent: f32, _lead: &Lead) -> usize {
        match self.list {
            Some((list, _)) => list,
            None => {
                let list = self.begin(Role::L);
                self.list = Some((list, indent));
                list
            }
        }
    }
}

/// A list's bullet or number, not a label such as "Situation".
fn is_list_marker(lead: &Lead) -> bool {
    let text = lead.text.trim();
    !lead.bold
        && (matches!(text, "•" | "◦")
            || text.strip_suffix('.').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
}

/// What a figure shows, in words, for a reader who cannot see it.
fn alt_text(block: &Block) -> Option<String> {
    use crate::model::format::hours;
    let joined = |parts: Vec<String>| parts.join("; ");
    Some(match block {
        Block::Image { caption, .. } => format!("Picture: {caption}"),
        Block::Bars { bars, legend, .. } => format!(
            "Chart of {} against {}: {}",
            legend.1,
            legend.0,
            joined(bars.iter().map(|b| format!("{} {} → {}", b.label, b.first, b.latest)).collect())
        ),
        Block::Totals { bars, target, unit } => {
            let values =
                joined(bars.iter().map(|(l, v)| format!("{l} {} {unit}", hours(f64::from(*v)))).collect());
            match target {
                Some((_, said)) => format!("Chart per year: {values}; target {said}"),
                None => format!("Chart per year: {values}"),
            }
        }
        Block::Progress(rows) => format!(
            "Chart of progress: {}",
            joined(
                rows.iter()
                    .map(|r| format!(
                        "{}: {} of {} evidenced, {} accepted",
                        r.label, r.evidenced, r.total, r.accepted
                    ))
                    .collect()
            )
        ),
        Block::AuditGrid(moves) => format!(
            "Grid of how expert (1–5) by how often (1–5), each item's ratings in order: {}",
            joined(
                moves
                    .iter()
                    .map(|m| {
                        let path: Vec<String> =
                            m.path.iter().map(|(often, expert)| format!("{expert},{often}")).collect();
                        format!("{} {}", m.label, path.join(" → "))
                    })
                    .collect()
            )
        ),
        _ => return None,
    })
}
