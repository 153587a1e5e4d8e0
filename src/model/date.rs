//! Dates as people write them in a portfolio: a year, a month or a day.
//!
//! "I got my degree in 2019" is a year, not 1 January 2019, so a [`PartialDate`]
//! keeps the precision it was given and prints back exactly that. Relative
//! words (`today`, `3 weeks ago`) are resolved against a `today` passed in by
//! the caller, so tests can pin the clock.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::span::Span;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a date could not be read; the message is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date '{input}': {reason}")]
pub struct DateError {
    input: String,
    reason: String,
}

impl DateError {
    fn new(input: &str, reason: impl Into<String>) -> Self {
        Self { input: input.to_string(), reason: reason.into() }
    }
}

const FORMS: &str = "use YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, tomorrow, 'N days|weeks|months|years ago' or 'in N weeks'";

impl PartialDate {
    /// A date precise to the day.
    pub fn day(date: NaiveDate) -> Self {
        Self { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `today`, `yesterday`,
    /// `tomorrow`, `N day(s)|week(s)|month(s)|year(s) ago` or `in N weeks`
    /// (any unit), relative to `today`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, DateError> {
        let text = input.trim();
        let lower = text.to_ascii_lowercase();
        match lower.as_str() {
            "" => return Err(DateError::new(input, format!("the date is empty; {FORMS}"))),
            "today" => return Ok(Self::day(today)),
            "yesterday" => return Ok(Self::day(today - Days::new(1))),
            "tomorrow" => return Ok(Self::day(today + Days::new(1))),
            _ => {}
        }
        if let Some(rest) = lower.strip_suffix(" ago") {
            let Some(span) = Self::parse_span(input, rest)? else { return Ok(Self::day(today)) };
            return span
                .before(today)
                .map(Self::day)
                .ok_or_else(|| DateError::new(input, "too far in the past"));
        }
        if let Some(rest) = lower.strip_prefix("in ") {
            let Some(span) = Self::parse_span(input, rest)? else { return Ok(Self::day(today)) };
            return span.after(today).map(Self::day).ok_or_else(|| DateError::new(input, "too far ahead"));
        }
        Self::parse_absolute(text).map_err(|reason| DateError::new(input, reason))
    }

    /// "3 weeks" of "3 weeks ago" or "in 3 weeks"; `None` for none at all ("0 days").
    fn parse_span(input: &str, rest: &str) -> Result<Option<Span>, DateError> {
        let mut words = rest.split_whitespace();
        let (Some(count), Some(_unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(DateError::new(input, FORMS));
        };
        if !count.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::new(input, format!("'{count}' is not a whole number")));
        }
        if count.bytes().all(|b| b == b'0') {
            return Ok(None);
        }
        rest.parse::<Span>().map(Some).map_err(|_| DateError::new(input, FORMS))
    }

    fn parse_absolute(text: &str) -> Result<Self, String> {
        // No allocation: a listing reads two dates a row.
        let mut parts = text.split('-');
        let number = |part: &str, digits: usize, what: &str| -> Result<u32, String> {
            if part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| format!("bad {what}"))
            } else {
                Err(FORMS.to_string())
            }
        };
        let year = number(parts.next().unwrap_or_default(), 4, "year")? as i32;
        let month = parts.next().map(|m| number(m, 2, "month")).transpose()?;
        let day = parts.next().map(|d| number(d, 2, "day")).transpose()?;
        if parts.next().is_some() {
            return Err(FORMS.to_string());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("there is no month {m}"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year, m, d).is_none()
        {
            return Err(format!("{year}-{m:02} has no day {d}"));
        }
        Ok(Self { year, month, day })
    }

    /// The first day this date covers (1 January for a year).
    /// The date as a person writes it: `2024`, `September 2024`, `10 September 2024`.
    pub fn for_people(&self) -> String {
        let month = |m: u32| {
            NaiveDate::from_ymd_opt(self.year, m, 1)
                .map_or_else(|| m.to_string(), |d| d.format("%B").to_string())
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), self.year),
            (Some(m), None) => format!("{} {}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }

    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day this date covers (31 December for a year).
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m, 1)
                .and_then(|first| first.checked_add_months(Months::new(1)))
                .and_then(|next| next.pred_opt()),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// The sortable key stored beside the date: its first day as `YYYY-MM-DD`.
    pub fn key(&self) -> String {
        self.first_day().format("%Y-%m-%d").to_string()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Reads an absolute date only (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), as stored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_absolute(s.trim()).map_err(|reason| DateError::new(s, reason))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
    }

    fn parse(s: &str) -> Result<PartialDate, DateError> {
        PartialDate::parse(s, today())
    }

    #[test]
    fn keeps_the_precision_it_was_given() {
        assert_eq!(parse("2019").unwrap().to_string(), "2019");
        assert_eq!(parse("2024-05").unwrap().to_string(), "2024-05");
        assert_eq!(parse("2024-05-01").unwrap().to_string(), "2024-05-01");
    }

    #[test]
    fn a_month_covers_all_its_days() {
        let feb = parse("2024-02").unwrap();
        assert_eq!(feb.key(), "2024-02-01");
        assert_eq!(feb.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(parse("2023").unwrap().last_day().to_string(), "2023-12-31");
    }

    #[test]
    fn relative_words_resolve_against_today() {
        assert_eq!(parse("today").unwrap().to_string(), "2026-03-31");
        assert_eq!(parse("Yesterday").unwrap().to_string(), "2026-03-30");
        assert_eq!(parse("3 days ago").unwrap().to_string(), "2026-03-28");
        assert_eq!(parse("1 week ago").unwrap().to_string(), "2026-03-24");
        // 31 March minus one month clamps to the end of February.
        assert_eq!(parse("1 month ago").unwrap().to_string(), "2026-02-28");
        assert_eq!(parse("2 years ago").unwrap().to_string(), "2024-03-31");
        assert_eq!(parse("0 days ago").unwrap().to_string(), "2026-03-31");
        assert_eq!(parse("tomorrow").unwrap().to_string(), "2026-04-01");
        assert_eq!(parse("in 2 weeks").unwrap().to_string(), "2026-04-14");
        assert_eq!(parse("in 1 month").unwrap().to_string(), "2026-04-30");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2024-13-01",
            "2024-02-30",
            "2023-02-29",
            "24-01-01",
            "2024-1-1",
            "soon",
            "",
            "2024-00",
            "x days ago",
            "3 fortnights ago",
            "in a week",
            "in 3",
            "2024-01-01-01",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be refused");
        }
        let message = parse("2024-02-30").unwrap_err().to_string();
        assert!(message.contains("2024-02 has no day 30"), "{message}");
    }

    #[test]
    fn serde_round_trips_as_a_string() {
        let date = parse("2024-05").unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2024-05\"");
        assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), date);
    }
}
