use super::*;
use crate::model::{Claim, Competency, EntryFields, EntryId, Section, Verdict};

fn framework() -> Framework {
    let competency = |code: &str, title: &str, question: &str| Competency {
        code: code.into(),
        title: title.into(),
        definition: None,
        question: Some(question.into()),
        parent: None,
        external_id: None,
        indicators: Vec::new(),
    };
    Framework {
        key: "emcc".into(),
        title: "EMCC".into(),
        source: None,
        description: None,
        levels: Vec::new(),
        competencies: vec![
            competency("self", "Understanding self", "What do you know of your own values?"),
            competency("contract", "Managing the contract", "How do you agree the ground rules?"),
        ],
        prompts: Vec::new(),
        updated_at: None,
    }
}

fn entry(id: i64, kind: EntryKind, date: &str, parts: &[&str], code: &str) -> Entry {
    let mut fields = EntryFields::new(kind, format!("story {id}"), date.parse().unwrap());
    let values = crate::model::KindValues {
        template: Some(Template::Star),
        sections: parts.iter().map(|p| Section { name: (*p).into(), text: "written".into() }).collect(),
        ..Default::default()
    };
    fields.details = crate::model::KindDetails::keep(kind, values);
    Entry {
        id: EntryId(id),
        uuid: format!("u{id}"),
        fields,
        attachments: Vec::new(),
        claims: vec![Claim {
            reference: format!("emcc/{code}"),
            framework: "emcc".into(),
            competency: code.into(),
            competency_title: String::new(),
            level: None,
            indicator: None,
            indicator_text: None,
            note: None,
            uuid: format!("c{id}"),
            created_at: String::new(),
        }],
        verdicts: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
        deleted_at: None,
    }
}

const STAR: [&str; 4] = ["situation", "task", "action", "result"];

#[test]
fn stories_come_accepted_first_then_complete_then_newest_and_gaps_stay() {
    let mut accepted = entry(1, EntryKind::Achievement, "2023-01", &["situation"], "self");
    accepted.verdicts.push(Verdict {
        verdict: VerdictKind::Accepted,
        assessor: "Dr Okubo".into(),
        date: "2024-01-01".parse().unwrap(),
        comment: None,
        claim: Some("emcc/self".into()),
        uuid: "v1".into(),
        created_at: String::new(),
        credential: None,
    });
    let entries = vec![
        entry(2, EntryKind::Reflection, "2025-06", &["situation", "task"], "self"),
        entry(3, EntryKind::Achievement, "2024-02", &STAR, "self"),
        accepted,
        entry(4, EntryKind::Reflection, "2025-09", &[], "self"),
        entry(5, EntryKind::Course, "2025-10", &[], "self"),
    ];
    let bank = story_bank(&framework(), &entries, None);
    let ids: Vec<i64> = bank[0].stories.iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 3, 4, 2], "accepted, complete STAR, then newest; a course is no story");
    assert!(bank[0].stories[0].accepted && bank[0].stories[1].star_complete);
    assert_eq!(
        (bank[1].code.as_str(), bank[1].stories.len()),
        ("contract", 0),
        "a competency with no story is kept"
    );
}

#[test]
fn an_advert_gives_its_key_words_most_used_first() {
    let advert = "We are looking for a Ward Manager to lead our team. Leadership of the ward, \
                  safeguarding and audit; you will lead audits and safeguarding training. 2026.";
    let words = key_words(advert, 4);
    assert_eq!(
        words,
        [
            ("lead".to_string(), 3),
            ("audit".to_string(), 2),
            ("safeguarding".to_string(), 2),
            ("ward".to_string(), 2)
        ],
        "lead and leadership, audit and audits count once each"
    );
    assert_eq!(search_term("leadership"), "\"lead\"*");
    assert_eq!(search_term("audits"), "\"audit\"*");
    assert_eq!(search_term("nhs"), "\"nhs\"");
    assert_eq!(search_term("manager"), "\"manag\"*", "finds management and managing too");
}

#[test]
fn competencies_score_by_the_advert_words_they_hold() {
    let words = vec![("values".to_string(), 3), ("ground".to_string(), 1)];
    assert_eq!(competency_score(&framework(), "self", &words), 3);
    assert_eq!(competency_score(&framework(), "contract", &words), 1);
    assert_eq!(competency_score(&framework(), "absent", &words), 0);
}
