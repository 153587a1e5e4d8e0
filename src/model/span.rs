//! A length of calendar time — `30d`, `4w`, `3m`, `1y` — as in
//! `--within 30d`, `--meet-every 4w` and `3 weeks ago`.
//!
//! Months and years are calendar months (31 January plus one month is
//! 28 or 29 February), not a fixed number of days.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole number (at least 1) of days, weeks, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    count: u32,
    unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Why a span could not be read; the message is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid length of time '{input}': {reason}")]
pub struct SpanError {
    input: String,
    reason: String,
}

const FORMS: &str = "use a number and d, w, m or y, e.g. 30d, 4w, 3m, 1y";

/// The most a span may be: enough for any plan, small enough that adding it never overflows.
const MAX_DAYS: u64 = 100 * 366;

impl Span {
    pub fn days(count: u32) -> Self {
        Self { count, unit: Unit::Day }
    }

    pub fn weeks(count: u32) -> Self {
        Self { count, unit: Unit::Week }
    }

    pub fn months(count: u32) -> Self {
        Self { count, unit: Unit::Month }
    }

    /// `date` plus this span; `None` only past the end of the calendar.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            Unit::Day => date.checked_add_days(Days::new(u64::from(self.count))),
            Unit::Week => date.checked_add_days(Days::new(u64::from(self.count) * 7)),
            Unit::Month => date.checked_add_months(Months::new(self.count)),
            Unit::Year => date.checked_add_months(Months::new(self.count * 12)),
        }
    }

    /// `date` minus this span.
    pub fn before(self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            Unit::Day => date.checked_sub_days(Days::new(u64::from(self.count))),
            Unit::Week => date.checked_sub_days(Days::new(u64::from(self.count) * 7)),
            Unit::Month => date.checked_sub_months(Months::new(self.count)),
            Unit::Year => date.checked_sub_months(Months::new(self.count * 12)),
        }
    }

    fn approximate_days(self) -> u64 {
        let per = match self.unit {
            Unit::Day => 1,
            Unit::Week => 7,
            Unit::Month => 31,
            Unit::Year => 366,
        };
        u64::from(self.count) * per
    }

    /// Reads "30d", "4w", "3 months", "1 year": a whole number, then a unit.
    fn parse(input: &str) -> Result<Self, String> {
        let text = input.trim().to_ascii_lowercase();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (count, unit) = text.split_at(digits);
        if count.is_empty() {
            return Err(FORMS.into());
        }
        let count: u32 = count.parse().map_err(|_| format!("'{count}' is too large"))?;
        if count == 0 {
            return Err("it must be at least 1".into());
        }
        let unit = match unit.trim().trim_end_matches('s') {
            "d" | "day" => Unit::Day,
            "w" | "week" => Unit::Week,
            "m" | "month" => Unit::Month,
            "y" | "year" => Unit::Year,
            "" => return Err(format!("say which unit: {count}d, {count}w, {count}m or {count}y")),
            other => return Err(format!("unknown unit '{other}'; {FORMS}")),
        };
        let span = Self { count, unit };
        if span.approximate_days() > MAX_DAYS {
            return Err("it is more than 100 years".into());
        }
        Ok(span)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Day => 'd',
            Unit::Week => 'w',
            Unit::Month => 'm',
            Unit::Year => 'y',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(input: &str) -> Result<Self, SpanError> {
        Self::parse(input).map_err(|reason| SpanError { input: input.to_string(), reason })
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn spans_read_short_and_long_forms_and_print_short() {
        for (text, shown) in
            [("30d", "30d"), ("4w", "4w"), ("3 months", "3m"), ("1 Year", "1y"), (" 2W ", "2w")]
        {
            assert_eq!(text.parse::<Span>().unwrap().to_string(), shown, "{text}");
        }
    }

    #[test]
    fn zero_no_unit_and_nonsense_are_refused() {
        for bad in ["0d", "0w", "4", "w", "", "4 fortnights", "-3d", "99999999999d", "200y"] {
            assert!(bad.parse::<Span>().is_err(), "{bad}");
        }
        assert_eq!(
            "0w".parse::<Span>().unwrap_err().to_string(),
            "invalid length of time '0w': it must be at least 1"
        );
    }

    #[test]
    fn months_are_calendar_months() {
        let m = Span::months(1);
        assert_eq!(m.after(date("2026-01-31")), Some(date("2026-02-28")));
        assert_eq!(Span::weeks(4).after(date("2026-03-01")), Some(date("2026-03-29")));
        assert_eq!(Span::days(30).before(date("2026-03-15")), Some(date("2026-02-13")));
        assert_eq!("1y".parse::<Span>().unwrap().after(date("2024-02-29")), Some(date("2025-02-28")));
    }
}
