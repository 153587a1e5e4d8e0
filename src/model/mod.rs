//! Plain data types of the portfolio domain and their rules: no I/O, no SQL,
//! serde shapes that are the documented `--json` output.

pub mod assessment;
pub mod date;
pub mod document;
pub mod entry;
mod entry_record;
mod field_value;
pub mod format;
pub mod format_error;
pub mod framework;
pub mod identifiers;
pub mod ids;
pub mod jot;
pub mod kind;
pub mod kind_field;
pub mod limits;
pub mod mentor;
pub(crate) mod names;
pub mod outbox;
pub mod plan;
pub mod profile;
pub mod reference;
pub mod requirements;
pub mod requirements_toml;
pub mod review;
pub mod span;
pub mod stamp;
pub mod summary;
pub mod template;
pub mod tree_order;
pub mod verdicts_file;
pub mod visibility;

pub use assessment::{Claim, Rating, RatingTrend, Verdict, VerdictKind};
pub use date::PartialDate;
pub use entry::{Attachment, DraftError, Entry, EntryFields, FieldsRecord, Section};
pub use framework::{Competency, Framework, Indicator, Level};
pub use ids::{ActionId, EntryId, GoalId, MentorId};
pub use kind::{EntryKind, FieldType, FieldValue, KindDetails, KindField, KindValues, Storage};
pub use mentor::{Mentor, MentorRole};
pub use plan::{Action, DueState, Goal, GoalStatus, Progress};
pub use profile::{Profile, ProfileList};
pub use reference::Reference;
pub use span::Span;
pub use template::Template;
pub use visibility::Visibility;
