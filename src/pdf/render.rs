//! From positioned pages to PDF bytes with printpdf: the embedded, subset
//! fonts, the running header and "Page N of M" footer, every item marked
//! for the structure tree ([`super::tag_tree`]), and metadata (the outline
//! and the carried data are added in [`super::catalog`]). Resource ids are fixed and dates come from the caller, so the
//! same layout always gives the same bytes.

use printpdf::{
    Actions, Color as PdfColor, DictItem, FontId, Line, LinePoint, LinkAnnotation, Mm, OffsetDateTime, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect,
    Rgb, TextItem, TextMatrix, TextRenderingMode, XObjectId, XObjectTransform,
};

use super::catalog::{carry, claim_nothing_we_are_not, deflate_fast, outline};
use super::fonts::{Face, displayable, face_for, runs, text_width};
use super::layout::{Color, GREY, Item, Layout, PageGeometry, RULE, TextStyle};
use super::tag_tree;

/// What the document says about itself.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Seconds since 1970, used for every date in the file.
    pub timestamp: i64,
    /// Left part of the running header (the owner's name).
    pub header_left: String,
    /// Right part of the running header (the document title).
    pub header_right: String,
    /// The document's language (BCP 47, "en-GB").
    pub lang: String,
    /// The folio JSON document of what it shows, carried as `folio.json`.
    pub data: Option<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("image {index} could not be decoded: {reason}")]
    Image { index: usize, reason: String },
    #[error("the PDF could not be put together: {0}")]
    Write(String),
}

fn rgb(color: Color) -> PdfColor {
    PdfColor::Rgb(Rgb { r: color.0, g: color.1, b: color.2, icc_profile: None })
}

/// The resource id of each face embedded in this document.
struct Fonts {
    ids: std::collections::BTreeMap<Face, FontId>,
}

impl Fonts {
    fn id(&self, face: Face) -> FontId {
        let fallback = || self.ids.get(&Face::Regular).cloned().unwrap_or_else(|| FontId("F1".into()));
        self.ids.get(&face).cloned().unwrap_or_else(fallback)
    }
}

/// The faces the document's text uses: always regular and bold (the
/// header and footer), a fallback only if some character needs it.
fn faces_used(layout: &Layout, meta: &Metadata) -> std::collections::BTreeSet<Face> {
    let mut used: std::collections::BTreeSet<Face> = [Face::Regular, Face::Bold].into();
    let mut note = |text: &str, bold: bool| {
        for c in text.chars() {
            if let Some(face) = face_for(c, bold) {
                used.insert(face);
            }
        }
    };
    note(&meta.header_left, false);
    note(&meta.header_right, false);
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, bold, .. } = item {
            note(text, *bold);
        }
    }
    used
}

/// Renders the layout; `images` are the encoded PNG/JPEG files the layout's image items index.
pub fn render(
    layout: &Layout,
    geometry: &PageGeometry,
    images: &[Vec<u8>],
    meta: &Metadata,
) -> Result<Vec<u8>, RenderError> {
    let mut doc = PdfDocument::new(&meta.title);
    let mut fonts = Fonts { ids: std::collections::BTreeMap::new() };
    for face in faces_used(layout, meta) {
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).ok_or(RenderError::Font)?;
        // Fixed ids (F1 regular, F2 bold, F3 CJK, F4 Hangul, F5 symbols): the same bytes every time.
        let id = FontId(format!("F{}", face as usize + 1));
        doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.ids.insert(face, id);
    }
    let mut image_ids = Vec::with_capacity(images.len());
    for (index, bytes) in images.iter().enumerate() {
        let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())
            .map_err(|reason| RenderError::Image { index, reason })?;
        let id = XObjectId(format!("Im{}", index + 1));
        doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(image.clone()));
        image_ids.push((id, image.width as f32, image.height as f32));
    }
    let total = layout.pages.len();
    // Every item is content of a structure element or an artifact (tag_tree).
    let mut marked = tag_tree::Marked::default();
    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let mut ops = Vec::new();
            // Consecutive items of one element (or artifacts) are one
            // marked-content sequence; right-to-left text is marked glyph by
            // glyph, each saying what it was written as.
            let mut open: Option<(super::blocks::Mark, Option<i64>)> = None;
            for (i, item) in page.items.iter().enumerate() {
                let mark = page.marks.get(i).copied().unwrap_or(super::blocks::Mark::Artifact);
                if let Item::Link { .. } = item {
                    draw(&mut ops, item, geometry, (&fonts, &image_ids), &mut |_, _| DictItem::Null);
                    marked.link(n, mark);
                    continue;
                }
                let by_glyph = matches!(item, Item::Text { written: Some(_), .. })
                    && matches!(mark, super::blocks::Mark::Node(_));
                if (by_glyph || open.is_some_and(|(m, _)| m != mark)) && open.take().is_some() {
                    marked.end(&mut ops);
                }
                if by_glyph {
                    let mut glyph =
                        |place: usize, written: &str| marked.glyph((n, i), mark, (place, written));
                    draw(&mut ops, item, geometry, (&fonts, &image_ids), &mut glyph);
                    continue;
                }
                if open.is_none() {
                    open = Some((mark, marked.begin(&mut ops, n, mark, layout)));
                }
                if let Some((_, Some(mcid))) = open {
                    marked.note((n, i), mcid);
                }
                let mut glyph = |place: usize, written: &str| marked.glyph((n, i), mark, (place, written));
                draw(&mut ops, item, geometry, (&fonts, &image_ids), &mut glyph);
            }
            if open.is_some() {
                marked.end(&mut ops);
            }
            tag_tree::artifact(&mut ops, |ops| {
                running_header_and_footer(ops, geometry, &fonts, meta, n + 1, total)
            });
            PdfPage::new(Mm::from(Pt(geometry.width)), Mm::from(Pt(geometry.height)), ops)
        })
        .collect();
    doc.with_pages(pages);
    let info = &mut doc.metadata.info;
    let when = OffsetDateTime::from_unix_timestamp(meta.timestamp).unwrap_or(info.creation_date);
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "folio".into();
    info.producer = "folio".into();
    info.identifier = format!("folio-{}-{}", meta.subject, meta.timestamp);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    // printpdf would deflate every stream at the best (slowest) level: most
    // of the time of a document went there. The fast level costs a few per
    // cent in size.
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..Default::default() };
    let mut document = doc.to_lopdf_document(&options, &mut Vec::new());
    for object in document.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
        {
            deflate_fast(stream);
        }
    }
    claim_nothing_we_are_not(&mut document);
    outline(&mut document, &layout.bookmarks, geometry);
    tag_tree::write(&mut document, layout, &marked, &meta.lang, &meta.title);
    if let Some(data) = &meta.data {
        carry(&mut document, data, meta.timestamp);
    }
    let mut bytes = Vec::new();
    // The structure tree is thousands of small objects: they go into
    // compressed object streams (PDF 1.5), which tagged readers expect anyway.
    document.version = "1.7".into();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(200)
        .compression_level(1)
        .build();
    document.save_with_options(&mut bytes, options).map_err(|e| RenderError::Write(e.to_string()))?;
    Ok(bytes)
}

/// Draws a line of text, each run in the face that has its glyphs.
/// Italic is drawn slanted (the embedded faces have no italic of their own).
fn text_ops(
    ops: &mut Vec<Op>,
    fonts: &Fonts,
    (x, y): (f32, f32),
    style: &TextStyle,
    italic: bool,
    text: &str,
) {
    let (size, bold, color) = (style.size, style.bold, style.color);
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: rgb(color) });
    // `Td` moves from the start of the previous run: the first to (x, y),
    // each next one by the width of the run before it. Slanted text (a 12°
    // skew) sets its origin at (x, y) with the matrix instead.
    let mut step = Point { x: Pt(x), y: Pt(y) };
    if italic {
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([1.0, 0.0, 0.21, 1.0, x, y]) });
        step = Point { x: Pt(0.0), y: Pt(0.0) };
    }
    let mut stroked = false;
    for (face, run) in runs(text, bold) {
        // A face with no bold of its own (CJK, Hangul, symbols) is made
        // bold by stroking its outlines as well as filling them.
        let synthetic_bold = bold && face != Face::Bold;
        if synthetic_bold != stroked {
            if synthetic_bold {
                ops.push(Op::SetOutlineColor { col: rgb(color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(size * 0.035) });
            }
            let mode = if synthetic_bold { TextRenderingMode::FillStroke } else { TextRenderingMode::Fill };
            ops.push(Op::SetTextRenderingMode { mode });
            stroked = synthetic_bold;
        }
        ops.push(Op::SetFont { font: PdfFontHandle::External(fonts.id(face)), size: Pt(size) });
        ops.push(Op::SetTextCursor { pos: step });
        ops.push(Op::ShowText { items: vec![TextItem::Text(run.clone())] });
        step = Point { x: Pt(text_width(&run, size, bold)), y: Pt(0.0) };
    }
    if stroked {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
    ops.push(Op::EndTextSection);
}

/// Draws one item; `glyph` gives the marked-content properties of each
/// glyph of a line drawn glyph by glyph (from its place in written order
/// and the letters it stands for).
fn draw(
    ops: &mut Vec<Op>,
    item: &Item,
    g: &PageGeometry,
    (fonts, images): (&Fonts, &[(XObjectId, f32, f32)]),
    glyph: &mut dyn FnMut(usize, &str) -> DictItem,
) {
    // Layout measures from the top; PDF from the bottom.
    let flip = |y: f32| g.height - y;
    match item {
        Item::Text { x, y, size, bold, italic, color, text, written } => {
            let style = TextStyle { size: *size, bold: *bold, color: *color, ..TextStyle::BODY };
            let Some(glyphs) = written else {
                return text_ops(ops, fonts, (*x, flip(*y)), &style, *italic, text);
            };
            // A line with right-to-left text goes into the page glyph by
            // glyph in drawing order (as readers of PDFs expect, and turn
            // back into written order), each saying which letter it stands
            // for (ActualText, ISO 32000 §14.9.4): copied out, Arabic gives
            // its letters rather than their joined forms.
            let mut glyphs: Vec<_> = glyphs.iter().enumerate().collect();
            glyphs.sort_by(|a, b| a.1.dx.total_cmp(&b.1.dx));
            for (place, one) in glyphs {
                let properties = glyph(place, &one.written);
                ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties });
                text_ops(ops, fonts, (x + one.dx, flip(*y)), &style, *italic, &one.drawn.to_string());
                ops.push(Op::EndMarkedContent);
            }
        }
        Item::Link { x, y, w, h, uri } => {
            let rect = Rect::from_xywh(Pt(*x), Pt(flip(*y + *h)), Pt(*w), Pt(*h));
            let no_border = Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0]));
            let link = LinkAnnotation::new(rect, Actions::Uri(uri.clone()), no_border, None, None);
            ops.push(Op::LinkAnnotation { link });
        }
        Item::Rect { x, y, w, h, fill, stroke } => {
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                _ => PaintMode::Stroke,
            };
            if let Some(fill) = fill {
                ops.push(Op::SetFillColor { col: rgb(*fill) });
            }
            if let Some(stroke) = stroke {
                ops.push(Op::SetOutlineColor { col: rgb(*stroke) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            }
            let mut rect = Rect::from_xywh(Pt(*x), Pt(flip(*y + *h)), Pt(*w), Pt(*h));
            rect.mode = Some(mode);
            ops.push(Op::DrawRectangle { rectangle: rect });
        }
        Item::Line { x1, y1, x2, y2, color, width } => {
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(flip(y)) }, bezier: false };
            ops.push(Op::DrawLine {
                line: Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false },
            });
        }
        Item::Image { index, x, y, w, h } => {
            if let Some((id, width_px, height_px)) = images.get(*index) {
                let transform = XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(flip(*y + *h))),
                    scale_x: Some(w / width_px),
                    scale_y: Some(h / height_px),
                    dpi: Some(72.0),
                    ..Default::default()
                };
                ops.push(Op::UseXobject { id: id.clone(), transform });
            }
        }
    }
}

fn running_header_and_footer(
    ops: &mut Vec<Op>,
    g: &PageGeometry,
    fonts: &Fonts,
    meta: &Metadata,
    page: usize,
    total: usize,
) {
    let size = 7.5;
    let style = TextStyle { size, color: GREY, ..TextStyle::BODY };
    let top = g.height - g.margin + 4.0;
    let visual = |text: &str| super::scripts::visual_order(&displayable(text, false)).into_owned();
    let (left, right) = (visual(&meta.header_left), visual(&meta.header_right));
    text_ops(ops, fonts, (g.margin, top), &style, false, &left);
    let right_x = g.width - g.margin - text_width(&right, size, false);
    text_ops(ops, fonts, (right_x, top), &style, false, &right);
    let rule_y = top - 5.0;
    ops.push(Op::SetOutlineColor { col: rgb(RULE) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
    let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(rule_y) }, bezier: false };
    ops.push(Op::DrawLine {
        line: Line { points: vec![point(g.margin), point(g.width - g.margin)], is_closed: false },
    });
    let footer = format!("Page {page} of {total}");
    let x = (g.width - text_width(&footer, size, false)) / 2.0;
    text_ops(ops, fonts, (x, g.margin - 12.0), &style, false, &footer);
}
