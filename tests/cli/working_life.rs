//! Bringing a working life in: LinkedIn's export (ZIP or folder), an ORCID
//! record and Day One's export, each against a golden document of what it
//! becomes, read twice without adding anything, refused whole when broken.
//! `FOLIO_BLESS=1 cargo test working_life` rewrites the golden files.

use serde_json::Value;

use crate::{TestEnv, fixture};

/// The portfolio as a JSON document, less the profile's "changed now" stamp.
fn document(env: &TestEnv) -> String {
    let mut document: Value =
        serde_json::from_str(&env.ok(&["export", "json", "--include-private"])).unwrap();
    document["profile"].as_object_mut().unwrap().remove("updated_at");
    serde_json::to_string_pretty(&document).unwrap() + "\n"
}

fn check_golden(name: &str, actual: &str) {
    crate::golden::check_fixture(&format!("imports/{name}"), actual);
}

/// Imports `file`, returning what the import said on stderr.
fn import(env: &TestEnv, file: &str) -> String {
    let out = env.run(&["import", file]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "import {file}: {stderr}");
    stderr
}

#[test]
fn a_linkedin_export_becomes_a_portfolio_and_a_later_one_adds_only_what_is_new() {
    let env = TestEnv::new();
    let zip = fixture("linkedin/Basic_LinkedInDataExport_11-30-2026.zip");
    let said = import(&env, &zip);
    assert!(said.contains("read from LinkedIn: the profile, 3 roles, 2 qualifications, 2 certificates, 2 courses, 1 honor, 1 project, 1 publication, 3 skills, 2 languages, 1 recommendation"), "{said}");
    assert!(said.contains("1 recommendation you hid on LinkedIn was left out"), "{said}");
    assert!(said.contains("not read: 3 other files") && said.contains("Connections.csv"), "{said}");
    assert!(said.contains("entries: 13 added"), "{said}");
    check_golden("linkedin.json", &document(&env));
    let text = document(&env);
    assert!(
        !text.contains("Private message text") && !text.contains("Sam Lee"),
        "messages and connections are never read"
    );
    assert!(!text.contains("A hidden one"), "a recommendation hidden on LinkedIn stays out");

    // The same export again, or unzipped to a folder, adds nothing.
    assert!(import(&env, &zip).contains("entries: 0 added, 0 updated, 13 unchanged"));
    assert!(import(&env, &fixture("linkedin/export")).contains("entries: 0 added, 0 updated, 13 unchanged"));

    // A later export with one more position adds that one.
    let later = env.path("later");
    std::fs::create_dir_all(&later).unwrap();
    for name in ["Profile.csv", "Positions.csv"] {
        std::fs::copy(fixture(&format!("linkedin/export/{name}")), later.join(name)).unwrap();
    }
    let mut positions = std::fs::read_to_string(later.join("Positions.csv")).unwrap();
    positions.push_str(
        "Leeds Teaching Hospitals NHS Trust,Charge Nurse,\"Band 7, acute medicine.\",Leeds,Nov 2026,\n",
    );
    std::fs::write(later.join("Positions.csv"), positions).unwrap();
    assert!(import(&env, later.to_str().unwrap()).contains("entries: 1 added, 0 updated, 3 unchanged"));
    let roles = env.json(&["list", "role", "--json"]);
    assert_eq!(roles[0]["title"], "Charge Nurse");
    assert_eq!(roles[0]["end_date"], Value::Null, "an empty Finished On is a role held now");
}

#[test]
fn a_broken_linkedin_export_changes_nothing() {
    let env = TestEnv::new();
    env.add(&["role", "Kept", "--date", "2020"]);
    let before = env.db_bytes();
    let broken = env.path("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("Positions.csv"), "Company,Job\nNHS,Nurse\n").unwrap();
    let err = env.fails(&["import", broken.to_str().unwrap()], 1);
    assert!(err.contains("Positions.csv: no header row with 'Title'"), "{err}");
    let neither = env.path("neither");
    std::fs::create_dir_all(&neither).unwrap();
    std::fs::write(neither.join("notes.txt"), "hello").unwrap();
    let err = env.fails(&["import", neither.to_str().unwrap()], 1);
    assert!(err.contains("neither a LinkedIn export nor a Day One export"), "{err}");
    let not_a_zip = env.path("cut.zip");
    let bytes = std::fs::read(fixture("linkedin/Basic_LinkedInDataExport_11-30-2026.zip")).unwrap();
    std::fs::write(&not_a_zip, &bytes[..bytes.len() / 2]).unwrap();
    let err = env.fails(&["import", not_a_zip.to_str().unwrap()], 1);
    assert!(err.contains("not a readable ZIP archive"), "{err}");
    assert_eq!(env.db_bytes(), before, "a refused import leaves the file as it was");
}

#[test]
fn an_orcid_record_becomes_roles_qualifications_and_publications() {
    let env = TestEnv::new();
    let record = fixture("orcid/record.json");
    let said = import(&env, &record);
    assert!(said.contains("read from ORCID 0000-0002-1825-0097: 1 employment, 1 membership, 1 education, 1 distinction, 2 works, peer reviews in 2 years"), "{said}");
    assert!(said.contains("'An employer with no dates': no date; not imported"), "{said}");
    assert!(said.contains("1 of the record's fundings not mapped"), "{said}");
    check_golden("orcid.json", &document(&env));
    let publications = env.json(&["list", "publication", "--json"]);
    assert_eq!(publications[0]["doi"], "10.1136/bmjoq-2024-003001");
    assert_eq!(publications[0]["venue"], "BMJ Open Quality");
    let reviews = env.json(&["list", "evidence", "--json"]);
    assert!(reviews.as_array().unwrap().iter().any(|r| r["title"] == "Peer reviews in 2024"
        && r["body"].as_str().unwrap().starts_with("2 peer reviews recorded on ORCID for BMJ Open Quality")));
    assert!(import(&env, &record).contains("entries: 0 added, 0 updated, 8 unchanged"));
}

#[test]
fn a_day_one_export_keeps_its_days_tags_and_photos() {
    let env = TestEnv::new();
    let zip = fixture("dayone/Export-Journal.zip");
    let said = import(&env, &zip);
    assert!(said.contains("read from Day One: 3 entries from 1 journal, 1 photo"), "{said}");
    assert!(said.contains("a photo of 'A photo that did not travel' is not in the export"), "{said}");
    check_golden("dayone.json", &document(&env));
    let entries = env.json(&["list", "--json"]);
    let night = entries.as_array().unwrap().iter().find(|e| e["title"] == "A hard night on AMU").unwrap();
    assert_eq!(night["tags"], serde_json::json!(["night-shift", "sepsis", "starred"]));
    assert_eq!(night["attachments"][0]["media_type"], "image/png");
    // Written at 08:00 on New Year's Day in Auckland: 2025-01-01 there, though 2024 in UTC.
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["title"] == "Reflecting on the year" && e["date"] == "2025-01-01")
    );
    assert!(import(&env, &zip).contains("entries: 0 added, 0 updated, 3 unchanged"));

    let evidence = TestEnv::new();
    evidence.ok(&["import", &fixture("dayone/export"), "--kind", "evidence"]);
    assert_eq!(evidence.json(&["list", "evidence", "--json"]).as_array().unwrap().len(), 3);
    let err = evidence.fails(&["import", &fixture("orcid/record.json"), "--kind", "evidence"], 2);
    assert!(err.contains("--kind applies to jrnl and Day One imports only"), "{err}");
}

#[test]
fn three_imports_make_an_interview_document_of_a_working_life() {
    let env = TestEnv::new();
    import(&env, &fixture("linkedin/Basic_LinkedInDataExport_11-30-2026.zip"));
    // ORCID lists the same role and article LinkedIn did: held already, not added again.
    let said = import(&env, &fixture("orcid/record.json"));
    assert!(said.contains("2 entries already in the portfolio (the same title and date, or DOI, from another source): Senior Staff Nurse; Early warning scores on an acute medical unit: a re-audit"), "{said}");
    import(&env, &fixture("dayone/Export-Journal.zip"));
    let roles = env.json(&["list", "role", "--json"]);
    assert_eq!(roles.as_array().unwrap().iter().filter(|r| r["title"] == "Senior Staff Nurse").count(), 1);
    // What ORCID knew and LinkedIn did not — the article's DOI — is filled in, nothing replaced.
    assert!(
        said.contains(
            "filled in what these lacked: Early warning scores on an acute medical unit: a re-audit"
        ),
        "{said}"
    );
    let publications = env.json(&["list", "publication", "--json"]);
    assert_eq!(publications.as_array().unwrap().len(), 2);
    let article = publications
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"].as_str().unwrap().starts_with("Early"))
        .unwrap();
    assert_eq!(article["doi"], "10.1136/bmjoq-2024-003001");
    assert_eq!(article["url"], "https://bmjopenquality.bmj.com/", "what LinkedIn gave stays");
    let before = env.json(&["list", "--json"]).as_array().unwrap().len();
    for file in
        ["linkedin/Basic_LinkedInDataExport_11-30-2026.zip", "orcid/record.json", "dayone/Export-Journal.zip"]
    {
        assert!(import(&env, &fixture(file)).contains(" 0 added, 0 updated"), "{file} again adds nothing");
    }
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), before);
    let pdf = env.path("cv.pdf");
    env.ok(&["export", "pdf", "--profile", "interview", "--full", "-o", pdf.to_str().unwrap()]);
    let text = crate::pdf::pdf_text(&std::fs::read(&pdf).unwrap());
    for expected in [
        "Senior Staff Nurse",
        "BSc (Hons) Adult Nursing, First Class",
        "Immediate Life Support (ILS)",
        "Publications",
        "Teaching the sepsis six to newly qualified nurses",
        "Recommendations",
        "Helen Marsh",
    ] {
        assert!(text.contains(expected), "the interview document lacks '{expected}': {text}");
    }
}

#[test]
fn the_interview_as_word_has_real_headings_lists_tables_and_links() {
    use std::io::Read;
    let env = TestEnv::new();
    for file in ["linkedin/Basic_LinkedInDataExport_11-30-2026.zip", "orcid/record.json"] {
        import(&env, &fixture(file));
    }
    let out = env.path("cv.docx");
    env.ok(&["export", "docx", "--out", out.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    for needle in [
        r#"<w:pStyle w:val="Title" />"#,
        r#"<w:pStyle w:val="Heading1" />"#,
        "<w:numPr>",
        "<w:tbl>",
        "<w:hyperlink",
        "Recommendation",
        "Early warning scores on an acute medical unit",
    ] {
        assert!(xml.contains(needle), "document.xml lacks {needle}");
    }
    assert!(!xml.contains("txbxContent"), "no text boxes");
    // The same portfolio, the same document (the library orders its link
    // relationships as it likes); and only the interview is made as Word.
    let again = env.path("again.docx");
    env.ok(&["export", "docx", "--out", again.to_str().unwrap()]);
    let mut other = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&again).unwrap()).unwrap();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut other).unwrap();
    assert!(xml == other, "the same portfolio gives the same document.xml");
    let err = env.fails(&["export", "docx", "--profile", "evidence"], 2);
    assert!(err.contains("a Word file is made of the interview document"), "{err}");
}

#[test]
fn a_working_life_as_a_rendercv_cv() {
    let env = TestEnv::new();
    for file in ["linkedin/Basic_LinkedInDataExport_11-30-2026.zip", "orcid/record.json"] {
        import(&env, &fixture(file));
    }
    let out = env.run(&["export", "rendercv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("the phone number '07700 900123' is left out"), "{stderr}");
    check_golden("rendercv.yaml", &String::from_utf8(out.stdout).unwrap());
    // Private entries stay out unless asked for.
    env.add(&["role", "Secret post", "--date", "2025", "--private"]);
    assert!(!env.ok(&["export", "rendercv"]).contains("Secret post"));
    assert!(env.ok(&["export", "rendercv", "--include-private"]).contains("Secret post"));
}
