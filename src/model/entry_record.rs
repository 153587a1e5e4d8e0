//! Reading a [`FieldsRecord`]: the common keys by name, every other key the
//! field declaration knows as that field's type (`kind_field.rs`), and the
//! rest left to the struct it is flattened into (an [`Entry`] or a document
//! entry, which say whether an unknown key is an error).
//!
//! It is written out because serde cannot flatten a struct that itself
//! flattens into one that refuses unknown keys: the inner one would take
//! the whole map and the outer would refuse keys it never saw.
//!
//! [`Entry`]: super::Entry

use std::fmt;
use std::sync::LazyLock;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::entry::FieldsRecord;
use super::kind::{KindField, KindValues};

/// The keys every entry has, before the kind-specific ones.
const COMMON: [&str; 9] =
    ["kind", "title", "date", "end_date", "organisation", "body", "tags", "about", "private"];

/// Every key a record reads, for a deserializer that hands over only those.
static KEYS: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
    let keys: Vec<&'static str> = COMMON.into_iter().chain(KindField::ALL.iter().map(|f| f.key())).collect();
    Box::leak(keys.into_boxed_slice())
});

impl<'de> Deserialize<'de> for FieldsRecord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("FieldsRecord", &KEYS, RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = FieldsRecord;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entry")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<FieldsRecord, M::Error> {
        let (mut kind, mut title, mut date) = (None, None, None);
        let mut record = FieldsRecord::blank();
        let mut values = KindValues::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "kind" => kind = Some(map.next_value()?),
                "title" => title = Some(map.next_value()?),
                "date" => date = Some(map.next_value()?),
                "end_date" => record.end_date = map.next_value()?,
                "organisation" => record.organisation = map.next_value()?,
                "body" => record.body = map.next_value()?,
                "tags" => record.tags = map.next_value()?,
                "about" => record.about = map.next_value()?,
                "private" => record.private = map.next_value()?,
                other => match KindField::from_key(other) {
                    Some(field) => values.read_from(field, &mut map)?,
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        record.kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
        record.title = title.ok_or_else(|| de::Error::missing_field("title"))?;
        record.date = date.ok_or_else(|| de::Error::missing_field("date"))?;
        record.values = values;
        Ok(record)
    }
}
