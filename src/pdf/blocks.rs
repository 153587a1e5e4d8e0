//! What documents hand to the layout engine (blocks, styles, tables, page
//! geometry) and what it hands back (positioned items on pages).

pub use super::structure::{Kid, Mark, Node, Role};

pub type Color = (f32, f32, f32);

pub const BLACK: Color = (0.1, 0.1, 0.12);
pub const GREY: Color = (0.42, 0.42, 0.46);
pub const ACCENT: Color = (0.11, 0.27, 0.47);
pub const RULE: Color = (0.78, 0.8, 0.84);
/// Code in what people wrote (the embedded faces have no monospace).
pub const CODE: Color = (0.45, 0.14, 0.32);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub color: Color,
    pub indent: f32,
    pub space_after: f32,
}

impl TextStyle {
    pub const BODY: TextStyle =
        TextStyle { size: 9.5, bold: false, color: BLACK, indent: 0.0, space_after: 4.0 };
    pub const SMALL: TextStyle =
        TextStyle { size: 8.0, bold: false, color: GREY, indent: 0.0, space_after: 3.0 };

    pub fn indented(self, indent: f32) -> Self {
        Self { indent, ..self }
    }

    pub fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    pub(crate) fn line_height(&self) -> f32 {
        self.size * 1.35
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
    pub fill: Option<Color>,
    /// A web address the cell's text opens (a certificate's page).
    pub link: Option<String>,
    /// Set against the right edge (a number).
    pub right: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: false, fill: None, link: None, right: false }
    }

    /// A number, its thousands separated, set against the right edge.
    pub fn number(value: f64) -> Self {
        Self { right: true, ..Self::new(crate::model::format::number_for_people(value)) }
    }

    pub fn link(mut self, url: Option<&str>) -> Self {
        self.link = url.filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(String::from);
        self
    }

    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub fn fill(mut self, color: Color) -> Self {
        self.fill = Some(color);
        self
    }
}

/// Text in one style inside a [`Rich`] paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Code, drawn in its own colour (the embedded faces have no monospace).
    pub code: bool,
    /// A web or mail address the run opens.
    pub link: Option<String>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }

    pub fn bold(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: true, ..Self::default() }
    }

    /// Whether two runs are drawn alike (and may be joined).
    pub(crate) fn same_look(&self, other: &Run) -> bool {
        (self.bold, self.italic, self.code, &self.link) == (other.bold, other.italic, other.code, &other.link)
    }
}

/// What hangs in the margin of a paragraph's first line: a list bullet or
/// number, or a label ("Situation") with the text beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub text: String,
    pub bold: bool,
    /// The room it takes; the paragraph's lines start after it.
    pub width: f32,
}

/// A paragraph of runs in several styles (what people wrote in Markdown).
#[derive(Debug, Clone, PartialEq)]
pub struct Rich {
    pub runs: Vec<Run>,
    pub style: TextStyle,
    pub lead: Option<Lead>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table without the columns no row has a value in.
    pub fn without_empty_columns(mut self) -> Self {
        let keep: Vec<bool> = (0..self.widths.len())
            .map(|n| self.rows.iter().any(|row| row.get(n).is_some_and(|c| !c.text.trim().is_empty())))
            .collect();
        self.widths = kept_only(self.widths, &keep);
        self.header = kept_only(self.header, &keep);
        self.rows = self.rows.into_iter().map(|row| kept_only(row, &keep)).collect();
        self
    }
}

/// The values whose place `keep` marks (those past its end are kept).
fn kept_only<T>(values: Vec<T>, keep: &[bool]) -> Vec<T> {
    let kept = |n: usize| keep.get(n).copied().unwrap_or(true);
    values.into_iter().enumerate().filter(|(n, _)| kept(*n)).map(|(_, v)| v).collect()
}

/// One item of the audit grid: every rating in order, as (how often, how
/// expert), and what its key says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditMove {
    pub label: String,
    /// (frequency, expertise) of each rating, oldest first.
    pub path: Vec<(f32, f32)>,
    /// The first and last dates ("March 2025 to September 2026").
    pub span: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRow {
    pub label: String,
    pub total: usize,
    pub evidenced: usize,
    pub accepted: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub first: f32,
    pub latest: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title block: a large name and a subtitle line.
    Title {
        text: String,
        subtitle: String,
    },
    /// A section heading; levels 1 and 2 go in the outline, level 1 gets a rule.
    Heading {
        level: u8,
        text: String,
        /// Set right-aligned on the heading's first line, in grey (an
        /// entry's dates beside its title); empty for none.
        aside: String,
    },
    Paragraph {
        text: String,
        style: TextStyle,
    },
    /// A paragraph of styled runs, perhaps with a lead in its margin.
    Rich(Rich),
    Table(Table),
    /// An image already decoded by the caller: index into the document's images.
    Image {
        index: usize,
        width_px: f32,
        height_px: f32,
        max_height: f32,
        caption: String,
    },
    /// Pairs of bars (first and latest value, out of `max`) per label.
    Bars {
        bars: Vec<Bar>,
        max: f32,
        legend: (String, String),
    },
    /// One bar per label (hours per year, say), drawn to scale, with an
    /// optional target drawn as a line across them and named in a legend.
    Totals {
        bars: Vec<(String, f32)>,
        /// The target and how to say it ("11.7 h a year: 35 h over 3 years").
        target: Option<(f32, String)>,
        /// What follows each value ("h").
        unit: String,
    },
    /// The two-axis audit: a 5 × 5 grid of how often (across) by how expert
    /// (up), each item a path through every rating to an arrow at its latest.
    AuditGrid(Vec<AuditMove>),
    /// Progress towards a whole, per row: of `total`, how many are
    /// `evidenced` and how many of those `accepted`.
    Progress(Vec<ProgressRow>),
    Spacer(f32),
    /// The rest of the page left blank (a form on a page of its own).
    PageBreak,
}

impl Block {
    /// The words it prints (for the identifier check on what is written).
    pub fn text(&self) -> String {
        match self {
            Block::Title { text, subtitle } => format!("{text}\n{subtitle}"),
            Block::Heading { text, aside, .. } if !aside.is_empty() => format!("{text}\n{aside}"),
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => text.clone(),
            Block::Rich(rich) => {
                let lead = rich.lead.iter().map(|l| format!("{} ", l.text));
                let runs = rich.runs.iter().map(|r| match &r.link {
                    Some(link) => format!("{} {link}", r.text),
                    None => r.text.clone(),
                });
                lead.chain(runs).collect()
            }
            Block::Table(table) => {
                let cells = table.rows.iter().flatten().map(|c| c.text.as_str());
                table.header.iter().map(String::as_str).chain(cells).collect::<Vec<_>>().join("\n")
            }
            Block::Image { caption, .. } => caption.clone(),
            Block::Spacer(_) | Block::PageBreak => String::new(),
            // Charts print labels: their debug form holds every one.
            other => format!("{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        italic: bool,
        color: Color,
        /// In the order drawn, left to right.
        text: String,
        /// When that is not the order it was written in (right-to-left
        /// text): its characters in written order, each where it is drawn.
        written: Option<Vec<Glyph>>,
    },
    /// A clickable area opening a web or mail address.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        uri: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<Color>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Color,
        width: f32,
    },
    Image {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Item {
    /// How far down the page it reaches, in points from the top.
    pub fn bottom(&self) -> f32 {
        match self {
            Item::Text { y, size, .. } => y + size * 0.3,
            Item::Rect { y, h, .. } | Item::Link { y, h, .. } | Item::Image { y, h, .. } => y + h,
            Item::Line { y1, y2, .. } => y1.max(*y2),
        }
    }
}

/// A character of a line drawn out of written order.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// From the line's left edge.
    pub dx: f32,
    /// What is drawn (a joined Arabic form, a mirrored bracket).
    pub drawn: char,
    /// What it stands for, for a reader copying it out.
    pub written: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// What each item belongs to in the structure tree, by index.
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Space kept above the body for the running header.
    pub header: f32,
    /// Space kept below the body for the footer.
    pub footer: f32,
}

impl PageGeometry {
    pub const A4: PageGeometry =
        PageGeometry { width: 595.28, height: 841.89, margin: 54.0, header: 22.0, footer: 24.0 };
    pub const LETTER: PageGeometry =
        PageGeometry { width: 612.0, height: 792.0, margin: 54.0, header: 22.0, footer: 24.0 };

    pub(crate) fn top(&self) -> f32 {
        self.margin + self.header
    }

    pub(crate) fn bottom(&self) -> f32 {
        self.height - self.margin - self.footer
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// The outline: level-1 and level-2 headings in reading order.
    pub bookmarks: Vec<Bookmark>,
    /// The structure tree: node 0 is the document.
    pub nodes: Vec<Node>,
}

/// A heading in the document's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 1 for a section, 2 for what is inside one.
    pub level: u8,
    pub title: String,
    /// The page (0-based) and the top of the heading on it, in points from the top.
    pub page: usize,
    pub y: f32,
}
