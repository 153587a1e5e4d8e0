use super::*;

fn typed(text: &str) -> Vec<Block> {
    parse(text, Punctuation::AsTyped)
}

fn strong(text: &str) -> Span {
    Span { text: text.into(), style: Style { strong: true, ..Style::default() }, link: None }
}

fn emphasis(text: &str) -> Span {
    Span { text: text.into(), style: Style { emphasis: true, ..Style::default() }, link: None }
}

#[test]
fn emphasis_and_strong_become_styles_not_stars() {
    let blocks = typed("I **consistently** named the *Karpman* triangle.");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].kind, Kind::Paragraph);
    assert_eq!(
        blocks[0].spans,
        vec![
            Span::plain("I "),
            strong("consistently"),
            Span::plain(" named the "),
            emphasis("Karpman"),
            Span::plain(" triangle.")
        ]
    );
}

#[test]
fn headings_lists_quotes_and_code_are_blocks() {
    let text = "## Context\nWard round.\n\n- first\n- second\n  1. one\n  2. two\n\n> quoted\n\n```\nlet x = 1;\n```";
    let blocks = typed(text);
    let shape: Vec<(Kind, usize, String)> =
        blocks.iter().map(|b| (b.kind.clone(), b.depth, b.text())).collect();
    assert_eq!(
        shape,
        vec![
            (Kind::Heading, 0, "Context".into()),
            (Kind::Paragraph, 0, "Ward round.".into()),
            (Kind::Item("•".into()), 0, "first".into()),
            (Kind::Item("•".into()), 0, "second".into()),
            (Kind::Item("1.".into()), 1, "one".into()),
            (Kind::Item("2.".into()), 1, "two".into()),
            (Kind::Quote, 0, "quoted".into()),
            (Kind::Code, 0, "let x = 1;".into()),
        ]
    );
}

#[test]
fn an_ordered_list_keeps_its_first_number_and_a_loose_item_its_paragraphs() {
    let blocks = typed("3. three\n\n   more about three\n\n4. four");
    let shape: Vec<(Kind, usize, String)> =
        blocks.iter().map(|b| (b.kind.clone(), b.depth, b.text())).collect();
    assert_eq!(
        shape,
        vec![
            (Kind::Item("3.".into()), 0, "three".into()),
            (Kind::Paragraph, 1, "more about three".into()),
            (Kind::Item("4.".into()), 0, "four".into()),
        ]
    );
}

#[test]
fn single_line_breaks_are_kept_and_a_list_may_follow_a_line() {
    let blocks = typed("Line one\nline two\nLed:\n- huddles daily");
    assert_eq!(blocks[0].text(), "Line one\nline two\nLed:");
    assert_eq!(blocks[1].kind, Kind::Item("•".into()));
}

#[test]
fn raw_html_is_text_and_unsafe_links_lose_their_target() {
    let blocks = typed(
        "<img src=x onerror=alert(1)> and [click](javascript:alert(1)) and [site](https://example.org)",
    );
    let spans = &blocks[0].spans;
    assert_eq!(blocks[0].text(), "<img src=x onerror=alert(1)> and click and site");
    assert!(spans.iter().all(|s| s.link.as_deref().is_none_or(|l| l.starts_with("https://"))));
    assert_eq!(spans.iter().filter(|s| s.link.is_some()).count(), 1);
    let block_html = typed("<script>alert(1)</script>\n\nafter");
    assert_eq!(block_html[0].text(), "<script>alert(1)</script>");
    assert_eq!(block_html[1].text(), "after");
}

#[test]
fn bare_addresses_become_links_without_their_trailing_punctuation() {
    let blocks = typed("See https://example.org/a_b. Then (https://x.org).");
    let links: Vec<&str> = blocks[0].spans.iter().filter_map(|s| s.link.as_deref()).collect();
    assert_eq!(links, ["https://example.org/a_b", "https://x.org"]);
    assert_eq!(blocks[0].text(), "See https://example.org/a_b. Then (https://x.org).");
}

#[test]
fn images_are_their_description() {
    assert_eq!(typed("![a chart of hours](https://evil.example/x.png)")[0].text(), "a chart of hours");
    assert!(typed("![a](https://e.x/y.png)")[0].spans.iter().all(|s| s.link.is_none()));
}

#[test]
fn smart_punctuation_only_when_asked() {
    assert_eq!(
        parse("\"Yes\" -- it's", Punctuation::Smart)[0].text(),
        "\u{201c}Yes\u{201d} \u{2013} it\u{2019}s"
    );
    assert_eq!(typed("\"Yes\" -- it's")[0].text(), "\"Yes\" -- it's");
}

#[test]
fn plain_text_drops_the_markup() {
    let text = "## Context\n**Bold** and *it*.\n\n- a [link](https://e.org)\n1. one";
    assert_eq!(plain(text), "Context\nBold and it.\n- a link (https://e.org)\n1. one");
    assert_eq!(plain("plain words"), "plain words");
    assert_eq!(plain(""), "");
}

#[test]
fn shortening_cuts_at_a_word_and_keeps_styles() {
    let blocks = typed("One **two three** four five.\n\nSecond paragraph.");
    assert_eq!(shortened(&blocks, 500), None);
    let cut = shortened(&blocks, 12).unwrap_or_default();
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0].text(), "One two…");
    assert_eq!(cut[0].spans[1], strong("two"));
    let cut = shortened(&blocks, 30).unwrap_or_default();
    assert_eq!(cut.iter().map(Block::text).collect::<Vec<_>>(), ["One two three four five.", "Second…"]);
}

#[test]
fn nothing_but_blank_lines_is_no_block() {
    assert!(typed("\n\n  \n").is_empty());
    assert!(typed("").is_empty());
}
