//! What people wrote (Markdown, read once by [`crate::markdown`]) as HTML:
//! every block carries `dir="auto"` so a Hebrew or Arabic paragraph reads
//! right to left, text is escaped, raw HTML stays text, and a link goes only
//! to a web or mail address, opened without a referrer.

use std::fmt::Write;

use super::esc;
use crate::markdown::{self, Kind, Punctuation, Span};

/// One open list: ordered or not, and how deep.
struct List {
    ordered: bool,
    depth: usize,
}

/// Appends the text as HTML blocks.
pub(super) fn prose(out: &mut String, text: &str) {
    let mut lists: Vec<List> = Vec::new();
    for block in markdown::parse(text, Punctuation::Smart) {
        let spans = spans(&block.spans);
        if let Kind::Item(marker) = &block.kind {
            let ordered = marker.ends_with('.');
            close_lists(out, &mut lists, |l| l.depth > block.depth);
            match lists.last() {
                Some(list) if list.depth == block.depth && list.ordered == ordered => out.push_str("</li>\n"),
                Some(list) if list.depth == block.depth => close_lists(out, &mut lists, |_| true),
                _ => {}
            }
            if lists.last().is_none_or(|l| l.depth < block.depth) {
                match marker.trim_end_matches('.').parse::<u64>() {
                    Ok(start) if ordered && start != 1 => {
                        let _ = writeln!(out, "<ol start=\"{start}\">");
                    }
                    _ if ordered => out.push_str("<ol>\n"),
                    _ => out.push_str("<ul>\n"),
                }
                lists.push(List { ordered, depth: block.depth });
            }
            let _ = write!(out, "<li dir=\"auto\">{spans}");
            continue;
        }
        close_lists(out, &mut lists, |l| l.depth >= block.depth);
        let _ = match block.kind {
            Kind::Heading => writeln!(out, "<p class=\"subhead\" dir=\"auto\">{spans}</p>"),
            Kind::Quote => writeln!(out, "<blockquote dir=\"auto\"><p>{spans}</p></blockquote>"),
            Kind::Code => writeln!(out, "<pre><code>{}</code></pre>", esc(&block.text())),
            Kind::Paragraph | Kind::Item(_) => writeln!(out, "<p dir=\"auto\">{spans}</p>"),
        };
    }
    close_lists(out, &mut lists, |_| true);
}

/// A short text (a comment, a note) inside a line: its styles and links,
/// its blocks joined by line breaks.
pub(super) fn inline(text: &str) -> String {
    let blocks = markdown::parse(text, Punctuation::Smart);
    blocks.iter().map(|b| spans(&b.spans)).collect::<Vec<_>>().join("<br>\n")
}

/// Closes the innermost lists while `close` says so.
fn close_lists(out: &mut String, lists: &mut Vec<List>, close: impl Fn(&List) -> bool) {
    while let Some(list) = lists.last() {
        if !close(list) {
            break;
        }
        out.push_str(if list.ordered { "</li>\n</ol>\n" } else { "</li>\n</ul>\n" });
        lists.pop();
    }
}

fn spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let text = esc(&span.text).replace('\n', "<br>\n");
        let mut html = if span.style.code { format!("<code>{text}</code>") } else { text };
        if span.style.emphasis {
            html = format!("<em>{html}</em>");
        }
        if span.style.strong {
            html = format!("<strong>{html}</strong>");
        }
        if let Some(link) = &span.link {
            html = format!("<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{html}</a>", esc(link));
        }
        out.push_str(&html);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        let mut out = String::new();
        prose(&mut out, text);
        out
    }

    #[test]
    fn markdown_becomes_html_blocks() {
        assert_eq!(
            html("## Context\nI **did** *it*.\n\n- one\n- two\n  1. a\n\n3. three\n\n> quote"),
            "<p class=\"subhead\" dir=\"auto\">Context</p>\n\
             <p dir=\"auto\">I <strong>did</strong> <em>it</em>.</p>\n\
             <ul>\n<li dir=\"auto\">one</li>\n<li dir=\"auto\">two<ol>\n<li dir=\"auto\">a</li>\n</ol>\n</li>\n</ul>\n\
             <ol start=\"3\">\n<li dir=\"auto\">three</li>\n</ol>\n\
             <blockquote dir=\"auto\"><p>quote</p></blockquote>\n"
        );
    }

    #[test]
    fn hostile_markdown_stays_text() {
        let out = html(
            "<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) <script>alert(3)</script>",
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(!out.to_lowercase().contains("href=\"javascript"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        let quoted = html("[x](https://e.org/\"onmouseover=\"alert(1))");
        assert!(!quoted.contains("\"onmouseover"), "{quoted}");
    }

    #[test]
    fn line_breaks_and_links() {
        assert_eq!(
            html("one\ntwo https://e.org"),
            "<p dir=\"auto\">one<br>\ntwo <a href=\"https://e.org\" rel=\"noopener noreferrer nofollow\">https://e.org</a></p>\n"
        );
    }
}
