//! Tables in the layout engine: columns sized by their relative widths,
//! cells wrapped, short rows never split, the
//! header row repeated on every page a table reaches, and no row left alone
//! — a table starts with at least two rows under its header, and its last
//! row never goes to a new page by itself. A row longer than a quarter of a
//! page continues on the next rather than leave the rest of this one blank.

use super::{Flow, wrap};
use crate::pdf::blocks::*;
use crate::pdf::fonts::{displayable, text_width};

const CELL_PAD: f32 = 3.5;
/// The type size of table cells.
const TABLE_SIZE: f32 = 8.5;

impl Flow<'_> {
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

    /// A table's header row and first two rows: what a heading keeps with
    /// it, and what a table needs to start on a page.
    pub(super) fn table_start_height(&self, table: &Table) -> f32 {
        let columns = self.columns(table);
        let header: Vec<Cell> = table.header.iter().map(|h| Cell::new(h.clone())).collect();
        let header = if table.header.iter().any(|h| !h.trim().is_empty()) {
            Self::wrap_row(&columns, &header, true).1
        } else {
            0.0
        };
        let rows: f32 = table.rows.iter().take(2).map(|row| Self::wrap_row(&columns, row, false).1).sum();
        header + rows
    }

    pub(super) fn table(&mut self, table: &Table) {
        let columns = self.columns(table);
        let size = TABLE_SIZE;
        let lh = size * 1.3;
        let wrap_row = |cells: &[Cell], header: bool| Self::wrap_row(&columns, cells, header);
        // A column of numbers has its heading over them, at the right.
        let numbers =
            |n: usize| !table.rows.is_empty() && table.rows.iter().all(|r| r.get(n).is_some_and(|c| c.right));
        let header_cells: Vec<Cell> = table
            .header
            .iter()
            .enumerate()
            .map(|(n, h)| Cell { right: numbers(n), ..Cell::new(h.clone()) })
            .collect();
        let (header_lines, header_height) = wrap_row(&header_cells, true);
        let has_header = table.header.iter().any(|h| !h.trim().is_empty());
        let header_height = if has_header { header_height } else { 0.0 };
        let usable = self.geometry.bottom() - self.geometry.top() - header_height;
        let rows: Vec<(Vec<Vec<String>>, f32)> = table.rows.iter().map(|row| wrap_row(row, false)).collect();
        let mut header_page: Option<usize> = None;
        let mut on_page = 0;
        for (n, (row, (lines, height))) in table.rows.iter().zip(rows.iter()).enumerate() {
            let height = *height;
            let on_this_page = header_page == Some(self.pages.len() - 1);
            // The last two rows go over together rather than the last alone.
            let widow = n + 2 == rows.len()
                && on_page >= 2
                && height + rows[n + 1].1 > self.room()
                && rows[n + 1].1 <= usable;
            // A long row (a list of items in a cell) may continue on the next
            // page rather than leave a quarter of this one blank.
            let splits_here = height > usable / 4.0 && self.room() > 2.0 * CELL_PAD + 4.0 * lh;
            let moves = height.min(usable) > self.room() && !(on_this_page && splits_here);
            if !on_this_page || moves || widow {
                if !on_this_page {
                    // A table starts with two rows under its header, not one.
                    let start: f32 = rows.iter().skip(n).take(2).map(|r| r.1).sum();
                    self.ensure(header_height + start.min(usable));
                } else {
                    self.new_page();
                }
                on_page = 0;
                if has_header {
                    self.draw_row(&columns, &header_lines, header_height, lh, size, true, &header_cells);
                }
                header_page = Some(self.pages.len() - 1);
            }
            on_page += 1;
            if height <= self.room() {
                self.draw_row(&columns, lines, height, lh, size, false, row);
            } else {
                // Long, and not room for all of it: it continues on the next page.
                self.split_row(&columns, lines, lh, size, row, &header_lines, header_height, &header_cells);
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
            let right = cells.get(i).is_some_and(|c| c.right);
            for (n, line) in lines.get(i).into_iter().flatten().enumerate() {
                let baseline = y + CELL_PAD + size + n as f32 * lh - 1.0;
                let left = match right {
                    true => x + w - CELL_PAD - text_width(line, size, bold),
                    false => x + CELL_PAD,
                };
                self.text(left, baseline, &style, line.clone());
            }
            if let Some(uri) = link {
                self.page().items.push(Item::Link { x, y, w: *w, h: height, uri });
            }
            x += w;
        }
        self.y += height;
    }
}
