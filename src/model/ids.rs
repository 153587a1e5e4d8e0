//! Typed ids, so an entry's id cannot be passed where a goal's is meant.

use serde::{Deserialize, Serialize};

/// Declares a local row number that prints and parses as a plain integer.
macro_rules! local_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map($name)
            }
        }
    };
}

local_id!(
    /// The local number of an entry, as `show 4` and `--json` print it.
    EntryId
);
local_id!(
    /// The local number of a goal, as `goal show 2` takes it.
    GoalId
);
local_id!(
    /// The local number of an action, as `action done 7` takes it.
    ActionId
);
local_id!(
    /// The local number of a mentor.
    MentorId
);
