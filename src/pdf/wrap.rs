//! Line breaking on the embedded font's real glyph widths.

use super::fonts::text_width;

/// Splits text into lines no wider than `width`, breaking words only when a
/// single word is wider than the line.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let space = text_width(" ", size, bold);
        for word in paragraph.split_whitespace() {
            let word_width = text_width(word, size, bold);
            if word_width > width {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    let mut candidate = piece.clone();
                    candidate.push(c);
                    if text_width(&candidate, size, bold) > width && !piece.is_empty() {
                        lines.push(std::mem::replace(&mut piece, c.to_string()));
                    } else {
                        piece = candidate;
                    }
                }
                line_width = text_width(&piece, size, bold);
                line = piece;
                continue;
            }
            if line.is_empty() {
                line = word.to_string();
                line_width = word_width;
            } else if line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
                line_width = word_width;
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}
