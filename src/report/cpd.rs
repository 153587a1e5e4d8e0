//! The CPD summary: hours, participatory hours and activities, in all and
//! per year, month, provider, tag or method.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::model::Entry;
use crate::model::names::named_enum;

named_enum! {
    /// How to group CPD activities.
    pub enum GroupBy ("grouping") {
        /// By the year of the activity's date
        Year = "year",
        /// By its month
        Month = "month",
        /// By the organisation that provided it
        Provider = "provider",
        /// By tag (an activity with two tags counts in both)
        Tag = "tag",
        /// By CPD method
        Method = "method",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CpdTotals {
    pub hours: f64,
    pub participatory_hours: f64,
    pub activities: usize,
    /// The hours of courses a reflection is about, when asked for (a set counts only those).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reflected_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpdGroup {
    pub name: String,
    #[serde(flatten)]
    pub totals: CpdTotals,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpdSummary {
    #[serde(flatten)]
    pub totals: CpdTotals,
    pub groups: Vec<CpdGroup>,
}

impl CpdTotals {
    /// "30.5 hours of CPD, 24.5 of them participatory, in 7 activities".
    pub fn describe(&self) -> String {
        let activities = if self.activities == 1 {
            "1 activity".into()
        } else {
            format!("{} activities", self.activities)
        };
        let reflected = self
            .reflected_hours
            .map(|r| format!("; {} reflected on", crate::model::format::hours(r)))
            .unwrap_or_default();
        format!(
            "{} hours of CPD, {} of them participatory, in {activities}{reflected}",
            crate::model::format::hours(self.hours),
            crate::model::format::hours(self.participatory_hours)
        )
    }

    fn add(&mut self, course: &Entry, reflected: Option<&HashSet<String>>) {
        let hours = course.fields.details.hours().unwrap_or(0.0);
        self.hours += hours;
        if course.fields.details.is_participatory() {
            self.participatory_hours += hours;
        }
        self.activities += 1;
        if let Some(reflected) = reflected {
            let on = if reflected.contains(&course.uuid) { hours } else { 0.0 };
            *self.reflected_hours.get_or_insert(0.0) += on;
        }
    }
}

/// Sums the courses; a course counts by its date, whatever its end. With
/// `reflected` (the UUIDs of entries a reflection is about), the hours
/// reflected on are summed too.
pub fn summarise<'a>(
    courses: impl IntoIterator<Item = &'a Entry>,
    by: Option<GroupBy>,
    reflected: Option<&HashSet<String>>,
) -> CpdSummary {
    let mut totals = CpdTotals { reflected_hours: reflected.map(|_| 0.0), ..CpdTotals::default() };
    let mut groups: BTreeMap<String, CpdTotals> = BTreeMap::new();
    for course in courses {
        totals.add(course, reflected);
        let Some(by) = by else { continue };
        let details = &course.fields.details;
        let keys: Vec<String> = match by {
            GroupBy::Year => vec![course.fields.date.first_day().format("%Y").to_string()],
            GroupBy::Month => vec![course.fields.date.first_day().format("%Y-%m").to_string()],
            GroupBy::Provider => {
                vec![course.fields.organisation.clone().unwrap_or_else(|| "(no provider)".into())]
            }
            GroupBy::Tag if course.fields.tags.is_empty() => vec!["(no tag)".into()],
            GroupBy::Tag => course.fields.tags.clone(),
            GroupBy::Method => {
                vec![details.method().map(str::to_string).unwrap_or_else(|| "(no method)".into())]
            }
        };
        for key in keys {
            groups.entry(key).or_default().add(course, reflected);
        }
    }
    CpdSummary {
        totals,
        groups: groups.into_iter().map(|(name, totals)| CpdGroup { name, totals }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryFields, EntryKind, KindDetails, KindValues};

    fn course(date: &str, hours: f64, participatory: bool, method: &str) -> Entry {
        let mut fields = EntryFields::new(EntryKind::Course, "C", date.parse().unwrap());
        let values = KindValues {
            hours: Some(hours),
            participatory: Some(participatory),
            method: Some(method.into()),
            ..KindValues::default()
        };
        fields.details = KindDetails::new(EntryKind::Course, values).unwrap();
        Entry::bare(1, fields)
    }

    #[test]
    fn hours_add_up_in_all_and_per_group() {
        let courses = [
            course("2025-01", 6.0, true, "workshop"),
            course("2025-06", 1.5, false, "e-learning"),
            course("2026-02", 3.0, true, "workshop"),
        ];
        let summary = summarise(&courses, Some(GroupBy::Year), None);
        assert_eq!(
            summary.totals,
            CpdTotals { hours: 10.5, participatory_hours: 9.0, activities: 3, reflected_hours: None }
        );
        let years: Vec<(&str, f64)> =
            summary.groups.iter().map(|g| (g.name.as_str(), g.totals.hours)).collect();
        assert_eq!(years, [("2025", 7.5), ("2026", 3.0)]);
        let methods = summarise(&courses, Some(GroupBy::Method), None);
        assert_eq!(methods.groups[1].name, "workshop");
        assert_eq!(methods.groups[1].totals.activities, 2);
    }
}
