//! Record timestamps (`created_at`, `updated_at`): RFC 3339 in UTC, to the
//! millisecond, so two changes in the same second still have an order.
//! Stamps written by older folios have whole seconds; both compare as times.

use chrono::{DateTime, SecondsFormat, Utc};

/// The stored stamp of a moment.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Whether stamp `a` is later than stamp `b`. Stamps that do not parse
/// compare as text, so a hand-written document still merges predictably.
pub fn is_later(a: &str, b: &str) -> bool {
    match (DateTime::parse_from_rfc3339(a), DateTime::parse_from_rfc3339(b)) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}

/// The calendar day (UTC) of a stamp, e.g. the day a goal was set.
pub fn day_of(stamp: &str) -> Option<chrono::NaiveDate> {
    DateTime::parse_from_rfc3339(stamp)
        .map(|at| at.with_timezone(&Utc).date_naive())
        .ok()
        .or_else(|| stamp.get(..10).and_then(|day| day.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_compare_as_times_whatever_their_precision() {
        assert!(is_later("2026-04-18T18:00:00.123Z", "2026-04-18T18:00:00Z"));
        assert!(!is_later("2026-04-18T18:00:00Z", "2026-04-18T18:00:00.123Z"));
        assert!(!is_later("2026-04-18T18:00:00Z", "2026-04-18T18:00:00Z"));
        assert!(is_later("2026-04-18T19:00:00+00:00", "2026-04-18T18:59:59.999Z"));
        let at = DateTime::parse_from_rfc3339("2026-01-02T03:04:05.006Z").unwrap().with_timezone(&Utc);
        assert_eq!(stamp(at), "2026-01-02T03:04:05.006Z");
    }

    #[test]
    fn the_day_of_a_stamp_is_its_utc_day() {
        assert_eq!(day_of("2026-04-18T23:30:00-02:00").unwrap().to_string(), "2026-04-19");
        assert_eq!(day_of("2026-04-18").unwrap().to_string(), "2026-04-18");
        assert_eq!(day_of("soon"), None);
    }
}
