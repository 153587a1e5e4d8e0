//! `folio add`: record a new entry.

use std::path::PathBuf;

use clap::Args;

use super::fields::{FieldArgs, unknown_person, validate};
use crate::Context;
use crate::error::UserError;
use crate::model::{EntryFields, EntryKind, KindField};
use crate::ops::plan::{NewAction, add_action};
use crate::ops::{self, entry::NewEntry, files::read_files};
use crate::output::{count, print_line};

/// Record a new entry and print its id
///
/// Only the id goes to standard output, so `id=$(folio add …)` works.
/// Examples:
///
///   folio add course "Coaching skills day" --date 2024-03 --hours 6 --participatory
///
///   folio add reflection "First solo session" --template rolfe --section "what=…" --section "so what=…"
///
///   folio add certificate "First aid" --expires 2027-01 --attach cert.pdf
///
///   folio add meeting "Supervision 3" --with "Sam Okafor" --agreed "Draft the plan" --due 'in 2 weeks'
///
///   folio add reflection "My strengths as a mentor" --prompt emcc/self --edit
///
///   folio add reflection "What the audit course changed" --about 12 --template gibbs --edit
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What kind of entry this is
    #[arg(value_enum)]
    pub kind: EntryKind,

    /// A short title
    pub title: String,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Tag the entry (repeatable)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,

    /// What this entry is about: another entry's id or UUID (repeatable), e.g. a reflection on a course
    #[arg(long = "about", value_name = "ID")]
    pub about: Vec<String>,

    /// Keep the entry private: it never leaves the portfolio unless asked for by name
    #[arg(long)]
    pub private: bool,

    /// Attach a file (repeatable); its bytes are stored in the portfolio
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    /// Claim the entry as evidence of a competency, e.g. emcc/relationship/practitioner/2 (repeatable)
    #[arg(long = "claim", value_name = "REF")]
    pub claims: Vec<String>,

    /// Meeting: an action agreed in it (repeatable); `folio action list` shows them
    #[arg(long = "agreed", value_name = "TEXT", help_heading = "Kind-specific")]
    pub agreed: Vec<String>,

    /// Meeting: when the actions agreed are due ('in 2 weeks' counts from the meeting's date)
    #[arg(long, value_name = "DATE", requires = "agreed", help_heading = "Kind-specific")]
    pub due: Option<String>,
    /// Print JSON: {{id, uuid, agreed_actions} instead of the id alone}
    #[arg(long)]
    pub json: bool,
}

pub fn run(mut args: AddArgs, ctx: &Context) -> anyhow::Result<()> {
    args.fields.read_body_from_stdin()?;
    if !args.agreed.is_empty() && args.kind != EntryKind::Meeting {
        return Err(UserError::new(format!("--agreed is for meetings, not a {} entry", args.kind))
            .hint("add the action on its own with `folio action add TEXT`")
            .into());
    }
    let mut db = ctx.open_db()?;
    // In a review file, feedback is the reviewer's unless it says otherwise,
    // and signed with their key when they have one.
    let manifest = crate::db::review::manifest(db.read())?;
    let mut signer = None;
    if let Some(manifest) = &manifest
        && args.kind == EntryKind::Feedback
    {
        let by_default = args.fields.kind.text(KindField::From).is_none();
        if by_default {
            args.fields.kind.set_text(KindField::From, manifest.reviewer.clone());
        }
        let from = args.fields.kind.text(KindField::From).unwrap_or_default().to_string();
        signer = super::key::for_assessor(ctx, &from, by_default)?;
    }
    let mut unknown = args.fields.resolve_names(db.read())?;
    if manifest.is_some() {
        unknown.clear();
    }
    let mut fields = EntryFields::new(args.kind, args.title.clone(), ctx.parse_date("today")?);
    fields.tags = args.tags.clone();
    fields.private = args.private;
    args.fields.apply(&mut fields, ctx)?;
    // "in 2 weeks" counts from the meeting, not from today.
    let due = match args.due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => Some(crate::model::PartialDate::parse(text, fields.date.first_day()).map_err(|e| {
            UserError::new(format!("--due: {e}"))
                .hint("for example --due 2026-06, --due 2026-06-30 or --due 'in 4 weeks' (from the meeting)")
        })?),
        None => None,
    };
    if args.fields.edit {
        let notes = super::plan_view::follow_up_notes(db.read(), &fields, None, ctx.today)?;
        super::editor::edit_text(&fields, &notes)?.apply(&mut fields);
    }
    validate(&mut fields)?;
    let claims = args.claims.iter().map(|r| super::parse_reference(r)).collect::<anyhow::Result<_>>()?;
    let entry = NewEntry { files: read_files(&args.attach)?, claims, fields };
    let now = ctx.now();
    let (id, agreed) = db.write(|tx| -> anyhow::Result<_> {
        let mut entry = entry.clone();
        ops::entry::change_about(tx, &mut entry.fields, None, &args.about, &[])?;
        let id = ops::entry::add(tx, &entry, &now)?;
        if let Some(key) = &signer {
            ops::give_verdict::sign_feedback(tx, id, &key.signer(), &now)?;
        }
        let mut agreed = Vec::new();
        for text in &args.agreed {
            let action = NewAction { text: text.clone(), meeting: Some(id), due, ..Default::default() };
            agreed.push(add_action(tx, &action, &now)?);
        }
        Ok((id, agreed))
    })?;
    let signed = signer.map(|k| format!(", signed by {} ({})", k.name, k.did())).unwrap_or_default();
    ctx.ui.status(format!("added {} {id}: {}{signed}", args.kind, entry.fields.title));
    if !agreed.is_empty() {
        let ids: Vec<String> = agreed.iter().map(ToString::to_string).collect();
        ctx.ui.status(format!("agreed {}: {}", count(agreed.len(), "action", "actions"), ids.join(", ")));
    }
    for name in unknown {
        ctx.ui.hint(&unknown_person(&name));
    }
    if let Some(prompt) = entry.fields.details.prompt()
        && entry.fields.body.trim().is_empty()
        && entry.fields.details.sections().is_empty()
    {
        ctx.ui.hint(&format!("write your answer with `folio edit {id} --edit`: {prompt}"));
    }
    if args.json {
        let uuid = crate::db::entries::get(db.read(), id)?.uuid;
        return crate::output::print_json(
            &serde_json::json!({"id": id, "uuid": uuid, "agreed_actions": agreed}),
        );
    }
    print_line(id)?;
    Ok(())
}
