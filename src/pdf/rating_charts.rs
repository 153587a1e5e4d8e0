//! The self-rating charts: small multiples of every rating over time, and
//! the 5 × 5 audit grid of how expert by how often with an arrow per item.

use super::{Flow, fit_with_ellipsis};
use crate::pdf::blocks::*;
use crate::pdf::fonts::{displayable, text_width};

impl Flow<'_> {
    /// The height of one row of small multiples.
    pub(super) const SPARK_HEIGHT: f32 = 62.0;
    /// The legend line above the small multiples.
    pub(super) const SPARK_LEGEND: f32 = 14.0;
    /// The side of the audit grid.
    pub(super) const GRID_SIZE: f32 = 190.0;

    /// The audit grid with its axis labels, or its list when that is longer;
    /// never more than a page.
    pub(super) fn audit_grid_height(&self, items: usize) -> f32 {
        (Self::GRID_SIZE.max(items as f32 * 11.0) + 30.0).min(self.geometry.bottom() - self.geometry.top())
    }

    /// Three small charts a row, each its label, a 1–5 scale, expertise
    /// (blue) and frequency (grey) as lines with a dot per rating, and the
    /// dates; a row never splits.
    pub(super) fn sparklines(&mut self, lines: &[Sparkline]) {
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
    pub(super) fn audit_grid(&mut self, moves: &[AuditMove]) {
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
