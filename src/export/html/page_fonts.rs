//! The fonts a page carries for what common fonts cannot draw: Chinese,
//! Japanese, Korean and emoji are set in subsets of folio's own fallback
//! faces (those of the PDFs), cut to the characters the page uses and
//! embedded as `data:` fonts, so a reader sees them the same on any
//! machine and the page still asks the network for nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use base64::Engine as _;

use crate::pdf::fonts::{Face, face_for, glyph_id};

/// The CSS family each fallback face goes by on the page.
pub(super) const FAMILIES: [(Face, &str); 3] =
    [(Face::Symbols, "folio symbols"), (Face::Cjk, "folio CJK"), (Face::Hangul, "folio Hangul")];

/// `@font-face` rules for the fallback faces `text` needs, each cut to the
/// characters it draws; nothing when it needs none.
pub(super) fn font_faces(text: &str) -> String {
    let mut used: BTreeMap<Face, BTreeMap<u16, char>> = BTreeMap::new();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        let Some(face) = face_for(c, false).filter(|f| !matches!(f, Face::Regular | Face::Bold)) else {
            continue;
        };
        if let Some(glyph) = glyph_id(face, c) {
            used.entry(face).or_default().insert(glyph, c);
        }
    }
    let mut css = String::new();
    for (face, glyphs) in used {
        let Some((_, family)) = FAMILIES.iter().find(|(f, _)| *f == face) else { continue };
        let Some(bytes) = cut(face.bytes(), glyphs.keys().copied()) else { continue };
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let _ = write!(
            css,
            "\n@font-face {{ font-family: \"{family}\"; src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}"
        );
    }
    css
}

/// The font cut to these glyphs (and the missing-glyph one), with a
/// Unicode character map: a valid OpenType font a browser accepts.
fn cut(font: &[u8], glyphs: impl Iterator<Item = u16>) -> Option<Vec<u8>> {
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.filter(|g| *g != 0)).collect();
    let data = ReadScope::new(font).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_faces_and_characters_used_are_carried() {
        assert_eq!(font_faces("plain English, café"), "", "DejaVu draws these");
        let css = font_faces("学习 and 🎉");
        assert!(css.contains("font-family: \"folio CJK\""), "{css}");
        assert!(css.contains("font-family: \"folio symbols\""), "{css}");
        assert!(!css.contains("folio Hangul"), "{css}");
        let one = font_faces("学").len();
        let two = font_faces("学习").len();
        assert!(two > one && two < 20_000, "cut to what is used: {one} then {two} bytes");
    }
}
