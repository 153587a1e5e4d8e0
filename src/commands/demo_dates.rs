//! The demo's dates, moved forward to the day it is built: the demo data
//! stands at [`AS_OF`](super::demo) and would otherwise grow stale — its
//! actions "overdue by 97 days", its CPD year nearly empty — the longer
//! after that day someone builds it. Every date and stamp in the demo
//! document moves by the whole months between that day and today (none
//! when today is earlier), so the demo reads the same on any day.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// Whole months from `as_of` to `today` (none when today is not later).
pub fn months_since(as_of: NaiveDate, today: NaiveDate) -> u32 {
    let months = (today.year() * 12 + today.month0() as i32) - (as_of.year() * 12 + as_of.month0() as i32);
    u32::try_from(months).unwrap_or(0)
}

/// Every date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and stamp (`YYYY-MM-DDT…`)
/// in `value`, moved `months` later; other text is left as it is.
pub fn shift(value: &mut Value, months: u32) {
    if months == 0 {
        return;
    }
    match value {
        Value::String(text) => {
            if let Some(moved) = shifted(text, months) {
                *text = moved;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift(v, months)),
        Value::Object(map) => map.values_mut().for_each(|v| shift(v, months)),
        _ => {}
    }
}

/// One date or stamp moved, or `None` for text that is neither.
pub fn shifted(text: &str, months: u32) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, rest) = text.split_at(text.find('T').unwrap_or(text.len()));
    let parts: Vec<&str> = date.split('-').collect();
    if !parts.iter().all(|p| digits(p)) || parts[0].len() != 4 {
        return None;
    }
    if !rest.is_empty() && (parts.len() != 3 || !rest.ends_with('Z') && !rest.contains('+')) {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    match parts.as_slice() {
        // A year: moved by the years the months make, rounded.
        [_] => Some(format!("{}", year + ((months + 6) / 12) as i32)),
        [_, month] if month.len() == 2 => {
            let day = NaiveDate::from_ymd_opt(year, month.parse().ok()?, 1)?;
            Some(day.checked_add_months(chrono::Months::new(months))?.format("%Y-%m").to_string())
        }
        [_, month, day] if month.len() == 2 && day.len() == 2 => {
            let date = NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)?;
            let moved = date.checked_add_months(chrono::Months::new(months))?;
            Some(format!("{}{rest}", moved.format("%Y-%m-%d")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_stamps_move_by_whole_months_and_text_does_not() {
        let as_of = NaiveDate::from_ymd_opt(2026, 9, 10).unwrap();
        assert_eq!(months_since(as_of, NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()), 0, "not back in time");
        assert_eq!(months_since(as_of, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()), 3);
        assert_eq!(shifted("2026-03", 3).as_deref(), Some("2026-06"));
        assert_eq!(shifted("2025-11-30", 3).as_deref(), Some("2026-02-28"), "kept in the month");
        assert_eq!(shifted("2026-09-10T18:00:00Z", 3).as_deref(), Some("2026-12-10T18:00:00Z"));
        assert_eq!(shifted("2026-09-10T18:00:00.123Z", 14).as_deref(), Some("2027-11-10T18:00:00.123Z"));
        assert_eq!(shifted("2024", 3).as_deref(), Some("2024"));
        assert_eq!(shifted("2024", 9).as_deref(), Some("2025"));
        for text in ["Amara Okafor", "4w", "emcc/self", "1.0", "12", "2024 was a good year", "ab-cd"] {
            assert_eq!(shifted(text, 3), None, "{text}");
        }
        let mut doc = serde_json::json!({"date": "2026-03", "title": "2026", "tags": ["2025-01-02"]});
        shift(&mut doc, 3);
        assert_eq!(doc, serde_json::json!({"date": "2026-06", "title": "2026", "tags": ["2025-04-02"]}));
    }
}
