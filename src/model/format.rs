//! How values read in every output — terminal, Markdown, PDF — so a date
//! range or a number of hours never prints two ways.

use super::date::PartialDate;

/// `2021-09 – 2023`, or the start alone when there is no end.
pub fn date_range(start: PartialDate, end: Option<PartialDate>) -> String {
    match end {
        Some(end) => format!("{start} – {end}"),
        None => start.to_string(),
    }
}

/// A period as a person writes it: `2019 – 2023`, `September 2021 – May
/// 2023`, `since March 2024` (still going), or the date alone.
pub fn period_for_people(start: PartialDate, end: Option<PartialDate>, ongoing: bool) -> String {
    match end {
        Some(end) => format!("{} – {}", start.for_people(), end.for_people()),
        None if ongoing => format!("since {}", start.for_people()),
        None => start.for_people(),
    }
}

/// Hours to at most two decimals, without trailing zeros: `6`, `1.5`, `0.25`.
pub fn hours(hours: f64) -> String {
    // An empty sum of f64 is -0.0; nobody has negative zero hours.
    let hours = hours + 0.0;
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A number for a person to read: as [`hours`], its thousands separated
/// (`5,100`, `1,234.5`). Not for data (CSV keeps [`hours`]).
pub fn number_for_people(value: f64) -> String {
    let plain = hours(value);
    let (sign, unsigned) = plain.strip_prefix('-').map_or(("", plain.as_str()), |rest| ("-", rest));
    let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let grouped = whole.parse().map_or_else(|_| whole.to_string(), crate::output::thousands);
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The order people expect for names with numbers in them: case ignored,
/// runs of digits compared as numbers ("tag2" before "tag10").
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(text: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((was_digit, chunk)) if *was_digit == digit => chunk.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (left, right) = (chunks(a), chunks(b));
    for (x, y) in left.iter().zip(&right) {
        let order = match (x, y) {
            ((true, m), (true, n)) => {
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                m.len().cmp(&n.len()).then_with(|| m.cmp(n))
            }
            ((_, m), (_, n)) => m.cmp(n),
        };
        if order.is_ne() {
            return order;
        }
    }
    left.len().cmp(&right.len()).then_with(|| a.cmp(b))
}

/// The text without a leading byte-order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_hours_read_naturally() {
        let start = "2021-09".parse().unwrap();
        assert_eq!(date_range(start, None), "2021-09");
        assert_eq!(date_range(start, "2023".parse().ok()), "2021-09 – 2023");
        assert_eq!(hours(6.0), "6");
        assert_eq!(hours(1.5), "1.5");
        assert_eq!(hours(0.25), "0.25");
        assert_eq!(hours(1.0 / 3.0), "0.33");
        assert_eq!(hours(10.0), "10");
        assert_eq!(number_for_people(5100.0), "5,100");
        assert_eq!(number_for_people(1234567.5), "1,234,567.5");
        assert_eq!(number_for_people(450.0), "450");
        assert_eq!(number_for_people(-1200.0), "-1,200");
        let may: PartialDate = "2026-05".parse().unwrap();
        assert_eq!(period_for_people(may, None, false), "May 2026");
        assert_eq!(period_for_people("2019".parse().unwrap(), "2023".parse().ok(), false), "2019 – 2023");
        assert_eq!(period_for_people("2024-03".parse().unwrap(), None, true), "since March 2024");
        assert_eq!(period_for_people("2024-03-07".parse().unwrap(), None, false), "7 March 2024");
    }

    #[test]
    fn names_with_numbers_sort_as_people_count() {
        let mut tags = vec!["tag10", "Tag2", "tag1", "audit", "tag02b", "tag2a"];
        tags.sort_by(|a, b| natural_order(a, b));
        assert_eq!(tags, ["audit", "tag1", "Tag2", "tag2a", "tag02b", "tag10"]);
    }
}
