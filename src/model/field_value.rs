//! The values a kind-specific field can hold ([`FieldValue`], typed by
//! [`FieldType`]), where the table keeps it ([`Storage`]), and the Rust types
//! a field may have ([`FieldSlot`]): what the declaration in `kind_field.rs`
//! builds the flat record, the flags and the row mapping from.

use super::date::PartialDate;
use super::entry::Section;
use super::template::Template;

/// What a field holds, which decides how it is typed in, stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text; an empty value clears it.
    Text,
    /// Hours, a number from 0 to 10,000.
    Number,
    /// Yes or no (`--flag` alone says yes).
    Flag,
    /// A date, typed as the other dates are.
    Date,
    /// A template's name.
    Template,
    /// Several lines of text, one per repeated flag.
    List,
    /// A template's sections, `NAME=TEXT` each.
    Sections,
}

/// Where the `entries` table keeps a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// A column of its own (the fields that queries filter and sum on, and
    /// those declared before the `details` column existed).
    Column(&'static str),
    /// A key of the `details` JSON column: a new field needs no new column.
    Details,
    /// Rows of `entry_sections`.
    Sections,
}

/// A field's value, whatever its type.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    Number(f64),
    Flag(bool),
    Date(PartialDate),
    Template(Template),
    List(Vec<String>),
    Sections(Vec<Section>),
}

/// A Rust type a kind-specific field can have.
pub trait FieldSlot: Default {
    const TYPE: FieldType;
    /// How [`KindDetails`] hands the value out (`Option<&str>` for text).
    type View<'a>
    where
        Self: 'a;
    fn view(&self) -> Self::View<'_>;
    /// The stored value, `None` when there is none.
    fn value(&self) -> Option<FieldValue>;
    /// A value of the field's type; another type leaves the field empty.
    fn from_value(value: FieldValue) -> Self;
    /// Whether the field says something (`participatory: false` does not).
    fn is_set(&self) -> bool {
        self.value().is_some()
    }
    /// The text to hand to the identifier check, if it is one line of text.
    fn text_mut(&mut self) -> Option<&mut String> {
        None
    }
}

impl FieldSlot for Option<String> {
    const TYPE: FieldType = FieldType::Text;
    type View<'a> = Option<&'a str>;
    fn view(&self) -> Option<&str> {
        self.as_deref()
    }
    fn value(&self) -> Option<FieldValue> {
        self.clone().map(FieldValue::Text)
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Text(text) => Some(text),
            _ => None,
        }
    }
    fn text_mut(&mut self) -> Option<&mut String> {
        self.as_mut()
    }
}

impl FieldSlot for Option<f64> {
    const TYPE: FieldType = FieldType::Number;
    type View<'a> = Option<f64>;
    fn view(&self) -> Option<f64> {
        *self
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Number)
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Number(n) => Some(n),
            _ => None,
        }
    }
}

impl FieldSlot for Option<bool> {
    const TYPE: FieldType = FieldType::Flag;
    type View<'a> = Option<bool>;
    fn view(&self) -> Option<bool> {
        *self
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Flag)
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Flag(b) => Some(b),
            _ => None,
        }
    }
    fn is_set(&self) -> bool {
        *self == Some(true)
    }
}

impl FieldSlot for Option<PartialDate> {
    const TYPE: FieldType = FieldType::Date;
    type View<'a> = Option<PartialDate>;
    fn view(&self) -> Option<PartialDate> {
        *self
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Date)
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl FieldSlot for Option<Template> {
    const TYPE: FieldType = FieldType::Template;
    type View<'a> = Option<Template>;
    fn view(&self) -> Option<Template> {
        *self
    }
    fn value(&self) -> Option<FieldValue> {
        self.map(FieldValue::Template)
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Template(t) => Some(t),
            _ => None,
        }
    }
}

impl FieldSlot for Vec<String> {
    const TYPE: FieldType = FieldType::List;
    type View<'a> = &'a [String];
    fn view(&self) -> &[String] {
        self
    }
    fn value(&self) -> Option<FieldValue> {
        (!self.is_empty()).then(|| FieldValue::List(self.clone()))
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::List(items) => items,
            _ => Vec::new(),
        }
    }
}

impl FieldSlot for Vec<Section> {
    const TYPE: FieldType = FieldType::Sections;
    type View<'a> = &'a [Section];
    fn view(&self) -> &[Section] {
        self
    }
    fn value(&self) -> Option<FieldValue> {
        (!self.is_empty()).then(|| FieldValue::Sections(self.clone()))
    }
    fn from_value(value: FieldValue) -> Self {
        match value {
            FieldValue::Sections(sections) => sections,
            _ => Vec::new(),
        }
    }
}
