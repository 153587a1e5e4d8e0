//! `folio conflicts`: what `folio sync` found changed on both copies, and
//! `folio conflicts resolve` to settle each.

use clap::{Args, Subcommand};

use crate::Context;
use crate::db::conflicts::{self, Conflict};
use crate::db::sync_state;
use crate::error::UserError;
use crate::ops::sync::resolve::{Take, resolve, shown};
use crate::output::{count, print_json, print_line};

/// List the conflicts a sync found, and settle them
///
/// A conflict is a field changed on two copies to different values since
/// they last synced (or a record deleted on one copy and edited on the
/// other). The record keeps the newer value until you settle it; nothing is
/// counted twice meanwhile. Settle one with `folio conflicts resolve ID`;
/// the next sync carries your choice to the other copy.
///
///   folio conflicts
///
///   folio conflicts resolve 1 --take there
///
///   folio conflicts resolve 2 --take "Led the audit of hand hygiene"
#[derive(Debug, Args)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    pub action: Option<ConflictsAction>,

    /// The settled ones too
    #[arg(long)]
    pub all: bool,

    /// Print JSON: [{id, uuid, record, label, field, kept, kept_device, other, other_device, found_at, resolved_at, resolution, …}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConflictsAction {
    Resolve(ResolveArgs),
}

/// Settle a conflict: take this copy's value, the other copy's, or a new one
///
/// `--take here` takes the value written on this copy, `--take there` the
/// one from the other copy, and any other text is the value itself (a
/// number for hours). For a deletion against an edit, `--take` the side
/// that deleted to delete it after all. `--edit` opens $EDITOR on both
/// values: keep the text you want.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The conflict's number (`folio conflicts`)
    pub id: i64,

    /// here, there, or the value itself
    #[arg(
        long,
        value_name = "here|there|VALUE",
        required_unless_present = "edit",
        conflicts_with = "edit",
        allow_hyphen_values = true
    )]
    pub take: Option<String>,

    /// Write the value in $EDITOR, starting from both
    #[arg(long)]
    pub edit: bool,

    /// Print JSON: the conflict as settled
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ConflictsArgs, ctx: &Context) -> anyhow::Result<()> {
    if let Some(ConflictsAction::Resolve(resolve_args)) = args.action {
        return run_resolve(resolve_args, ctx);
    }
    let db = ctx.open_db()?;
    let (all, replica) = db.snapshot(|conn| Ok((conflicts::all(conn)?, sync_state::replica(conn)?)))?;
    let listed: Vec<&Conflict> = all.iter().filter(|c| args.all || c.resolved_at.is_none()).collect();
    if args.json {
        return print_json(&listed);
    }
    if listed.is_empty() {
        let settled = all.len();
        let more = if settled > 0 { format!(" ({} settled: --all)", settled) } else { String::new() };
        ctx.ui.status(format!("no conflicts to settle{more}"));
        return Ok(());
    }
    let mut out = String::new();
    for c in &listed {
        out.push_str(&describe(ctx, c, &replica));
    }
    print_line(out.trim_end())?;
    let open = listed.iter().filter(|c| c.resolved_at.is_none()).count();
    if open > 0 {
        ctx.ui.hint(&format!(
            "{} to settle: `folio conflicts resolve ID --take here|there|VALUE`",
            count(open, "conflict", "conflicts")
        ));
    }
    Ok(())
}

fn describe(ctx: &Context, c: &Conflict, replica: &str) -> String {
    let ui = &ctx.ui;
    let kind = c.record.split_once(':').map_or(c.record.as_str(), |(kind, _)| kind);
    let side = |r: &str, device: &str| {
        if r == replica { format!("{device}, this copy") } else { device.to_string() }
    };
    let what = match c.field.as_str() {
        "purged" => "deleted for good on one copy, edited on the other".to_string(),
        "trashed" => "moved to the trash on one copy, edited on the other".to_string(),
        field => format!("{field} changed on both copies"),
    };
    let mut out = format!("{} {kind} '{}': {what}\n", ui.bold(&format!("conflict {}", c.id)), c.label);
    out.push_str(&format!(
        "  kept       {}  {}\n",
        shown(&c.field, &c.kept),
        ui.dim(&side(&c.kept_replica, &c.kept_device))
    ));
    out.push_str(&format!(
        "  set aside  {}  {}\n",
        shown(&c.field, &c.other),
        ui.dim(&side(&c.other_replica, &c.other_device))
    ));
    let found = c.found_at.get(..10).unwrap_or(&c.found_at);
    match (&c.resolved_at, &c.resolution) {
        (Some(at), Some(value)) => out.push_str(&format!(
            "  {}\n",
            ui.dim(&format!(
                "found {found}; settled {} with {}",
                at.get(..10).unwrap_or(at),
                shown(&c.field, value)
            ))
        )),
        _ => out.push_str(&format!("  {}\n", ui.dim(&format!("found {found}")))),
    }
    out
}

fn run_resolve(args: ResolveArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let take = match (&args.take, args.edit) {
        (Some(text), _) => match text.trim() {
            "here" => Take::Here,
            "there" => Take::There,
            _ => Take::Value(text.clone()),
        },
        (None, _) => {
            let conflict = db.snapshot(|conn| conflicts::get(conn, args.id))?;
            Take::Value(edit_value(&conflict)?)
        }
    };
    let now = ctx.now();
    let settled = db.write(|tx| -> anyhow::Result<_> { Ok(resolve(tx, args.id, &take, &now)?) })?;
    db.checkpoint()?;
    if args.json {
        return print_json(&settled);
    }
    let value = settled.resolution.as_deref().unwrap_or("null");
    ctx.ui.status(format!(
        "settled conflict {}: {} of '{}' is {}",
        settled.id,
        settled.field,
        settled.label,
        shown(&settled.field, value)
    ));
    Ok(())
}

/// Both values in $EDITOR; what is saved (less the `#` lines) is the value.
fn edit_value(conflict: &Conflict) -> anyhow::Result<String> {
    let text_of = |json: &str| match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        Err(_) => json.to_string(),
    };
    if matches!(conflict.field.as_str(), "purged" | "trashed") {
        return Err(UserError::new(format!("conflict {} is about a deletion: take one side", conflict.id))
            .hint("--take here or --take there")
            .into());
    }
    let text = format!(
        "# Conflict {}: {} of '{}'. Keep the text you want; these '#' lines are removed.\n# Kept ({}):\n{}\n# Set aside ({}):\n{}\n",
        conflict.id,
        conflict.field,
        conflict.label,
        conflict.kept_device,
        text_of(&conflict.kept),
        conflict.other_device,
        text_of(&conflict.other)
    );
    let (edited, _file) = super::editor::open_editor(&text, "folio-conflict-")?;
    let kept: Vec<&str> = edited.lines().filter(|l| !l.starts_with('#')).collect();
    Ok(kept.join("\n").trim_end().to_string())
}
