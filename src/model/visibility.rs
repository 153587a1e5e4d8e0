//! Who a listing, document or count is for: the owner (private entries,
//! goals and actions included) or anyone else (left out). One type instead
//! of a `bool` threaded through every signature; `db/visibility.rs` holds
//! the one SQL condition every query uses.

/// Whether private records are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    /// Private records left out: what may be shared (the default).
    #[default]
    Public,
    /// Private records shown too: for the owner's own eyes (`--include-private`).
    IncludePrivate,
}

impl Visibility {
    /// From an `--include-private` flag.
    pub fn with_private(include_private: bool) -> Self {
        if include_private { Visibility::IncludePrivate } else { Visibility::Public }
    }

    pub fn includes_private(self) -> bool {
        self == Visibility::IncludePrivate
    }

    /// What a status line adds when private records went into something
    /// written: ", private entries included", or nothing.
    pub fn written_note(self) -> &'static str {
        match self {
            Visibility::IncludePrivate => ", private entries included",
            Visibility::Public => "",
        }
    }
}
