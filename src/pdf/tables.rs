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
        // The header is tagged the first time; on later pages it repeats as an artifact.
        let table_node = self.current;
        let mut header_nodes =
            has_header.then(|| self.row_nodes(table_node, columns.len(), |_| Some("Column")));
        // Without a header row, the first column names each row (a label and its value).
        let row_head = |n: usize| (!has_header && n == 0).then_some("Row");
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
                    let nodes = header_nodes.take();
                    self.draw_row(
                        &columns,
                        &header_lines,
                        header_height,
                        (lh, size),
                        true,
                        &header_cells,
                        nodes.as_deref(),
                    );
                }
                header_page = Some(self.pages.len() - 1);
            }
            on_page += 1;
            let nodes = self.row_nodes(table_node, columns.len(), row_head);
            if height <= self.room() {
                self.draw_row(&columns, lines, height, (lh, size), false, row, Some(&nodes));
            } else {
                // Long, and not room for all of it: it continues on the next page.
                let header = (&header_lines[..], header_height, &header_cells[..]);
                self.split_row(&columns, lines, (lh, size), row, header, &nodes);
                header_page = Some(self.pages.len() - 1);
            }
        }
        self.current = table_node;
        self.y += 8.0;
    }

    /// A row of the table (a TR under `table`) and its cells: a header
    /// cell (TH) where `heads` gives its scope, else a data cell (TD).
    fn row_nodes(
        &mut self,
        table: usize,
        cells: usize,
        heads: impl Fn(usize) -> Option<&'static str>,
    ) -> Vec<usize> {
        self.current = table;
        let row = self.begin(Role::TR);
        self.current = row;
        let cells = (0..cells)
            .map(|n| {
                let scope = heads(n);
                let cell = self.begin(if scope.is_some() { Role::TH } else { Role::TD });
                self.nodes[cell].scope = scope;
                cell
            })
            .collect();
        self.current = table;
        cells
    }

    /// A row too long for the room left, drawn a page at a time (its cells
    /// stay the same elements; the header repeats on each page).
    fn split_row(
        &mut self,
        columns: &[f32],
        lines: &[Vec<String>],
        (lh, size): (f32, f32),
        cells: &[Cell],
        (header_lines, header_height, header_cells): (&[Vec<String>], f32, &[Cell]),
        nodes: &[usize],
    ) {
        let mut offset = 0;
        let longest = lines.iter().map(Vec::len).max().unwrap_or(0);
        while offset < longest {
            let fit = (((self.room() - 2.0 * CELL_PAD) / lh).floor() as usize).max(1);
            let chunk: Vec<Vec<String>> =
                lines.iter().map(|l| l.iter().skip(offset).take(fit).cloned().collect()).collect();
            let count = chunk.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = count as f32 * lh + 2.0 * CELL_PAD;
            self.draw_row(columns, &chunk, height, (lh, size), false, cells, Some(nodes));
            offset += fit;
            if offset < longest {
                self.new_page();
                if header_height > 0.0 {
                    self.draw_row(columns, header_lines, header_height, (lh, size), true, header_cells, None);
                }
            }
        }
    }

    /// One row: each cell's box (an artifact) and lines, as content of its
    /// element in `nodes`, or all an artifact (a header repeated) without.
    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &mut self,
        columns: &[f32],
        lines: &[Vec<String>],
        height: f32,
        (lh, size): (f32, f32),
        header: bool,
        cells: &[Cell],
        nodes: Option<&[usize]>,
    ) {
        let y = self.y;
        let table = self.current;
        self.artifact = nodes.is_none();
        // The boxes first, all one artifact, then each cell's words.
        let mut x = self.geometry.margin;
        for (i, w) in columns.iter().enumerate() {
            let fill = if header { Some((0.91, 0.93, 0.96)) } else { cells.get(i).and_then(|c| c.fill) };
            self.push(Item::Rect { x, y, w: *w, h: height, fill, stroke: Some(RULE) });
            x += w;
        }
        let mut x = self.geometry.margin;
        for (i, w) in columns.iter().enumerate() {
            self.current = nodes.and_then(|n| n.get(i)).copied().unwrap_or(table);
            let bold = header || cells.get(i).is_some_and(|c| c.bold);
            let link = cells.get(i).and_then(|c| c.link.clone()).filter(|_| !header);
            let color = if link.is_some() { ACCENT } else { BLACK };
            // A cell that opens an address holds a link element with its words.
            let link_node = link.as_deref().filter(|_| nodes.is_some()).map(|uri| self.link(uri));
            if let Some(node) = link_node {
                self.current = node;
            }
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
                let mark = link_node.map_or(Mark::Artifact, Mark::Node);
                self.push_as(Item::Link { x, y, w: *w, h: height, uri }, mark);
            }
            x += w;
        }
        self.current = table;
        self.artifact = false;
        self.y += height;
    }
}
