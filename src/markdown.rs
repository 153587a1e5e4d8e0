//! What people write, read once. Bodies, sections, notes and comments are
//! Markdown (CommonMark): [`parse`] turns a text into a few [`Block`]s of
//! styled [`Span`]s that every output renders its own way — the PDF layout,
//! the HTML page, `show` on a terminal — and [`plain`] gives the words alone
//! for CSV and calendars.
//!
//! The rules, in one place:
//! - raw HTML is kept as the text it is, never passed on;
//! - a link keeps its target only when that is a web or mail address
//!   (`[x](javascript:…)` is the word "x"); a bare `https://…` is a link too;
//! - an image is its description (nothing is ever fetched);
//! - a single line break is kept as a break: a diary is written line by line;
//! - curly quotes and dashes ([`Punctuation::Smart`]) in documents only.

use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How a span is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
}

/// Text in one style, perhaps a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    /// A web or mail address: never anything a browser would run.
    pub link: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), style: Style::default(), link: None }
    }

    /// Its words, and a link's address after them when the words are not
    /// the address itself: how a link reads where it cannot be followed.
    pub fn with_address(&self) -> String {
        match &self.link {
            Some(link) if link.trim_start_matches("mailto:") != self.text => {
                format!("{} ({link})", self.text)
            }
            _ => self.text.clone(),
        }
    }
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    /// A heading inside the text: a sub-head wherever it is shown.
    Heading,
    /// A list item with its marker ("•", "◦", "3.").
    Item(String),
    Quote,
    /// A code block: its lines as typed.
    Code,
}

/// A paragraph, heading, list item, quotation or code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// How deep in lists it sits: 0 at the top, 1 inside an item, …
    pub depth: usize,
    pub spans: Vec<Span>,
}

impl Block {
    /// Its words, styles dropped.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Straight quotes as typed, or curly ones with real dashes and ellipses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuation {
    AsTyped,
    Smart,
}

/// Reads Markdown into blocks.
pub fn parse(text: &str, punctuation: Punctuation) -> Vec<Block> {
    let mut options = Options::empty();
    if punctuation == Punctuation::Smart {
        options.insert(Options::ENABLE_SMART_PUNCTUATION);
    }
    let mut reader = Reader::default();
    for event in Parser::new_ext(text, options) {
        reader.event(event);
    }
    reader.flush();
    reader.blocks
}

/// The words of a Markdown text without its markup, for CSV cells and
/// calendar descriptions: a block a line, list items after "- ", a link's
/// address after its words.
pub fn plain(text: &str) -> String {
    let blocks = parse(text, Punctuation::AsTyped);
    let lines: Vec<String> = blocks
        .iter()
        .map(|block| {
            let words: String = block.spans.iter().map(Span::with_address).collect();
            let indent = "  ".repeat(block.depth);
            match &block.kind {
                Kind::Item(marker) if marker.ends_with('.') => format!("{indent}{marker} {words}"),
                Kind::Item(_) => format!("{indent}- {words}"),
                _ => format!("{indent}{words}"),
            }
        })
        .collect();
    lines.join("\n")
}

/// The blocks cut to about `limit` characters of text, at a word, with
/// "…" where it was cut; `None` when they fit whole.
pub fn shortened(blocks: &[Block], limit: usize) -> Option<Vec<Block>> {
    let mut left = limit;
    let mut kept = Vec::new();
    for block in blocks {
        let length = block.text().chars().count();
        if length <= left {
            kept.push(block.clone());
            left -= length;
            continue;
        }
        let mut cut = Block { spans: Vec::new(), ..block.clone() };
        for span in &block.spans {
            let length = span.text.chars().count();
            if length <= left {
                cut.spans.push(span.clone());
                left -= length;
                continue;
            }
            let head: String = span.text.chars().take(left).collect();
            let head = match head.rfind(char::is_whitespace) {
                Some(at) if at > 0 => head[..at].trim_end().to_string(),
                _ if cut.spans.is_empty() => head,
                _ => String::new(),
            };
            if !head.is_empty() {
                cut.spans.push(Span { text: head, ..span.clone() });
            }
            break;
        }
        if cut.spans.is_empty() && !kept.is_empty() {
            if let Some(last) = kept.last_mut().and_then(|b: &mut Block| b.spans.last_mut()) {
                last.text.push('…');
            }
        } else {
            cut.spans.push(Span::plain("…"));
            kept.push(cut);
        }
        return Some(kept);
    }
    None
}

/// Builds blocks from the parser's events.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    open: Option<Block>,
    /// Each list we are in: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    /// The marker of an item whose text has not started yet.
    item: Option<String>,
    quotes: usize,
    strong: usize,
    emphasis: usize,
    link: Option<Option<String>>,
    code_block: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block => self.push(text.trim_end_matches('\n'), true),
            Event::Text(text) => self.text(&text),
            Event::Code(text) => self.push(&text, true),
            Event::Html(text) | Event::InlineHtml(text) => {
                self.push(text.trim_end_matches('\n'), false);
            }
            Event::SoftBreak | Event::HardBreak => self.push("\n", false),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock if self.item.is_none() => self.flush(),
            Tag::Heading { .. } => self.begin(Kind::Heading),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.begin(Kind::Code);
                self.code_block = true;
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(next)) => {
                        *next += 1;
                        format!("{}.", *next - 1)
                    }
                    _ if depth == 0 => "•".to_string(),
                    _ => "◦".to_string(),
                };
                self.item = Some(marker);
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => self.link = Some(safe_link(&dest_url)),
            // An image is its description; its address is never fetched.
            Tag::Image { .. } => self.link = Some(None),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::Heading(_) | TagEnd::Item => self.flush(),
            TagEnd::CodeBlock => {
                self.flush();
                self.code_block = false;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.link = None,
            _ => {}
        }
    }

    fn begin(&mut self, kind: Kind) {
        self.flush();
        self.open = Some(Block { kind, depth: self.lists.len(), spans: Vec::new() });
    }

    /// Text outside a link: bare web addresses in it become links.
    fn text(&mut self, text: &str) {
        if self.link.is_some() {
            return self.push(text, false);
        }
        let mut rest = text;
        while let Some(found) = bare_url().find(rest) {
            let url = found.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', ')']);
            self.push(&rest[..found.start()], false);
            self.link = Some(Some(url.to_string()));
            self.push(url, false);
            self.link = None;
            rest = &rest[found.start() + url.len()..];
        }
        self.push(rest, false);
    }

    fn push(&mut self, text: &str, code: bool) {
        if text.is_empty() {
            return;
        }
        if self.open.is_none() {
            let depth = self.lists.len();
            let (kind, depth) = match self.item.take() {
                Some(marker) => (Kind::Item(marker), depth.saturating_sub(1)),
                None if self.quotes > 0 => (Kind::Quote, depth),
                None => (Kind::Paragraph, depth),
            };
            self.open = Some(Block { kind, depth, spans: Vec::new() });
        }
        let style = Style { strong: self.strong > 0, emphasis: self.emphasis > 0, code };
        let link = self.link.clone().flatten();
        let Some(block) = self.open.as_mut() else { return };
        match block.spans.last_mut() {
            Some(last) if last.style == style && last.link == link => last.text.push_str(text),
            _ => block.spans.push(Span { text: text.to_string(), style, link }),
        }
    }

    /// Ends the open block, keeping it when it has words.
    fn flush(&mut self) {
        let Some(mut block) = self.open.take() else { return };
        if let Some(first) = block.spans.first_mut() {
            first.text = first.text.trim_start_matches('\n').to_string();
        }
        if let Some(last) = block.spans.last_mut() {
            last.text = last.text.trim_end_matches('\n').to_string();
        }
        block.spans.retain(|s| !s.text.is_empty());
        if block.spans.iter().any(|s| !s.text.trim().is_empty()) {
            self.blocks.push(block);
        }
    }
}

/// The address when it is one a reader can safely follow.
fn safe_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let safe = ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme));
    safe.then(|| url.trim().to_string())
}

fn bare_url() -> &'static regex::Regex {
    static URL: OnceLock<regex::Regex> = OnceLock::new();
    URL.get_or_init(|| regex::Regex::new(r"https?://[^\s<>]+").unwrap_or_else(|e| unreachable!("{e}")))
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
