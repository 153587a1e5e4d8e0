//! An iCalendar file (RFC 5545) of what is due: open actions and goals with
//! due dates, certificate expiries, and the next meeting due with each
//! mentor — all-day events with UIDs that stay the same, so a calendar that
//! imports the file again updates them instead of adding copies. The
//! events come from [`crate::report::calendar`].

use crate::report::calendar::DueEvent;

/// Escapes TEXT as RFC 5545 wants it (backslash, semicolon, comma, newline).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// `20260415T093000Z` from an RFC 3339 stamp (the epoch when it does not parse).
fn utc(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_else(|_| "19700101T000000Z".into())
}

pub fn render(events: &[DueEvent]) -> String {
    let mut out = String::new();
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//folio//folio portfolio//EN", "CALSCALE:GREGORIAN"]
    {
        out.push_str(&fold(line));
    }
    for e in events {
        let next = e.day.succ_opt().unwrap_or(e.day);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", e.uid),
            format!("DTSTAMP:{}", utc(&e.stamp)),
            format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_escaped_and_folded_at_75_octets() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }
}
