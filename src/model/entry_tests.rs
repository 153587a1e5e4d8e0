//! Tests of the entry rules in `entry.rs`.

use super::*;

fn draft(kind: EntryKind) -> EntryFields {
    EntryFields::new(kind, "A title", "2024".parse().unwrap())
}

fn course(hours: f64) -> EntryFields {
    let mut d = draft(EntryKind::Course);
    d.details =
        KindDetails::new(EntryKind::Course, KindValues { hours: Some(hours), ..KindValues::default() })
            .unwrap();
    d
}

fn written(kind: EntryKind, template: Option<Template>, sections: Vec<Section>) -> EntryFields {
    let mut d = draft(kind);
    d.details = KindDetails::new(kind, KindValues { template, sections, ..KindValues::default() }).unwrap();
    d
}

fn section(name: &str, text: &str) -> Section {
    Section { name: name.into(), text: text.into() }
}

#[test]
fn a_field_of_another_kind_is_refused() {
    let mut record = FieldsRecord::from(draft(EntryKind::Role));
    record.values.hours = Some(3.0);
    let err = EntryFields::try_from(record).unwrap_err();
    assert_eq!(err.to_string(), "--hours does not apply to a role entry (it is for: course)");
}

#[test]
fn fields_round_trip_through_their_record() {
    let d = course(6.0);
    assert_eq!(EntryFields::try_from(FieldsRecord::from(d.clone())), Ok(d));
}

#[test]
fn end_before_start_is_refused_but_same_month_is_fine() {
    let mut d = draft(EntryKind::Role);
    d.date = "2024-05-10".parse().unwrap();
    d.end_date = Some("2024-05".parse().unwrap());
    d.validate().unwrap();
    d.end_date = Some("2024-04-30".parse().unwrap());
    assert!(matches!(d.validate(), Err(DraftError::EndBeforeStart { .. })));
}

#[test]
fn negative_hours_are_refused() {
    let mut d = course(-1.0);
    assert_eq!(d.validate(), Err(DraftError::BadHours(-1.0)));
    for too_many in [1e308, f64::INFINITY, f64::NAN, 10_000.5] {
        assert!(matches!(course(too_many).validate(), Err(DraftError::BadHours(_))), "{too_many}");
    }
    assert!(course(10_000.0).validate().is_ok());
}

#[test]
fn sections_are_ordered_and_infer_their_template() {
    let sections = vec![section("now what", "next"), section("What?", "it happened")];
    let mut d = written(EntryKind::Reflection, None, sections);
    d.validate().unwrap();
    assert_eq!(d.details.template(), Some(Template::Rolfe));
    assert_eq!(d.details.sections(), [section("what", "it happened"), section("now-what", "next")]);
}

#[test]
fn a_section_not_in_the_template_is_refused() {
    let mut d = written(EntryKind::Achievement, Some(Template::Star), vec![section("feelings", "nervous")]);
    let err = d.validate().unwrap_err().to_string();
    assert!(err.contains("not a section of the star template"), "{err}");
}

#[test]
fn tags_are_trimmed_and_deduplicated() {
    let mut d = draft(EntryKind::Meeting);
    d.tags = vec!["#Mentoring".into(), "mentoring".into(), "@nhs".into()];
    d.validate().unwrap();
    assert_eq!(d.tags, ["Mentoring", "nhs"]);
    d.tags = vec!["two words".into()];
    assert!(d.validate().is_err());
}
