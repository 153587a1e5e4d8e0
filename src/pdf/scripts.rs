//! Right-to-left scripts in the PDF. Arabic letters are joined into their
//! contextual forms — isolated, final, initial, medial, and the lam-alef
//! ligatures — as the presentation forms the embedded DejaVu Sans carries
//! ([`shape_arabic`], before text is measured and wrapped); each line drawn
//! is then put in visual order by the Unicode bidirectional algorithm
//! ([`visual_order`]), so Hebrew and Arabic read right to left, also inside
//! an English line.

use std::borrow::Cow;

use unicode_bidi::BidiInfo;

/// How an Arabic letter joins its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joining {
    /// Joins on both sides (beh, seen, lam…).
    Dual,
    /// Joins only to the letter before it (alef, dal, reh, waw…).
    Right,
    /// Joins to nothing (hamza).
    None,
}

/// The letter's joining type and presentation forms: isolated, final,
/// initial, medial (the last two only for dual-joining letters).
fn forms(c: char) -> Option<(Joining, [u32; 4])> {
    use Joining::{Dual, None as Alone, Right};
    let dual = |iso: u32| (Dual, [iso, iso + 1, iso + 2, iso + 3]);
    let right = |iso: u32| (Right, [iso, iso + 1, iso, iso + 1]);
    Some(match c as u32 {
        0x0621 => (Alone, [0xFE80; 4]),
        0x0622 => right(0xFE81),
        0x0623 => right(0xFE83),
        0x0624 => right(0xFE85),
        0x0625 => right(0xFE87),
        0x0626 => dual(0xFE89),
        0x0627 => right(0xFE8D),
        0x0628 => dual(0xFE8F),
        0x0629 => right(0xFE93),
        0x062A => dual(0xFE95),
        0x062B => dual(0xFE99),
        0x062C => dual(0xFE9D),
        0x062D => dual(0xFEA1),
        0x062E => dual(0xFEA5),
        0x062F => right(0xFEA9),
        0x0630 => right(0xFEAB),
        0x0631 => right(0xFEAD),
        0x0632 => right(0xFEAF),
        0x0633 => dual(0xFEB1),
        0x0634 => dual(0xFEB5),
        0x0635 => dual(0xFEB9),
        0x0636 => dual(0xFEBD),
        0x0637 => dual(0xFEC1),
        0x0638 => dual(0xFEC5),
        0x0639 => dual(0xFEC9),
        0x063A => dual(0xFECD),
        0x0641 => dual(0xFED1),
        0x0642 => dual(0xFED5),
        0x0643 => dual(0xFED9),
        0x0644 => dual(0xFEDD),
        0x0645 => dual(0xFEE1),
        0x0646 => dual(0xFEE5),
        0x0647 => dual(0xFEE9),
        0x0648 => right(0xFEED),
        0x0649 => right(0xFEEF),
        0x064A => dual(0xFEF1),
        _ => return None,
    })
}

/// Marks that sit on a letter and do not break the joining (harakat).
fn transparent(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670)
}

/// Tatweel joins on both sides and keeps its own shape.
const TATWEEL: char = '\u{0640}';

fn joins_forward(c: char) -> bool {
    c == TATWEEL || forms(c).is_some_and(|(j, _)| j == Joining::Dual)
}

fn joins_backward(c: char) -> bool {
    c == TATWEEL || forms(c).is_some_and(|(j, _)| j != Joining::None)
}

/// The lam-alef ligature (isolated, final) for the alef after a lam.
fn lam_alef(alef: char) -> Option<[u32; 2]> {
    match alef as u32 {
        0x0622 => Some([0xFEF5, 0xFEF6]),
        0x0623 => Some([0xFEF7, 0xFEF8]),
        0x0625 => Some([0xFEF9, 0xFEFA]),
        0x0627 => Some([0xFEFB, 0xFEFC]),
        _ => None,
    }
}

/// Arabic letters in their contextual forms; any other text as it is.
pub fn shape_arabic(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forms(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    // The nearest letter before and after `i`, skipping the marks on letters.
    let neighbour = |i: usize, step: isize| {
        let mut at = i as isize + step;
        while at >= 0 && (at as usize) < chars.len() {
            let c = chars[at as usize];
            if !transparent(c) {
                return Some(c);
            }
            at += step;
        }
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some((_, shapes)) = forms(c) else {
            out.push(c);
            i += 1;
            continue;
        };
        let after_joiner = neighbour(i, -1).is_some_and(joins_forward) && joins_backward(c);
        if c == '\u{0644}'
            && let Some(ligature) = chars.get(i + 1).and_then(|&next| lam_alef(next))
        {
            out.extend(char::from_u32(ligature[usize::from(after_joiner)]));
            i += 2;
            continue;
        }
        let before_joiner = joins_forward(c) && neighbour(i, 1).is_some_and(joins_backward);
        let form = match (after_joiner, before_joiner) {
            (false, false) => shapes[0],
            (true, false) => shapes[1],
            (false, true) => shapes[2],
            (true, true) => shapes[3],
        };
        out.extend(char::from_u32(form));
        i += 1;
    }
    Cow::Owned(out)
}

/// Whether the text holds a right-to-left letter (Hebrew, Arabic, and
/// their presentation forms).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
}

/// One line in the order its characters are drawn, left to right: runs of
/// right-to-left text reversed by the bidirectional algorithm, the line's
/// direction taken from its first strong character.
pub fn visual_order(line: &str) -> Cow<'_, str> {
    if !has_rtl(line) {
        return Cow::Borrowed(line);
    }
    let info = BidiInfo::new(line, None);
    let mut out = String::with_capacity(line.len());
    for paragraph in &info.paragraphs {
        out.push_str(&info.reorder_line(paragraph, paragraph.range.clone()));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_untouched() {
        assert!(matches!(visual_order("plain words, 12 (3)"), Cow::Borrowed(_)));
        assert!(matches!(shape_arabic("plain words"), Cow::Borrowed(_)));
    }

    #[test]
    fn hebrew_is_drawn_right_to_left_inside_an_english_line() {
        // שלום ("shalom"): logical shin, lamed, vav, final mem.
        assert_eq!(visual_order("שלום"), "םולש");
        assert_eq!(visual_order("I said שלום to her"), "I said םולש to her");
    }

    #[test]
    fn arabic_letters_take_their_joined_forms() {
        // بيت ("house"): beh initial, yeh medial, teh final.
        assert_eq!(shape_arabic("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // دار ("home"): dal and alef join nothing after them, so all three stand alone.
        assert_eq!(shape_arabic("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        // سلام ("peace"): seen initial, the lam-alef ligature final, meem isolated.
        assert_eq!(shape_arabic("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        // A mark between letters does not break the joining: بَيت.
        assert_eq!(shape_arabic("بَيت"), "\u{FE91}\u{064E}\u{FEF4}\u{FE96}");
        // And drawn right to left.
        assert_eq!(visual_order(&shape_arabic("بيت")), "\u{FE96}\u{FEF4}\u{FE91}");
    }
}
