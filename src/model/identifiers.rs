//! What in a piece of text may identify a person other than the portfolio's
//! owner: NHS and National Insurance numbers, email addresses, phone numbers,
//! dates of birth, postcodes, hospital record numbers and names the user
//! watches for.
//!
//! [`Scanner::find`] is the one detector: `folio scan` reports what it finds,
//! and every export and share runs it on what it is about to write (see
//! `ops::identifiers`). The owner's own name, email, phone and postcode are
//! never findings. False positives cost as much as misses — a course code, an
//! ISBN, a credential id, a year range or a ten-digit number whose check
//! digit is wrong is not an NHS number — so each kind is checked beyond its
//! shape where it can be (the NHS number's modulus 11, the National Insurance
//! number's allocated prefixes, a phone number's digit count).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Profile;
use super::names::named_enum;

named_enum! {
    /// The kind of identifier a finding is.
    pub enum IdentifierKind ("identifier kind") {
        NhsNumber = "nhs-number",
        NiNumber = "ni-number",
        Email = "email",
        Phone = "phone",
        DateOfBirth = "date-of-birth",
        Postcode = "postcode",
        RecordNumber = "record-number",
        Name = "name",
    }
}

impl IdentifierKind {
    /// How a person names it, as in "[redacted NHS number]".
    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::NhsNumber => "NHS number",
            IdentifierKind::NiNumber => "National Insurance number",
            IdentifierKind::Email => "email address",
            IdentifierKind::Phone => "phone number",
            IdentifierKind::DateOfBirth => "date of birth",
            IdentifierKind::Postcode => "postcode",
            IdentifierKind::RecordNumber => "record number",
            IdentifierKind::Name => "name",
        }
    }
}

/// One identifier found in a text: its kind and where it is (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: IdentifierKind,
    pub range: Range<usize>,
}

impl Found {
    /// The matched text shown masked, e.g. `943 *** **19`.
    pub fn masked(&self, text: &str) -> String {
        mask(self.kind, &text[self.range.clone()])
    }
}

static NHS: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"));
static NI: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"));
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"));
static UK_PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\(0\d{2,4}\)|\b0\d{2,4})[ -]?\d{3,4}(?:[ -]?\d{3,4})?\b"));
static INTERNATIONAL_PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\+\d{1,3}(?:[ -]?\(0\))?(?:[ -]?\d{1,4}){2,5}\b"));
static DATE_OF_BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    re(&format!(
        r"(?i)\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?)\s*[:\-]?\s*(\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b"
    ))
});
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]? \d[ABD-HJLNP-UW-Z]{2}\b"));
static RECORD_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:MRN|hospital (?:no\.?|number|num)|hosp\.? no\.?|patient (?:id|no\.?|number)|(?:medical |case |health )?record (?:no\.?|number)|unit (?:no\.?|number)|CHI(?: number| no\.?)?)\s*[:#]?\s*([A-Z]{0,4}[-/]?\d[\dA-Z/-]{3,})\b",
    )
});

/// A fixed pattern, ASCII only (`\d`, `\b`, `\s` and case): the numbers and
/// codes it finds are ASCII, and without Unicode classes the patterns build
/// in a fraction of the time, which every export pays.
fn re(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    regex::RegexBuilder::new(pattern).unicode(false).build().expect("the identifier patterns are valid")
}

/// A pattern of names the user watches, which may be in any script.
fn names_re(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("escaped names make a valid pattern")
}

/// Finds identifiers in text, leaving out the owner's own.
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    owner_email: Option<String>,
    owner_phone: Option<String>,
    owner_names: Vec<String>,
    owner_postcodes: Vec<String>,
    names: Option<Regex>,
}

impl Scanner {
    /// A scanner that knows the owner (from the profile) and watches for
    /// these names of other people (the owner's own name is dropped).
    pub fn new(owner: &Profile, names: &[String]) -> Self {
        let owner_names: Vec<String> =
            owner.name.iter().map(|n| fold_spaces(n).to_lowercase()).filter(|n| !n.is_empty()).collect();
        let watched: Vec<String> = names
            .iter()
            .map(|n| fold_spaces(n))
            .filter(|n| !n.is_empty() && !owner_names.contains(&n.to_lowercase()))
            .collect();
        let names = (!watched.is_empty()).then(|| {
            let mut sorted = watched;
            // Longest first, so "Jane Smith" wins over "Jane".
            sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
            let alternatives: Vec<String> =
                sorted.iter().map(|n| regex::escape(n).replace(' ', r"\s+")).collect();
            names_re(&format!(r"(?i)\b(?:{})\b", alternatives.join("|")))
        });
        let owner_postcodes = owner
            .location
            .iter()
            .flat_map(|l| POSTCODE.find_iter(l).map(|m| m.as_str().to_string()).collect::<Vec<_>>())
            .collect();
        Scanner {
            owner_email: owner.email.as_deref().map(|e| e.trim().to_lowercase()),
            owner_phone: owner.phone.as_deref().map(phone_digits).filter(|d| !d.is_empty()),
            owner_names,
            owner_postcodes,
            names,
        }
    }

    /// Every identifier in `text`, in order, none overlapping another.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let mut add = |kind, range: Range<usize>| found.push(Found { kind, range });
        // Every kind but a name needs an '@' or two digits (a postcode has
        // the fewest): most text has neither.
        if !text.contains('@') && text.bytes().filter(u8::is_ascii_digit).nth(1).is_none() {
            self.find_names(text, &mut add);
            return without_overlaps(found);
        }
        for m in NHS.find_iter(text) {
            if standalone(text, m.range()) && !after_isbn(text, m.start()) && nhs_check_digit_ok(m.as_str()) {
                add(IdentifierKind::NhsNumber, m.range());
            }
        }
        for m in NI.find_iter(text) {
            let prefix: String = m.as_str().chars().take(2).collect();
            if !matches!(prefix.as_str(), "BG" | "GB" | "NK" | "KN" | "TN" | "NT" | "ZZ") {
                add(IdentifierKind::NiNumber, m.range());
            }
        }
        for m in EMAIL.find_iter(text) {
            if self.owner_email.as_deref() != Some(m.as_str().to_lowercase().as_str()) {
                add(IdentifierKind::Email, m.range());
            }
        }
        for m in UK_PHONE.find_iter(text).chain(INTERNATIONAL_PHONE.find_iter(text)) {
            let digits = phone_digits(m.as_str());
            let plausible = if m.as_str().starts_with('+') {
                (8..=15).contains(&digits.len())
            } else {
                (10..=11).contains(&digits.len()) && !digits.starts_with("00")
            };
            if plausible
                && standalone(text, m.range())
                && !after_isbn(text, m.start())
                && self.owner_phone.as_deref() != Some(digits.as_str())
            {
                add(IdentifierKind::Phone, m.range());
            }
        }
        for captures in DATE_OF_BIRTH.captures_iter(text) {
            if let Some(date) = captures.get(1) {
                add(IdentifierKind::DateOfBirth, date.range());
            }
        }
        for m in POSTCODE.find_iter(text) {
            if !self.owner_postcodes.iter().any(|p| p == m.as_str()) {
                add(IdentifierKind::Postcode, m.range());
            }
        }
        for captures in RECORD_NUMBER.captures_iter(text) {
            if let Some(number) = captures.get(1)
                && number.as_str().chars().filter(char::is_ascii_digit).count() >= 4
            {
                add(IdentifierKind::RecordNumber, number.range());
            }
        }
        self.find_names(text, &mut add);
        without_overlaps(found)
    }

    fn find_names(&self, text: &str, add: &mut impl FnMut(IdentifierKind, Range<usize>)) {
        if let Some(names) = &self.names {
            for m in names.find_iter(text) {
                if !self.owner_names.contains(&fold_spaces(m.as_str()).to_lowercase()) {
                    add(IdentifierKind::Name, m.range());
                }
            }
        }
    }
}

/// Keeps the earliest (then longest) of overlapping findings.
fn without_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if kept.last().is_none_or(|last| f.range.start >= last.range.end) {
            kept.push(f);
        }
    }
    kept
}

/// `text` with each finding replaced by "[redacted <kind>]".
pub fn redact(text: &str, found: &[Found]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        out.push_str(&text[at..f.range.start]);
        out.push_str("[redacted ");
        out.push_str(f.kind.label());
        out.push(']');
        at = f.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The matched text with most of it starred, its spacing kept: the first
/// three and last two letters or digits of a number stay, the first letter
/// of each word of a name, the first letter of each part of an email.
pub fn mask(kind: IdentifierKind, matched: &str) -> String {
    match kind {
        IdentifierKind::Email => {
            let mut out = String::new();
            let mut first_of_part = true;
            for c in matched.chars() {
                if matches!(c, '@' | '.') {
                    out.push(c);
                    first_of_part = true;
                } else if first_of_part {
                    out.push(c);
                    first_of_part = false;
                } else {
                    out.push('*');
                }
            }
            out
        }
        IdentifierKind::Name | IdentifierKind::DateOfBirth => {
            let mut out = String::new();
            let mut first_of_word = true;
            for c in matched.chars() {
                if c.is_alphanumeric() {
                    out.push(if first_of_word && kind == IdentifierKind::Name { c } else { '*' });
                    first_of_word = false;
                } else {
                    out.push(c);
                    first_of_word = true;
                }
            }
            out
        }
        _ => {
            let total = matched.chars().filter(|c| c.is_alphanumeric()).count();
            let (head, tail) = if total >= 7 { (3, 2) } else { (1, 0) };
            let mut seen = 0;
            matched
                .chars()
                .map(|c| {
                    if !c.is_alphanumeric() {
                        return c;
                    }
                    seen += 1;
                    if seen <= head || seen > total - tail { c } else { '*' }
                })
                .collect()
        }
    }
}

/// The NHS number's modulus 11 check: weights 10 down to 2 on the first
/// nine digits; 11 minus the remainder (11 meaning 0, 10 never valid) must
/// be the tenth digit.
pub fn nhs_check_digit_ok(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9].iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

/// A phone number's digits, a leading +44 read as the 0 of a UK number.
fn phone_digits(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = text.trim_start().starts_with('+');
    match digits.strip_prefix("44") {
        Some(rest) if international => {
            let rest = rest.strip_prefix('0').unwrap_or(rest);
            format!("0{rest}")
        }
        _ => digits,
    }
}

/// Not a part of a longer number or code: no letter or digit right beside
/// it, nor one joined to it by a hyphen, slash or decimal point.
fn standalone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().rev().take(2).collect::<Vec<_>>();
    let after = text[range.end..].chars().take(2).collect::<Vec<_>>();
    let joins = |near: &[char]| match near {
        [c, ..] if c.is_alphanumeric() || *c == '_' => true,
        [c, d, ..] if matches!(c, '-' | '/' | '_') && d.is_alphanumeric() => true,
        [c, d, ..] if matches!(c, '.' | ',') && d.is_ascii_digit() => true,
        _ => false,
    };
    !joins(&before) && !joins(&after)
}

/// An ISBN's ten digits are not an NHS number, nor a phone number.
fn after_isbn(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let window: String = before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    window.to_ascii_uppercase().contains("ISBN")
}

fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "identifiers_tests.rs"]
mod tests;
