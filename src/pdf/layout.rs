//! The layout engine: blocks in, positioned pages out.
//!
//! It knows nothing of portfolios. Documents describe themselves as
//! [`Block`]s; [`layout`] measures text with the embedded font's real widths,
//! wraps it, and flows it down pages: headings keep two lines of what
//! follows, tables start with two rows and never strand their last, a last
//! page of scraps is merged back. Coordinates are points from the top-left
//! corner of the page; `render` turns them into PDF. The parts: text in
//! `text_lines`, tables in `tables`, charts in `charts` and
//! `rating_charts`, and the structure tree each item belongs to in `tagging`.

use super::fonts::{displayable, text_width};
pub use super::wrap::wrap;

pub use super::blocks::*;

struct Flow<'a> {
    geometry: &'a PageGeometry,
    pages: Vec<Page>,
    y: f32,
    bookmarks: Vec<Bookmark>,
    /// The structure tree so far ([`tagging`]); node 0 is the document.
    nodes: Vec<Node>,
    /// The element what is drawn now belongs to.
    current: usize,
    /// The list the last list item went into, and how far it was indented.
    list: Option<(usize, f32)>,
    /// What is drawn now is an artifact (a table header repeated).
    artifact: bool,
    /// The levels of the headings open above what is drawn now.
    headings: Vec<u8>,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().unwrap_or_else(|| unreachable!("a flow always has a page"))
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geometry.top();
    }

    fn room(&self) -> f32 {
        self.geometry.bottom() - self.y
    }

    /// Starts a new page unless `height` fits (an empty page always fits).
    fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > self.geometry.top() + 0.5 {
            self.new_page();
        }
    }

    fn heading_style(level: u8) -> TextStyle {
        match level {
            1 => TextStyle { size: 14.0, bold: true, color: ACCENT, indent: 0.0, space_after: 6.0 },
            2 => TextStyle { size: 11.0, bold: true, color: BLACK, indent: 0.0, space_after: 3.0 },
            _ => TextStyle { size: 9.5, bold: true, color: BLACK, indent: 0.0, space_after: 2.0 },
        }
    }

    /// The height of a heading itself, with the space around it.
    fn heading_height(&self, level: u8, text: &str, aside: &str) -> f32 {
        let style = Self::heading_style(level);
        let lines = wrap(&displayable(text, true), style.size, true, self.heading_width(&style, aside));
        lines.len() as f32 * style.line_height() + style.space_after + if level == 1 { 10.0 } else { 4.0 }
    }

    /// How much of what follows a heading must stay on its page: two lines
    /// of text (over more than one block when the first is a single line,
    /// a sub-head say), a table's header and first two rows, a chart's
    /// legend and first bar, an image whole, a sub-heading with what it keeps.
    fn first_part_height(&self, block: Option<&Block>, rest: &[Block]) -> f32 {
        let text_lines = |block: &Block| -> Option<(usize, f32, f32)> {
            match block {
                Block::Paragraph { text, style } => {
                    let width = self.geometry.content_width() - style.indent;
                    let lines = wrap(&displayable(text, style.bold), style.size, style.bold, width).len();
                    Some((lines, style.line_height(), style.space_after))
                }
                Block::Rich(rich) => {
                    Some((self.rich_lines(rich).len(), rich.style.line_height(), rich.style.space_after))
                }
                _ => None,
            }
        };
        match block {
            Some(first @ (Block::Paragraph { .. } | Block::Rich(_))) => {
                let (mut needed, mut height) = (2usize, 0.0);
                for block in std::iter::once(first).chain(rest) {
                    let Some((lines, line_height, space_after)) = text_lines(block) else {
                        height += self.first_part_height(Some(block), &[]);
                        break;
                    };
                    let taken = lines.max(1).min(needed);
                    height += taken as f32 * line_height;
                    needed -= taken;
                    if needed == 0 {
                        break;
                    }
                    height += space_after;
                }
                height
            }
            Some(Block::Table(table)) => self.table_start_height(table),
            // A bars chart never splits: all of it.
            Some(Block::Bars { bars, .. }) => self.bars_height(bars),
            Some(Block::Totals { bars, .. }) => Self::totals_height(bars.len()),
            Some(Block::Progress(rows)) => Self::totals_height(rows.len()),
            Some(Block::AuditGrid(moves)) => self.audit_grid_height(moves),
            Some(Block::Image { width_px, height_px, max_height, .. }) => {
                let full = self.geometry.bottom() - self.geometry.top() - 20.0;
                let scale =
                    (self.geometry.content_width() / width_px).min(max_height.min(full) / height_px).min(1.0);
                height_px * scale + 16.0
            }
            Some(Block::Heading { level, text, aside }) => {
                self.heading_height(*level, text, aside)
                    + self.first_part_height(rest.first(), rest.get(1..).unwrap_or(&[]))
            }
            _ => 2.0 * TextStyle::BODY.line_height(),
        }
    }

    /// The width a heading's text wraps in: the line less its aside and a gap.
    fn heading_width(&self, style: &TextStyle, aside: &str) -> f32 {
        let width = self.geometry.content_width();
        if aside.is_empty() {
            return width;
        }
        width - text_width(&displayable(aside, false), Self::aside_size(style), false) - 14.0
    }

    fn aside_size(style: &TextStyle) -> f32 {
        (style.size - 1.5).max(TextStyle::BODY.size - 1.0)
    }

    fn heading(&mut self, level: u8, text: &str, aside: &str, keep: f32) {
        let style = Self::heading_style(level);
        let lines = wrap(&displayable(text, true), style.size, true, self.heading_width(&style, aside));
        let own = self.heading_height(level, text, aside);
        // Keep the heading with the start of what follows (never more than a page).
        let page = self.geometry.bottom() - self.geometry.top();
        self.ensure((own + keep).min(page));
        self.y += if level == 1 && self.y > self.geometry.top() + 0.5 { 10.0 } else { 4.0 };
        if level <= 2 {
            let (page, y) = (self.pages.len() - 1, self.y);
            self.bookmarks.push(Bookmark { level, title: text.to_string(), page, y });
        }
        for (n, line) in lines.into_iter().enumerate() {
            let baseline = self.y + style.size;
            self.text(self.geometry.margin, baseline, &style, line);
            if n == 0 && !aside.is_empty() {
                let aside = displayable(aside, false);
                let size = Self::aside_size(&style);
                let x = self.geometry.width - self.geometry.margin - text_width(&aside, size, false);
                let grey = TextStyle { size, bold: false, color: GREY, ..style };
                self.text(x, baseline, &grey, aside);
            }
            self.y += style.line_height();
        }
        if level == 1 {
            let (x1, x2, y) =
                (self.geometry.margin, self.geometry.width - self.geometry.margin, self.y + 1.0);
            self.push(Item::Line { x1, y1: y, x2, y2: y, color: RULE, width: 0.8 });
        }
        self.y += style.space_after;
    }

    fn title(&mut self, text: &str, subtitle: &str) {
        let big = TextStyle { size: 22.0, bold: true, color: ACCENT, indent: 0.0, space_after: 2.0 };
        self.paragraph(text, &big);
        if !subtitle.is_empty() {
            self.paragraph(subtitle, &TextStyle { size: 10.5, color: GREY, ..TextStyle::BODY });
        }
        self.y += 6.0;
    }

    fn image(&mut self, index: usize, width_px: f32, height_px: f32, max_height: f32, caption: &str) {
        let max_width = self.geometry.content_width();
        let full = self.geometry.bottom() - self.geometry.top() - 20.0;
        let scale = (max_width / width_px).min(max_height.min(full) / height_px).min(1.0);
        let (w, h) = (width_px * scale, height_px * scale);
        self.ensure(h + 16.0);
        let (x, y) = (self.geometry.margin, self.y);
        self.push(Item::Image { index, x, y, w, h });
        self.y += h + 3.0;
        self.paragraph(caption, &TextStyle::SMALL);
    }
}

/// The text as it fits on one line of `width`, ending in "…" when cut.
fn fit_with_ellipsis(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size, false) <= width {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && text_width(&format!("{}…", cut.trim_end()), size, false) > width {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// How much lower the body may reach to save a last page of scraps.
const SLACK: f32 = 22.0;

/// Lays the blocks out on pages of the given geometry. A last page that
/// would hold no more than two lines is merged back when letting the body
/// reach a little lower (into the space kept above the footer) saves it.
pub fn layout(blocks: &[Block], geometry: &PageGeometry) -> Layout {
    let first = flow(blocks, geometry);
    let scraps = |layout: &Layout| {
        let page = layout.pages.last().filter(|_| layout.pages.len() > 1);
        let lowest = page.into_iter().flat_map(|p| &p.items).map(Item::bottom).fold(0.0, f32::max);
        page.is_some() && lowest - geometry.top() < 3.0 * TextStyle::BODY.line_height()
    };
    if scraps(&first) {
        let looser = PageGeometry { footer: (geometry.footer - SLACK).max(2.0), ..geometry.clone() };
        let second = flow(blocks, &looser);
        if second.pages.len() < first.pages.len() {
            return second;
        }
    }
    first
}

fn flow(blocks: &[Block], geometry: &PageGeometry) -> Layout {
    let mut flow = Flow {
        geometry,
        pages: Vec::new(),
        y: 0.0,
        bookmarks: Vec::new(),
        nodes: vec![Node::new(Role::Document, None)],
        current: 0,
        list: None,
        artifact: false,
        headings: Vec::new(),
    };
    flow.new_page();
    for (n, block) in blocks.iter().enumerate() {
        flow.open_block(block);
        match block {
            Block::Title { text, subtitle } => flow.title(text, subtitle),
            Block::Heading { level, text, aside } => {
                let rest = &blocks[n + 1..];
                let keep = flow.first_part_height(rest.first(), rest.get(1..).unwrap_or(&[]));
                flow.heading(*level, text, aside, keep)
            }
            Block::Paragraph { text, style } => flow.paragraph(text, style),
            Block::Rich(rich) => flow.rich(rich),
            Block::Table(table) => flow.table(table),
            Block::Image { index, width_px, height_px, max_height, caption } => {
                flow.image(*index, *width_px, *height_px, *max_height, caption)
            }
            Block::Bars { bars, max, legend } => flow.bars(bars, *max, legend),
            Block::Totals { bars, target, unit } => flow.totals(bars, target.as_ref(), unit),
            Block::Progress(rows) => flow.progress(rows),
            Block::AuditGrid(moves) => flow.audit_grid(moves),
            Block::Spacer(height) => flow.y += height,
            Block::PageBreak => {
                if flow.y > flow.geometry.top() + 0.5 {
                    flow.new_page();
                }
            }
        }
        flow.close_block();
    }
    Layout { pages: flow.pages, bookmarks: flow.bookmarks, nodes: flow.nodes }
}

#[path = "charts.rs"]
mod charts;
#[path = "rating_charts.rs"]
mod rating_charts;
#[path = "tables.rs"]
mod tables;
#[path = "tagging.rs"]
mod tagging;
#[path = "text_lines.rs"]
mod text_lines;

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
