//! Reading LinkedIn's CSV files and dates: a notes preamble before the
//! header row skipped, quoted multi-line values kept whole, dates at the
//! precision LinkedIn writes them.

use std::collections::BTreeMap;

use crate::model::PartialDate;

/// One CSV row by column name.
pub(super) type Row = BTreeMap<String, String>;

/// The rows of one file, and the columns it had that folio does not read.
pub(super) struct Table {
    pub(super) rows: Vec<Row>,
    pub(super) unknown: Vec<String>,
}

/// Reads a LinkedIn CSV: a notes preamble before the header is skipped, a
/// byte-order mark dropped, quoted multi-line values kept whole.
pub(super) fn table(text: &str, columns: &[&str]) -> Result<Table, String> {
    let first = columns[0];
    // The header is the first line naming the first column.
    let start = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len();
            Some((here, line))
        })
        .find(|(_, line)| line.split(',').any(|c| c.trim().trim_matches('"') == first))
        .map(|(at, _)| at)
        .ok_or_else(|| format!("no header row with '{first}'"))?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(&text.as_bytes()[start..]);
    let header: Vec<String> =
        reader.headers().map_err(|e| e.to_string())?.iter().map(|h| h.trim().to_string()).collect();
    let unknown =
        header.iter().filter(|h| !h.is_empty() && !columns.contains(&h.as_str())).cloned().collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let row: Row = header
            .iter()
            .zip(record.iter())
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(name, value)| (name.clone(), value.trim().to_string()))
            .collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok(Table { rows, unknown })
}

/// A LinkedIn date: `Mar 2020`, `Mar 15, 2020`, `2020`, `2020-03-15`,
/// `03/15/20, 10:12 AM` or `03/15/2020`.
pub fn date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if let Ok(date) = text.parse::<PartialDate>() {
        return Some(date);
    }
    let month = |name: &str| {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let lower = name.to_ascii_lowercase();
        names.iter().position(|m| lower.starts_with(m)).map(|i| i + 1)
    };
    if text.contains('/') {
        // US style, as the recommendations' creation dates are written.
        let day_part = text.split([',', ' ']).next()?;
        let mut parts = day_part.split('/');
        let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
        let year: u32 = y.trim().parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        return format!("{year}-{:02}-{:02}", m.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?)
            .parse()
            .ok();
    }
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [m, year] => format!("{year}-{:02}", month(m)?).parse().ok(),
        [m, day, year] => format!("{year}-{:02}-{:02}", month(m)?, day.parse::<u32>().ok()?).parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedins_dates_are_read_at_the_precision_given() {
        let read = |s: &str| date(s).map(|d| d.to_string());
        assert_eq!(read("Mar 2020").as_deref(), Some("2020-03"));
        assert_eq!(read("Sep 5, 2019").as_deref(), Some("2019-09-05"));
        assert_eq!(read("2018").as_deref(), Some("2018"));
        assert_eq!(read("10/25/19, 03:15 PM").as_deref(), Some("2019-10-25"));
        assert_eq!(read("1/2/2021").as_deref(), Some("2021-01-02"));
        assert_eq!(read("soon"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn a_preamble_a_bom_and_multi_line_values_are_handled() {
        let text = "Notes:\n\"When exporting, some fields may be empty\"\n\nTitle,Company Name,Description,Started On,Finished On,Extra\nNurse,\"St Mary's, London\",\"Line one\nLine two\",Mar 2020,,x\n";
        let table =
            table(text, &["Title", "Company Name", "Description", "Started On", "Finished On"]).unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0]["Company Name"], "St Mary's, London");
        assert_eq!(table.rows[0]["Description"], "Line one\nLine two");
        assert!(!table.rows[0].contains_key("Finished On"), "an empty value is no value");
        assert_eq!(table.unknown, ["Extra"]);
    }
}
