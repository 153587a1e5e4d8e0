//! `folio mentor add`: start a mentoring relationship, its contract stored.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::commands::parse_span;
use crate::db::mentors;
use crate::error::UserError;
use crate::model::{Attachment, Mentor, MentorId, MentorRole};
use crate::ops::files::read_files;

/// Record a mentor (or supervisor, assessor, coach, line manager)
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their name, as you will type it after --with and --from
    pub name: String,

    /// The part they play
    #[arg(long, value_enum, default_value_t = MentorRole::Mentor)]
    pub role: MentorRole,

    /// When the relationship began
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// When it ended (or will end)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Their email address
    #[arg(long)]
    pub email: Option<String>,

    /// How often you agreed to meet: 2w, 4w, 1m, …
    #[arg(long, value_name = "SPAN")]
    pub meet_every: Option<String>,

    /// The signed mentoring contract; its bytes are stored in the portfolio
    #[arg(long, value_name = "FILE")]
    pub contract: Option<PathBuf>,
    /// Print JSON: {the mentor as `mentor list --json` shows it}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AddArgs, ctx: &Context) -> anyhow::Result<()> {
    let name = args.name.trim().to_string();
    if name.is_empty() {
        return Err(UserError::new("the name is empty").into());
    }
    let meet_every = args.meet_every.as_deref().map(|s| parse_span("--meet-every", s)).transpose()?;
    let since = args.since.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    let until = args.until.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    if let (Some(since), Some(until)) = (since, until)
        && until.last_day() < since.first_day()
    {
        return Err(UserError::new(format!("--until {until} is before --since {since}")).into());
    }
    let file = match &args.contract {
        Some(path) => read_files(std::slice::from_ref(path))?.pop(),
        None => None,
    };
    let now = ctx.now();
    let mentor = Mentor {
        id: MentorId(0),
        uuid: uuid::Uuid::new_v4().to_string(),
        name,
        role: args.role,
        since,
        until,
        email: args.email.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()),
        meet_every,
        contract: file.as_ref().map(|f| Attachment {
            name: f.name.clone(),
            size: f.bytes.len() as i64,
            sha256: crate::db::attachments::sha256_hex(&f.bytes),
            media_type: f.media_type.to_string(),
        }),
        created_at: now.clone(),
        updated_at: now,
    };
    let mut db = ctx.open_db()?;
    let id = db.write(|tx| mentors::insert(tx, &mentor, file.as_ref().map(|f| f.bytes.as_slice())))?;
    if args.json {
        return crate::output::print_json(&Mentor { id, ..mentor });
    }
    let rhythm = mentor.meet_every.map(|e| format!(", meeting every {e}")).unwrap_or_default();
    ctx.ui.status(format!("added {} {}{rhythm}", mentor.role, mentor.name));
    Ok(())
}
