//! What people wrote, as layout blocks: Markdown read once
//! ([`crate::markdown`]) and set as paragraphs of styled runs — sub-heads
//! bold, list items with a hanging bullet or number, quotations slanted
//! and grey, links clickable — and the sections of a form (Situation,
//! Task …) with their label hanging in the margin beside the text.

use crate::markdown::{self, Kind, Punctuation};
use crate::pdf::blocks::{Block, GREY, Lead, Rich, Run, TextStyle};
use crate::pdf::fonts::text_width;

/// How far each list level and a quotation step in.
const STEP: f32 = 13.0;
/// A label wider than this goes above its text instead of beside it.
const WIDEST_HANG: f32 = 96.0;

/// Markdown as it is read in a document (curly quotes and dashes).
pub fn read(text: &str) -> Vec<markdown::Block> {
    markdown::parse(text, Punctuation::Smart)
}

/// A text written in Markdown, set in `style` (its indent the left edge).
pub fn prose(text: &str, style: TextStyle) -> Vec<Block> {
    set(&read(text), style)
}

/// Markdown blocks set in `style`.
pub fn set(blocks: &[markdown::Block], style: TextStyle) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for (n, block) in blocks.iter().enumerate() {
        let indent = style.indent + block.depth as f32 * STEP;
        let runs = runs(block);
        let rich = match &block.kind {
            Kind::Paragraph => Rich { runs, style: TextStyle { indent, ..style }, lead: None },
            Kind::Heading => Rich {
                runs: runs.into_iter().map(|r| Run { bold: true, ..r }).collect(),
                style: TextStyle { indent, space_after: 1.5, ..style },
                lead: None,
            },
            Kind::Item(marker) => {
                // Items of one list sit close; the last keeps the paragraph's space after it.
                let next_is_item = matches!(blocks.get(n + 1), Some(b) if matches!(b.kind, Kind::Item(_)));
                let space_after = if next_is_item { 1.5 } else { style.space_after };
                let width =
                    text_width(marker, style.size, false).max(text_width("•", style.size, false)) + 5.0;
                Rich {
                    runs,
                    style: TextStyle { indent, space_after, ..style },
                    lead: Some(Lead { text: marker.clone(), bold: false, width }),
                }
            }
            Kind::Quote => Rich {
                runs: runs.into_iter().map(|r| Run { italic: true, ..r }).collect(),
                style: TextStyle { indent: indent + STEP, color: GREY, ..style },
                lead: None,
            },
            Kind::Code => Rich {
                runs: runs.into_iter().map(|r| Run { code: true, ..r }).collect(),
                style: TextStyle { indent: indent + STEP, ..style },
                lead: None,
            },
        };
        out.push(Block::Rich(rich));
    }
    out
}

fn runs(block: &markdown::Block) -> Vec<Run> {
    block
        .spans
        .iter()
        .map(|s| Run {
            text: s.text.clone(),
            bold: s.style.strong,
            italic: s.style.emphasis,
            code: s.style.code,
            link: s.link.clone(),
        })
        .collect()
}

/// A form's sections, each its label and its text: the labels bold and
/// hanging in a margin as wide as the widest (Situation, Task, Action,
/// Result), or each above its text when one is too long to hang (a
/// question). A section with no text is left out.
pub fn sections(parts: &[(String, Vec<markdown::Block>)], style: TextStyle) -> Vec<Block> {
    let parts: Vec<_> = parts.iter().filter(|(_, text)| !text.is_empty()).collect();
    let widest = parts.iter().map(|(label, _)| text_width(label, style.size, true)).fold(0.0, f32::max);
    let mut out = Vec::new();
    if widest > WIDEST_HANG {
        for (label, text) in parts {
            let label = Rich {
                runs: vec![Run::bold(label.clone())],
                style: TextStyle { space_after: 1.0, ..style },
                lead: None,
            };
            out.push(Block::Rich(label));
            out.extend(set(text, TextStyle { indent: style.indent + 10.0, ..style }));
        }
        return out;
    }
    let hang = widest + 8.0;
    for (label, text) in parts {
        let mut set = set(text, TextStyle { indent: style.indent + hang, ..style });
        if let Some(Block::Rich(first)) = set.first_mut()
            && first.lead.is_none()
            && first.style.indent == style.indent + hang
        {
            first.style.indent = style.indent;
            first.lead = Some(Lead { text: label.clone(), bold: true, width: hang });
        } else {
            let lead = Lead { text: label.clone(), bold: true, width: hang };
            set.insert(0, Block::Rich(Rich { runs: Vec::new(), style, lead: Some(lead) }));
        }
        out.extend(set);
    }
    out
}
