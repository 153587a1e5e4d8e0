//! A document as a Word file (Office Open XML), for the applicant tracking
//! systems that take Word and not PDF: made from the same blocks the PDF is
//! laid out from, as real structure — Title and Heading styles, numbered and
//! bulleted lists with Word's own numbering, tables with a header row, links
//! as hyperlinks, an entry's dates on a right tab stop — and no text boxes,
//! frames or drawings, which those systems cannot read. Charts are left out
//! (the interview has none).

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, SpecialIndentType, Start,
    Style, StyleType, Tab, TabValueType, Table, TableCell, TableRow, WidthType,
};

use crate::pdf::blocks::{Block, Cell, Rich};

/// The width of the text on an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9_638;
/// The numbering definitions (Word's own list 1 is the library's default, left alone).
const BULLETS: usize = 10;
const NUMBERS: usize = 11;
const GREY: &str = "595959";
const ACCENT: &str = "1F4E79";

/// What the file says of itself.
pub struct DocxMeta {
    pub title: String,
    pub author: String,
    /// When it was made (RFC 3339): the same portfolio on the same day gives the same file.
    pub stamp: String,
}

/// The blocks as a `.docx` file's bytes.
pub fn render(blocks: &[Block], meta: &DocxMeta) -> Result<Vec<u8>, String> {
    let mut docx = styled(Docx::new());
    let mut lists = Lists::default();
    for (n, block) in blocks.iter().enumerate() {
        match block {
            Block::Title { text, subtitle } => {
                docx = docx.add_paragraph(para().style("Title").add_run(Run::new().add_text(text)));
                if !subtitle.is_empty() {
                    docx =
                        docx.add_paragraph(para().style("Subtitle").add_run(Run::new().add_text(subtitle)));
                }
            }
            Block::Heading { level, text, aside } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                let mut paragraph = para().style(&style).add_run(Run::new().add_text(text));
                if !aside.is_empty() {
                    // The dates beside an entry's title, against the right margin.
                    paragraph = paragraph
                        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
                        .add_run(Run::new().add_tab().add_text(aside).color(GREY));
                }
                docx = docx.add_paragraph(paragraph);
            }
            Block::Paragraph { text, style } => {
                let mut run = Run::new().add_text(text);
                if style.size < 9.0 {
                    run = run.size(17).color(GREY);
                }
                docx = docx.add_paragraph(para().add_run(run));
            }
            Block::Rich(rich) => {
                let previous_is_item =
                    n > 0 && matches!(&blocks[n - 1], Block::Rich(r) if list_of(r).is_some());
                let (paragraph, numbering) = rich_paragraph(rich, previous_is_item, &mut lists);
                if let Some(numbering) = numbering {
                    docx = docx.add_numbering(numbering);
                }
                docx = docx.add_paragraph(paragraph);
            }
            Block::Table(table) => docx = docx.add_table(table_of(&table.widths, &table.header, &table.rows)),
            _ => {}
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.created_at(&meta.stamp)
        .updated_at(&meta.stamp)
        .custom_property("title", &meta.title)
        .custom_property("author", &meta.author)
        .build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot write the Word file: {e}"))?;
    Ok(bytes.into_inner())
}

/// A paragraph in the Normal style, named so a reader of the file finds it.
fn para() -> Paragraph {
    Paragraph::new().style("Normal")
}

/// The styles the blocks use, named as Word names them (so a reader finds headings).
fn styled(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color(ACCENT)
    };
    docx.default_size(20)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(44)
                .bold()
                .color(ACCENT),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .size(22)
                .color(GREY),
        )
        .add_style(heading("Heading1", "Heading 1", 28).outline_lvl(0))
        .add_style(heading("Heading2", "Heading 2", 24).outline_lvl(1))
        .add_style(heading("Heading3", "Heading 3", 21).outline_lvl(2).color("000000"))
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph).name("List Paragraph").based_on("Normal"),
        )
        .add_abstract_numbering(list_format(BULLETS, "bullet", "•"))
        .add_abstract_numbering(list_format(NUMBERS, "decimal", "%1."))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

fn list_format(id: usize, format: &str, text: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(0, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left"))
            .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

/// Numbered lists each start again at 1: each has its own numbering.
#[derive(Default)]
struct Lists {
    /// The numbering of the numbered list being written.
    current: Option<usize>,
    next_id: usize,
}

/// Which list a paragraph's lead makes it an item of.
fn list_of(rich: &Rich) -> Option<usize> {
    let lead = rich.lead.as_ref()?;
    let text = lead.text.trim();
    if matches!(text, "•" | "-" | "*" | "–") {
        Some(BULLETS)
    } else if text.strip_suffix('.').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) {
        Some(NUMBERS)
    } else {
        None
    }
}

/// A paragraph of styled runs: a list item in Word's numbering, or a label
/// (a STAR part) in bold before the text; and a new numbering when a
/// numbered list starts.
fn rich_paragraph(rich: &Rich, continues_a_list: bool, lists: &mut Lists) -> (Paragraph, Option<Numbering>) {
    let mut paragraph = para();
    let mut numbering = None;
    match (list_of(rich), &rich.lead) {
        (Some(BULLETS), _) => {
            paragraph =
                paragraph.style("ListParagraph").numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
        }
        (Some(_), _) => {
            let id = match (continues_a_list, lists.current) {
                (true, Some(id)) => id,
                _ => {
                    lists.next_id = lists.next_id.max(NUMBERS + 1);
                    let id = lists.next_id;
                    lists.next_id += 1;
                    lists.current = Some(id);
                    numbering =
                        Some(Numbering::new(id, NUMBERS).add_override(LevelOverride::new(0).start(1)));
                    id
                }
            };
            paragraph = paragraph.style("ListParagraph").numbering(NumberingId::new(id), IndentLevel::new(0));
        }
        (None, Some(lead)) => {
            paragraph = paragraph.add_run(Run::new().add_text(format!("{} ", lead.text.trim_end())).bold());
        }
        (None, None) => {}
    }
    if list_of(rich) != Some(NUMBERS) {
        lists.current = None;
    }
    if rich.style.indent > 0.0 && list_of(rich).is_none() {
        paragraph = paragraph.indent(Some((rich.style.indent * 20.0) as i32), None, None, None);
    }
    if rich.style.color == crate::pdf::blocks::GREY {
        paragraph = paragraph.color(GREY);
    }
    for run in &rich.runs {
        // A line break written in the text stays a line break.
        let mut text = Run::new();
        for (n, line) in run.text.split('\n').enumerate() {
            if n > 0 {
                text = text.add_break(BreakType::TextWrapping);
            }
            text = text.add_text(line);
        }
        if run.bold || rich.style.bold {
            text = text.bold();
        }
        if run.italic {
            text = text.italic();
        }
        paragraph = match &run.link {
            Some(link) => paragraph.add_hyperlink(
                Hyperlink::new(link, HyperlinkType::External)
                    .add_run(text.color("0563C1").underline("single")),
            ),
            None => paragraph.add_run(text),
        };
    }
    (paragraph.align(AlignmentType::Left), numbering)
}

/// A table with a header row in bold, its rows never split across pages,
/// its columns in the blocks' proportions.
fn table_of(widths: &[f32], header: &[String], rows: &[Vec<Cell>]) -> Table {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    let grid: Vec<usize> = widths.iter().map(|w| (w / total * TEXT_WIDTH as f32) as usize).collect();
    let cell = |paragraph: Paragraph, column: usize| {
        TableCell::new()
            .add_paragraph(paragraph)
            .width(grid.get(column).copied().unwrap_or(0), WidthType::Dxa)
    };
    let mut table_rows = Vec::new();
    if header.iter().any(|h| !h.trim().is_empty()) {
        let cells = header
            .iter()
            .enumerate()
            .map(|(i, h)| cell(para().add_run(Run::new().add_text(h).bold()), i))
            .collect();
        table_rows.push(TableRow::new(cells).cant_split());
    }
    for row in rows {
        let cells = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut run = Run::new().add_text(&c.text);
                if c.bold {
                    run = run.bold();
                }
                let paragraph = match &c.link {
                    Some(link) => para().add_hyperlink(
                        Hyperlink::new(link, HyperlinkType::External)
                            .add_run(run.color("0563C1").underline("single")),
                    ),
                    None => para().add_run(run),
                };
                let paragraph = if c.right { paragraph.align(AlignmentType::Right) } else { paragraph };
                cell(paragraph, i)
            })
            .collect();
        table_rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(table_rows).set_grid(grid.clone()).width(TEXT_WIDTH, WidthType::Dxa)
}
