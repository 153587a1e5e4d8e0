//! The entry field flags `add` and `edit` share, and how they change a draft;
//! the kind-specific ones are made from the field declaration.

use std::io::Read;

use clap::{Arg, ArgAction, ArgMatches, Args, Command};

use crate::Context;
use crate::error::UserError;
use crate::model::template::normalise_section_name;
use crate::model::{
    DraftError, EntryFields, EntryKind, FieldType, FieldValue, KindDetails, KindField, Section, Template,
};

#[derive(Debug, Clone, Default, Args)]
pub struct FieldArgs {
    /// When it happened: YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday or 'N days|weeks|months|years ago' [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// When it ended (roles, courses); an empty value clears it
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,

    /// The organisation, provider or awarding body; an empty value clears it
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,

    /// The text of the entry; `-` reads it from standard input
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub body: Option<String>,

    /// Write the body and sections in $VISUAL or $EDITOR (needs a terminal)
    #[arg(long)]
    pub edit: bool,

    /// The kind-specific flags (`--hours`, `--expires`, …), one per declared field.
    #[command(flatten)]
    pub kind: KindArgs,
}

/// The kind-specific flags: one per row of the field declaration
/// (`model/kind_field.rs`), so a new field needs no code here.
#[derive(Debug, Clone, Default)]
pub struct KindArgs {
    given: Vec<(KindField, Given)>,
}

/// What a kind-specific flag was given, before it is checked.
#[derive(Debug, Clone)]
enum Given {
    Text(String),
    Number(f64),
    Flag(bool),
    Template(Template),
    Many(Vec<String>),
}

impl KindArgs {
    /// The text given for a one-line text flag.
    pub fn text(&self, field: KindField) -> Option<&str> {
        self.given.iter().find_map(|(f, given)| match given {
            Given::Text(text) if *f == field => Some(text.as_str()),
            _ => None,
        })
    }

    fn text_mut(&mut self, field: KindField) -> Option<&mut String> {
        self.given.iter_mut().find_map(|(f, given)| match given {
            Given::Text(text) if *f == field => Some(text),
            _ => None,
        })
    }

    /// Gives a text flag a value, as if typed.
    pub fn set_text(&mut self, field: KindField, text: String) {
        self.given.retain(|(f, _)| *f != field);
        self.given.push((field, Given::Text(text)));
    }

    /// The argument for one field, typed by what the field holds.
    fn arg(field: KindField) -> Arg {
        let arg = Arg::new(field.key())
            .long(field.flag_name())
            .value_name(field.value_name())
            .help(field.help())
            .help_heading("Kind-specific");
        match field.field_type() {
            FieldType::Number => {
                arg.value_parser(clap::value_parser!(f64)).allow_negative_numbers(true).action(ArgAction::Set)
            }
            FieldType::Flag => arg
                .value_parser(clap::value_parser!(bool))
                .num_args(0..=1)
                .default_missing_value("true")
                .action(ArgAction::Set),
            FieldType::Template => arg
                .value_parser(clap::builder::EnumValueParser::<Template>::new())
                .value_name("TEMPLATE")
                .action(ArgAction::Set),
            FieldType::Text | FieldType::Date => arg.action(ArgAction::Set),
            FieldType::List | FieldType::Sections => arg.action(ArgAction::Append),
        }
    }
}

impl clap::FromArgMatches for KindArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut args = Self::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for field in KindField::ALL.iter().copied() {
            let id = field.key();
            let given = match field.field_type() {
                FieldType::Number => matches.get_one::<f64>(id).copied().map(Given::Number),
                FieldType::Flag => matches.get_one::<bool>(id).copied().map(Given::Flag),
                FieldType::Template => matches.get_one::<Template>(id).copied().map(Given::Template),
                FieldType::Text | FieldType::Date => matches.get_one::<String>(id).cloned().map(Given::Text),
                FieldType::List | FieldType::Sections => {
                    matches.get_many::<String>(id).map(|values| Given::Many(values.cloned().collect()))
                }
            };
            if let Some(given) = given {
                self.given.retain(|(f, _)| *f != field);
                self.given.push((field, given));
            }
        }
        Ok(())
    }
}

impl clap::Args for KindArgs {
    /// The flags grouped by the first kind that takes them, in the kinds' order.
    fn augment_args(cmd: Command) -> Command {
        let mut fields = KindField::ALL.to_vec();
        fields.sort_by_key(|f| EntryKind::ALL.iter().position(|k| f.kinds()[0] == *k));
        fields.into_iter().fold(cmd, |cmd, field| cmd.arg(Self::arg(field)))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

/// `None` for an empty or blank value, which clears a field.
fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

impl FieldArgs {
    /// Reads `--body -` from standard input now, before any lock is taken.
    pub fn read_body_from_stdin(&mut self) -> anyhow::Result<()> {
        self.body = body_from(self.body.take())?;
        Ok(())
    }

    /// Turns `--prompt REF` into the question it names, and `--with`/`--from`
    /// into a mentor's own spelling of their name; returns the names that
    /// match no mentor, for a hint.
    pub fn resolve_names(&mut self, conn: &crate::db::Conn) -> anyhow::Result<Vec<String>> {
        if let Some(reference) = self.kind.text_mut(KindField::Prompt).filter(|r| !r.trim().is_empty()) {
            *reference = super::prompts::find(conn, reference)?.question;
        }
        let mut unknown = Vec::new();
        // A meeting is held with a mentor (or not yet one); feedback comes from
        // anyone — a patient, a colleague — so only a mentor's name is tidied.
        for (field, says_unknown) in [(KindField::With, true), (KindField::From, false)] {
            let Some(name) = self.kind.text_mut(field).filter(|n| !n.trim().is_empty()) else { continue };
            match crate::ops::plan::mentor_name(conn, name)? {
                Ok(mentor) => *name = mentor,
                Err(typed) if says_unknown => unknown.push(typed),
                Err(_) => {}
            }
        }
        Ok(unknown)
    }

    /// Puts every given flag into the fields (without validating them yet).
    ///
    /// A flag for a field the entry's kind does not take is refused here.
    pub fn apply(&self, fields: &mut EntryFields, ctx: &Context) -> anyhow::Result<()> {
        if let Some(date) = &self.date {
            fields.date = ctx.parse_date(date)?;
        }
        if let Some(end) = &self.end {
            fields.end_date = non_empty(end).map(|e| ctx.parse_date(&e)).transpose()?;
        }
        if let Some(org) = &self.org {
            fields.organisation = non_empty(org);
        }
        if let Some(body) = &self.body {
            fields.body = body.clone();
        }
        let mut values = fields.details.values().clone();
        for (field, given) in &self.kind.given {
            let value = match (field.field_type(), given) {
                (FieldType::Date, Given::Text(text)) => {
                    non_empty(text).map(|d| ctx.parse_date(&d)).transpose()?.map(FieldValue::Date)
                }
                (_, Given::Text(text)) => non_empty(text).map(FieldValue::Text),
                (_, Given::Number(n)) => Some(FieldValue::Number(*n)),
                (_, Given::Flag(yes)) => Some(FieldValue::Flag(*yes)),
                (_, Given::Template(template)) => Some(FieldValue::Template(*template)),
                (FieldType::Sections, Given::Many(given)) => {
                    Some(FieldValue::Sections(with_sections(values.sections.clone(), given)?))
                }
                (_, Given::Many(items)) => {
                    let kept: Vec<String> = items.iter().filter_map(|s| non_empty(s)).collect();
                    (!kept.is_empty()).then_some(FieldValue::List(kept))
                }
            };
            values.set(*field, value);
        }
        fields.details = KindDetails::new(fields.kind(), values)
            .map_err(|e| UserError::new(DraftError::from(e).to_string()))?;
        Ok(())
    }
}

/// Sections with each `NAME=TEXT` given put in (a name given again replaces it).
fn with_sections(mut sections: Vec<Section>, given: &[String]) -> anyhow::Result<Vec<Section>> {
    for section in given {
        let (name, text) = section.split_once('=').ok_or_else(|| {
            UserError::new(format!("--section needs NAME=TEXT, got '{section}'"))
                .hint("for example: --section \"so what=It changed how I listen\"")
        })?;
        let key = normalise_section_name(name);
        sections.retain(|s| normalise_section_name(&s.name) != key);
        sections.push(Section { name: name.trim().to_string(), text: text.trim().to_string() });
    }
    Ok(sections)
}

/// A `--body` value: `-` reads standard input (call before any lock is taken).
pub fn body_from(value: Option<String>) -> anyhow::Result<Option<String>> {
    match value.as_deref() {
        Some("-") => read_stdin().map(Some),
        _ => Ok(value),
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| UserError::new(format!("cannot read the body from standard input: {e}")))?;
    Ok(text.trim_end().to_string())
}

/// The hint for a `--with`/`--from` name that is no mentor's.
pub fn unknown_person(name: &str) -> String {
    format!(
        "'{name}' is not one of your mentors; kept as written (add them with `folio mentor add \"{name}\"`)"
    )
}

/// Validates the fields, turning a broken rule into a user error.
pub fn validate(fields: &mut EntryFields) -> anyhow::Result<()> {
    fields.validate().map_err(|e| UserError::new(e.to_string()).into())
}
