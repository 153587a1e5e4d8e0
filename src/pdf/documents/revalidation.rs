//! The revalidation pack: a requirement set checked (NMC revalidation by
//! default), then the logs a regulator asks for — CPD, practice hours,
//! feedback — the reflective accounts in the form's sections, and a page
//! to fill in at the reflective discussion and the confirmation.

use super::{
    Described, LIGHT_GREEN, LIGHT_RED, PortfolioData, cells, dates, excerpt, h1, opening, para, prose, small,
};
use crate::model::requirements::{Measure, RequirementSet, Rule};
use crate::model::template::NMC_CODE_THEMES;
use crate::model::{EntryKind, Template};
use crate::pdf::layout::{Block, Cell, Table, TextStyle};

pub fn describe(data: &PortfolioData) -> Described {
    let (from, to) = data.period;
    let mut blocks =
        opening(data, Some(format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"))));
    let parts = Parts::of(data.requirement_set.as_ref());
    check(data, &mut blocks);
    cpd_log(data, &mut blocks);
    if parts.practice_hours {
        practice_hours(data, &mut blocks);
    }
    if parts.feedback {
        feedback_log(data, &mut blocks);
    }
    if parts.nmc_form {
        reflective_accounts(data, &mut blocks);
    }
    if data.reflected.is_some() {
        reflections_on_cpd(data, &mut blocks);
    }
    audit(data, &mut blocks);
    if parts.nmc_form {
        confirmation(&mut blocks);
    }
    Described { blocks, images: Vec::new() }
}

/// The parts of the pack the set's rules ask for (every part without a set).
struct Parts {
    practice_hours: bool,
    feedback: bool,
    /// NMC reflective accounts, and the page for the discussion and confirmation.
    nmc_form: bool,
}

impl Parts {
    fn of(set: Option<&RequirementSet>) -> Self {
        let Some(set) = set else { return Self { practice_hours: true, feedback: true, nmc_form: true } };
        let any = |test: &dyn Fn(&Rule) -> bool| set.rules.iter().any(test);
        Self {
            practice_hours: any(&|r| r.measure == Measure::PracticeHours),
            feedback: any(&|r| r.selection.kinds.contains(&EntryKind::Feedback)),
            nmc_form: any(&|r| r.selection.template == Some(Template::Nmc)),
        }
    }
}

/// The reflections on the CPD, for a set that counts hours once reflected on:
/// each with the courses it is about, and its text.
fn reflections_on_cpd(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let links = crate::model::links::EntryLinks::new(&data.entries);
    let courses_of = |r: &crate::model::Entry| -> Vec<&crate::model::Entry> {
        links.about(r).into_iter().filter(|e| e.kind() == EntryKind::Course).collect()
    };
    let mut reflections: Vec<_> =
        data.of_kind(EntryKind::Reflection).filter(|r| !courses_of(r).is_empty()).collect();
    reflections.reverse();
    blocks.push(h1("Reflections on CPD"));
    if reflections.is_empty() {
        blocks.push(para("No CPD in this period is reflected on yet."));
        data.hint("reflect on a course with `folio add reflection TITLE --about ID`");
        return;
    }
    for reflection in reflections {
        blocks.push(Block::Heading {
            level: 2,
            text: reflection.fields.title.clone(),
            aside: dates(reflection),
        });
        let about: Vec<String> = courses_of(reflection)
            .into_iter()
            .map(|c| {
                format!(
                    "{} ({}, {} h)",
                    c.fields.title,
                    dates(c),
                    crate::model::format::hours(c.fields.details.hours().unwrap_or(0.0))
                )
            })
            .collect();
        blocks.push(small(format!("On: {}", about.join("; "))));
        blocks.extend(super::full_text(reflection, TextStyle::BODY));
    }
}

fn check(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let Some(result) = &data.requirements else { return };
    blocks.push(h1(&format!("Requirements: {}", result.title)));
    blocks.push(small(format!(
        "Checked by folio as of {}, counting {} to {}.",
        result.as_of, result.window.from, result.window.to
    )));
    let rows = result
        .rules
        .iter()
        .map(|r| {
            let state = if r.met {
                Cell::new("met").fill(LIGHT_GREEN)
            } else {
                Cell::new("not yet").bold().fill(LIGHT_RED)
            };
            vec![
                Cell::new(r.name.as_str()),
                Cell::new(r.figure()),
                Cell::new(r.shortfall.clone().unwrap_or_default()),
                state,
            ]
        })
        .collect();
    let header = ["Requirement", "Recorded", "To go", "State"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![3.0, 2.0, 1.6, 0.9], header, rows }));
}

/// The audit rehearsal: the activities drawn, what an auditor asks for, and what each lacks.
fn audit(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let Some(audit) = &data.audit else { return };
    blocks.push(Block::PageBreak);
    blocks.push(h1("Audit rehearsal"));
    blocks.push(small(format!(
        "{} of the {} activities the requirements count, drawn at random by folio as an auditor would \
         (seed {}: `folio requirements audit {} --seed {}` draws the same), with what each record lacks.",
        audit.sample.len(),
        audit.population,
        audit.seed,
        audit.key,
        audit.seed
    )));
    if audit.sample.is_empty() {
        blocks.push(para("Nothing to draw: no activity is counted in this period."));
        return;
    }
    let rows = audit
        .sample
        .iter()
        .map(|item| {
            let lacks = if item.missing.is_empty() {
                Cell::new("complete").fill(LIGHT_GREEN)
            } else {
                // Without the commands that say how to fix it: the pack is read by others.
                let lacks: Vec<&str> =
                    item.missing.iter().map(|m| m.split(" (`").next().unwrap_or(m)).collect();
                Cell::new(lacks.join("; ")).fill(LIGHT_RED)
            };
            vec![
                Cell::new(item.date.to_string()),
                Cell::new(format!("{}: {}", item.kind, item.title)),
                Cell::new(item.asks),
                lacks,
            ]
        })
        .collect();
    let header = ["Date", "Activity", "An auditor asks for", "Lacks"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![1.0, 2.0, 3.0, 2.2], header, rows }));
}

fn cpd_log(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let mut courses: Vec<_> = data.of_kind(EntryKind::Course).collect();
    courses.reverse();
    blocks.push(h1("CPD log"));
    if courses.is_empty() {
        blocks.push(para("No CPD was recorded in this period."));
        return;
    }
    let reflected = data.reflected.as_ref();
    let totals = crate::report::cpd::summarise(courses.iter().copied(), None, reflected).totals;
    blocks.push(Block::Paragraph { text: format!("{}.", totals.describe()), style: TextStyle::BODY.bold() });
    blocks.extend(super::cpd_by_year(&courses, data.requirements.as_ref(), reflected));
    let rows = courses
        .iter()
        .map(|c| {
            let d = &c.fields.details;
            let h = d.hours().unwrap_or(0.0);
            let relevance = d.relevance().map(|r| excerpt(r, 160)).unwrap_or_default();
            let mut row = cells(&[&dates(c), d.method().unwrap_or(""), &c.fields.title]);
            row.push(Cell::number(h));
            row.push(Cell::number(if d.is_participatory() { h } else { 0.0 }));
            // Empty (and the column left out) unless the set counts hours once reflected on.
            let on = reflected.map(|r| if r.contains(&c.uuid) { "yes" } else { "not yet" }).unwrap_or("");
            row.extend(cells(&[on, &relevance, &d.standards().join("; ")]));
            row
        })
        .collect();
    let header =
        ["Dates", "Method", "Topic", "Hours", "Partic.", "Reflected on", "Relevance to practice", "Code"]
            .map(String::from)
            .to_vec();
    let table = Table { widths: vec![1.1, 1.1, 1.9, 0.75, 0.75, 0.9, 2.1, 1.3], header, rows };
    blocks.push(Block::Table(table.without_empty_columns()));
}

fn practice_hours(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let roles: Vec<_> =
        data.of_kind(EntryKind::Role).filter(|r| r.fields.details.practice_hours().is_some()).collect();
    blocks.push(h1("Practice hours"));
    if roles.is_empty() {
        blocks.push(para("No practice hours were recorded."));
        data.hint("record practice hours on a role with `folio edit ID --practice-hours H`");
        return;
    }
    let total: f64 = roles.iter().filter_map(|r| r.fields.details.practice_hours()).sum();
    blocks.push(Block::Paragraph {
        text: format!("{} hours of practice.", crate::model::format::number_for_people(total)),
        style: TextStyle::BODY.bold(),
    });
    let rows = roles
        .iter()
        .map(|r| {
            let mut row =
                cells(&[&dates(r), &r.fields.title, r.fields.organisation.as_deref().unwrap_or("")]);
            row.push(Cell::number(r.fields.details.practice_hours().unwrap_or(0.0)));
            row
        })
        .collect();
    let header = ["Dates", "Role and scope of practice", "Organisation", "Hours"].map(String::from).to_vec();
    let table = Table { widths: vec![1.4, 3.0, 2.4, 0.8], header, rows };
    blocks.push(Block::Table(table.without_empty_columns()));
}

fn feedback_log(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let mut feedback: Vec<_> = data.of_kind(EntryKind::Feedback).collect();
    feedback.reverse();
    blocks.push(h1("Practice-related feedback"));
    if feedback.is_empty() {
        blocks.push(para("No feedback was recorded in this period."));
        return;
    }
    let rows = feedback
        .iter()
        .map(|f| {
            cells(&[
                &dates(f),
                f.fields.details.from().unwrap_or(""),
                &f.fields.title,
                &excerpt(&f.fields.body, 240),
            ])
        })
        .collect();
    let header = ["Date", "From", "Feedback", "What it said"].map(String::from).to_vec();
    let table = Table { widths: vec![1.0, 1.6, 2.0, 3.0], header, rows };
    blocks.push(Block::Table(table.without_empty_columns()));
}

fn reflective_accounts(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let mut accounts: Vec<_> = data
        .of_kind(EntryKind::Reflection)
        .filter(|r| r.fields.details.template() == Some(Template::Nmc))
        .collect();
    accounts.reverse();
    blocks.push(h1("Written reflective accounts"));
    if accounts.is_empty() {
        blocks.push(para("No reflective account is written on the NMC form yet."));
        data.hint("write one with `folio add reflection TITLE --template nmc`");
        return;
    }
    for (n, account) in accounts.iter().enumerate() {
        let title = format!("Reflective account {}: {}", n + 1, account.fields.title);
        blocks.push(Block::Heading { level: 2, text: title, aside: dates(account) });
        for spec in Template::Nmc.sections() {
            let text = account
                .fields
                .details
                .sections()
                .iter()
                .find(|s| s.name == spec.key)
                .map(|s| s.text.as_str())
                .filter(|text| !text.trim().is_empty())
                .unwrap_or("(not written)");
            blocks.push(Block::Paragraph { text: spec.heading.to_string(), style: TextStyle::BODY.bold() });
            blocks.extend(prose(text, TextStyle::BODY.indented(10.0)));
        }
    }
    blocks.push(small(format!("The themes of the Code: {}.", NMC_CODE_THEMES.join("; "))));
}

/// A page to fill in by hand: the reflective discussion and the confirmation.
fn confirmation(blocks: &mut Vec<Block>) {
    blocks.push(Block::PageBreak);
    let line = "______________________________________________";
    for (title, fields) in [
        (
            "Reflective discussion",
            &[
                "Name of the registrant I discussed my accounts with",
                "Their NMC PIN",
                "Email address",
                "Date of the discussion",
                "Signature",
            ][..],
        ),
        (
            "Confirmation",
            &[
                "Name of the confirmer",
                "NMC PIN (if on the register)",
                "Email address",
                "Professional address and postcode",
                "Date of the confirmation",
                "Signature",
            ][..],
        ),
    ] {
        blocks.push(h1(title));
        for field in fields {
            blocks.push(Block::Paragraph { text: format!("{field}:"), style: TextStyle::BODY.bold() });
            blocks.push(Block::Paragraph { text: line.into(), style: TextStyle::BODY });
        }
    }
}
