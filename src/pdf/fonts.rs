//! The embedded fonts (DejaVu Sans regular and bold, licence in
//! `assets/fonts/LICENSE`) and their real glyph widths, for measuring text.

use std::sync::OnceLock;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Shown in place of a character the font has no glyph for (an emoji, say).
pub const FALLBACK: char = '\u{25A1}';

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

fn metrics(bold: bool) -> Option<&'static Metrics> {
    static REGULAR: OnceLock<Option<Metrics>> = OnceLock::new();
    static BOLD: OnceLock<Option<Metrics>> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| Metrics::load(BOLD_TTF))
    } else {
        REGULAR.get_or_init(|| Metrics::load(REGULAR_TTF))
    }
    .as_ref()
}

/// Whether the face can draw the character.
pub fn has_glyph(c: char, bold: bool) -> bool {
    metrics(bold).is_some_and(|m| m.has_glyph(c))
}

/// Width of `text` in points at `size`.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let Some(m) = metrics(bold) else { return text.chars().count() as f32 * size * 0.55 };
    let fallback = m.advance(FALLBACK).unwrap_or(0);
    let units: u32 = text.chars().map(|c| u32::from(m.advance(c).unwrap_or(fallback))).sum();
    units as f32 * size / m.units_per_em
}

/// Arabic joined into its contextual forms ([`super::scripts`]), what the
/// font cannot draw replaced with [`FALLBACK`], control characters dropped.
pub fn displayable(text: &str, bold: bool) -> String {
    let face = metrics(bold);
    super::scripts::shape_arabic(text)
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .map(|c| if c == '\n' || face.is_some_and(|m| m.has_glyph(c)) { c } else { FALLBACK })
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
        assert_eq!(displayable("ok 🎓\u{7}", false), format!("ok {FALLBACK}"));
    }
}
