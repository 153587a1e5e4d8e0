//! `folio conflicts resolve`: settling a conflict a sync found, by taking
//! this copy's value, the other copy's, or a new one. The record is changed
//! like any edit (so the next sync carries it), and the conflict is marked
//! settled on this copy, and by sync on every other.

use std::collections::HashSet;

use serde_json::Value;

use super::flat::{self, TRASHED};
use super::{Devices, Sides, assemble};
use crate::db::conflicts::{self, Conflict};
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::{DbError, Tx, sync_state};
use crate::model::Visibility;
use crate::ops::merge::merge_synced;
use crate::ops::{OpsError, Result};

/// Which value settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Take {
    /// The value from this copy.
    Here,
    /// The value from the other copy.
    There,
    /// A new value, as typed.
    Value(String),
}

/// The value a conflict was settled with, for the caller to say.
pub fn resolve(tx: &Tx, id: i64, take: &Take, now: &str) -> Result<Conflict> {
    let conflict = conflicts::get(tx, id)?;
    if conflict.resolved_at.is_some() {
        return Err(OpsError::refused(format!("conflict {id} is settled already"), None));
    }
    let chosen = chosen_value(tx, &conflict, take)?;
    let (kind, uuid) = conflict.record.split_once(':').unwrap_or((conflict.record.as_str(), ""));
    match conflict.field.as_str() {
        "purged" => {
            if chosen == conflict.other {
                sync_state::delete_record(tx, kind, uuid)?;
            }
        }
        field => set_field(tx, &conflict, field, &chosen, now)?,
    }
    conflicts::resolve(tx, &conflict.uuid, now, &chosen)?;
    conflicts::get(tx, id).map_err(Into::into)
}

/// The chosen value as JSON.
fn chosen_value(tx: &Tx, conflict: &Conflict, take: &Take) -> Result<String> {
    let mine = sync_state::replica(tx)?;
    let side = |here: bool| -> Result<String> {
        let mine_is_kept = conflict.kept_replica == mine;
        let mine_is_other = conflict.other_replica == mine;
        if !mine_is_kept && !mine_is_other {
            return Err(OpsError::refused(
                format!(
                    "this copy is neither side of conflict {}: it was found between {} and {}",
                    conflict.id, conflict.kept_device, conflict.other_device
                ),
                Some("give the value itself: --take VALUE".into()),
            ));
        }
        Ok(if here == mine_is_kept { conflict.kept.clone() } else { conflict.other.clone() })
    };
    match take {
        Take::Here => side(true),
        Take::There => side(false),
        Take::Value(text) => {
            if matches!(conflict.field.as_str(), "purged" | TRASHED) {
                return Err(OpsError::refused(
                    format!("conflict {} is about a deletion: take one side", conflict.id),
                    Some("--take here or --take there".into()),
                ));
            }
            let is_text =
                |json: &str| matches!(serde_json::from_str(json), Ok(Value::String(_) | Value::Null));
            let value = if is_text(&conflict.kept) && is_text(&conflict.other) {
                Value::String(text.clone())
            } else {
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
            };
            Ok(value.to_string())
        }
    }
}

/// Gives one field of a record a value (`null`: none), as an edit made now.
fn set_field(tx: &Tx, conflict: &Conflict, field: &str, value: &str, now: &str) -> Result<()> {
    let options = ReadOptions {
        visibility: Visibility::IncludePrivate,
        with_attachment_data: false,
        include_trash: true,
    };
    let document = read_document(tx, options)?;
    let records = flat::records(&document);
    let Some(record) = records.get(&conflict.record) else {
        return Err(OpsError::refused(
            format!("'{}' is no longer in this portfolio", conflict.label),
            Some(format!("`folio conflicts resolve {} --take here` settles it as it is", conflict.id)),
        ));
    };
    let mut changed = record.clone();
    match serde_json::from_str::<Value>(value)
        .map_err(|e| DbError::BadRecord { at: format!("conflict {}", conflict.id), reason: e.to_string() })?
    {
        Value::Null | Value::Bool(false) => changed.fields.remove(field),
        value => changed.fields.insert(field.to_string(), value),
    };
    if changed.fields == record.fields {
        return Ok(());
    }
    changed.updated_at = now.to_string();
    let mut merged = records.clone();
    merged.insert(conflict.record.clone(), changed.clone());
    let stones = HashSet::new();
    let sources = assemble::Sources { mine: &document, theirs: &document, stones: &stones, now };
    let replica = sync_state::replica(tx)?;
    let sides =
        Sides { mine: replica.clone(), theirs: replica, devices: Devices { here: "", there: "" }, now };
    let mut refused = Vec::new();
    let rebuilt = assemble::document(&mut merged, &records, &records, &sources, &sides, &mut refused)?;
    // A value that does not fit makes the record fall back to what it was.
    if !refused.is_empty() || merged.get(&conflict.record) != Some(&changed) {
        return Err(OpsError::refused(
            format!("{} is not a valid {field} for '{}'", shown(field, value), conflict.label),
            None,
        ));
    }
    merge_synced(tx, &rebuilt, now, &HashSet::from([conflict.record.clone()]))?;
    Ok(())
}

/// A conflict in one line, as `sync` says it.
pub fn one_line(conflict: &Conflict, id: i64, my_replica: &str) -> String {
    let side = |replica: &str, device: &str| {
        if replica == my_replica { "this copy".to_string() } else { device.to_string() }
    };
    let kept = side(&conflict.kept_replica, &conflict.kept_device);
    let other = side(&conflict.other_replica, &conflict.other_device);
    let what = conflict.record.split_once(':').map_or(conflict.record.as_str(), |(kind, _)| kind);
    let about = match conflict.field.as_str() {
        "purged" => format!("deleted for good on {other}, edited on {kept}: kept"),
        TRASHED => format!("moved to the trash on {other}, edited on {kept}: kept live"),
        field => format!(
            "{field} changed on both copies: kept {} ({kept}), set aside {} ({other})",
            shown(field, &conflict.kept),
            shown(field, &conflict.other)
        ),
    };
    format!("conflict {id}: {what} '{}': {about}", conflict.label)
}

/// A value for a person to read: text quoted and cut short, none as "(none)".
pub fn shown(field: &str, json: &str) -> String {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Null) if field == TRASHED => "live".into(),
        Ok(_) if field == TRASHED => "in the trash".into(),
        Ok(Value::Null) => "(none)".into(),
        Ok(Value::String(text)) if field == "purged" => text,
        Ok(Value::String(text)) => {
            let line = text.lines().next().unwrap_or_default();
            let short: String = line.chars().take(40).collect();
            let cut = short.len() < text.len();
            format!("'{short}{}'", if cut { "…" } else { "" })
        }
        Ok(other) => other.to_string(),
        Err(_) => json.to_string(),
    }
}
