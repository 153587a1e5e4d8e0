use super::*;

fn kinds(scanner: &Scanner, text: &str) -> Vec<(IdentifierKind, String)> {
    scanner.find(text).into_iter().map(|f| (f.kind, text[f.range].to_string())).collect()
}

fn plain(text: &str) -> Vec<(IdentifierKind, String)> {
    kinds(&Scanner::default(), text)
}

fn one(kind: IdentifierKind, text: &str) -> Vec<(IdentifierKind, String)> {
    vec![(kind, text.to_string())]
}

fn owner() -> Profile {
    Profile {
        name: Some("Amara Okafor".into()),
        email: Some("amara@example.org".into()),
        phone: Some("+44 7700 900456".into()),
        location: Some("Leeds LS6 2AB".into()),
        ..Default::default()
    }
}

#[test]
fn nhs_numbers_with_a_valid_check_digit_are_found_however_spaced() {
    use IdentifierKind::NhsNumber;
    assert_eq!(plain("NHS no 943 476 5919."), one(NhsNumber, "943 476 5919"));
    assert_eq!(plain("patient 9434765919 seen"), one(NhsNumber, "9434765919"));
    assert_eq!(plain("(943-476-5919)"), one(NhsNumber, "943-476-5919"));
    assert!(nhs_check_digit_ok("401 023 2137"));
}

#[test]
fn ten_digit_look_alikes_are_not_nhs_numbers() {
    // Wrong check digit, a check digit of 10, an ISBN, part of a credential
    // id, part of a longer number, a decimal.
    assert_eq!(plain("ref 943 476 5918"), vec![]);
    assert!(!nhs_check_digit_ok("1000000010"));
    assert_eq!(plain("ISBN 9434765919"), vec![]);
    assert_eq!(plain("ISBN-10: 943-476-5919"), vec![]);
    assert_eq!(plain("credential UC-9434765919"), vec![]);
    assert_eq!(plain("order 19434765919"), vec![]);
    assert_eq!(plain("ratio 0.9434765919"), vec![]);
    assert_eq!(plain("CPD 2019-2021, course NURS-3001"), vec![]);
}

#[test]
fn national_insurance_numbers_need_an_allocated_prefix_and_suffix() {
    use IdentifierKind::NiNumber;
    assert_eq!(plain("NI AB 12 34 56 C"), one(NiNumber, "AB 12 34 56 C"));
    assert_eq!(plain("NI JG103759A ok"), one(NiNumber, "JG103759A"));
    for look_alike in ["GB123456A", "DA123456A", "AO123456A", "AB123456E", "cs123456a", "ZZ123456D"] {
        assert_eq!(plain(look_alike), vec![], "{look_alike}");
    }
}

#[test]
fn email_addresses_are_found_but_not_the_owners() {
    use IdentifierKind::Email;
    let scanner = Scanner::new(&owner(), &[]);
    assert_eq!(kinds(&scanner, "wrote to jane.doe@nhs.net."), one(Email, "jane.doe@nhs.net"));
    assert_eq!(kinds(&scanner, "copy to Amara@Example.org"), vec![]);
    assert_eq!(plain("the @mention and a@b are not addresses"), vec![]);
}

#[test]
fn uk_and_international_phone_numbers_are_found() {
    use IdentifierKind::Phone;
    assert_eq!(plain("call 07700 900123 today"), one(Phone, "07700 900123"));
    assert_eq!(plain("ward 020 7946 0000"), one(Phone, "020 7946 0000"));
    assert_eq!(plain("desk (0161) 496 0000"), one(Phone, "(0161) 496 0000"));
    assert_eq!(plain("mobile 01632960983"), one(Phone, "01632960983"));
    assert_eq!(plain("ring +44 7700 900123"), one(Phone, "+44 7700 900123"));
    assert_eq!(plain("US +1 202 555 0143."), one(Phone, "+1 202 555 0143"));
}

#[test]
fn phone_look_alikes_and_the_owners_phone_are_not_findings() {
    for look_alike in [
        "2019-2021",
        "version 1.2.3",
        "CS 1010",
        "0000 000 0000",
        "01/02/2020",
        "room 0123",
        "+44 12",
        "3 + 4",
        "ISBN 0306406152",
        "isbn: 0306406152",
        "ISBN-10 0306406152",
    ] {
        assert_eq!(plain(look_alike), vec![], "{look_alike}");
    }
    assert_eq!(
        plain("call 0113 496 0000"),
        one(IdentifierKind::Phone, "0113 496 0000"),
        "without ISBN it is one"
    );
    let scanner = Scanner::new(&owner(), &[]);
    assert_eq!(kinds(&scanner, "my mobile 07700 900456"), vec![]);
    assert_eq!(kinds(&scanner, "or +44 (0) 7700 900456"), vec![]);
}

#[test]
fn dates_of_birth_need_a_marker() {
    use IdentifierKind::DateOfBirth;
    assert_eq!(plain("Mr X, DOB 12/03/1948, admitted"), one(DateOfBirth, "12/03/1948"));
    assert_eq!(plain("born on 3 March 1950"), one(DateOfBirth, "3 March 1950"));
    assert_eq!(plain("date of birth: 1948-03-12"), one(DateOfBirth, "1948-03-12"));
    assert_eq!(plain("D.O.B. 12.03.48"), one(DateOfBirth, "12.03.48"));
    assert_eq!(plain("born March 3rd, 1950"), one(DateOfBirth, "March 3rd, 1950"));
    assert_eq!(plain("born in Leeds; seen 12/03/1948; started 2024-01-05"), vec![]);
}

#[test]
fn postcodes_are_found_but_not_codes_or_the_owners() {
    use IdentifierKind::Postcode;
    assert_eq!(plain("lives at LS1 4AP"), one(Postcode, "LS1 4AP"));
    assert_eq!(plain("SW1A 1AA"), one(Postcode, "SW1A 1AA"));
    assert_eq!(plain("in M1 1AE."), one(Postcode, "M1 1AE"));
    for look_alike in ["ISO 9001", "CS101 course", "level 4 NVQ", "B12 9"] {
        assert_eq!(plain(look_alike), vec![], "{look_alike}");
    }
    let scanner = Scanner::new(&owner(), &[]);
    assert_eq!(kinds(&scanner, "home LS6 2AB"), vec![]);
}

#[test]
fn record_numbers_follow_their_label() {
    use IdentifierKind::RecordNumber;
    assert_eq!(plain("MRN 12345678"), one(RecordNumber, "12345678"));
    assert_eq!(plain("hospital number: RX1234567"), one(RecordNumber, "RX1234567"));
    assert_eq!(plain("Hosp no. K123456"), one(RecordNumber, "K123456"));
    assert_eq!(plain("record number 12, MRN pending, unit 4"), vec![]);
}

#[test]
fn watched_names_are_found_whole_and_in_any_case_but_not_the_owner() {
    use IdentifierKind::Name;
    let names = vec!["Mrs Patel".to_string(), "Jo".to_string(), "amara okafor".to_string()];
    let scanner = Scanner::new(&owner(), &names);
    assert_eq!(kinds(&scanner, "saw mrs  patel today"), one(Name, "mrs  patel"));
    assert_eq!(kinds(&scanner, "Jo and John"), one(Name, "Jo"));
    assert_eq!(kinds(&scanner, "Patelson, Amara Okafor"), vec![]);
}

#[test]
fn findings_come_in_order_and_never_overlap() {
    let scanner = Scanner::new(&Profile::default(), &["Jane Smith".into()]);
    let text = "Jane Smith (jane@nhs.net, 07700 900123), NHS 943 476 5919";
    let found = kinds(&scanner, text);
    assert_eq!(
        found.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        [IdentifierKind::Name, IdentifierKind::Email, IdentifierKind::Phone, IdentifierKind::NhsNumber]
    );
}

#[test]
fn masks_keep_the_shape_and_little_else() {
    assert_eq!(mask(IdentifierKind::NhsNumber, "943 476 5919"), "943 *** **19");
    assert_eq!(mask(IdentifierKind::Email, "jane.doe@nhs.net"), "j***.d**@n**.n**");
    assert_eq!(mask(IdentifierKind::Name, "Mrs Patel"), "M** P****");
    assert_eq!(mask(IdentifierKind::DateOfBirth, "12/03/1948"), "**/**/****");
    assert_eq!(mask(IdentifierKind::Postcode, "M1 1AE"), "M* ***");
    assert_eq!(mask(IdentifierKind::Phone, "07700 900123"), "077** ****23");
}

#[test]
fn redaction_replaces_each_finding_with_its_kind() {
    let text = "NHS 943 476 5919, call 07700 900123.";
    let found = Scanner::default().find(text);
    assert_eq!(redact(text, &found), "NHS [redacted NHS number], call [redacted phone number].");
    assert_eq!(redact("nothing here", &[]), "nothing here");
}
