//! Plain data types of the portfolio domain: no I/O, no SQL, serde shapes
//! that are the documented `--json` output.

pub mod date;
pub mod document;
pub mod entry;
pub mod kind;
pub mod profile;
pub mod template;

pub use date::PartialDate;
pub use entry::{Attachment, DraftError, Entry, EntryDraft, Section};
pub use kind::{EntryKind, KindField};
pub use profile::{Profile, ProfileList};
pub use template::Template;
pub mod assessment;
pub mod framework;
pub mod reference;

pub use assessment::{Claim, Rating, RatingTrend, Verdict, VerdictKind};
pub use framework::{Competency, Framework, Indicator, Level};
pub use reference::Reference;
