//! The embedded fonts and their real glyph widths, for measuring text:
//! DejaVu Sans regular and bold for most scripts, and two fallbacks for
//! what DejaVu cannot draw — a subset of Droid Sans Fallback (the common
//! Chinese and Japanese characters: GB 2312 level 1, JIS X 0208 level 1,
//! kana and CJK punctuation), a subset of Nanum Gothic (the 2,350 Hangul
//! syllables of KS X 1001 and the jamo) and a subset of Symbola (emoji and
//! symbols, drawn in one colour). Licences in
//! `assets/fonts/LICENSE` and `LICENSE-fallback-fonts`. A fallback is embedded in a PDF only when a
//! character of it is used.

use std::sync::OnceLock;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub const CJK_TTF: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback-subset.ttf");
pub const HANGUL_TTF: &[u8] = include_bytes!("../../assets/fonts/NanumGothic-subset.ttf");
pub const SYMBOLS_TTF: &[u8] = include_bytes!("../../assets/fonts/Symbola-subset.ttf");

/// Shown in place of a character no embedded font has a glyph for.
pub const FALLBACK: char = '\u{25A1}';

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Cjk,
    Hangul,
    Symbols,
}

impl Face {
    pub const ALL: [Face; 5] = [Face::Regular, Face::Bold, Face::Cjk, Face::Hangul, Face::Symbols];
    /// The faces tried, in order, for what the primary one cannot draw.
    const FALLBACKS: [Face; 3] = [Face::Cjk, Face::Hangul, Face::Symbols];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
            Face::Cjk => CJK_TTF,
            Face::Hangul => HANGUL_TTF,
            Face::Symbols => SYMBOLS_TTF,
        }
    }

    fn primary(bold: bool) -> Face {
        if bold { Face::Bold } else { Face::Regular }
    }
}

/// Advance widths of one face, in font units, with its units per em.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    ascii: [Option<u16>; 128],
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let mut ascii = [None; 128];
        for (code, slot) in ascii.iter_mut().enumerate() {
            *slot = char::from_u32(code as u32)
                .and_then(|c| face.glyph_index(c))
                .and_then(|g| face.glyph_hor_advance(g));
        }
        Some(Self { face, units_per_em, ascii })
    }

    fn has_glyph(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(width) => width.is_some(),
            None => self.face.glyph_index(c).is_some(),
        }
    }

    fn advance(&self, c: char) -> Option<u16> {
        match self.ascii.get(c as usize) {
            Some(width) => *width,
            None => self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)),
        }
    }
}

fn metrics(face: Face) -> Option<&'static Metrics> {
    static LOADED: [OnceLock<Option<Metrics>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    LOADED[face as usize].get_or_init(|| Metrics::load(face.bytes())).as_ref()
}

/// The face that draws `c`: the primary one (regular or bold) if it can,
/// else the first fallback that can (they have no bold), else none.
pub fn face_for(c: char, bold: bool) -> Option<Face> {
    let primary = Face::primary(bold);
    if metrics(primary).is_some_and(|m| m.has_glyph(c)) {
        return Some(primary);
    }
    Face::FALLBACKS.into_iter().find(|f| metrics(*f).is_some_and(|m| m.has_glyph(c)))
}

/// The glyph that draws `c` in `face`, if it has one.
pub fn glyph_id(face: Face, c: char) -> Option<u16> {
    metrics(face)?.face.glyph_index(c).map(|g| g.0)
}

/// Whether some embedded face can draw the character.
pub fn has_glyph(c: char, bold: bool) -> bool {
    face_for(c, bold).is_some()
}

fn char_width(c: char, size: f32, bold: bool) -> f32 {
    let face = face_for(c, bold).unwrap_or(Face::primary(bold));
    match metrics(face) {
        Some(m) => {
            f32::from(m.advance(c).or_else(|| m.advance(FALLBACK)).unwrap_or(0)) * size / m.units_per_em
        }
        None => size * 0.55,
    }
}

/// Width of `text` in points at `size`.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let primary = Face::primary(bold);
    let Some(m) = metrics(primary) else { return text.chars().count() as f32 * size * 0.55 };
    // Most text is all in the primary face: sum its units and scale once.
    let mut units = 0u32;
    let mut other = 0.0;
    for c in text.chars() {
        match m.advance(c) {
            Some(width) => units += u32::from(width),
            None => other += char_width(c, size, bold),
        }
    }
    units as f32 * size / m.units_per_em + other
}

/// The text cut into runs of one face each, in order.
pub fn runs(text: &str, bold: bool) -> Vec<(Face, String)> {
    let primary = Face::primary(bold);
    let mut out: Vec<(Face, String)> = Vec::new();
    for c in text.chars() {
        let face = face_for(c, bold).unwrap_or(primary);
        match out.last_mut() {
            Some((f, run)) if *f == face => run.push(c),
            _ => out.push((face, c.to_string())),
        }
    }
    out
}

/// Arabic joined into its contextual forms ([`super::scripts`]), what no
/// embedded font can draw replaced with [`FALLBACK`], control characters dropped.
pub fn displayable(text: &str, bold: bool) -> String {
    super::scripts::shape_arabic(text)
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .map(|c| if c == '\n' || has_glyph(c, bold) { c } else { FALLBACK })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let narrow = text_width("iiii", 10.0, false);
        let wide = text_width("WWWW", 10.0, false);
        assert!(wide > narrow * 2.0, "{narrow} {wide}");
        assert!(text_width("abc", 10.0, true) > text_width("abc", 10.0, false));
        assert_eq!(text_width("", 10.0, false), 0.0);
    }

    #[test]
    fn missing_glyphs_get_a_visible_fallback() {
        assert_eq!(displayable("Zażółć Ελληνικά", false), "Zażółć Ελληνικά");
        // No embedded font draws a Linear B syllable.
        assert_eq!(displayable("ok \u{10000}\u{7}", false), format!("ok {FALLBACK}"));
    }

    #[test]
    fn cjk_and_emoji_are_drawn_by_the_fallback_faces() {
        assert_eq!(displayable("中文 日本語 한국어 🎉🚀", false), "中文 日本語 한국어 🎉🚀");
        assert_eq!(face_for('中', true), Some(Face::Cjk), "no bold CJK: the regular fallback");
        assert_eq!(face_for('🎉', false), Some(Face::Symbols));
        assert_eq!(face_for('a', true), Some(Face::Bold));
        let runs = runs("Done 🎉 in 北京", false);
        let faces: Vec<Face> = runs.iter().map(|r| r.0).collect();
        assert_eq!(faces, [Face::Regular, Face::Symbols, Face::Regular, Face::Cjk]);
        assert_eq!(face_for('한', false), Some(Face::Hangul));
        assert!(text_width("北京", 10.0, false) > text_width("ab", 10.0, false));
    }
}
