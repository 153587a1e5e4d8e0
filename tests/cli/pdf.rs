//! PDF documents and the demo, checked by extracting their text.

use crate::TestEnv;

/// All the text of a PDF, pages joined, whitespace collapsed.
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The addresses of the PDF's link annotations, page by page.
pub(crate) fn link_targets(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut uris = Vec::new();
    for page in doc.get_pages().into_values() {
        let page = doc.get_dictionary(page).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else { continue };
        for annot in annots {
            let annot = match annot {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                other => other.as_dict().unwrap(),
            };
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let uri = annot.get(b"A").unwrap().as_dict().unwrap().get(b"URI").unwrap().as_str().unwrap();
            uris.push(String::from_utf8_lossy(uri).into_owned());
        }
    }
    uris
}

fn page_count(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).unwrap().get_pages().len()
}

fn demo() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["demo", "--dir", "demo"]);
    env
}

#[test]
fn the_demo_builds_a_portfolio_and_three_documents_and_can_run_twice() {
    let env = demo();
    let read = |name: &str| std::fs::read(env.path("demo").join(name)).unwrap();
    let first: Vec<Vec<u8>> =
        ["folio-interview.pdf", "folio-review.pdf", "folio-evidence.pdf"].iter().map(|n| read(n)).collect();
    let out = env.run(&["demo", "--dir", "demo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already had the demo portfolio"));
    let again: Vec<Vec<u8>> =
        ["folio-interview.pdf", "folio-review.pdf", "folio-evidence.pdf"].iter().map(|n| read(n)).collect();
    assert_eq!(first, again, "same portfolio, same bytes");
    let db = env.path("demo/portfolio.db");
    let listed = env.folio().env("FOLIO_DB", &db).args(["list", "--json"]).output().unwrap();
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let entries: Vec<folio::model::Entry> = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(entries.len(), 47);
    assert!(entries.iter().any(|e| e.fields.private), "list shows private entries, marked");
    let interview = pdf_text(&first[0]);
    for needle in [
        "Amara Okafor",
        "Qualifications and certificates",
        "EXPIRED October 2025",
        "Roles and responsibilities",
        "Cut ward falls by a third",
        "Situation Falls on the ward",
        "Courses and CPD",
        "Evidence: EMCC mentor competence framework",
        "Page 1 of",
    ] {
        assert!(interview.contains(needle), "interview lacks {needle}");
    }
    assert!((2..=4).contains(&page_count(&first[0])), "{} pages", page_count(&first[0]));
    let links = link_targets(&first[0]);
    assert!(links.contains(&"mailto:amara.okafor@example.org".to_string()), "{links:?}");
    assert!(links.contains(&"tel:+447700900123".to_string()), "{links:?}");
    let review = pdf_text(&first[1]);
    for needle in [
        "Development review",
        "Objectives",
        "Continuing professional development",
        "Reflections",
        "Feedback received",
        "Verdicts received",
    ] {
        assert!(review.contains(needle), "review lacks {needle}");
    }
    let evidence = pdf_text(&first[2]);
    for needle in [
        "Coverage: EMCC mentor competence framework",
        "Claims: EMCC",
        "Evidence index",
        "falls-chart.png",
        "Gaps: EMCC",
        "Accepted — Dr Helen Price",
    ] {
        assert!(evidence.contains(needle), "evidence lacks {needle}");
    }
    for text in [&interview, &review, &evidence] {
        assert!(!text.contains("a hard month"), "a private entry leaked");
        assert!(!text.contains("includes private entries"));
    }
}

#[test]
fn private_entries_appear_only_when_asked_and_the_document_says_so() {
    let env = demo();
    let db = env.path("demo/portfolio.db");
    let make = |extra: &[&str], out: &str| {
        let mut args = vec!["export", "pdf", "--profile", "review", "--since", "2025", "--out", out];
        args.extend_from_slice(extra);
        env.folio().env("FOLIO_DB", &db).args(&args).assert().success();
        pdf_text(&std::fs::read(env.path(out)).unwrap())
    };
    let shared = make(&[], "shared.pdf");
    assert!(!shared.contains("a hard month"));
    assert!(shared.contains("Self-rating") && shared.contains("How often do I do it?"));
    let mine = make(&["--include-private"], "mine.pdf");
    assert!(mine.contains("a hard month") && mine.contains("This document includes private entries"));
}

#[test]
fn the_same_input_gives_the_same_bytes_and_metadata_is_set() {
    let env = demo();
    let db = env.path("demo/portfolio.db");
    for run in ["a.pdf", "b.pdf"] {
        env.folio()
            .env("FOLIO_DB", &db)
            .args(["export", "pdf", "--profile", "evidence", "--out", run])
            .assert()
            .success();
    }
    let (a, b) = (std::fs::read(env.path("a.pdf")).unwrap(), std::fs::read(env.path("b.pdf")).unwrap());
    assert_eq!(a, b);
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    let raw = info.get(b"Title").unwrap().as_str().unwrap();
    let title = match raw.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(raw).into_owned(),
    };
    assert!(title.contains("Evidence for assessment"), "{title}");
    assert!(info.get(b"Author").is_ok() && info.get(b"Keywords").is_ok());
    let other = env
        .folio()
        .env("FOLIO_DB", &db)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["export", "pdf", "--profile", "evidence", "--out", "c.pdf"])
        .output()
        .unwrap();
    assert!(other.status.success());
    assert_ne!(std::fs::read(env.path("c.pdf")).unwrap(), a, "SOURCE_DATE_EPOCH changes the dates");
}

#[test]
fn an_empty_portfolio_gives_a_friendly_valid_document() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    for profile in ["interview", "review", "evidence"] {
        let out = env.run(&["export", "pdf", "--profile", profile]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains(&format!("folio-{profile}.pdf")) && stderr.contains("1 page"), "{stderr}");
        let text = pdf_text(&std::fs::read(env.path(&format!("folio-{profile}.pdf"))).unwrap());
        assert!(text.contains("Page 1 of 1"), "{text}");
        assert!(
            text.contains("empty so far")
                || text.contains("No competency framework has evidence yet")
                || text.contains("Nothing was recorded"),
            "{profile}: {text}"
        );
        for command in ["folio add", "folio framework", "folio claim", "--since"] {
            assert!(!text.contains(command), "no command lines in a document: {text}");
        }
        assert!(stderr.contains("hint: "), "what to do is said on the terminal: {stderr}");
    }
}

#[test]
fn extreme_text_lays_out() {
    let env = TestEnv::new();
    env.ok(&["profile", "set", "--name", "Zofia Łukasiewicz"]);
    let long = "reflection ".repeat(10_000);
    env.add(&["reflection", "Zażółć gęślą jaźń — Ελληνικά 🎓", "--body", &long]);
    env.add(&["achievement", &"x".repeat(300), "--section", &format!("result={}", "y".repeat(300))]);
    env.add(&["course", "Empty body", "--hours", "1"]);
    env.folio()
        .args(["export", "pdf", "--profile", "review", "--out", "long.pdf", "--paper", "letter"])
        .assert()
        .success();
    let bytes = std::fs::read(env.path("long.pdf")).unwrap();
    assert!(page_count(&bytes) > 10);
    let text = pdf_text(&bytes);
    assert!(text.contains("Zażółć gęślą jaźń") && text.contains("Ελληνικά"), "Unicode survives");
    env.folio().args(["export", "pdf", "--profile", "interview", "--out", "i.pdf"]).assert().success();
    assert!(pdf_text(&std::fs::read(env.path("i.pdf")).unwrap()).contains("Zofia Łukasiewicz"));
}

#[test]
fn bad_pdf_arguments_are_refused() {
    let env = TestEnv::new();
    env.fails(&["export", "pdf", "--profile", "cv"], 2);
    env.fails(&["export", "pdf", "--profile", "interview", "--framework", "nope"], 1);
    env.fails(&["export", "pdf", "--profile", "review", "--since", "2024-02-30"], 1);
    env.fails(&["export", "pdf", "--profile", "interview", "--out", "missing-dir/x.pdf"], 1);
    assert!(!env.path("folio-interview.pdf").exists());
}

/// The outline's titles as (depth, title), in the order a reader sees them.
fn outline(bytes: &[u8]) -> Vec<(usize, String)> {
    fn title(dict: &lopdf::Dictionary) -> String {
        let raw = dict.get(b"Title").and_then(lopdf::Object::as_str).unwrap();
        assert_eq!(&raw[..2], [0xFE, 0xFF], "UTF-16BE with its byte-order mark");
        let units: Vec<u16> = raw[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    }
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let dict = doc.get_dictionary(id).unwrap();
            out.push((depth, title(dict)));
            walk(doc, dict.get(b"First").and_then(lopdf::Object::as_reference).ok(), depth + 1, out);
            next = dict.get(b"Next").and_then(lopdf::Object::as_reference).ok();
        }
    }
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"PageMode").unwrap().as_name().unwrap(), b"UseOutlines");
    let root = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut out = Vec::new();
    walk(&doc, root.get(b"First").and_then(lopdf::Object::as_reference).ok(), 0, &mut out);
    out
}

#[test]
fn the_outline_is_in_reading_order_nested_and_no_pdf_x_is_claimed() {
    let env = demo();
    let read = |name: &str| std::fs::read(env.path("demo").join(name)).unwrap();
    let review = outline(&read("folio-review.pdf"));
    let top: Vec<&str> = review.iter().filter(|(d, _)| *d == 0).map(|(_, t)| t.as_str()).collect();
    let at = |name: &str| {
        top.iter().position(|t| t.starts_with(name)).unwrap_or_else(|| panic!("{name}: {top:?}"))
    };
    assert!(
        at("Objectives") < at("Meetings") && at("Meetings") < at("Continuing professional development"),
        "{top:?}"
    );
    assert!(
        at("Reflections") < at("Feedback received") && at("Feedback received") < at("Verdicts received"),
        "{top:?}"
    );
    let evidence = outline(&read("folio-evidence.pdf"));
    let claims = evidence.iter().position(|(d, t)| *d == 0 && t.starts_with("Claims:")).unwrap();
    assert_eq!(
        evidence[claims + 1],
        (1, "Understanding self (emcc/self)".to_string()),
        "competencies nest under the claims"
    );
    let page = String::from_utf8(read("folio-portfolio.html")).unwrap();
    assert!(
        page.contains("<h1>Amara Okafor</h1>") && page.contains("id=\"cov-emcc\""),
        "the demo's HTML page"
    );
    for name in ["folio-interview.pdf", "folio-review.pdf", "folio-evidence.pdf", "folio-revalidation.pdf"] {
        let bytes = read(name);
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
        assert!(info.get(b"GTS_PDFXVersion").is_err(), "{name} claims PDF/X");
        assert!(doc.catalog().unwrap().get(b"OutputIntents").is_err(), "{name} has PDF/X output intents");
    }
    // The review's evidence table has the code and the title in columns of their own.
    let text = pdf_text(&read("folio-review.pdf"));
    assert!(text.contains("Code Competency Entries Evidence"), "{text}");
}

#[test]
fn the_interview_document_says_what_it_shortened_and_full_keeps_it_whole() {
    let env = TestEnv::new();
    let long = "evidence ".repeat(120);
    let section = format!("situation={long}end-of-situation");
    env.add(&["achievement", "Led the sepsis audit", "--template", "star", "--section", &section]);
    let out = env.run(&["export", "pdf", "--profile", "interview", "--out", "short.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: shortened 1 text to fit: entry 1 (Led the sepsis audit): situation"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: give --full"), "{stderr}");
    assert!(!pdf_text(&std::fs::read(env.path("short.pdf")).unwrap()).contains("end-of-situation"));
    let out = env.run(&["export", "pdf", "--profile", "interview", "--full", "--out", "full.pdf"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("shortened"));
    assert!(pdf_text(&std::fs::read(env.path("full.pdf")).unwrap()).contains("end-of-situation"));
}

#[test]
fn the_documents_chart_cpd_progress_and_the_stories_to_tell() {
    let env = demo();
    let read = |name: &str| pdf_text(&std::fs::read(env.path("demo").join(name)).unwrap());
    let revalidation = read("folio-revalidation.pdf");
    assert!(revalidation.contains("target: 11.7 h a year (35 h over 3 years)"), "{revalidation}");
    let evidence = read("folio-evidence.pdf");
    assert!(evidence.contains("Indicators evidenced, per level"), "{evidence}");
    assert!(evidence.contains("Foundation") && evidence.contains(" evidenced, "), "{evidence}");
    assert!(evidence.contains("Senior Practitioner"), "levels by their titles: {evidence}");
    assert!(
        evidence.contains("Understanding self emcc/self · 10 to evidence"),
        "gaps by competency: {evidence}"
    );
    let interview = read("folio-interview.pdf");
    assert!(interview.contains("Stories to tell"), "{interview}");
    // The review of a period with self-ratings charts every rating, and the audit grid.
    let db = env.path("demo/portfolio.db");
    let db = db.to_str().unwrap();
    env.ok(&[
        "--db",
        db,
        "export",
        "pdf",
        "--profile",
        "review",
        "--since",
        "2025-01",
        "--until",
        "2026-12",
        "--out",
        "r.pdf",
    ]);
    let review = pdf_text(&std::fs::read(env.path("r.pdf")).unwrap());
    for chart in [
        "How expert, how often: every rating in order",
        "how often →",
        "1 Good interpersonal communication: ",
    ] {
        assert!(review.contains(chart), "{chart}: {review}");
    }

    // With an advert, the crib sheet leads with what the advert asks for.
    std::fs::write(env.path("advert.txt"), "Evaluation of education. Evaluation, evaluation and outcomes.")
        .unwrap();
    let out = env.run(&[
        "--db",
        db,
        "export",
        "pdf",
        "--profile",
        "interview",
        "--job",
        "advert.txt",
        "--out",
        "job.pdf",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&std::fs::read(env.path("job.pdf")).unwrap());
    let crib = &text[text.find("Stories to tell").unwrap()..];
    assert!(crib.find("Evaluation —").is_some(), "{crib}");
    let stderr = env.fails(&["--db", db, "export", "pdf", "--profile", "review", "--job", "advert.txt"], 2);
    assert!(stderr.contains("--job applies to --profile interview only"), "{stderr}");
}

#[test]
fn hebrew_and_arabic_are_drawn_right_to_left_and_joined() {
    let env = TestEnv::new();
    env.add(&["reflection", "שלום עולם", "--body", "I said שלום to the team. بيت"]);
    env.ok(&["export", "pdf", "--profile", "review", "--out", "rtl.pdf"]);
    let bytes = std::fs::read(env.path("rtl.pdf")).unwrap();
    // Drawn in visual order (glyph by glyph: the words right to left, the
    // letters of each too); poppler's reading back in CI checks the written order.
    let drawn: String = pdf_text(&bytes).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(drawn.contains("םלועםולש"), "{drawn}");
    assert!(drawn.contains("Isaidםולשtotheteam."), "{drawn}");
    // بيت joined: teh final, yeh medial, beh initial, drawn right to left.
    assert!(drawn.contains("\u{FE96}\u{FEF4}\u{FE91}"), "{drawn}");
    assert!(!drawn.contains('\u{25A1}'), "nothing drawn as a box: {drawn}");
    // Each joined form says which letter it stands for.
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    let actual: Vec<String> = content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(|op| op.operands.get(1)?.as_dict().ok()?.get(b"ActualText").ok()?.as_str().ok())
        .map(|utf16| {
            let units: Vec<u16> = utf16[2..].chunks(2).map(|b| u16::from_be_bytes([b[0], b[1]])).collect();
            String::from_utf16_lossy(&units)
        })
        .collect();
    for letter in ["ب", "ي", "ت", "ש"] {
        assert!(actual.iter().any(|a| a == letter), "no ActualText {letter}: {actual:?}");
    }
}

/// The base names of the fonts a PDF embeds.
fn embedded_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Font"))
        .filter(|d| d.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Type0"))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cjk_hangul_and_emoji_get_fallback_fonts_only_when_used() {
    let env = TestEnv::new();
    env.add(&["reflection", "Plain English only", "--body", "Nothing unusual here."]);
    env.ok(&["export", "pdf", "--profile", "review", "--out", "plain.pdf"]);
    let plain = embedded_fonts(&std::fs::read(env.path("plain.pdf")).unwrap());
    assert_eq!(plain.len(), 2, "only DejaVu regular and bold: {plain:?}");
    env.add(&["reflection", "学习 日本語 한국어", "--body", "Done 🎉 next 🚀"]);
    env.ok(&["export", "pdf", "--profile", "review", "--out", "scripts.pdf"]);
    let bytes = std::fs::read(env.path("scripts.pdf")).unwrap();
    let fonts = embedded_fonts(&bytes);
    for face in ["DroidSansFallback", "NanumGothic", "Symbola"] {
        assert!(fonts.iter().any(|f| f.ends_with(face)), "{face} not in {fonts:?}");
    }
    let text = pdf_text(&bytes);
    assert!(text.contains("学习 日本語 한국어") && text.contains("Done 🎉 next 🚀"), "{text}");
    assert!(!text.contains('\u{25A1}'), "nothing drawn as a box: {text}");
}

/// Verdicts read as words in documents, and a credential id sits with its award.
#[test]
fn verdicts_read_as_words_and_a_credential_id_sits_with_its_award() {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &crate::example("emcc-mentoring.toml")]);
    env.add(&["reflection", "Rapport", "--claim", "emcc/relationship", "--date", "2026-02"]);
    env.ok(&["verdict", "1", "needs-more", "--by", "Dr Okubo", "--date", "2026-03-01"]);
    env.add(&["certificate", "First aid at work", "--credential-id", "FA-1234"]);
    env.ok(&["export", "pdf", "--profile", "review", "--out", "review.pdf"]);
    let review = pdf_text(&std::fs::read(env.path("review.pdf")).unwrap());
    assert!(review.contains("Needs more") && !review.contains("needs-more"), "{review}");
    env.ok(&["export", "pdf", "--profile", "interview", "--out", "interview.pdf"]);
    let interview = pdf_text(&std::fs::read(env.path("interview.pdf")).unwrap());
    let folded = interview.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(folded.contains("First aid at work (ID FA-1234)"), "{folded}");
    assert!(folded.contains("does not expire"), "{folded}");
}

#[test]
fn the_interview_keeps_to_its_page_budget_and_says_what_it_left_out() {
    let env = TestEnv::new();
    for n in 0..45 {
        let (title, date) =
            (format!("Course number {n} on clinical supervision"), format!("2020-{:02}", n % 12 + 1));
        env.add(&["course", &title, "--date", &date, "--hours", "3", "--org", "Health Education England"]);
    }
    for n in 0..24 {
        let title = format!("Achievement {n}: led a ward project");
        let long =
            "We worked as a team over several months to change how the ward hands over at night. ".repeat(3);
        env.add(&[
            "achievement",
            &title,
            "--date",
            "2022-05",
            "--template",
            "star",
            "--section",
            &format!("situation={long}"),
            "--section",
            &format!("task={long}"),
            "--section",
            &format!("action={long}"),
            "--section",
            &format!("result={long}"),
        ]);
    }
    let out = env.run(&["export", "pdf", "--profile", "interview", "--out", "short.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(page_count(&std::fs::read(env.path("short.pdf")).unwrap()) <= 5, "{stderr}");
    assert!(stderr.contains("left out to keep to 5 pages:") && stderr.contains("older courses"), "{stderr}");
    assert!(stderr.contains("give --full"), "{stderr}");
    let text = pdf_text(&std::fs::read(env.path("short.pdf")).unwrap());
    assert!(
        text.contains("135 hours of CPD in 45 courses, the"),
        "the total still counts every course: {text}"
    );

    let out = env.run(&["export", "pdf", "--profile", "interview", "--full", "--out", "full.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("left out"), "{stderr}");
    assert!(page_count(&std::fs::read(env.path("full.pdf")).unwrap()) > 5);
}

/// Each text drawn on each page: (size, y from the page's foot), header
/// and footer left out. Read from the content streams: every text object
/// of folio's starts at a `Tm` or its first `Td`, then sets its font.
fn text_positions(bytes: &[u8]) -> Vec<Vec<(f32, f32)>> {
    use lopdf::content::Content;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let number = |o: &lopdf::Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
    let (height, margin) = (841.89, 54.0);
    doc.get_pages()
        .into_values()
        .map(|page| {
            let content = Content::decode(&doc.get_page_content(page)).unwrap();
            let mut items = Vec::new();
            let (mut size, mut at) = (0.0, None);
            for op in &content.operations {
                match op.operator.as_str() {
                    "BT" => at = None,
                    "Tf" => size = number(&op.operands[1]),
                    "Tm" => at = Some(number(&op.operands[5])),
                    "Td" if at.is_none() => at = Some(number(&op.operands[1])),
                    "ET" => {
                        if let Some(y) = at.filter(|y| *y > margin && *y < height - margin) {
                            items.push((size, y));
                        }
                    }
                    _ => {}
                }
            }
            items
        })
        .collect()
}

#[test]
fn demo_pages_look_finished() {
    let env = demo();
    let (bottom, top) = (54.0 + 24.0, 841.89 - 54.0 - 22.0);
    let body = top - bottom;
    for name in ["interview", "review", "evidence", "revalidation"] {
        let bytes = std::fs::read(env.path(&format!("demo/folio-{name}.pdf"))).unwrap();
        let pages = text_positions(&bytes);
        let headings = pages.iter().flatten().filter(|(size, _)| *size == 14.0).count();
        assert!(headings >= 3, "{name}: the reader found {headings} section headings");
        for (n, items) in pages.iter().enumerate() {
            assert!(!items.is_empty(), "{name} page {} is blank", n + 1);
            let lowest = items.iter().map(|(_, y)| *y).fold(top, f32::min);
            let signature_page = name == "revalidation" && n + 1 == pages.len();
            assert!(signature_page || top - lowest > 0.1 * body, "{name} page {} is under 10% full", n + 1);
            for (size, y) in items.iter().filter(|(size, _)| *size >= 11.0) {
                let foot = *y - bottom < 0.12 * body;
                let follows = items.iter().any(|(s, other)| *other < *y - 1.0 && *s < 11.0);
                assert!(!foot || follows, "{name} page {}: a {size} pt heading at {y} ends the page", n + 1);
            }
        }
    }
}

#[test]
fn the_review_lists_verdicts_given_in_its_period_and_each_action_once() {
    let env = TestEnv::new();
    let written =
        env.add(&["reflection", "Written in January", "--date", "2026-01-10", "--body", "x"]).to_string();
    env.ok(&[
        "verdict",
        &written,
        "needs-more",
        "--by",
        "Dr Okubo",
        "--date",
        "2026-03-01",
        "--comment",
        "**More** please",
    ]);
    let goal = env.ok(&["goal", "add", "Lead a session", "--date", "2026-02-01"]).trim().to_string();
    let meeting = env.add(&["meeting", "Session 1", "--date", "2026-03-02"]).to_string();
    env.ok(&["action", "add", "Draft the plan", "--goal", &goal, "--meeting", &meeting]);
    env.ok(&["action", "add", "Book a room", "--meeting", &meeting]);
    env.ok(&[
        "export",
        "pdf",
        "--profile",
        "review",
        "--since",
        "2026-02",
        "--until",
        "2026-03",
        "--out",
        "r.pdf",
    ]);
    let review = pdf_text(&std::fs::read(env.path("r.pdf")).unwrap());
    // Judged in March on a reflection of January: the review of February and March lists it.
    assert!(review.contains("Verdicts received"), "{review}");
    assert!(review.contains("Written in January (whole entry) Needs more Dr Okubo: More please"), "{review}");
    assert!(!review.contains("Reflections"), "the reflection itself is outside the period: {review}");
    // An action of an objective is listed under it; the meeting lists only its own.
    assert_eq!(review.matches("Draft the plan").count(), 1, "{review}");
    assert!(review.contains("Book a room"), "{review}");
    assert!(review.contains("Also agreed: 1 action listed under the objectives."), "{review}");
}

/// The roles of a PDF's structure tree in reading order, with whether each has /Alt.
fn structure_roles(doc: &lopdf::Document) -> Vec<(String, bool)> {
    fn walk(doc: &lopdf::Document, object: &lopdf::Object, out: &mut Vec<(String, bool)>) {
        let dict = match object {
            lopdf::Object::Reference(id) => match doc.get_dictionary(*id) {
                Ok(dict) => dict,
                Err(_) => return,
            },
            lopdf::Object::Dictionary(dict) => dict,
            lopdf::Object::Array(items) => return items.iter().for_each(|item| walk(doc, item, out)),
            _ => return,
        };
        if let Ok(role) = dict.get(b"S").and_then(lopdf::Object::as_name) {
            out.push((String::from_utf8_lossy(role).into_owned(), dict.has(b"Alt")));
        }
        // A structure element (its /Type is optional) or the root: not a marked-content reference.
        let element = dict.has(b"S")
            || dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|t| t == b"StructTreeRoot");
        if element && let Ok(kids) = dict.get(b"K") {
            walk(doc, kids, out);
        }
    }
    let catalog = doc.catalog().unwrap();
    let mut out = Vec::new();
    walk(doc, catalog.get(b"StructTreeRoot").unwrap(), &mut out);
    out
}

#[test]
fn every_document_is_tagged_and_its_sections_are_its_outline() {
    let env = demo();
    for name in ["interview", "review", "evidence", "revalidation"] {
        let bytes = std::fs::read(env.path(&format!("demo/folio-{name}.pdf"))).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = doc.catalog().unwrap();
        let marked = catalog.get(b"MarkInfo").and_then(lopdf::Object::as_dict).and_then(|m| m.get(b"Marked"));
        assert_eq!(marked.and_then(lopdf::Object::as_bool).ok(), Some(true), "{name}: marked");
        assert_eq!(catalog.get(b"Lang").and_then(lopdf::Object::as_str).ok(), Some(&b"en-GB"[..]), "{name}");
        let roles = structure_roles(&doc);
        assert_eq!(roles.first().map(|r| r.0.as_str()), Some("Document"), "{name}");
        // Each top-level outline entry is an H1, in the same number.
        let outlines = catalog.get(b"Outlines").and_then(lopdf::Object::as_reference).unwrap();
        let mut entry =
            doc.get_dictionary(outlines).unwrap().get(b"First").and_then(lopdf::Object::as_reference).ok();
        let mut sections = 0;
        while let Some(id) = entry {
            sections += 1;
            entry = doc.get_dictionary(id).unwrap().get(b"Next").and_then(lopdf::Object::as_reference).ok();
        }
        let h1 = roles.iter().filter(|r| r.0 == "H1").count();
        assert_eq!(h1, sections, "{name}: {roles:?}");
        assert!(
            roles.iter().filter(|r| r.0 == "Figure").all(|r| r.1),
            "{name}: every figure says what it shows"
        );
        assert!(roles.iter().any(|r| r.0 == "Table") && roles.iter().any(|r| r.0 == "TH"), "{name}");
        if name == "review" {
            assert!(roles.iter().any(|r| r.0 == "Figure"), "the charts: {roles:?}");
        }
        if name == "interview" {
            assert!(roles.iter().filter(|r| r.0 == "Link").count() >= 2, "email and telephone: {roles:?}");
            let list = ["L", "LI", "Lbl", "LBody"].map(|role| roles.iter().any(|r| r.0 == role));
            assert_eq!(list, [true; 4], "a role's bullets are a list: {roles:?}");
        }
    }
}

#[test]
fn a_pdf_carries_what_it_shows_and_folio_reads_it_back() {
    let env = demo();
    let interview = env.path("demo/folio-interview.pdf");
    let shown = pdf_text(&std::fs::read(&interview).unwrap());
    let other = TestEnv::new();
    let said = other.ok(&["import", interview.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(&said).unwrap();
    let added = report["entries_added"].as_u64().unwrap();
    assert!(added > 20, "{report}");
    let entries = other.json(&["list", "--json"]);
    assert_eq!(entries.as_array().unwrap().len() as u64, added);
    for entry in entries.as_array().unwrap() {
        let title = entry["title"].as_str().unwrap();
        let words: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(shown.contains(&words), "'{title}' came back but the PDF does not show it");
        assert_eq!(entry["private"], false);
    }
    assert!(!entries.to_string().contains("a hard month"), "a private entry never comes back");
    assert_eq!(
        other.json(&["show", "1", "--json"])["attachments"].as_array().map_or(0, Vec::len),
        0,
        "no file bytes travel"
    );
    // Again: nothing new. And a PDF made with --no-embed carries nothing.
    let again = other.ok(&["import", interview.to_str().unwrap()]);
    assert!(again.is_empty());
    let env_db = env.path("demo/portfolio.db");
    env.ok(&[
        "--db",
        env_db.to_str().unwrap(),
        "export",
        "pdf",
        "--profile",
        "review",
        "--no-embed",
        "--out",
        "bare.pdf",
    ]);
    let stderr = other.fails(&["import", env.path("bare.pdf").to_str().unwrap()], 1);
    assert!(stderr.starts_with("error: ") && stderr.contains("carries no folio data"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error")).count(), 1, "{stderr}");
}

#[test]
fn documents_are_in_the_language_the_profile_names() {
    let env = TestEnv::new();
    env.ok(&["profile", "set", "--name", "Rhys Owen", "--lang", "cy"]);
    env.add(&["reflection", "Myfyrio", "--body", "Dysgais lawer gan y tîm. تعلمت الكثير"]);
    env.ok(&["export", "pdf", "--profile", "review", "--out", "r.pdf"]);
    let doc = lopdf::Document::load_mem(&std::fs::read(env.path("r.pdf")).unwrap()).unwrap();
    assert_eq!(doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap(), b"cy");
    env.ok(&["export", "html", "--out", "p.html"]);
    assert!(std::fs::read_to_string(env.path("p.html")).unwrap().contains("<html lang=\"cy\">"));
    let stderr = env.fails(&["profile", "set", "--lang", "Welsh please"], 2);
    assert!(stderr.starts_with("error: 'Welsh please' is not a language tag"), "{stderr}");
    assert_eq!(env.json(&["profile", "show", "--json"])["lang"], "cy");
}

#[test]
fn a_damaged_or_sealed_pdf_is_read_as_far_as_it_can_be() {
    let env = demo();
    let db = env.path("demo/portfolio.db");
    let db = db.to_str().unwrap();
    // Not a PDF after all: one line, nothing created.
    std::fs::write(env.path("bad.pdf"), "%PDF-1.7\n%garbage\nnot a pdf at all\n").unwrap();
    let other = TestEnv::new();
    let stderr = other.fails(&["import", env.path("bad.pdf").to_str().unwrap()], 1);
    assert!(stderr.starts_with("error: ") && stderr.contains("not a readable PDF"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{stderr}");
    assert!(!other.db().exists(), "a failed import leaves no portfolio behind");
    // Sealed with a passphrase: opened with it, then read.
    std::fs::write(env.path("pass.txt"), "a long passphrase\n").unwrap();
    let pass = env.path("pass.txt");
    let pass = pass.to_str().unwrap();
    env.folio()
        .env("FOLIO_PASSPHRASE_FILE", pass)
        .args(["--db", db, "export", "pdf", "--profile", "review", "--passphrase", "--out", "sealed.pdf"])
        .assert()
        .success();
    let out = other
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", pass)
        .args(["import", env.path("sealed.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported — entries:"));
}
