//! Line breaking on the embedded font's real glyph widths.
//!
//! Paragraphs are broken by optimal fit (textwrap's, the Knuth–Plass idea:
//! the breaks that leave the most even right edge over the whole
//! paragraph, not greedily line by line), and English words may break at
//! their hyphenation points (hypher's embedded TeX patterns), with a hyphen
//! drawn at the break. A word wider than the line is cut between letters.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_optimal_fit};

use super::fonts::text_width;

/// A piece of a paragraph: a word, or a syllable of one.
#[derive(Debug)]
struct Piece {
    text: String,
    width: f64,
    /// The space after it: a word's last piece only.
    space: f64,
    /// The hyphen drawn if a line ends here inside a word.
    hyphen: f64,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }

    fn whitespace_width(&self) -> f64 {
        self.space
    }

    fn penalty_width(&self) -> f64 {
        self.hyphen
    }
}

/// Penalties in points squared (a gap of g points costs g²): a line costs
/// as much as a 160-point gap, a hyphen as an 80-point one, and a line must
/// never run over.
pub(super) const PENALTIES: Penalties = Penalties {
    nline_penalty: 160 * 160,
    overflow_penalty: 1_000_000,
    short_last_line_fraction: 4,
    short_last_line_penalty: 30 * 30,
    hyphen_penalty: 80 * 80,
};

/// The shortest word hyphenated, and the fewest letters kept on each side.
const HYPHENATE_FROM: usize = 7;
const KEEP_BEFORE: usize = 3;
const KEEP_AFTER: usize = 3;

/// Splits text into lines no wider than `width`.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Most cells and short paragraphs fit on one line: nothing to break.
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let joined = words.join(" ");
        if text_width(&joined, size, bold) <= width {
            lines.push(joined);
            continue;
        }
        let pieces = pieces(paragraph, size, bold, width);
        if pieces.is_empty() {
            lines.push(String::new());
            continue;
        }
        match wrap_optimal_fit(&pieces, &[f64::from(width)], &PENALTIES) {
            Ok(broken) => lines.extend(broken.into_iter().map(line_text)),
            Err(_) => lines.extend(greedy(&pieces, f64::from(width)).into_iter().map(line_text)),
        }
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A line's text: its pieces, a space after each word, a hyphen at the end
/// if it breaks inside a word.
fn line_text(line: &[Piece]) -> String {
    let mut text = String::new();
    for (n, piece) in line.iter().enumerate() {
        text.push_str(&piece.text);
        let last = n + 1 == line.len();
        if last && piece.hyphen > 0.0 {
            text.push('-');
        } else if !last && piece.space > 0.0 {
            text.push(' ');
        }
    }
    text
}

/// First fit, for the rare paragraph optimal fit cannot take.
pub(super) fn greedy<F: Fragment>(pieces: &[F], width: f64) -> Vec<&[F]> {
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (n, piece) in pieces.iter().enumerate() {
        if n > start && used + piece.width() + piece.penalty_width() > width {
            lines.push(&pieces[start..n]);
            (start, used) = (n, 0.0);
        }
        used += piece.width() + piece.whitespace_width();
    }
    lines.push(&pieces[start..]);
    lines
}

/// The paragraph's words cut into the pieces a line may end after.
fn pieces(paragraph: &str, size: f32, bold: bool, width: f32) -> Vec<Piece> {
    let measure = |text: &str| f64::from(text_width(text, size, bold));
    let space = measure(" ");
    let hyphen = measure("-");
    let mut out = Vec::new();
    for word in paragraph.split_whitespace() {
        let first = out.len();
        for (text, hyphenated) in syllables(word) {
            if text_width(&text, size, bold) <= width {
                out.push(Piece {
                    width: measure(&text),
                    text,
                    space: 0.0,
                    hyphen: if hyphenated { hyphen } else { 0.0 },
                });
                continue;
            }
            // Wider than the line even so: cut between letters.
            let mut piece = String::new();
            for c in text.chars() {
                let mut candidate = piece.clone();
                candidate.push(c);
                if text_width(&candidate, size, bold) > width && !piece.is_empty() {
                    let cut = std::mem::replace(&mut piece, c.to_string());
                    out.push(Piece { width: measure(&cut), text: cut, space: 0.0, hyphen: 0.0 });
                } else {
                    piece = candidate;
                }
            }
            out.push(Piece {
                width: measure(&piece),
                text: piece,
                space: 0.0,
                hyphen: if hyphenated { hyphen } else { 0.0 },
            });
        }
        if out.len() > first
            && let Some(last) = out.last_mut()
        {
            last.space = space;
            last.hyphen = 0.0;
        }
    }
    out
}

/// A word's pieces, each with whether a break after it needs a hyphen: at
/// its own hyphens (no hyphen added), and inside English-looking words (all
/// ASCII letters, seven or more) at their hyphenation points.
fn syllables(word: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let parts: Vec<&str> = word.split_inclusive('-').collect();
    for part in parts {
        let letters = part.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        let tail = &part[letters.len()..];
        let lead = letters.len() - letters.trim_start_matches(|c: char| !c.is_ascii_alphabetic()).len();
        let core = &letters[lead..];
        if core.len() >= HYPHENATE_FROM && core.chars().all(|c| c.is_ascii_alphabetic()) {
            let syllables: Vec<&str> =
                hypher::hyphenate_bounded(core, hypher::Lang::English, KEEP_BEFORE, KEEP_AFTER).collect();
            let count = syllables.len();
            for (n, syllable) in syllables.into_iter().enumerate() {
                let mut text = String::new();
                if n == 0 {
                    text.push_str(&letters[..lead]);
                }
                text.push_str(syllable);
                if n + 1 == count {
                    text.push_str(tail);
                }
                out.push((text, n + 1 < count));
            }
        } else {
            out.push((part.to_string(), false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_break_at_their_syllables_and_existing_hyphens() {
        let parts = syllables("professionalism,");
        assert_eq!(parts.iter().map(|p| p.0.as_str()).collect::<String>(), "professionalism,");
        assert!(parts.len() > 2, "{parts:?}");
        assert!(parts.last().is_some_and(|p| p.0.ends_with(',') && !p.1));
        let parts = syllables("self-development");
        assert_eq!(parts[0], ("self-".to_string(), false), "an existing hyphen is a break without another");
        assert_eq!(syllables("Zażółć"), [("Zażółć".to_string(), false)], "only English-looking words");
        assert_eq!(syllables("audit"), [("audit".to_string(), false)], "short words stay whole");
    }

    #[test]
    fn a_narrow_column_hyphenates_instead_of_cutting_letters() {
        let lines = wrap("Promote professionalism and trust", 8.5, false, 52.0);
        assert!(lines.iter().any(|l| l.ends_with('-')), "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 8.5, false) <= 52.0), "{lines:?}");
        let joined: String = lines.iter().map(|l| l.trim_end_matches('-')).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace(' ', ""), "Promoteprofessionalismandtrust");
    }

    #[test]
    fn optimal_fit_leaves_a_more_even_edge_than_first_fit() {
        let text = "Reflecting on the capability indicators above, what are your areas of strength and \
                    opportunities for further development? I have been supervising students on the ward \
                    for two years and I now run the induction for every new placement.";
        let (size, width) = (9.0, 180.0);
        let pieces = pieces(text, size, false, width);
        // What optimal fit minimises: the squared gaps of every line but the
        // last, and a penalty per hyphen.
        let cost = |lines: &[&[Piece]]| -> f64 {
            let texts: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
            let gaps: f64 = texts[..texts.len() - 1]
                .iter()
                .map(|t| (f64::from(width) - f64::from(text_width(t, size, false))).powi(2))
                .sum();
            let hyphens = texts.iter().filter(|t| t.ends_with('-')).count() as f64;
            gaps + hyphens * PENALTIES.hyphen_penalty as f64
        };
        let optimal = wrap_optimal_fit(&pieces, &[f64::from(width)], &PENALTIES).unwrap();
        let first_fit = greedy(&pieces, f64::from(width));
        assert!(optimal.len() <= first_fit.len());
        assert!(cost(&optimal) <= cost(&first_fit), "{} > {}", cost(&optimal), cost(&first_fit));
        assert!(wrap(text, size, false, width).iter().all(|l| text_width(l, size, false) <= width));
    }
}
