//! The four documents — interview, review, evidence and revalidation — described as
//! blocks for the layout engine, from portfolio data loaded by the caller.

mod evidence;
mod interview;
mod published;
mod stories_to_tell;
pub use interview::PAGE_BUDGET;
pub(crate) mod prose;
mod revalidation;
mod review;

use chrono::NaiveDate;

use crate::model::Visibility;
use crate::model::names::named_enum;

use super::layout::{Block, Cell, Color, Layout, PageGeometry, Rich, Run, TextStyle};
use crate::model::{Action, Entry, EntryKind, Goal, Profile, RatingTrend};
use crate::report::coverage::Coverage;
use prose::prose;

named_enum! {
    /// Which document to make.
    pub enum DocumentKind ("document") {
        /// For a job interview: profile, qualifications, roles, achievements, courses, evidence
        Interview = "interview",
        /// For a performance or development review of a period
        Review = "review",
        /// For an assessor: coverage matrix, every claim, evidence index, gaps
        Evidence = "evidence",
        /// For a regulator: a requirement set checked, CPD log, practice hours, feedback, reflective accounts, a confirmation page
        Revalidation = "revalidation",
    }
}

/// What a document reads from the portfolio besides entries, frameworks,
/// ratings, goals and actions (which every document gets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// A period the document covers when no --since/--until is given, in
    /// months up to today; its ratings are then read over that period too.
    pub default_months: Option<u32>,
    /// The image attachments, decoded, to show them.
    pub images: bool,
}

impl DocumentKind {
    pub fn needs(self) -> Needs {
        match self {
            DocumentKind::Interview => Needs { default_months: None, images: false },
            DocumentKind::Review => Needs { default_months: Some(12), images: false },
            DocumentKind::Evidence => Needs { default_months: None, images: true },
            DocumentKind::Revalidation => Needs { default_months: None, images: false },
        }
    }

    pub fn default_title(self) -> &'static str {
        match self {
            DocumentKind::Interview => "Professional portfolio",
            DocumentKind::Review => "Development review",
            DocumentKind::Evidence => "Evidence for assessment",
            DocumentKind::Revalidation => "Revalidation",
        }
    }
}

/// An image attachment, shown in the evidence document.
#[derive(Debug, Clone)]
pub struct ImageFile {
    pub entry_title: String,
    pub name: String,
    pub bytes: Vec<u8>,
    pub width_px: f32,
    pub height_px: f32,
}

/// A job advert's key words (`--job`), most used first: those some entry
/// in the document mentions, and those none does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Advert {
    pub answered: Vec<String>,
    pub unanswered: Vec<String>,
}

/// Everything a document may show, already filtered (privacy, period, kinds, tags).
#[derive(Debug, Clone)]
pub struct PortfolioData {
    pub profile: Profile,
    /// Newest first.
    pub entries: Vec<Entry>,
    /// Entries from outside the period with verdicts given in it (the review's).
    pub judged: Vec<Entry>,
    pub coverage: Vec<Coverage>,
    pub ratings: Vec<RatingTrend>,
    /// Every goal the document may show (a document picks those of its period).
    pub goals: Vec<Goal>,
    /// Every action of those goals, and those of no goal.
    pub actions: Vec<Action>,
    pub images: Vec<ImageFile>,
    pub visibility: Visibility,
    pub today: NaiveDate,
    /// The review period, first and last day.
    pub period: (NaiveDate, NaiveDate),
    pub title: String,
    /// The requirement set checked, for the revalidation document.
    pub requirements: Option<crate::model::requirements::CheckResult>,
    /// The set a revalidation pack checks: which of its parts the pack shows.
    pub requirement_set: Option<crate::model::requirements::RequirementSet>,
    /// The UUIDs of the entries a reflection is about, when the set checked
    /// counts hours only once reflected on (RCVS): the CPD log says which.
    pub reflected: Option<std::collections::HashSet<String>>,
    /// The revalidation pack's audit rehearsal (`--audit N`).
    pub audit: Option<crate::report::audit::Audit>,
    /// The interview's crib sheet: per key competency the best stories
    /// (in the advert's order with `--job`).
    pub stories: Vec<crate::report::stories::CompetencyStories>,
    /// With `--job`: the advert's key words, answered or not by the entries shown.
    pub advert: Option<Advert>,
    /// Whole texts, never shortened to fit a summary (`--full`).
    pub full_text: bool,
    /// What was shortened to fit, as "entry 12 (title): field", for the user.
    pub shortened: std::cell::RefCell<Vec<String>>,
    /// What the page budget left out, as "3 older courses", for the user.
    pub left_out: std::cell::RefCell<Vec<String>>,
    /// The entries (ids) the page budget left out: not in the data the PDF carries.
    pub omitted: std::cell::RefCell<std::collections::BTreeSet<i64>>,
    /// What the user could do to complete the document: said on the
    /// terminal, never printed in it.
    pub hints: std::cell::RefCell<Vec<String>>,
}

impl PortfolioData {
    pub fn of_kind(&self, kind: EntryKind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.kind() == kind)
    }

    /// An entry's text for a summary: cut at a word near `limit` characters
    /// (what was cut is noted in [`PortfolioData::shortened`]), or whole
    /// with `--full`.
    fn fitted(&self, entry: &Entry, field: &str, text: &str, limit: usize) -> Vec<crate::markdown::Block> {
        let whole = prose::read(text);
        if self.full_text {
            return whole;
        }
        match crate::markdown::shortened(&whole, limit) {
            Some(cut) => {
                let what = format!("entry {} ({}): {field}", entry.id, entry.fields.title);
                self.shortened.borrow_mut().push(what);
                cut
            }
            None => whole,
        }
    }

    /// Notes that `count` things were left out to keep to the page budget;
    /// `what` is their name in the singular and plural.
    fn leave_out(&self, count: usize, (one, many): (&str, &str)) {
        let said =
            if many.is_empty() { format!("the {one}") } else { crate::output::count(count, one, many) };
        self.left_out.borrow_mut().push(said);
    }

    fn hint(&self, hint: &str) {
        let mut hints = self.hints.borrow_mut();
        if !hints.iter().any(|h| h == hint) {
            hints.push(hint.to_string());
        }
    }

    fn owner(&self) -> String {
        self.profile.name.clone().unwrap_or_else(|| "Portfolio".into())
    }
}

/// The document's blocks and the images they refer to, by index.
pub struct Described {
    pub blocks: Vec<Block>,
    pub images: Vec<Vec<u8>>,
}

/// The document described and laid out on pages of `geometry`; the
/// interview keeps to its page budget ([`interview::PAGE_BUDGET`]).
pub fn lay_out(kind: DocumentKind, data: &PortfolioData, geometry: &PageGeometry) -> (Described, Layout) {
    if kind == DocumentKind::Interview {
        return interview::within_pages(data, geometry);
    }
    let described = describe(kind, data);
    let laid_out = super::layout::layout(&described.blocks, geometry);
    (described, laid_out)
}

pub fn describe(kind: DocumentKind, data: &PortfolioData) -> Described {
    match kind {
        DocumentKind::Interview => interview::describe(data),
        DocumentKind::Review => review::describe(data),
        DocumentKind::Evidence => evidence::describe(data),
        DocumentKind::Revalidation => revalidation::describe(data),
    }
}

pub const LIGHT_RED: Color = (0.98, 0.86, 0.85);
pub const LIGHT_AMBER: Color = (0.99, 0.94, 0.8);
pub const LIGHT_GREEN: Color = (0.85, 0.94, 0.86);

fn h1(text: &str) -> Block {
    Block::Heading { level: 1, text: text.into(), aside: String::new() }
}

fn h2(text: &str) -> Block {
    Block::Heading { level: 2, text: text.into(), aside: String::new() }
}

fn h3(text: &str) -> Block {
    Block::Heading { level: 3, text: text.into(), aside: String::new() }
}

/// An entry's heading with its dates right-aligned beside it.
fn h3_dated(text: &str, dates: impl Into<String>) -> Block {
    Block::Heading { level: 3, text: text.into(), aside: dates.into() }
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into(), style: TextStyle::BODY }
}

fn small(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into(), style: TextStyle::SMALL }
}

fn cells(texts: &[&str]) -> Vec<Cell> {
    texts.iter().map(|t| Cell::new(*t)).collect()
}

/// The opening blocks every document shares: title, contact, privacy notice.
fn opening(data: &PortfolioData, subtitle_extra: Option<String>) -> Vec<Block> {
    let p = &data.profile;
    let mut subtitle: Vec<String> = Vec::new();
    subtitle.push(data.title.clone());
    subtitle.extend(subtitle_extra);
    let mut blocks = vec![Block::Title { text: data.owner(), subtitle: subtitle.join(" · ") }];
    // The email and telephone open a mail and a call; certificate and other web addresses are links too.
    let link = |value: &Option<String>, scheme: &str| {
        value.as_deref().map(|v| {
            let target: String = v.chars().filter(|c| scheme == "mailto:" || !c.is_whitespace()).collect();
            Run { text: v.to_string(), link: Some(format!("{scheme}{target}")), ..Run::default() }
        })
    };
    let contact: Vec<Run> = [
        p.headline.as_deref().map(Run::plain),
        link(&p.email, "mailto:"),
        link(&p.phone, "tel:"),
        p.location.as_deref().map(Run::plain),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !contact.is_empty() {
        let mut runs = Vec::new();
        for (n, run) in contact.into_iter().enumerate() {
            if n > 0 {
                runs.push(Run::plain("  ·  "));
            }
            runs.push(run);
        }
        blocks.push(Block::Rich(Rich { runs, style: TextStyle::BODY, lead: None }));
    }
    if data.visibility.includes_private() {
        let style = TextStyle { color: (0.62, 0.16, 0.12), ..TextStyle::BODY.bold() };
        blocks.push(Block::Paragraph {
            text: "This document includes private entries. Do not share it further.".into(),
            style,
        });
    }
    blocks
}

/// "2021-09 – 2023", "since 2021-09" for a role still held, or the date alone.
fn dates(entry: &Entry) -> String {
    match entry.fields.end_date {
        None if entry.kind() == EntryKind::Role => format!("since {}", entry.fields.date),
        _ => entry.fields.period(),
    }
}

/// [`dates`] as a person writes them ("May 2026", "since March 2024"), for
/// documents read by people rather than assessors (the interview).
fn dates_for_people(entry: &Entry) -> String {
    let ongoing = entry.kind() == EntryKind::Role;
    crate::model::format::period_for_people(entry.fields.date, entry.fields.end_date, ongoing)
}

/// The words of what someone wrote (Markdown, read as plain text), the
/// first `limit` characters at a word boundary, with an ellipsis; line
/// breaks are kept. For table cells; paragraphs use [`prose`].
fn excerpt(text: &str, limit: usize) -> String {
    let flat = crate::markdown::plain(text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if flat.chars().count() <= limit {
        return flat;
    }
    let cut: String = flat.chars().take(limit).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a.to_string()).unwrap_or(cut);
    format!("{cut}…")
}

/// The entry's text, set in `style`: body, then its sections with their
/// labels hanging beside them.
fn full_text(entry: &Entry, style: TextStyle) -> Vec<Block> {
    let mut blocks = prose::prose(&entry.fields.body, style);
    blocks.extend(prose::sections(&section_texts(entry, |s| prose::read(&s.text)), style));
    blocks
}

/// Each section of the entry as its heading and its text read by `read`.
fn section_texts(
    entry: &Entry,
    mut read: impl FnMut(&crate::model::Section) -> Vec<crate::markdown::Block>,
) -> Vec<(String, Vec<crate::markdown::Block>)> {
    entry.fields.details.sections().iter().map(|s| (entry.section_heading(&s.name), read(s))).collect()
}

/// CPD hours per year as a chart, with the yearly share of a requirement's
/// hours drawn as the target when there is one; a single year is a
/// sentence, not a chart of one bar (nothing when there is no target to
/// say it against: the total is said already).
/// With `reflected`, the hours reflected on are what count, and drawn.
fn cpd_by_year(
    courses: &[&Entry],
    requirement: Option<&crate::model::requirements::CheckResult>,
    reflected: Option<&std::collections::HashSet<String>>,
) -> Option<Block> {
    use crate::report::cpd::{GroupBy, summarise};
    let summary = summarise(courses.iter().copied(), Some(GroupBy::Year), reflected);
    let counted = |t: &crate::report::cpd::CpdTotals| t.reflected_hours.unwrap_or(t.hours);
    let mut bars: Vec<(String, f32)> =
        summary.groups.iter().map(|g| (g.name.clone(), counted(&g.totals) as f32)).collect();
    bars.sort_by(|a, b| a.0.cmp(&b.0));
    let target = requirement.and_then(|result| {
        let rule = result.rules.iter().find(|r| {
            let name = r.name.to_lowercase();
            name.contains("cpd") && name.contains("hours") && !name.contains("participatory")
        })?;
        let required = rule.required?;
        let days = (result.window.to - result.window.from).num_days().max(1) as f64;
        let years = (days / 365.25).round().max(1.0);
        let yearly = required / years;
        let a_year = crate::model::format::hours((yearly * 10.0).round() / 10.0);
        let label = match years {
            1.0 => format!("{a_year} h a year"),
            _ => {
                format!("{a_year} h a year ({} h over {years} years)", crate::model::format::hours(required))
            }
        };
        Some((yearly as f32, label))
    });
    if let [(year, total)] = bars.as_slice() {
        let (_, target) = target?;
        let what = if reflected.is_some() { "CPD reflected on" } else { "CPD" };
        let said = format!(
            "{} h of {what} in {year}, against {target}.",
            crate::model::format::hours(f64::from(*total))
        );
        return Some(Block::Paragraph { text: said, style: TextStyle::BODY });
    }
    Some(Block::Totals { bars, target, unit: "h".into() })
}

/// The newest verdict that applies to a claim (on it, or on the whole entry).
fn verdict_for<'a>(entry: &'a Entry, reference: &str) -> Option<&'a crate::model::Verdict> {
    crate::model::assessment::decisive_verdict(&entry.verdicts, &reference, |v| v.claim.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short text", 50), "short text");
        assert_eq!(excerpt("one two three four", 9), "one two…");
        assert_eq!(excerpt("Led:\n- huddles  daily", 50), "Led:\n- huddles daily");
        assert_eq!(excerpt("I **did** it", 50), "I did it");
    }
}
