//! The one declaration of every kind-specific field.
//!
//! Each row of [`kind_fields!`] below names a field once: its Rust type, the
//! flag that sets it, the label `show` prints, where the table keeps it,
//! whether the JSON document writes it when empty, whether the identifier
//! check reads it, and the kinds that take it. From that row come the
//! [`KindField`] enum and its facts, the flat [`KindValues`] (the
//! kind-specific half of the JSON document, `--json` and the row), the typed
//! accessors of [`KindDetails`], and the generic [`FieldValue`] that the
//! flags, the row mapping, the CSV columns and `show` iterate over. Adding a
//! field is adding a row; adding a kind is naming it in the rows it takes.

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::entry::Section;
pub use super::field_value::{FieldSlot, FieldType, FieldValue, Storage};
use super::kind::{EntryKind, KindDetails};
use super::template::Template;

/// Whether the JSON document writes a field when it is empty: the fields
/// it always carried keep doing so (the same portfolio gives the same
/// bytes); fields added since are written only when set.
macro_rules! written_when_empty {
    (always) => {
        true
    };
    (when_set) => {
        false
    };
}

/// Declares the kind-specific fields; see the module docs.
macro_rules! kind_fields {
    ($(
        #[doc = $help:literal]
        $variant:ident $field:ident: $ty:ty,
        flag $flag:literal $value_name:literal,
        label $label:literal,
        stored $storage:expr,
        json $json:ident,
        scanned $scanned:literal,
        kinds [$($kind:ident),+];
    )+) => {
        /// A kind-specific field, one per row of the declaration.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum KindField {
            $($variant),+
        }

        impl KindField {
            /// Every field, in the order of the JSON document and the CSV columns.
            pub const ALL: &'static [KindField] = &[$(KindField::$variant),+];

            /// The command-line flag, `--hours`.
            pub fn flag(self) -> &'static str {
                match self {
                    $(KindField::$variant => concat!("--", $flag)),+
                }
            }

            /// The flag without its dashes, `hours`.
            pub fn flag_name(self) -> &'static str {
                match self {
                    $(KindField::$variant => $flag),+
                }
            }

            /// The placeholder `--help` shows for the flag's value.
            pub fn value_name(self) -> &'static str {
                match self {
                    $(KindField::$variant => $value_name),+
                }
            }

            /// The flag's `--help` line.
            pub fn help(self) -> &'static str {
                match self {
                    $(KindField::$variant => $help.trim_ascii()),+
                }
            }

            /// How `show` names the field ("credential id").
            pub fn label(self) -> &'static str {
                match self {
                    $(KindField::$variant => $label),+
                }
            }

            /// The field a key of the JSON document names.
            pub fn from_key(key: &str) -> Option<KindField> {
                match key {
                    $(stringify!($field) => Some(KindField::$variant),)+
                    _ => None,
                }
            }

            /// The key of the JSON document and the CSV column.
            pub fn key(self) -> &'static str {
                match self {
                    $(KindField::$variant => stringify!($field)),+
                }
            }

            pub fn storage(self) -> Storage {
                match self {
                    $(KindField::$variant => $storage),+
                }
            }

            pub fn field_type(self) -> FieldType {
                match self {
                    $(KindField::$variant => <$ty as FieldSlot>::TYPE),+
                }
            }

            /// Whether the identifier check reads it (prose, not codes and links).
            pub fn is_scanned(self) -> bool {
                match self {
                    $(KindField::$variant => $scanned),+
                }
            }

            /// The kinds that take this field.
            pub fn kinds(self) -> &'static [EntryKind] {
                match self {
                    $(KindField::$variant => &[$(EntryKind::$kind),+]),+
                }
            }
        }

        /// Every kind-specific field, flat and optional: as the JSON
        /// document, `--json` and a row of the table hold them, whatever the kind.
        #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
        #[serde(default)]
        pub struct KindValues {
            $(#[doc = $help] pub $field: $ty,)+
        }

        impl KindValues {
            /// A field's value, `None` when empty.
            pub fn get(&self, field: KindField) -> Option<FieldValue> {
                match field {
                    $(KindField::$variant => self.$field.value()),+
                }
            }

            /// Sets a field; `None`, or a value of another type, empties it.
            pub fn set(&mut self, field: KindField, value: Option<FieldValue>) {
                match field {
                    $(KindField::$variant => {
                        self.$field = value.map(<$ty as FieldSlot>::from_value).unwrap_or_default()
                    }),+
                }
            }

            /// Whether a field says something (`participatory: false` does not).
            pub fn is_set(&self, field: KindField) -> bool {
                match field {
                    $(KindField::$variant => self.$field.is_set()),+
                }
            }

            /// Reads a field's value from the map being deserialised, as its type says.
            pub fn read_from<'de, M: serde::de::MapAccess<'de>>(
                &mut self,
                field: KindField,
                map: &mut M,
            ) -> Result<(), M::Error> {
                match field {
                    $(KindField::$variant => self.$field = map.next_value::<$ty>()?),+
                }
                Ok(())
            }

            /// A one-line text field to read or redact in place.
            pub fn text_mut(&mut self, field: KindField) -> Option<&mut String> {
                match field {
                    $(KindField::$variant => self.$field.text_mut()),+
                }
            }
        }

        impl Serialize for KindValues {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if written_when_empty!($json) || self.$field.value().is_some() {
                        map.serialize_entry(stringify!($field), &self.$field)?;
                    }
                )+
                map.end()
            }
        }

        /// The kind's own fields, typed; a field of another kind is always empty.
        impl KindDetails {
            $(
                #[doc = $help]
                pub fn $field(&self) -> <$ty as FieldSlot>::View<'_> {
                    self.values().$field.view()
                }
            )+
        }
    };
}

kind_fields! {
    /// Course: hours of CPD it counts for
    Hours hours: Option<f64>, flag "hours" "H", label "hours",
        stored Storage::Column("hours"), json always, scanned false, kinds [Course];
    /// Course: it was participatory (interactive, not just listening); `--participatory=false` unsets it
    Participatory participatory: Option<bool>, flag "participatory" "BOOL", label "participatory",
        stored Storage::Column("participatory"), json always, scanned false, kinds [Course];
    /// Certificate: the credential id
    CredentialId credential_id: Option<String>, flag "credential-id" "ID", label "credential id",
        stored Storage::Column("credential_id"), json always, scanned false, kinds [Certificate];
    /// Certificate or publication: where it can be verified or read
    Url url: Option<String>, flag "url" "URL", label "url",
        stored Storage::Column("url"), json always, scanned false, kinds [Certificate, Publication];
    /// Certificate: when it expires
    Expires expires: Option<PartialDate>, flag "expires" "DATE", label "expires",
        stored Storage::Column("expires"), json always, scanned false, kinds [Certificate];
    /// Qualification: the grade or class awarded
    Grade grade: Option<String>, flag "grade" "GRADE", label "grade",
        stored Storage::Column("grade"), json always, scanned true, kinds [Qualification];
    /// Feedback: who gave it
    From from: Option<String>, flag "from" "NAME", label "from",
        stored Storage::Column("feedback_from"), json always, scanned true, kinds [Feedback];
    /// Reflection or achievement: the structure it is written in
    Template template: Option<Template>, flag "template" "TEMPLATE", label "template",
        stored Storage::Column("template"), json always, scanned false, kinds [Achievement, Reflection];
    /// Reflection or achievement: one section, e.g. --section "so what=It changed how I listen" (repeatable)
    Section sections: Vec<Section>, flag "section" "NAME=TEXT", label "sections",
        stored Storage::Sections, json always, scanned true, kinds [Achievement, Reflection];
    /// Meeting: who it was held with (a mentor's name links it to them); an empty value clears it
    With with: Option<String>, flag "with" "NAME", label "with",
        stored Storage::Column("meeting_with"), json always, scanned true, kinds [Meeting];
    /// Reflection: start from a framework's question, e.g. emcc/self or emcc:3 (`folio prompts` lists them); an empty value clears it
    Prompt prompt: Option<String>, flag "prompt" "REF", label "prompt",
        stored Storage::Column("prompt"), json always, scanned true, kinds [Reflection];
    /// Course: how it was learned — course, e-learning, conference, workshop, reading, supervision, … (any text)
    Method method: Option<String>, flag "method" "METHOD", label "method",
        stored Storage::Column("method"), json always, scanned true, kinds [Course];
    /// Course: how it is relevant to your practice; an empty value clears it
    Relevance relevance: Option<String>, flag "relevance" "TEXT", label "relevance",
        stored Storage::Column("relevance"), json always, scanned true, kinds [Course];
    /// Course: the part of a code or standard it relates to (repeatable; one empty value clears them)
    Standard standards: Vec<String>, flag "standard" "TEXT", label "standards",
        stored Storage::Column("standards"), json always, scanned false, kinds [Course];
    /// Role: hours of practice in it, for a practice-hours requirement
    PracticeHours practice_hours: Option<f64>, flag "practice-hours" "H", label "practice hours",
        stored Storage::Column("practice_hours"), json always, scanned false, kinds [Role];
    /// Publication: the journal, conference, book or event it appeared in
    Venue venue: Option<String>, flag "venue" "NAME", label "venue",
        stored Storage::Details, json when_set, scanned false, kinds [Publication];
    /// Publication: its DOI, e.g. 10.1136/bmj.n71 (a doi.org link is accepted)
    Doi doi: Option<String>, flag "doi" "DOI", label "doi",
        stored Storage::Details, json when_set, scanned false, kinds [Publication];
    /// Publication: an author, in the order printed (repeatable; one empty value clears them)
    Authors authors: Vec<String>, flag "author" "NAME", label "authors",
        stored Storage::Details, json when_set, scanned false, kinds [Publication];
}

/// A DOI as stored, `10.1136/bmj.n71`, whether typed bare, as `doi:…` or as
/// a doi.org link; anything else is kept as typed (a record from elsewhere
/// may hold an older identifier, and is not to be refused for it).
pub fn tidy_doi(typed: &str) -> String {
    let trimmed = typed.trim();
    let lower = trimmed.to_ascii_lowercase();
    ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map_or(trimmed, |prefix| trimmed[prefix.len()..].trim())
        .to_string()
}

/// Whether a stored DOI has a DOI's shape (`10.<digits>/<something>`), so it can be linked.
pub fn is_doi(doi: &str) -> bool {
    doi.split_once('/').is_some_and(|(prefix, suffix)| {
        prefix
            .strip_prefix("10.")
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || c == '.'))
            && !suffix.is_empty()
            && !doi.chars().any(char::is_whitespace)
    })
}

impl KindField {
    /// Whether `kind` takes this field.
    pub fn takes(self, kind: EntryKind) -> bool {
        self.kinds().contains(&kind)
    }

    /// The fields a kind takes, in declaration order.
    pub fn of(kind: EntryKind) -> impl Iterator<Item = KindField> {
        KindField::ALL.iter().copied().filter(move |f| f.takes(kind))
    }
}

impl KindValues {
    /// The first field set here that `kind` does not take.
    pub fn foreign_to(&self, kind: EntryKind) -> Option<KindField> {
        KindField::ALL.iter().copied().find(|f| !f.takes(kind) && self.is_set(*f))
    }

    /// Empties every field `kind` does not take.
    pub fn keep_only(&mut self, kind: EntryKind) {
        for field in KindField::ALL.iter().copied().filter(|f| !f.takes(kind)) {
            self.set(field, None);
        }
    }
}

/// A field given for a kind that does not take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotForKind {
    pub field: KindField,
    pub kind: EntryKind,
}

impl NotForKind {
    /// The kinds that do take the field, for the message.
    pub fn allowed(&self) -> String {
        self.field.kinds().iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
    }
}
