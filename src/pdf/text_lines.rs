//! Text in the layout engine: a line on its own, the lines of a plain
//! paragraph and of a paragraph of styled runs (bold, italic, links, a
//! bullet or label hanging in the margin), each paragraph in its own
//! direction — right-to-left ones set against the right edge, their lines
//! in visual order, and what each glyph was written as kept for the PDF.

use super::{Flow, wrap};
use crate::pdf::blocks::*;
use crate::pdf::fonts::{displayable, text_width};

impl Flow<'_> {
    /// A line of text on its own (a heading, a cell, a label), its
    /// direction its own.
    pub(super) fn text(&mut self, x: f32, baseline: f32, style: &TextStyle, text: String) {
        let rtl = crate::pdf::scripts::reads_rtl(&text);
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
        let (text, written) = match crate::pdf::scripts::visual_line(&text, rtl) {
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
        let mut glyphs: Vec<(usize, Glyph)> = crate::pdf::scripts::visual_glyphs(line, rtl)
            .into_iter()
            .map(|(n, drawn)| {
                let at = dx;
                dx += text_width(&drawn.to_string(), style.size, style.bold);
                let letter = written.get(n).map(char::to_string).unwrap_or_default();
                // A lam-alef ligature stands for two letters; like the glyphs
                // themselves they go in drawing order, right to left.
                let letters: String = crate::pdf::scripts::logical(&letter).chars().rev().collect();
                (n, Glyph { dx: at, drawn, written: letters })
            })
            .collect();
        glyphs.sort_by_key(|(n, _)| *n);
        glyphs.into_iter().map(|(_, g)| g).collect()
    }

    /// A paragraph of styled runs: its lead (bullet, number or label) in
    /// the margin of the first line, the lines beside it, links clickable.
    pub(super) fn rich(&mut self, rich: &Rich) {
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
    pub(super) fn rich_lines(&self, rich: &Rich) -> Vec<(Vec<Run>, bool)> {
        let style = &rich.style;
        let hang = rich.lead.as_ref().map_or(0.0, |l| l.width);
        let width = self.geometry.content_width() - style.indent - hang;
        let runs: Vec<Run> = rich
            .runs
            .iter()
            .map(|r| Run { text: displayable(&r.text, r.bold || style.bold), ..r.clone() })
            .collect();
        let mut lines = Vec::new();
        for paragraph in crate::pdf::wrap_rich::lines_of(&runs) {
            let text: String = paragraph.iter().map(|r| r.text.as_str()).collect();
            let rtl = crate::pdf::scripts::reads_rtl(&text);
            let wrapped = crate::pdf::wrap_rich::wrap_rich(&paragraph, style.size, width);
            lines.extend(wrapped.into_iter().map(|line| (line, rtl)));
        }
        lines
    }

    /// One line of runs, each in its look; a line with right-to-left text
    /// is drawn whole in visual order in the paragraph's style.
    fn runs(&mut self, (x, width): (f32, f32), baseline: f32, style: &TextStyle, line: Vec<Run>, rtl: bool) {
        let text: String = line.iter().map(|r| r.text.as_str()).collect();
        if rtl || crate::pdf::scripts::has_rtl(&text) {
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
    pub(super) fn paragraph(&mut self, text: &str, style: &TextStyle) {
        let width = self.geometry.content_width() - style.indent;
        let left = self.geometry.margin + style.indent;
        let lh = style.line_height();
        let text = displayable(text, style.bold);
        let paragraphs: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
        for paragraph in paragraphs {
            let rtl = crate::pdf::scripts::reads_rtl(paragraph);
            for line in wrap(paragraph, style.size, style.bold, width) {
                self.ensure(lh);
                let baseline = self.y + style.size;
                self.line((left, width), baseline, style, line, rtl);
                self.y += lh;
            }
        }
        self.y += style.space_after;
    }
}
