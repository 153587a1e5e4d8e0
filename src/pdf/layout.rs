//! The layout engine: blocks in, positioned pages out.
//!
//! It knows nothing of portfolios. Documents describe themselves as
//! [`Block`]s; [`layout`] measures text with the embedded font's real widths,
//! wraps it, and flows it down pages: headings never end a page alone, table
//! short rows never split (a long one continues on the next page) and the header row
//! repeats on every page a table reaches. Coordinates are points from the
//! top-left corner of the page; `render` turns them into PDF. The charts
//! are drawn in `charts` and `rating_charts`.

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

    /// A line of text on its own (a heading, a cell, a label), its
    /// direction its own.
    fn text(&mut self, x: f32, baseline: f32, style: &TextStyle, text: String) {
        let rtl = super::scripts::reads_rtl(&text);
        self.drawn(x, baseline, style, text, rtl);
    }

    /// A line of a paragraph of direction `rtl` between `left` and `left +
    /// width`: set against the right edge when the paragraph reads right to left.
    fn line(&mut self, (left, width): (f32, f32), baseline: f32, style: &TextStyle, text: String, rtl: bool) {
        let x = if rtl { left + width - text_width(&text, style.size, style.bold) } else { left };
        self.drawn(x, baseline, style, text, rtl);
    }

    /// Draws a line in visual order; a line drawn out of its written order
    /// keeps where each character went, so it is written out in order.
    fn drawn(&mut self, x: f32, baseline: f32, style: &TextStyle, text: String, rtl: bool) {
        let (text, written) = match super::scripts::visual_line(&text, rtl) {
            std::borrow::Cow::Borrowed(_) => (text, None),
            std::borrow::Cow::Owned(visual) => {
                let glyphs = Self::glyphs(&text, rtl, style);
                (visual, Some(glyphs))
            }
        };
        let item = Item::Text {
            x,
            y: baseline,
            size: style.size,
            bold: style.bold,
            italic: false,
            color: style.color,
            text,
            written,
        };
        self.push(item);
    }

    /// The characters of a line as drawn, in written order, each with its
    /// place from the line's left edge and the letter it stands for.
    fn glyphs(line: &str, rtl: bool, style: &TextStyle) -> Vec<Glyph> {
        let written: Vec<char> = line.chars().collect();
        let mut dx = 0.0;
        let mut glyphs: Vec<(usize, Glyph)> = super::scripts::visual_glyphs(line, rtl)
            .into_iter()
            .map(|(n, drawn)| {
                let at = dx;
                dx += text_width(&drawn.to_string(), style.size, style.bold);
                let letter = written.get(n).map(char::to_string).unwrap_or_default();
                // A lam-alef ligature stands for two letters; like the glyphs
                // themselves they go in drawing order, right to left.
                let letters: String = super::scripts::logical(&letter).chars().rev().collect();
                (n, Glyph { dx: at, drawn, written: letters })
            })
            .collect();
        glyphs.sort_by_key(|(n, _)| *n);
        glyphs.into_iter().map(|(_, g)| g).collect()
    }

    /// A paragraph of styled runs: its lead (bullet, number or label) in
    /// the margin of the first line, the lines beside it, links clickable.
    fn rich(&mut self, rich: &Rich) {
        let style = &rich.style;
        let hang = rich.lead.as_ref().map_or(0.0, |l| l.width);
        let left = self.geometry.margin + style.indent;
        let lines = self.rich_lines(rich);
        let lh = style.line_height();
        let width = self.geometry.content_width() - style.indent - hang;
        // A list item: its bullet or number is its label, the rest its body.
        let item = self.current;
        let parts =
            (self.nodes[item].role == Role::LI).then(|| (self.begin(Role::Lbl), self.begin(Role::LBody)));
        for (n, (line, rtl)) in lines.into_iter().enumerate() {
            self.ensure(lh);
            let baseline = self.y + style.size;
            if n == 0
                && let Some(lead) = &rich.lead
            {
                self.current = parts.map_or(item, |(label, _)| label);
                self.text(left, baseline, &TextStyle { bold: lead.bold, ..*style }, lead.text.clone());
            }
            self.current = parts.map_or(item, |(_, body)| body);
            self.runs((left + hang, width), baseline, style, line, rtl);
            self.y += lh;
        }
        self.current = item;
        self.y += style.space_after;
    }

    /// The paragraph's lines, each with whether its paragraph (the text
    /// between hard line breaks) reads right to left.
    fn rich_lines(&self, rich: &Rich) -> Vec<(Vec<Run>, bool)> {
        let style = &rich.style;
        let hang = rich.lead.as_ref().map_or(0.0, |l| l.width);
        let width = self.geometry.content_width() - style.indent - hang;
        let runs: Vec<Run> = rich
            .runs
            .iter()
            .map(|r| Run { text: displayable(&r.text, r.bold || style.bold), ..r.clone() })
            .collect();
        let mut lines = Vec::new();
        for paragraph in super::wrap_rich::lines_of(&runs) {
            let text: String = paragraph.iter().map(|r| r.text.as_str()).collect();
            let rtl = super::scripts::reads_rtl(&text);
            let wrapped = super::wrap_rich::wrap_rich(&paragraph, style.size, width);
            lines.extend(wrapped.into_iter().map(|line| (line, rtl)));
        }
        lines
    }

    /// One line of runs, each in its look; a line with right-to-left text
    /// is drawn whole in visual order in the paragraph's style.
    fn runs(&mut self, (x, width): (f32, f32), baseline: f32, style: &TextStyle, line: Vec<Run>, rtl: bool) {
        let text: String = line.iter().map(|r| r.text.as_str()).collect();
        if rtl || super::scripts::has_rtl(&text) {
            return self.line((x, width), baseline, style, text, rtl);
        }
        let mut x = x;
        for run in line {
            let bold = run.bold || style.bold;
            let width = text_width(&run.text, style.size, bold);
            let color = if run.link.is_some() {
                ACCENT
            } else if run.code {
                CODE
            } else {
                style.color
            };
            // A link is an element of its own: its words and the area that opens it.
            let mark = match run.link.clone() {
                Some(uri) => {
                    let link = self.link(&uri);
                    let (y, h) = (baseline - style.size, style.line_height());
                    self.push_as(Item::Link { x, y, w: width, h, uri }, Mark::Node(link));
                    Mark::Node(link)
                }
                None => Mark::Node(self.current),
            };
            let item = Item::Text {
                x,
                y: baseline,
                size: style.size,
                bold,
                italic: run.italic,
                color,
                text: run.text,
                written: None,
            };
            self.push_as(item, mark);
            x += width;
        }
    }

    /// Plain text, each of its paragraphs (between line breaks) broken into
    /// lines in logical order and set in its own direction.
    fn paragraph(&mut self, text: &str, style: &TextStyle) {
        let width = self.geometry.content_width() - style.indent;
        let left = self.geometry.margin + style.indent;
        let lh = style.line_height();
        let text = displayable(text, style.bold);
        let paragraphs: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
        for paragraph in paragraphs {
            let rtl = super::scripts::reads_rtl(paragraph);
            for line in wrap(paragraph, style.size, style.bold, width) {
                self.ensure(lh);
                let baseline = self.y + style.size;
                self.line((left, width), baseline, style, line, rtl);
                self.y += lh;
            }
        }
        self.y += style.space_after;
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

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
