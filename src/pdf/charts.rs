//! The charts of the layout engine: paired bars, totals with a target and
//! progress bars (the self-rating charts are in `rating_charts`) — each one
//! block of vector drawing that never splits over pages (unless taller
//! than a page).

use super::{Flow, fit_with_ellipsis};
use crate::pdf::blocks::*;
use crate::pdf::fonts::{displayable, text_width};

/// The type size of a bar's label, and the room a second line of it takes.
const BAR_LABEL: f32 = 8.5;
const BAR_LABEL_LINE: f32 = 9.5;

impl Flow<'_> {
    /// Each bar's label in at most two lines (wrapped, not cut, unless it
    /// needs a third).
    fn bar_labels(&self, bars: &[Bar]) -> Vec<Vec<String>> {
        let width = self.geometry.content_width() * 0.42 - 8.0;
        bars.iter()
            .map(|bar| {
                let mut lines = super::wrap(&displayable(&bar.label, false), BAR_LABEL, false, width);
                if lines.len() > 2 {
                    let rest = lines[1..].join(" ");
                    lines.truncate(1);
                    lines.push(fit_with_ellipsis(&rest, BAR_LABEL, width));
                }
                lines
            })
            .collect()
    }

    /// The whole chart: its legend and every bar (it never splits unless
    /// taller than a page).
    pub(super) fn bars_height(&self, bars: &[Bar]) -> f32 {
        let labels: f32 =
            self.bar_labels(bars).iter().map(|l| 15.0 + (l.len().max(1) - 1) as f32 * BAR_LABEL_LINE).sum();
        (15.0 + labels + 6.0).min(self.geometry.bottom() - self.geometry.top())
    }

    pub(super) fn bars(&mut self, bars: &[Bar], max: f32, legend: &(String, String)) {
        let row = 15.0;
        let labels = self.bar_labels(bars);
        let label_width = self.geometry.content_width() * 0.42;
        let bar_width = self.geometry.content_width() - label_width - 30.0;
        let first_color = (0.7, 0.74, 0.8);
        let legend_style = TextStyle::SMALL;
        // A chart is one block: its legend and every bar on one page (a
        // chart taller than a page is the only one that breaks).
        self.ensure(self.bars_height(bars));
        let y = self.y + 8.0;
        let x = self.geometry.margin + label_width;
        self.push(Item::Rect { x, y: y - 6.0, w: 8.0, h: 6.0, fill: Some(first_color), stroke: None });
        self.text(x + 11.0, y, &legend_style, legend.0.clone());
        let x2 = x + 11.0 + text_width(&legend.0, legend_style.size, false) + 14.0;
        self.push(Item::Rect { x: x2, y: y - 6.0, w: 8.0, h: 6.0, fill: Some(ACCENT), stroke: None });
        self.text(x2 + 11.0, y, &legend_style, legend.1.clone());
        self.y += row;
        for (bar, label) in bars.iter().zip(labels) {
            let height = row + (label.len().max(1) - 1) as f32 * BAR_LABEL_LINE;
            self.ensure(height);
            let style = TextStyle { size: BAR_LABEL, ..TextStyle::BODY };
            for (n, line) in label.into_iter().enumerate() {
                self.text(self.geometry.margin, self.y + 9.0 + n as f32 * BAR_LABEL_LINE, &style, line);
            }
            let scale = |v: f32| (v / max).clamp(0.0, 1.0) * bar_width;
            let y = self.y + 1.0;
            self.push(Item::Rect {
                x,
                y,
                w: scale(bar.first),
                h: 5.5,
                fill: Some(first_color),
                stroke: None,
            });
            self.push(Item::Rect {
                x,
                y: y + 6.5,
                w: scale(bar.latest),
                h: 5.5,
                fill: Some(ACCENT),
                stroke: None,
            });
            let value = format!("{} → {}", bar.first, bar.latest);
            self.text(x + bar_width + 4.0, self.y + 9.0, &TextStyle::SMALL, value);
            self.y += height;
        }
        self.y += 6.0;
    }
}

impl Flow<'_> {
    pub(super) const TOTALS_ROW: f32 = 14.0;

    /// A totals chart's height: a legend line, the bars, the space after.
    pub(super) fn totals_height(bars: usize) -> f32 {
        Self::TOTALS_ROW * (bars as f32 + 1.0) + 8.0
    }

    /// Horizontal bars to one scale, the target as a red line through them
    /// all; one block, never split over pages.
    pub(super) fn totals(&mut self, bars: &[(String, f32)], target: Option<&(f32, String)>, unit: &str) {
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
            self.push(Item::Line {
                x1: x,
                y1: y - 3.0,
                x2: x + 10.0,
                y2: y - 3.0,
                color: TARGET,
                width: 1.2,
            });
            self.text(x + 14.0, y, &TextStyle::SMALL, format!("target: {label}"));
            let bottom = top + row * (bars.len() as f32 + 1.0);
            self.push(Item::Line {
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
            self.push(Item::Rect { x, y, w: scale(*value), h: 9.0, fill: Some(fill), stroke: None });
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
    pub(super) fn progress(&mut self, rows: &[ProgressRow]) {
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
            self.push(Item::Rect { x: lx, y, w: 8.0, h: 6.0, fill: Some(color), stroke: None });
            self.text(lx + 11.0, self.y + 8.0, &TextStyle::SMALL, text.to_string());
            lx += 11.0 + text_width(text, TextStyle::SMALL.size, false) + 14.0;
        }
        self.y += row;
        for r in rows {
            let part = |n: usize| if r.total == 0 { 0.0 } else { n as f32 / r.total as f32 * bar_width };
            let shown = fit_with_ellipsis(&displayable(&r.label, false), 8.5, label_width - 6.0);
            self.text(self.geometry.margin, self.y + 9.0, &style, shown);
            let y = self.y + 2.0;
            self.push(Item::Rect {
                x,
                y,
                w: bar_width,
                h: 9.0,
                fill: Some((0.95, 0.95, 0.96)),
                stroke: Some(RULE),
            });
            self.push(Item::Rect {
                x,
                y,
                w: part(r.evidenced),
                h: 9.0,
                fill: Some((0.8, 0.86, 0.95)),
                stroke: None,
            });
            self.push(Item::Rect { x, y, w: part(r.accepted), h: 9.0, fill: Some(ACCEPTED), stroke: None });
            let words = format!("{} of {} evidenced, {} accepted", r.evidenced, r.total, r.accepted);
            self.text(x + bar_width + 6.0, self.y + 9.0, &TextStyle::SMALL, words);
            self.y += row;
        }
        self.y += 8.0;
    }
}

/// The colour of what an assessor accepted in a progress bar.
pub(super) const ACCEPTED: Color = (0.55, 0.78, 0.6);

/// The colour a target line is drawn in.
pub(super) const TARGET: Color = (0.75, 0.15, 0.15);
