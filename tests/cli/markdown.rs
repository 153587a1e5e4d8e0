//! What people write in Markdown reaches every output rendered, never as
//! typed markup: PDFs (checked by extraction), the HTML page, `show`, CSV.

use super::TestEnv;
use super::pdf::{link_targets, pdf_text};

const BODY: &str = "## Context\nI **consistently** named the *Karpman* triangle.\n\n\
                    - first item\n- second item\n\n> a quoted line\n\n\
                    See [the guide](https://example.org/guide) and [this](javascript:alert(1)).";

fn portfolio() -> TestEnv {
    let env = TestEnv::new();
    env.add(&["reflection", "Markdown reflection", "--date", "2026-02-01", "--body", BODY]);
    env.add(&[
        "achievement",
        "Falls project",
        "--date",
        "2026-01-10",
        "--template",
        "star",
        "--section",
        "situation=Falls were **high**.",
        "--section",
        "result=- down a third\n- sustained",
    ]);
    env
}

#[test]
fn pdfs_show_styles_and_bullets_not_markup() {
    let env = portfolio();
    for profile in ["review", "interview"] {
        let out = env.path(&format!("{profile}.pdf"));
        let out_arg = out.to_str().unwrap();
        env.ok(&["export", "pdf", "--profile", profile, "--since", "2025", "--full", "--out", out_arg]);
        let text = pdf_text(&std::fs::read(&out).unwrap());
        for markup in ["**", "## ", "- first", "- down", "> a quoted", "[the guide]", "javascript"] {
            assert!(!text.contains(markup), "{profile} PDF shows {markup:?}: {text}");
        }
        if profile == "interview" {
            assert!(text.contains("Situation Falls were high"), "{text}");
            assert!(text.contains("Result • down a third • sustained"), "{text}");
        } else {
            for words in [
                "Context",
                "I consistently named the Karpman triangle.",
                "• first item",
                "• second item",
                "a quoted line",
            ] {
                assert!(text.contains(words), "review lacks {words:?}: {text}");
            }
        }
    }
    // The link is a real link annotation to the web address, and only that one.
    let uris = link_targets(&std::fs::read(env.path("review.pdf")).unwrap());
    assert_eq!(uris, ["https://example.org/guide"]);
}

#[test]
fn the_html_page_renders_markdown_and_runs_none_of_it() {
    let env = portfolio();
    env.ok(&["export", "html", "--out", "page.html"]);
    let html = std::fs::read_to_string(env.path("page.html")).unwrap();
    assert!(html.contains("<p class=\"subhead\" dir=\"auto\">Context</p>"), "{html}");
    assert!(html.contains("I <strong>consistently</strong> named the <em>Karpman</em> triangle."));
    assert!(html.contains("<li dir=\"auto\">first item</li>"));
    assert!(html.contains(
        "<a href=\"https://example.org/guide\" rel=\"noopener noreferrer nofollow\">the guide</a>"
    ));
    assert!(!html.contains("javascript:"), "an unsafe link lost its target");
}

#[test]
fn show_prints_the_words_and_csv_the_plain_text() {
    let env = portfolio();
    let shown = env.ok(&["show", "1"]);
    assert!(shown.contains("I consistently named the Karpman triangle."), "{shown}");
    assert!(shown.contains("• first item\n• second item"), "{shown}");
    assert!(shown.contains("│ a quoted line"), "{shown}");
    assert!(shown.contains("the guide (https://example.org/guide)"), "{shown}");
    assert!(!shown.contains("**"), "{shown}");
    env.ok(&["export", "csv", "--out", "entries.csv"]);
    let csv = std::fs::read_to_string(env.path("entries.csv")).unwrap();
    assert!(csv.contains("Context\nI consistently named the Karpman triangle.\n- first item"), "{csv}");
    // The JSON document keeps what was typed, for a round trip.
    let json = env.ok(&["export", "json"]);
    assert!(json.contains("I **consistently** named"), "{json}");
}
