//! The self-rating chart: the 5 × 5 audit grid of how expert by how often,
//! each item a path through every rating it was given, in order, ending in
//! an arrow at its latest; each path numbered where no other number is,
//! and a key beside the grid that wraps rather than cuts.

use super::{Flow, wrap};
use crate::pdf::blocks::*;
use crate::pdf::fonts::displayable;

/// The key's type size and line height.
const KEY_SIZE: f32 = 7.5;
const KEY_LINE: f32 = 9.5;
/// A number's box: how much room a label takes.
const LABEL_BOX: (f32, f32) = (9.0, 7.5);

impl Flow<'_> {
    /// The side of the audit grid.
    pub(super) const GRID_SIZE: f32 = 190.0;

    fn grid_key_width(&self) -> f32 {
        self.geometry.content_width() - 22.0 - Self::GRID_SIZE - 24.0
    }

    /// Each item's key text, wrapped to the key's width.
    fn grid_key(&self, moves: &[AuditMove]) -> Vec<Vec<String>> {
        let width = self.grid_key_width();
        moves
            .iter()
            .enumerate()
            .map(|(n, m)| {
                let ratings: Vec<String> =
                    m.path.iter().map(|(often, expert)| format!("{expert},{often}")).collect();
                let text = format!("{} {}: {} ({})", n + 1, m.label, ratings.join(" → "), m.span);
                wrap(&displayable(&text, false), KEY_SIZE, false, width)
            })
            .collect()
    }

    /// The audit grid with its axis labels, or its key when that is longer;
    /// never more than a page.
    pub(super) fn audit_grid_height(&self, moves: &[AuditMove]) -> f32 {
        let key: usize = self.grid_key(moves).iter().map(Vec::len).sum();
        let key = key as f32 * KEY_LINE + moves.len() as f32 * 1.5;
        (Self::GRID_SIZE.max(key) + 30.0).min(self.geometry.bottom() - self.geometry.top())
    }

    pub(super) fn audit_grid(&mut self, moves: &[AuditMove]) {
        let size = Self::GRID_SIZE;
        let key = self.grid_key(moves);
        self.ensure(self.audit_grid_height(moves));
        let (x0, y0) = (self.geometry.margin + 22.0, self.y + 4.0);
        let step = size / 5.0;
        for i in 0..5 {
            for j in 0..5 {
                let shade = 0.99 - 0.015 * (i + j) as f32;
                self.push(Item::Rect {
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
        let mut placed: Vec<(f32, f32)> = Vec::new();
        for (n, m) in moves.iter().enumerate() {
            // Items on the same squares are spread a little so each shows.
            let nudge = ((n % 7) as f32 - 3.0) * 2.5;
            let points: Vec<(f32, f32)> =
                m.path.iter().map(|p| at(*p)).map(|(x, y)| (x + nudge, y + nudge)).collect();
            self.path(&points);
            let Some(&(lx, ly)) = points.last() else { continue };
            let (x, y) = free_spot((lx, ly), &placed, (x0, y0, size));
            placed.push((x, y));
            let number = TextStyle { size: 6.5, color: ACCENT, bold: true, ..TextStyle::BODY };
            self.text(x, y + LABEL_BOX.1 - 1.0, &number, (n + 1).to_string());
        }
        let list_x = x0 + size + 24.0;
        let caption = "item: how expert, how often at each rating, in order";
        self.text(list_x, y0 - 2.0, &small, caption.into());
        let mut y = y0 + 8.0;
        for lines in key {
            for line in lines {
                self.text(list_x, y, &TextStyle { size: KEY_SIZE, ..TextStyle::BODY }, line);
                y += KEY_LINE;
            }
            y += 1.5;
        }
        self.y = (y0 + size + 26.0).max(y + 4.0);
    }

    /// A path through the points: a dot at each rating, a line between
    /// them, an arrow at the last (a square when it never moved).
    fn path(&mut self, points: &[(f32, f32)]) {
        for &(x, y) in &points[..points.len().saturating_sub(1)] {
            let dot = Item::Rect { x: x - 1.5, y: y - 1.5, w: 3.0, h: 3.0, fill: Some(GREY), stroke: None };
            self.push(dot);
        }
        let mut moved = false;
        for pair in points.windows(2) {
            let ((fx, fy), (lx, ly)) = (pair[0], pair[1]);
            if (fx - lx).abs() + (fy - ly).abs() <= 0.5 {
                continue;
            }
            moved = true;
            self.push(Item::Line { x1: fx, y1: fy, x2: lx, y2: ly, color: ACCENT, width: 1.0 });
        }
        let Some(&(lx, ly)) = points.last() else { return };
        // The arrow points along the last move that went somewhere.
        let from = points.iter().rev().find(|(x, y)| (x - lx).abs() + (y - ly).abs() > 0.5);
        match from.filter(|_| moved) {
            Some(&(fx, fy)) => {
                let (dx, dy) = (lx - fx, ly - fy);
                let len = (dx * dx + dy * dy).sqrt().max(0.01);
                let (ux, uy) = (dx / len, dy / len);
                for side in [-1.0_f32, 1.0] {
                    let (hx, hy) = (lx - 5.0 * ux - side * 3.0 * uy, ly - 5.0 * uy + side * 3.0 * ux);
                    let head = Item::Line { x1: lx, y1: ly, x2: hx, y2: hy, color: ACCENT, width: 1.0 };
                    self.push(head);
                }
            }
            None => {
                let still =
                    Item::Rect { x: lx - 2.0, y: ly - 2.0, w: 4.0, h: 4.0, fill: Some(ACCENT), stroke: None };
                self.push(still);
            }
        }
    }
}

/// Where a number goes near the head of its path: the first of a ring of
/// spots around it that overlaps no number placed before and stays inside
/// the grid (the nearest, if every spot is taken). Top-left corners.
fn free_spot(head: (f32, f32), placed: &[(f32, f32)], (x0, y0, size): (f32, f32, f32)) -> (f32, f32) {
    let (w, h) = LABEL_BOX;
    let overlaps =
        |(x, y): (f32, f32)| placed.iter().any(|(px, py)| (x - px).abs() < w && (y - py).abs() < h);
    let inside = |(x, y): (f32, f32)| x >= x0 && y >= y0 && x + w <= x0 + size && y + h <= y0 + size;
    let mut fallback = None;
    for ring in 1..=4 {
        let r = ring as f32 * 4.0;
        for (dx, dy) in [(1.0, -1.0), (1.0, 0.3), (-1.6, -1.0), (-1.6, 0.3), (0.0, -1.8), (0.0, 1.0)] {
            let spot = (head.0 + dx * r, head.1 + dy * r - h / 2.0);
            if !inside(spot) {
                continue;
            }
            if !overlaps(spot) {
                return spot;
            }
            fallback.get_or_insert(spot);
        }
    }
    fallback.unwrap_or((head.0 + 2.5, head.1 - h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_one_spot_take_different_places() {
        let grid = (0.0, 0.0, 190.0);
        let mut placed = Vec::new();
        for _ in 0..6 {
            let spot = free_spot((95.0, 95.0), &placed, grid);
            placed.push(spot);
        }
        for (n, a) in placed.iter().enumerate() {
            for b in &placed[n + 1..] {
                let apart = (a.0 - b.0).abs() >= LABEL_BOX.0 || (a.1 - b.1).abs() >= LABEL_BOX.1;
                assert!(apart, "{a:?} and {b:?} overlap");
            }
        }
    }
}
