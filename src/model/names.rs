//! Enums stored and typed as words (`course`, `needs-more`, `rolfe`).
//!
//! [`named_enum!`] declares such an enum once: each variant with its word.
//! The word is then the serde name, the clap value, the `Display` and
//! `FromStr` text and the stored value, so these can never disagree.

/// A word that names no variant of a named enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}' (expected one of: {expected})")]
pub struct UnknownName {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// Declares an enum whose variants are named by words; see the module docs.
///
/// `what` is how errors name the enum ("kind", "verdict"). Parsing ignores
/// ASCII case. Doc comments on variants become their `--help` text.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, clap::ValueEnum,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] #[value(name = $text)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word for this variant.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::names::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text)).ok_or_else(|| {
                    $crate::model::names::UnknownName {
                        what: $what,
                        value: text.to_string(),
                        expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    }
                })
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    named_enum! {
        /// A test enum.
        pub enum Colour ("colour") {
            /// Red
            Red = "red",
            DarkBlue = "dark-blue",
        }
    }

    #[test]
    fn one_word_names_a_variant_everywhere() {
        for colour in Colour::ALL {
            assert_eq!(colour.as_str().parse::<Colour>(), Ok(*colour));
            assert_eq!(serde_json::to_string(colour).unwrap(), format!("\"{colour}\""));
            let value = clap::ValueEnum::to_possible_value(colour).unwrap();
            assert_eq!(value.get_name(), colour.as_str());
        }
        assert_eq!("DARK-BLUE".parse::<Colour>(), Ok(Colour::DarkBlue));
        let err = "green".parse::<Colour>().unwrap_err().to_string();
        assert_eq!(err, "unknown colour 'green' (expected one of: red, dark-blue)");
    }
}
