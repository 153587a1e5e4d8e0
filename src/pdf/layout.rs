//! The layout engine: blocks in, positioned pages out.
//!
//! It knows nothing of portfolios. Documents describe themselves as
//! [`Block`]s; [`layout`] measures text with the embedded font's real widths,
//! wraps it, and flows it down pages: headings never end a page alone, table
//! rows never split (unless one row is taller than a page) and the header row
//! repeats on every page a table reaches. Coordinates are points from the
//! top-left corner of the page; `render` turns them into PDF.

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
        let item =
            Item::Text { x, y: baseline, size: style.size, bold: style.bold, color: style.color, text };
        self.page().items.push(item);
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
    fn heading_height(&self, level: u8, text: &str) -> f32 {
        let style = Self::heading_style(level);
        let lines = wrap(&displayable(text, true), style.size, true, self.geometry.content_width());
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
            Some(Block::Heading { level, text }) => {
                self.heading_height(*level, text)
                    + self.first_part_height(rest.first(), rest.get(1..).unwrap_or(&[]))
            }
            _ => 2.0 * TextStyle::BODY.line_height(),
        }
    }

    fn heading(&mut self, level: u8, text: &str, keep: f32) {
        let style = Self::heading_style(level);
        let lines = wrap(&displayable(text, true), style.size, true, self.geometry.content_width());
        let own = self.heading_height(level, text);
        // Keep the heading with the start of what follows (never more than a page).
        let page = self.geometry.bottom() - self.geometry.top();
        self.ensure((own + keep).min(page));
        self.y += if level == 1 && self.y > self.geometry.top() + 0.5 { 10.0 } else { 4.0 };
        if level <= 2 {
            let (page, y) = (self.pages.len() - 1, self.y);
            self.bookmarks.push(Bookmark { level, title: text.to_string(), page, y });
        }
        for line in lines {
            let baseline = self.y + style.size;
            self.text(self.geometry.margin, baseline, &style, line);
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
            let style = TextStyle { size, bold, color: BLACK, indent: 0.0, space_after: 0.0 };
            for (n, line) in lines.get(i).into_iter().flatten().enumerate() {
                let baseline = y + CELL_PAD + size + n as f32 * lh - 1.0;
                self.text(x + CELL_PAD, baseline, &style, line.clone());
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

    fn bars(&mut self, bars: &[Bar], max: f32, legend: &(String, String)) {
        let row = 15.0;
        let label_width = self.geometry.content_width() * 0.42;
        let bar_width = self.geometry.content_width() - label_width - 30.0;
        let first_color = (0.7, 0.74, 0.8);
        let legend_style = TextStyle::SMALL;
        // A chart is one block: its legend and every bar on one page (a
        // chart taller than a page is the only one that breaks).
        self.ensure(
            (row * (bars.len() as f32 + 1.0) + 6.0).min(self.geometry.bottom() - self.geometry.top()),
        );
        let y = self.y + 8.0;
        let x = self.geometry.margin + label_width;
        self.page().items.push(Item::Rect {
            x,
            y: y - 6.0,
            w: 8.0,
            h: 6.0,
            fill: Some(first_color),
            stroke: None,
        });
        self.text(x + 11.0, y, &legend_style, legend.0.clone());
        let x2 = x + 11.0 + text_width(&legend.0, legend_style.size, false) + 14.0;
        self.page().items.push(Item::Rect {
            x: x2,
            y: y - 6.0,
            w: 8.0,
            h: 6.0,
            fill: Some(ACCENT),
            stroke: None,
        });
        self.text(x2 + 11.0, y, &legend_style, legend.1.clone());
        self.y += row;
        for bar in bars {
            self.ensure(row);
            let style = TextStyle { size: 8.5, ..TextStyle::BODY };
            let first_line = fit_with_ellipsis(&displayable(&bar.label, false), 8.5, label_width - 8.0);
            self.text(self.geometry.margin, self.y + 9.0, &style, first_line);
            let scale = |v: f32| (v / max).clamp(0.0, 1.0) * bar_width;
            let y = self.y + 1.0;
            self.page().items.push(Item::Rect {
                x,
                y,
                w: scale(bar.first),
                h: 5.5,
                fill: Some(first_color),
                stroke: None,
            });
            self.page().items.push(Item::Rect {
                x,
                y: y + 6.5,
                w: scale(bar.latest),
                h: 5.5,
                fill: Some(ACCENT),
                stroke: None,
            });
            let value = format!("{} → {}", bar.first, bar.latest);
            self.text(x + bar_width + 4.0, self.y + 9.0, &TextStyle::SMALL, value);
            self.y += row;
        }
        self.y += 6.0;
    }
}

impl Flow<'_> {
    const TOTALS_ROW: f32 = 14.0;

    /// A totals chart's height: a legend line, the bars, the space after.
    fn totals_height(bars: usize) -> f32 {
        Self::TOTALS_ROW * (bars as f32 + 1.0) + 8.0
    }

    /// Horizontal bars to one scale, the target as a red line through them
    /// all; one block, never split over pages.
    fn totals(&mut self, bars: &[(String, f32)], target: Option<&(f32, String)>, unit: &str) {
        let row = Self::TOTALS_ROW;
        let label_width = self.geometry.content_width() * 0.18;
        let bar_width = self.geometry.content_width() - label_width - 60.0;
        let max =
            bars.iter().map(|b| b.1).chain(target.map(|t| t.0)).fold(0.0_f32, f32::max).max(f32::EPSILON);
        self.ensure(Self::totals_height(bars.len()).min(self.geometry.bottom() - self.geometry.top()));
        let x = self.geometry.margin + label_width;
        let scale = |v: f32| (v / max).clamp(0.0, 1.0) * bar_width;
        let top = self.y;
        if let Some((value, label)) = target {
            let lx = x + scale(*value);
            let y = self.y + 8.0;
            self.page().items.push(Item::Line {
                x1: x,
                y1: y - 3.0,
                x2: x + 10.0,
                y2: y - 3.0,
                color: TARGET,
                width: 1.2,
            });
            self.text(x + 14.0, y, &TextStyle::SMALL, format!("target: {label}"));
            let bottom = top + row * (bars.len() as f32 + 1.0);
            self.page().items.push(Item::Line {
                x1: lx,
                y1: top + row - 2.0,
                x2: lx,
                y2: bottom,
                color: TARGET,
                width: 1.2,
            });
        }
        self.y += row;
        let style = TextStyle { size: 8.5, ..TextStyle::BODY };
        for (label, value) in bars {
            let shown = fit_with_ellipsis(&displayable(label, false), 8.5, label_width - 6.0);
            self.text(self.geometry.margin, self.y + 9.0, &style, shown);
            let fill = if target.is_some_and(|t| *value < t.0) { (0.7, 0.74, 0.8) } else { ACCENT };
            let y = self.y + 2.0;
            self.page().items.push(Item::Rect {
                x,
                y,
                w: scale(*value),
                h: 9.0,
                fill: Some(fill),
                stroke: None,
            });
            let text = format!("{} {unit}", crate::model::format::hours(f64::from(*value)));
            self.text(x + scale(*value).max(0.0) + 4.0, self.y + 9.0, &TextStyle::SMALL, text);
            self.y += row;
        }
        self.y += 8.0;
    }
}

impl Flow<'_> {
    /// One bar per row: the whole in light grey, what is evidenced in blue,
    /// what is accepted in green over it, and the figures in words.
    fn progress(&mut self, rows: &[ProgressRow]) {
        let row = Self::TOTALS_ROW;
        let label_width = self.geometry.content_width() * 0.2;
        let bar_width = self.geometry.content_width() * 0.4;
        self.ensure(Self::totals_height(rows.len()).min(self.geometry.bottom() - self.geometry.top()));
        let x = self.geometry.margin + label_width;
        let style = TextStyle { size: 8.5, ..TextStyle::BODY };
        let legend = [((0.8, 0.86, 0.95), "evidenced"), (ACCEPTED, "accepted")];
        let mut lx = x;
        for (color, text) in legend {
            let y = self.y + 2.0;
            self.page().items.push(Item::Rect { x: lx, y, w: 8.0, h: 6.0, fill: Some(color), stroke: None });
            self.text(lx + 11.0, self.y + 8.0, &TextStyle::SMALL, text.to_string());
            lx += 11.0 + text_width(text, TextStyle::SMALL.size, false) + 14.0;
        }
        self.y += row;
        for r in rows {
            let part = |n: usize| if r.total == 0 { 0.0 } else { n as f32 / r.total as f32 * bar_width };
            let shown = fit_with_ellipsis(&displayable(&r.label, false), 8.5, label_width - 6.0);
            self.text(self.geometry.margin, self.y + 9.0, &style, shown);
            let y = self.y + 2.0;
            self.page().items.push(Item::Rect {
                x,
                y,
                w: bar_width,
                h: 9.0,
                fill: Some((0.95, 0.95, 0.96)),
                stroke: Some(RULE),
            });
            self.page().items.push(Item::Rect {
                x,
                y,
                w: part(r.evidenced),
                h: 9.0,
                fill: Some((0.8, 0.86, 0.95)),
                stroke: None,
            });
            self.page().items.push(Item::Rect {
                x,
                y,
                w: part(r.accepted),
                h: 9.0,
                fill: Some(ACCEPTED),
                stroke: None,
            });
            let words = format!("{} of {} evidenced, {} accepted", r.evidenced, r.total, r.accepted);
            self.text(x + bar_width + 6.0, self.y + 9.0, &TextStyle::SMALL, words);
            self.y += row;
        }
        self.y += 8.0;
    }
}

impl Flow<'_> {
    /// The height of one row of small multiples.
    const SPARK_HEIGHT: f32 = 62.0;
    /// The legend line above the small multiples.
    const SPARK_LEGEND: f32 = 14.0;
    /// The side of the audit grid.
    const GRID_SIZE: f32 = 190.0;

    /// The audit grid with its axis labels, or its list when that is longer;
    /// never more than a page.
    fn audit_grid_height(&self, items: usize) -> f32 {
        (Self::GRID_SIZE.max(items as f32 * 11.0) + 30.0).min(self.geometry.bottom() - self.geometry.top())
    }

    /// Three small charts a row, each its label, a 1–5 scale, expertise
    /// (blue) and frequency (grey) as lines with a dot per rating, and the
    /// dates; a row never splits.
    fn sparklines(&mut self, lines: &[Sparkline]) {
        const PER_ROW: usize = 3;
        let gap = 14.0;
        let cell = (self.geometry.content_width() - gap * (PER_ROW as f32 - 1.0)) / PER_ROW as f32;
        let legend = [(ACCENT, "how expert"), (GREY, "how often")];
        let mut lx = self.geometry.margin;
        self.ensure(Self::SPARK_LEGEND + Self::SPARK_HEIGHT);
        for (color, text) in legend {
            let y = self.y + 5.0;
            self.page().items.push(Item::Line { x1: lx, y1: y, x2: lx + 12.0, y2: y, color, width: 1.4 });
            self.text(lx + 15.0, self.y + 8.0, &TextStyle::SMALL, text.to_string());
            lx += 15.0 + text_width(text, TextStyle::SMALL.size, false) + 16.0;
        }
        self.y += Self::SPARK_LEGEND;
        for row in lines.chunks(PER_ROW) {
            self.ensure(Self::SPARK_HEIGHT);
            for (n, line) in row.iter().enumerate() {
                let x0 = self.geometry.margin + n as f32 * (cell + gap);
                let label = fit_with_ellipsis(&displayable(&line.label, false), 7.5, cell);
                self.text(x0, self.y + 8.0, &TextStyle { size: 7.5, ..TextStyle::BODY }, label);
                let (top, height) = (self.y + 13.0, 32.0);
                let y_of = |score: f32| top + height - (score - 1.0) / 4.0 * height;
                self.page().items.push(Item::Rect {
                    x: x0,
                    y: top,
                    w: cell,
                    h: height,
                    fill: Some((0.97, 0.97, 0.98)),
                    stroke: Some(RULE),
                });
                for score in [2.0, 3.0, 4.0] {
                    let y = y_of(score);
                    self.page().items.push(Item::Line {
                        x1: x0,
                        y1: y,
                        x2: x0 + cell,
                        y2: y,
                        color: (0.9, 0.9, 0.92),
                        width: 0.4,
                    });
                }
                let count = line.points.len().max(1);
                let x_of = |i: usize| {
                    if count == 1 {
                        x0 + cell / 2.0
                    } else {
                        x0 + 6.0 + i as f32 / (count - 1) as f32 * (cell - 12.0)
                    }
                };
                for (pick, color) in [(0usize, ACCENT), (1, GREY)] {
                    let value = |p: &(f32, f32)| if pick == 0 { p.0 } else { p.1 };
                    for (i, pair) in line.points.windows(2).enumerate() {
                        let (a, b) = (value(&pair[0]), value(&pair[1]));
                        self.page().items.push(Item::Line {
                            x1: x_of(i),
                            y1: y_of(a),
                            x2: x_of(i + 1),
                            y2: y_of(b),
                            color,
                            width: 1.2,
                        });
                    }
                    for (i, p) in line.points.iter().enumerate() {
                        let (x, y) = (x_of(i), y_of(value(p)));
                        self.page().items.push(Item::Rect {
                            x: x - 1.5,
                            y: y - 1.5,
                            w: 3.0,
                            h: 3.0,
                            fill: Some(color),
                            stroke: None,
                        });
                    }
                }
                self.text(
                    x0,
                    top + height + 8.0,
                    &TextStyle { size: 6.5, color: GREY, ..TextStyle::BODY },
                    line.span.clone(),
                );
            }
            self.y += Self::SPARK_HEIGHT;
        }
        self.y += 4.0;
    }

    /// The 5 × 5 audit grid with an arrow per item from first to latest,
    /// numbered at its head, and the numbers' items listed beside it.
    fn audit_grid(&mut self, moves: &[AuditMove]) {
        let size = Self::GRID_SIZE;
        let listed = moves.len() as f32 * 11.0;
        self.ensure(self.audit_grid_height(moves.len()));
        let (x0, y0) = (self.geometry.margin + 22.0, self.y + 4.0);
        let step = size / 5.0;
        for i in 0..5 {
            for j in 0..5 {
                let shade = 0.99 - 0.015 * (i + j) as f32;
                self.page().items.push(Item::Rect {
                    x: x0 + i as f32 * step,
                    y: y0 + j as f32 * step,
                    w: step,
                    h: step,
                    fill: Some((shade, shade, shade + 0.005)),
                    stroke: Some(RULE),
                });
            }
        }
        let small = TextStyle { size: 6.5, color: GREY, ..TextStyle::BODY };
        for n in 1..=5 {
            let label = n.to_string();
            self.text(x0 + (n as f32 - 0.5) * step - 2.0, y0 + size + 9.0, &small, label.clone());
            self.text(x0 - 9.0, y0 + size - (n as f32 - 0.5) * step + 2.0, &small, label);
        }
        self.text(x0 + size / 2.0 - 20.0, y0 + size + 19.0, &small, "how often →".into());
        self.text(x0 - 22.0, y0 - 2.0, &small, "↑ how expert".into());
        let at = |(frequency, expertise): (f32, f32)| {
            (x0 + (frequency - 0.5) * step, y0 + size - (expertise - 0.5) * step)
        };
        for (n, m) in moves.iter().enumerate() {
            // Items on the same squares are spread a little so each shows.
            let nudge = ((n % 5) as f32 - 2.0) * 3.0;
            let (fx, fy) = at(m.first);
            let (lx, ly) = at(m.latest);
            let (fx, fy, lx, ly) = (fx + nudge, fy + nudge, lx + nudge, ly + nudge);
            self.page().items.push(Item::Rect {
                x: fx - 1.5,
                y: fy - 1.5,
                w: 3.0,
                h: 3.0,
                fill: Some(GREY),
                stroke: None,
            });
            if (fx - lx).abs() + (fy - ly).abs() > 0.5 {
                self.page().items.push(Item::Line {
                    x1: fx,
                    y1: fy,
                    x2: lx,
                    y2: ly,
                    color: ACCENT,
                    width: 1.0,
                });
                let (dx, dy) = (lx - fx, ly - fy);
                let len = (dx * dx + dy * dy).sqrt().max(0.01);
                let (ux, uy) = (dx / len, dy / len);
                for side in [-1.0_f32, 1.0] {
                    let (hx, hy) = (lx - 5.0 * ux - side * 3.0 * uy, ly - 5.0 * uy + side * 3.0 * ux);
                    self.page().items.push(Item::Line {
                        x1: lx,
                        y1: ly,
                        x2: hx,
                        y2: hy,
                        color: ACCENT,
                        width: 1.0,
                    });
                }
            } else {
                self.page().items.push(Item::Rect {
                    x: lx - 2.0,
                    y: ly - 2.0,
                    w: 4.0,
                    h: 4.0,
                    fill: Some(ACCENT),
                    stroke: None,
                });
            }
            self.text(
                lx + 2.5,
                ly - 2.5,
                &TextStyle { size: 6.5, color: ACCENT, bold: true, ..TextStyle::BODY },
                (n + 1).to_string(),
            );
        }
        let list_x = x0 + size + 24.0;
        let list_width = self.geometry.width - self.geometry.margin - list_x;
        let caption = "item (how expert, how often: first → latest)";
        self.text(list_x, y0 - 2.0, &small, caption.into());
        for (n, m) in moves.iter().enumerate() {
            let text = format!(
                "{} {} ({}, {} → {}, {})",
                n + 1,
                m.label,
                m.first.1,
                m.first.0,
                m.latest.1,
                m.latest.0
            );
            let line = fit_with_ellipsis(&displayable(&text, false), 7.5, list_width);
            self.text(list_x, y0 + 8.0 + n as f32 * 11.0, &TextStyle { size: 7.5, ..TextStyle::BODY }, line);
        }
        self.y = y0 + size.max(listed) + 26.0;
    }
}

/// The colour of what an assessor accepted in a progress bar.
const ACCEPTED: Color = (0.55, 0.78, 0.6);

/// The colour a target line is drawn in.
const TARGET: Color = (0.75, 0.15, 0.15);

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
            Block::Heading { level, text } => {
                let rest = &blocks[n + 1..];
                let keep = flow.first_part_height(rest.first(), rest.get(1..).unwrap_or(&[]));
                flow.heading(*level, text, keep)
            }
            Block::Paragraph { text, style } => flow.paragraph(text, style),
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

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
