use super::*;
use crate::db::filter::Privacy;
use crate::db::{Db, claims, entries, framework_upsert, refs};
use crate::model::{EntryFields, EntryKind};
use crate::ops::page::gather;
use crate::ops::share::Selection;

fn portfolio() -> Db {
    let db = Db::open_in_memory().unwrap();
    let text = include_str!("../../../examples/frameworks/emcc-mentoring.toml");
    let mut emcc = crate::import::framework_toml::parse(text).unwrap().value;
    emcc.normalise();
    framework_upsert::upsert(&db.as_tx(), &emcc, "now").unwrap();
    let add = |title: &str, private: bool, claim: Option<&str>| {
        let mut fields = EntryFields {
            private,
            body: "First line\nsecond line\n\nA \"quoted\" paragraph".into(),
            ..EntryFields::new(EntryKind::Reflection, title, "2026-02".parse().unwrap())
        };
        fields.validate().unwrap();
        let tx = db.as_tx();
        let id = entries::insert(&tx, &fields, &uuid::Uuid::new_v4().to_string(), "now").unwrap();
        if let Some(reference) = claim {
            let target = refs::resolve(&tx, &reference.parse().unwrap()).unwrap();
            claims::add(&tx, id, &target, None, &uuid::Uuid::new_v4().to_string(), "now").unwrap();
        }
    };
    add("<script>alert('x')</script>", false, Some("emcc/self/foundation"));
    add("Plain notes", false, None);
    add("Private thoughts", true, Some("emcc/insight"));
    db
}

fn page(db: &Db, privacy: Privacy) -> Page {
    let selection = Selection { attachments: true, ..Selection::default() };
    gather(&db.as_tx(), &selection, privacy).unwrap()
}

fn options(pack: Option<Pack<'_>>) -> Options<'_> {
    Options { today: "2026-03-15".parse().unwrap(), visibility: Visibility::Public, pack }
}

#[test]
fn user_text_is_escaped_and_private_entries_stay_out() {
    let db = portfolio();
    let html = render(&page(&db, Privacy::OnlyPublic), &options(None)).html;
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_eq!(html.matches("<script>").count(), 1, "only folio's own script");
    assert!(html.contains(
        "<p dir=\"auto\">First line<br>\nsecond line</p>\n<p dir=\"auto\">A \u{201c}quoted\u{201d} paragraph</p>"
    ));
    assert!(!html.contains("Private thoughts"));
    assert!(!html.contains("private entries"), "no notice without them");

    let with_private = Options { visibility: Visibility::IncludePrivate, ..options(None) };
    let html = render(&page(&db, Privacy::All), &with_private).html;
    assert!(
        html.contains("Private thoughts")
            && html.contains("This page includes <strong>private entries</strong>")
    );
}

#[test]
fn the_policy_allows_exactly_the_inline_style_and_script() {
    let db = portfolio();
    let html = render(&page(&db, Privacy::OnlyPublic), &options(None)).html;
    let policy =
        html.split("Content-Security-Policy\" content=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(policy.starts_with("default-src 'none'; img-src data:;"), "{policy}");
    assert!(!policy.contains("unsafe"), "{policy}");
    assert!(policy.contains(&hash_source(STYLE)) && policy.contains(&hash_source(SCRIPT)));
    assert!(
        html.contains(&format!("<style>{STYLE}</style>"))
            && html.contains(&format!("<script>{SCRIPT}</script>"))
    );
    assert!(
        !html.contains(" style=") && !html.contains(" onclick="),
        "no inline attributes the policy would block"
    );
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing to load");
}

#[test]
fn the_same_portfolio_gives_the_same_bytes() {
    let db = portfolio();
    let first = render(&page(&db, Privacy::OnlyPublic), &options(None)).html;
    assert_eq!(first, render(&page(&db, Privacy::OnlyPublic), &options(None)).html);
}

#[test]
fn a_pack_asks_about_each_claim_and_each_entry_that_claims_nothing_and_carries_its_digest() {
    let db = portfolio();
    let page = page(&db, Privacy::OnlyPublic);
    let pack = Pack { share_id: "5b0c3f5e-9d7e-4b7a-8a51-1e2f3a4b5c6d", reviewer: "Dr Okubo" };
    let rendered = render(&page, &options(Some(pack)));
    let claimed = page.entries.iter().find(|e| !e.claims.is_empty()).unwrap();
    let plain = page.entries.iter().find(|e| e.claims.is_empty()).unwrap();
    assert_eq!(rendered.asks.len(), 2);
    assert!(rendered.asks.contains(&claimed.claims[0].uuid) && rendered.asks.contains(&plain.uuid));
    let html = &rendered.html;
    assert!(html.contains(&format!("data-claim=\"{}\"", claimed.claims[0].uuid)));
    assert!(html.contains(&format!("data-entry=\"{}\"", plain.uuid)));
    assert!(html.contains(
        "<input id=\"reviewer\" name=\"reviewer\" type=\"text\" autocomplete=\"name\" value=\"Dr Okubo\">"
    ));
    assert!(html.contains("<p class=\"counter\" id=\"judged\" role=\"status\">0 of 2 judged</p>"));
    assert_eq!(check_digest(html), Some((rendered.digest.clone(), true)));
    let tampered = html.replace("Plain notes", "Plain Notes");
    assert_eq!(check_digest(&tampered), Some((rendered.digest.clone(), false)));
    assert_eq!(check_digest(&render(&page, &options(None)).html), None, "a plain page has no digest");
}
