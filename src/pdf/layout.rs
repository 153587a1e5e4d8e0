//! The layout engine: blocks in, positioned pages out.
//!
//! It knows nothing of portfolios. Documents describe themselves as
//! [`Block`]s; [`layout`] measures text with the embedded font's real widths,
//! wraps it, and flows it down pages: headings never end a page alone, table
//! rows never split (unless one row is taller than a page) and the header row
//! repeats on every page a table reaches. Coordinates are points from the
//! top-left corner of the page; `render` turns them into PDF. The charts
//! are drawn in `charts` and `rating_charts`.

use super::fonts::{displayable, text_width};
pub use super::wrap::wrap;

pub use super::blocks::*;

const CELL_PAD: f32 = 3.5;
/// The type size of table cells.
const TABLE_SIZE: f32 = 8.5;

struct Flow<'a> {
    geometry: &'a PageGeometry,
    pages: Vec<Page>,
    y: f32,
    bookmarks: Vec<Bookmark>,
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

    fn text(&mut self, x: f32, baseline: f32, style: &TextStyle, text: String) {
        let text = match super::scripts::visual_order(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(visual) => visual,
        };
        let item = Item::Text {
            x,
            y: baseline,
            size: style.size,
            bold: style.bold,
            italic: false,
            color: style.color,
            text,
        };
        self.page().items.push(item);
    }

    /// A paragraph of styled runs: its lead (bullet, number or label) in
    /// the margin of the first line, the lines beside it, links clickable.
    fn rich(&mut self, rich: &Rich) {
        let style = &rich.style;
        let hang = rich.lead.as_ref().map_or(0.0, |l| l.width);
        let left = self.geometry.margin + style.indent;
        let lines = self.rich_lines(rich);
        let lh = style.line_height();
        for (n, line) in lines.into_iter().enumerate() {
            self.ensure(lh);
            let baseline = self.y + style.size;
            if n == 0
                && let Some(lead) = &rich.lead
            {
                self.text(left, baseline, &TextStyle { bold: lead.bold, ..*style }, lead.text.clone());
            }
            self.runs(left + hang, baseline, style, line);
            self.y += lh;
        }
        self.y += style.space_after;
    }

    fn rich_lines(&self, rich: &Rich) -> Vec<Vec<Run>> {
        let style = &rich.style;
        let hang = rich.lead.as_ref().map_or(0.0, |l| l.width);
        let width = self.geometry.content_width() - style.indent - hang;
        let runs: Vec<Run> = rich
            .runs
            .iter()
            .map(|r| Run { text: displayable(&r.text, r.bold || style.bold), ..r.clone() })
            .collect();
        super::wrap_rich::wrap_rich(&runs, style.size, width)
    }

    /// One line of runs from `x`, each in its look; a line with
    /// right-to-left text is drawn whole in visual order in the paragraph's style.
    fn runs(&mut self, x: f32, baseline: f32, style: &TextStyle, line: Vec<Run>) {
        let text: String = line.iter().map(|r| r.text.as_str()).collect();
        if super::scripts::has_rtl(&text) {
            return self.text(x, baseline, style, text);
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
            if let Some(uri) = run.link.clone() {
                let (y, h) = (baseline - style.size, style.line_height());
                self.page().items.push(Item::Link { x, y, w: width, h, uri });
            }
            let item = Item::Text {
                x,
                y: baseline,
                size: style.size,
                bold,
                italic: run.italic,
                color,
                text: run.text,
            };
            self.page().items.push(item);
            x += width;
        }
    }

    fn paragraph(&mut self, text: &str, style: &TextStyle) {
        let width = self.geometry.content_width() - style.indent;
        let lines = wrap(&displayable(text, style.bold), style.size, style.bold, width);
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            let baseline = self.y + style.size;
            self.text(self.geometry.margin + style.indent, baseline, style, line);
            self.y += lh;
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

    /// How much of a block must follow a heading on the same page: two lines
    /// of a paragraph, a table's header and first row, a chart's legend and
    /// first bar, an image whole, a sub-heading with what it keeps.
    fn first_part_height(&self, block: Option<&Block>, rest: &[Block]) -> f32 {
        match block {
            Some(Block::Paragraph { text, style }) => {
                let width = self.geometry.content_width() - style.indent;
                let lines =
                    wrap(&displayable(text, style.bold), style.size, style.bold, width).len().clamp(1, 2);
                lines as f32 * style.line_height()
            }
            Some(Block::Rich(rich)) => {
                self.rich_lines(rich).len().clamp(1, 2) as f32 * rich.style.line_height()
            }
            Some(Block::Table(table)) => self.table_start_height(table),
            Some(Block::Bars { .. }) => 2.0 * 15.0,
            Some(Block::Totals { bars, .. }) => Self::totals_height(bars.len()),
            Some(Block::Progress(rows)) => Self::totals_height(rows.len()),
            Some(Block::Sparklines(_)) => Self::SPARK_LEGEND + Self::SPARK_HEIGHT,
            Some(Block::AuditGrid(moves)) => self.audit_grid_height(moves.len()),
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
            self.page().items.push(Item::Line { x1, y1: y, x2, y2: y, color: RULE, width: 0.8 });
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

    fn columns(&self, table: &Table) -> Vec<f32> {
        let total: f32 = table.widths.iter().sum::<f32>().max(f32::EPSILON);
        let width = self.geometry.content_width();
        table.widths.iter().map(|w| w / total * width).collect()
    }

    /// A row's cells wrapped to their columns, and the row's height.
    fn wrap_row(columns: &[f32], cells: &[Cell], header: bool) -> (Vec<Vec<String>>, f32) {
        let wrapped: Vec<Vec<String>> = columns
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = cells.get(i);
                let bold = header || cell.is_some_and(|c| c.bold);
                let text = cell.map(|c| displayable(&c.text, bold)).unwrap_or_default();
                wrap(&text, TABLE_SIZE, bold, (w - 2.0 * CELL_PAD).max(4.0))
            })
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        (wrapped, lines as f32 * TABLE_SIZE * 1.3 + 2.0 * CELL_PAD)
    }

    /// A table's header row and first row: what a heading keeps with it.
    fn table_start_height(&self, table: &Table) -> f32 {
        let columns = self.columns(table);
        let header: Vec<Cell> = table.header.iter().map(|h| Cell::new(h.clone())).collect();
        let header = if table.header.iter().any(|h| !h.trim().is_empty()) {
            Self::wrap_row(&columns, &header, true).1
        } else {
            0.0
        };
        header + table.rows.first().map_or(0.0, |row| Self::wrap_row(&columns, row, false).1)
    }

    fn table(&mut self, table: &Table) {
        let columns = self.columns(table);
        let size = TABLE_SIZE;
        let lh = size * 1.3;
        let wrap_row = |cells: &[Cell], header: bool| Self::wrap_row(&columns, cells, header);
        let header_cells: Vec<Cell> = table.header.iter().map(|h| Cell::new(h.clone())).collect();
        let (header_lines, header_height) = wrap_row(&header_cells, true);
        let has_header = table.header.iter().any(|h| !h.trim().is_empty());
        let header_height = if has_header { header_height } else { 0.0 };
        let usable = self.geometry.bottom() - self.geometry.top() - header_height;
        let mut header_page: Option<usize> = None;
        for row in &table.rows {
            let (lines, height) = wrap_row(row, false);
            let on_this_page = header_page == Some(self.pages.len() - 1);
            if !on_this_page || height.min(usable) > self.room() {
                self.ensure(header_height + height.min(usable));
                if has_header {
                    self.draw_row(&columns, &header_lines, header_height, lh, size, true, &header_cells);
                }
                header_page = Some(self.pages.len() - 1);
            }
            if height <= self.room() {
                self.draw_row(&columns, &lines, height, lh, size, false, row);
            } else {
                // Taller than a whole page: the one case where a row must split.
                self.split_row(&columns, &lines, lh, size, row, &header_lines, header_height, &header_cells);
                header_page = Some(self.pages.len() - 1);
            }
        }
        self.y += 8.0;
    }

    #[allow(clippy::too_many_arguments)]
    fn split_row(
        &mut self,
        columns: &[f32],
        lines: &[Vec<String>],
        lh: f32,
        size: f32,
        cells: &[Cell],
        header_lines: &[Vec<String>],
        header_height: f32,
        header_cells: &[Cell],
    ) {
        let mut offset = 0;
        let longest = lines.iter().map(Vec::len).max().unwrap_or(0);
        while offset < longest {
            let fit = (((self.room() - 2.0 * CELL_PAD) / lh).floor() as usize).max(1);
            let chunk: Vec<Vec<String>> =
                lines.iter().map(|l| l.iter().skip(offset).take(fit).cloned().collect()).collect();
            let count = chunk.iter().map(Vec::len).max().unwrap_or(1).max(1);
            self.draw_row(columns, &chunk, count as f32 * lh + 2.0 * CELL_PAD, lh, size, false, cells);
            offset += fit;
            if offset < longest {
                self.new_page();
                if header_height > 0.0 {
                    self.draw_row(columns, header_lines, header_height, lh, size, true, header_cells);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &mut self,
        columns: &[f32],
        lines: &[Vec<String>],
        height: f32,
        lh: f32,
        size: f32,
        header: bool,
        cells: &[Cell],
    ) {
        let mut x = self.geometry.margin;
        let y = self.y;
        for (i, w) in columns.iter().enumerate() {
            let fill = if header { Some((0.91, 0.93, 0.96)) } else { cells.get(i).and_then(|c| c.fill) };
            self.page().items.push(Item::Rect { x, y, w: *w, h: height, fill, stroke: Some(RULE) });
            let bold = header || cells.get(i).is_some_and(|c| c.bold);
            let link = cells.get(i).and_then(|c| c.link.clone()).filter(|_| !header);
            let color = if link.is_some() { ACCENT } else { BLACK };
            let style = TextStyle { size, bold, color, indent: 0.0, space_after: 0.0 };
            for (n, line) in lines.get(i).into_iter().flatten().enumerate() {
                let baseline = y + CELL_PAD + size + n as f32 * lh - 1.0;
                self.text(x + CELL_PAD, baseline, &style, line.clone());
            }
            if let Some(uri) = link {
                self.page().items.push(Item::Link { x, y, w: *w, h: height, uri });
            }
            x += w;
        }
        self.y += height;
    }

    fn image(&mut self, index: usize, width_px: f32, height_px: f32, max_height: f32, caption: &str) {
        let max_width = self.geometry.content_width();
        let full = self.geometry.bottom() - self.geometry.top() - 20.0;
        let scale = (max_width / width_px).min(max_height.min(full) / height_px).min(1.0);
        let (w, h) = (width_px * scale, height_px * scale);
        self.ensure(h + 16.0);
        let (x, y) = (self.geometry.margin, self.y);
        self.page().items.push(Item::Image { index, x, y, w, h });
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

/// Lays the blocks out on pages of the given geometry.
pub fn layout(blocks: &[Block], geometry: &PageGeometry) -> Layout {
    let mut flow = Flow { geometry, pages: Vec::new(), y: 0.0, bookmarks: Vec::new() };
    flow.new_page();
    for (n, block) in blocks.iter().enumerate() {
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
            Block::Sparklines(lines) => flow.sparklines(lines),
            Block::AuditGrid(moves) => flow.audit_grid(moves),
            Block::Spacer(height) => flow.y += height,
            Block::PageBreak => {
                if flow.y > flow.geometry.top() + 0.5 {
                    flow.new_page();
                }
            }
        }
    }
    Layout { pages: flow.pages, bookmarks: flow.bookmarks }
}

#[path = "charts.rs"]
mod charts;
#[path = "rating_charts.rs"]
mod rating_charts;

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
