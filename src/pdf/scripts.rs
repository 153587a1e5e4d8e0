//! Right-to-left scripts in the PDF. Arabic letters are joined into their
//! contextual forms — isolated, final, initial, medial, and the lam-alef
//! ligatures — as the presentation forms the embedded DejaVu Sans carries
//! ([`shape_arabic`], before text is measured and wrapped). A paragraph
//! takes its direction from its first strong character ([`reads_rtl`]); it
//! is broken into lines in logical order, and each line is put in visual
//! order at the paragraph's level by the Unicode bidirectional algorithm
//! ([`visual_line`]), brackets mirrored, so Hebrew and Arabic read right to
//! left, also inside an English line. What a reader copies out is the
//! logical text ([`logical`], written as the PDF's ActualText).

use std::borrow::Cow;

use unicode_bidi::{Level, ParagraphBidiInfo};

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

/// Whether a paragraph reads right to left: its first strong character
/// (a letter with a direction) is Hebrew or Arabic.
pub fn reads_rtl(paragraph: &str) -> bool {
    has_rtl(paragraph) && unicode_bidi::get_base_direction(paragraph) == unicode_bidi::Direction::Rtl
}

/// One line in the order its characters are drawn, left to right, the
/// line's direction taken from its first strong character (a heading, a
/// cell); [`visual_line`] for a line of a longer paragraph.
pub fn visual_order(line: &str) -> Cow<'_, str> {
    visual_line(line, reads_rtl(line))
}

/// One line of a paragraph whose direction is `rtl`, in the order its
/// characters are drawn: the bidirectional algorithm run on the line at
/// the paragraph's level (so a line of an Arabic paragraph that begins
/// with an English word still reads right to left), each right-to-left run
/// reversed and its brackets mirrored.
pub fn visual_line(line: &str, rtl: bool) -> Cow<'_, str> {
    if !has_rtl(line) && !rtl {
        return Cow::Borrowed(line);
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(line, Some(level));
    let (levels, runs) = info.visual_runs(0..line.len());
    let mut out = String::with_capacity(line.len());
    for run in runs {
        let text = &line[run.clone()];
        if levels.get(run.start).is_some_and(Level::is_rtl) {
            out.extend(text.chars().rev().map(mirrored));
        } else {
            out.push_str(text);
        }
    }
    Cow::Owned(out)
}

/// The characters of a line in the order they are drawn, left to right,
/// each with its place (in characters) in the logical line; right-to-left
/// runs reversed and their brackets mirrored, as [`visual_line`].
pub fn visual_glyphs(line: &str, rtl: bool) -> Vec<(usize, char)> {
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(line, Some(level));
    let (levels, runs) = info.visual_runs(0..line.len());
    let index: std::collections::HashMap<usize, usize> =
        line.char_indices().enumerate().map(|(n, (byte, _))| (byte, n)).collect();
    let mut out = Vec::with_capacity(line.len());
    for run in runs {
        let chars = line[run.clone()].char_indices().map(|(at, c)| (index[&(run.start + at)], c));
        if levels.get(run.start).is_some_and(Level::is_rtl) {
            out.extend(chars.rev().map(|(n, c)| (n, mirrored(c))));
        } else {
            out.extend(chars);
        }
    }
    out
}

/// The character drawn for `c` in right-to-left text: brackets face the
/// other way.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// Shaped Arabic back to the letters it was written with (the presentation
/// forms [`shape_arabic`] chose, and the lam-alef ligatures, undone): what
/// a reader copying the text out of the PDF should get.
pub fn logical(shaped: &str) -> Cow<'_, str> {
    if !shaped.chars().any(|c| matches!(c as u32, 0xFE70..=0xFEFF)) {
        return Cow::Borrowed(shaped);
    }
    let mut out = String::with_capacity(shaped.len());
    for c in shaped.chars() {
        let code = c as u32;
        let ligature = [0x0622, 0x0623, 0x0625, 0x0627]
            .into_iter()
            .filter_map(char::from_u32)
            .find(|alef| lam_alef(*alef).is_some_and(|forms| forms.contains(&code)));
        if let Some(alef) = ligature {
            out.push('\u{0644}');
            out.push(alef);
            continue;
        }
        let letter = (0x0621..=0x064A)
            .filter_map(char::from_u32)
            .find(|letter| forms(*letter).is_some_and(|(_, forms)| forms.contains(&code)));
        out.push(letter.unwrap_or(c));
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
    fn a_line_of_a_right_to_left_paragraph_keeps_its_direction() {
        // A line of a Hebrew paragraph that starts with an English word: the
        // English stays at the right, where the paragraph begins.
        assert_eq!(visual_line("NHS בית", true), "תיב NHS");
        assert_eq!(visual_line("NHS בית", false), "NHS תיב");
        assert!(reads_rtl("שלום, NHS") && !reads_rtl("NHS, שלום") && !reads_rtl("123"));
    }

    #[test]
    fn glyphs_know_their_logical_places() {
        let glyphs = visual_glyphs("ab (שלום)", false);
        let drawn: String = glyphs.iter().map(|g| g.1).collect();
        assert_eq!(drawn, visual_line("ab (שלום)", false));
        let places: Vec<usize> = glyphs.iter().map(|g| g.0).collect();
        assert_eq!(places, [0, 1, 2, 3, 7, 6, 5, 4, 8]);
    }

    #[test]
    fn brackets_in_right_to_left_text_are_mirrored() {
        // (שלום): the opening bracket is drawn at the right, facing left.
        assert_eq!(visual_line("(שלום)", true), "(םולש)");
        assert_eq!(visual_line("א (ב) ג", true), "ג (ב) א");
    }

    #[test]
    fn shaped_arabic_reads_back_as_its_letters() {
        for word in ["بيت", "دار", "سلام", "تأملات"] {
            assert_eq!(logical(&shape_arabic(word)), word);
        }
        assert!(matches!(logical("plain"), Cow::Borrowed(_)));
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
