//! Unit tests of the layout engine: wrapping, flow over pages, tables, Unicode.

use super::*;

fn body(text: &str) -> Block {
    Block::Paragraph { text: text.into(), style: TextStyle::BODY }
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn within_page(layout: &Layout, g: &PageGeometry) {
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text { x, y, text, size, bold, .. } = item {
                let right = x + text_width(text, *size, *bold);
                assert!(right <= g.width - g.margin + 0.5, "overflows right: {text:?} ends at {right}");
                assert!(*y <= g.height - g.margin, "below the page: {text:?} at {y}");
            }
        }
    }
}

#[test]
fn wrapping_respects_the_width_and_breaks_only_long_words() {
    let lines = wrap("the quick brown fox jumps over the lazy dog", 10.0, false, 100.0);
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 100.0));
    assert_eq!(lines.join(" "), "the quick brown fox jumps over the lazy dog");
    let long = "x".repeat(300);
    let pieces = wrap(&long, 10.0, false, 100.0);
    assert!(pieces.len() > 3);
    assert_eq!(pieces.concat(), long);
    assert_eq!(wrap("", 10.0, false, 100.0), [""]);
}

#[test]
fn a_ten_thousand_word_reflection_flows_over_pages_without_overflowing() {
    let g = PageGeometry::A4;
    let text = "reflection ".repeat(10_000);
    let out = layout(
        &[Block::Heading { level: 1, text: "Reflections".into(), aside: String::new() }, body(&text)],
        &g,
    );
    assert!(out.pages.len() > 10, "{} pages", out.pages.len());
    within_page(&out, &g);
    let marks: Vec<(u8, &str, usize)> =
        out.bookmarks.iter().map(|b| (b.level, b.title.as_str(), b.page)).collect();
    assert_eq!(marks, [(1, "Reflections", 0)]);
}

#[test]
fn a_heading_is_never_left_alone_at_the_bottom() {
    let g = PageGeometry::A4;
    let filler = "line ".repeat(1500);
    let mut blocks = vec![body(&filler)];
    blocks.push(Block::Heading { level: 1, text: "Next section".into(), aside: String::new() });
    blocks.push(body("first words of the section"));
    let out = layout(&blocks, &g);
    let page = out.pages.iter().position(|p| texts(p).contains(&"Next section")).unwrap();
    assert!(texts(&out.pages[page]).contains(&"first words of the section"));
}

#[test]
fn the_outline_keeps_reading_order_and_nests_level_two() {
    let g = PageGeometry::A4;
    let heading = |level, text: &str| Block::Heading { level, text: text.into(), aside: String::new() };
    let blocks = vec![
        heading(1, "Profile"),
        body("who I am"),
        heading(1, "Objectives"),
        heading(2, "Lead a team"),
        body(&"progress ".repeat(900)),
        heading(2, "Another goal"),
        heading(3, "Not in the outline"),
        heading(1, "Continuing professional development"),
    ];
    let out = layout(&blocks, &g);
    let marks: Vec<(u8, &str)> = out.bookmarks.iter().map(|b| (b.level, b.title.as_str())).collect();
    assert_eq!(
        marks,
        [
            (1, "Profile"),
            (1, "Objectives"),
            (2, "Lead a team"),
            (2, "Another goal"),
            (1, "Continuing professional development")
        ]
    );
    assert!(out.bookmarks.windows(2).all(|w| (w[0].page, w[0].y) <= (w[1].page, w[1].y)), "in page order");
}

#[test]
fn a_heading_keeps_with_its_table_header_and_first_row() {
    let g = PageGeometry::A4;
    let tall = vec![vec![Cell::new("first row\nwith\nseveral\nlines\nof\ntext\nthat\nmake\nit\ntall")]];
    let table = Table { header: vec!["Code".into()], widths: vec![1.0], rows: tall };
    // Fill the page until only a little more than three body lines are left.
    for filler_lines in 40..60 {
        let filler = (0..filler_lines).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n");
        let blocks = vec![
            body(&filler),
            Block::Heading { level: 1, text: "Evidence: EMCC".into(), aside: String::new() },
            Block::Table(table.clone()),
        ];
        let out = layout(&blocks, &g);
        let heading_page = out.pages.iter().position(|p| texts(p).contains(&"Evidence: EMCC")).unwrap();
        let row_page = out.pages.iter().position(|p| texts(p).contains(&"first row")).unwrap();
        assert_eq!(heading_page, row_page, "with {filler_lines} lines before, the heading was stranded");
    }
}

#[test]
fn a_heading_keeps_with_its_chart() {
    let g = PageGeometry::A4;
    let grid = AuditMove {
        label: "Active listening".into(),
        path: vec![(2.0, 3.0), (3.0, 3.0), (4.0, 4.0)],
        span: "2025-03 to 2026-09".into(),
    };
    let bars = Block::Bars {
        bars: vec![Bar { label: "Active listening".into(), first: 2.0, latest: 4.0 }; 3],
        max: 5.0,
        legend: ("first".into(), "latest".into()),
    };
    for chart in [bars, Block::AuditGrid(vec![grid; 12])] {
        for filler_lines in 40..62 {
            let filler = (0..filler_lines).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n");
            let blocks = vec![
                body(&filler),
                Block::Heading { level: 2, text: "The chart".into(), aside: String::new() },
                chart.clone(),
            ];
            let out = layout(&blocks, &g);
            let heading = out.pages.iter().position(|p| texts(p).contains(&"The chart")).unwrap();
            let label = out
                .pages
                .iter()
                .position(|p| texts(p).iter().any(|t| t.contains("Active listening")))
                .unwrap();
            assert_eq!(heading, label, "with {filler_lines} lines before, the heading was stranded");
        }
    }
}

#[test]
fn table_headers_repeat_and_rows_stay_whole() {
    let g = PageGeometry::A4;
    let rows: Vec<Vec<Cell>> =
        (0..200).map(|i| vec![Cell::new(format!("row {i}")), Cell::new("two\nlines")]).collect();
    let table = Table { widths: vec![1.0, 2.0], header: vec!["Name".into(), "Detail".into()], rows };
    let out = layout(&[Block::Table(table)], &g);
    assert!(out.pages.len() > 2);
    for page in &out.pages {
        assert_eq!(texts(page).first(), Some(&"Name"), "header first on every page");
    }
    // Each row's two lines are on the same page as its name.
    for page in &out.pages {
        let t = texts(page);
        let names = t.iter().filter(|s| s.starts_with("row ")).count();
        let seconds = t.iter().filter(|s| **s == "lines").count();
        assert_eq!(names, seconds);
    }
    within_page(&out, &g);
}

#[test]
fn a_row_taller_than_a_page_splits_rather_than_overflows() {
    let g = PageGeometry::LETTER;
    let table = Table {
        widths: vec![1.0, 3.0],
        header: vec!["Entry".into(), "Text".into()],
        rows: vec![vec![Cell::new("huge"), Cell::new("word ".repeat(5000))]],
    };
    let out = layout(&[Block::Table(table)], &g);
    assert!(out.pages.len() > 2);
    within_page(&out, &g);
}

#[test]
fn unicode_and_emoji_titles_lay_out() {
    let g = PageGeometry::A4;
    let out = layout(
        &[Block::Title {
            text: "Zażółć gęślą jaźń — Ελληνικά 🎓".into(), subtitle: String::new()
        }],
        &g,
    );
    let t = texts(&out.pages[0]).join(" ");
    // The emoji is drawn by the symbol fallback, not as a box.
    assert!(t.contains("Zażółć") && t.contains("Ελληνικά 🎓") && !t.contains('\u{25A1}'), "{t}");
}

/// The page each text is on, for the texts given.
fn page_of(layout: &Layout, text: &str) -> usize {
    layout
        .pages
        .iter()
        .position(|p| texts(p).contains(&text))
        .unwrap_or_else(|| panic!("{text} not laid out"))
}

fn table_of(rows: usize) -> Block {
    let rows = (0..rows).map(|n| vec![Cell::new(format!("row {n}")), Cell::new("x")]).collect();
    Block::Table(Table { widths: vec![1.0, 1.0], header: vec!["What".into(), "Value".into()], rows })
}

/// Fills a page to leave `room` points above its foot.
fn filler_leaving(g: &PageGeometry, room: f32) -> Block {
    let height = g.bottom() - g.top() - room;
    Block::Spacer(height)
}

#[test]
fn a_table_never_leaves_its_last_row_alone_on_a_page() {
    let g = PageGeometry::A4;
    // One row is 8.5 × 1.3 + 7 = 18.05 points: room for the header and five rows, not six.
    let header_and_rows = |n: f32| 18.05 * (n + 1.0);
    let out = layout(&[filler_leaving(&g, header_and_rows(5.0) + 1.0), table_of(6)], &g);
    assert_eq!(page_of(&out, "row 5"), 1);
    assert_eq!(page_of(&out, "row 4"), 1, "the last row goes over with the one before it");
    assert_eq!(page_of(&out, "row 3"), 0);
    assert_eq!(texts(&out.pages[1]).iter().filter(|t| **t == "What").count(), 1, "with its header");
}

#[test]
fn a_table_starts_with_two_rows_or_on_the_next_page() {
    let g = PageGeometry::A4;
    let out = layout(&[filler_leaving(&g, 18.05 * 2.0 + 1.0), table_of(4)], &g);
    assert_eq!(page_of(&out, "row 0"), 1, "a header and one row at a foot is not a start");
    let out = layout(&[filler_leaving(&g, 18.05 * 3.0 + 1.0), table_of(4)], &g);
    assert_eq!(page_of(&out, "row 0"), 0);
    assert_eq!(page_of(&out, "row 1"), 0);
}

#[test]
fn a_heading_keeps_two_lines_even_past_a_one_line_sub_head() {
    let g = PageGeometry::A4;
    let sub_head =
        Block::Rich(Rich { runs: vec![Run::bold("Discussed")], style: TextStyle::BODY, lead: None });
    let heading = Block::Heading { level: 3, text: "Mentoring session 6".into(), aside: "2026-11-14".into() };
    // Room for the heading and the sub-head, not for the first line under it.
    let room = 9.5 * 1.35 + 2.0 + 4.0 + 12.825 + 1.5 + 6.0;
    let out = layout(
        &[filler_leaving(&g, room), heading, sub_head, body("My evidence, indicator by indicator.")],
        &g,
    );
    assert_eq!(page_of(&out, "Mentoring session 6"), 1);
    assert_eq!(page_of(&out, "My evidence, indicator by indicator."), 1);
    assert_eq!(page_of(&out, "2026-11-14"), 1, "the dates beside their heading");
}

#[test]
fn a_last_page_of_two_lines_is_merged_back() {
    let g = PageGeometry::A4;
    let lines = |n: usize| (0..n).map(|i| body(&format!("line {i}"))).collect::<Vec<_>>();
    // Each line is 12.825 + 4 points: one page and two lines over.
    let per_page = ((g.bottom() - g.top()) / 16.825) as usize;
    let out = layout(&lines(per_page + 1), &g);
    assert_eq!(out.pages.len(), 1, "one line over fits in the slack");
    let out = layout(&lines(per_page + 8), &g);
    assert_eq!(out.pages.len(), 2, "more than the slack holds takes a page");
    within_page(&out, &g);
}

#[test]
fn a_right_to_left_paragraph_is_set_against_the_right_edge_in_its_own_direction() {
    let g = PageGeometry::A4;
    let hebrew = "שלום לכולם ".repeat(30) + "NHS";
    let out = layout(&[body(&hebrew), body("English stays at the left.")], &g);
    let lines: Vec<(f32, &str, bool)> = out.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, text, written, .. } => Some((*x, text.as_str(), written.is_some())),
            _ => None,
        })
        .collect();
    assert!(lines.len() >= 3, "{lines:?}");
    let right = g.width - g.margin;
    for (x, text, written) in &lines[..lines.len() - 1] {
        let end = x + text_width(text, TextStyle::BODY.size, false);
        assert!((end - right).abs() < 0.5, "{text:?} ends at {end}, not at the right edge");
        assert!(written, "each right-to-left line knows its written order");
    }
    // The last Hebrew line ends with "NHS": in a right-to-left paragraph it is drawn at the line's left end.
    let last_hebrew = lines[lines.len() - 2].1;
    assert!(last_hebrew.starts_with("NHS"), "{last_hebrew}");
    let english = lines[lines.len() - 1];
    assert_eq!(english.0, g.margin, "a left-to-right paragraph starts at the left");
}
