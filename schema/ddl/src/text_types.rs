//! `LTree` and `Inet`: PostgreSQL types that the entities read and write as text, with the cast
//! PostgreSQL needs and no cast anywhere else.
//!
//! PostgreSQL does not assign a text parameter to an `ltree` or `inet` column, and the driver
//! cannot decode those types into a `String`: values are cast to the type on write and to
//! `text` on read. SeaORM's `save_as`/`select_as` attributes would do that, but they emit the
//! cast on every backend, and SQLite reads `CAST('university' AS ltree)` with NUMERIC affinity:
//! it stores `0` (and `CAST('10.12.0.7' AS inet)` stores `10.12`).
//!
//! SeaORM already casts backend-aware for one kind of column, PostgreSQL enum types: for a
//! column of type `ColumnType::Enum`, every write (insert, update, filter values) is wrapped in
//! sea-query's `Expr::AsEnum(name, value)` and every read in `Expr::AsEnum("text", column)`,
//! which the PostgreSQL query builder renders as `CAST(… AS "name")` and the other builders as
//! the bare value. These value types declare exactly that column type: an enum type without
//! labels, named `ltree` or `inet`. A field of such a type needs no cast attributes, and SQLite
//! stores the text as written.
//!
//! The schema engine reads an enum type without labels as the named PostgreSQL type (see
//! [`text_type_name`]); SeaORM's own schema builder does the same on PostgreSQL (a `Custom`
//! column of that name) and writes a text column on SQLite. Only its
//! `create_enum_from_entity`, which the project does not use, would take it for an enum.

use std::fmt;
use std::ops::Deref;

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ActiveValue, ColIdx, IntoActiveValue, QueryResult, TryGetError, TryGetable, Value};
use serde::{Deserialize, Serialize};

/// `text_type_name` is the PostgreSQL type of a column declared with [`LTree`], [`Inet`] or
/// another value type made the same way (an enum type without labels), if `ty` is one.
pub fn text_type_name(ty: &ColumnType) -> Option<String> {
    match ty {
        ColumnType::Enum { name, variants } if variants.is_empty() => Some(name.to_string()),
        _ => None,
    }
}

/// `text_type` is the column type of a PostgreSQL type read and written as text: an enum type
/// without labels, so that SeaORM casts its values on PostgreSQL only.
fn text_type(name: &'static str) -> ColumnType {
    ColumnType::Enum {
        name: name.into(),
        variants: Vec::new(),
    }
}

macro_rules! text_value_type {
    ($(#[$doc:meta])* $name:ident, $pg_type:literal, $read:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// `PG_TYPE` is the PostgreSQL type the column holds.
            pub const PG_TYPE: &'static str = $pg_type;

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> Self {
                v.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<$name> for Value {
            fn from(v: $name) -> Self {
                Value::String(Some(v.0))
            }
        }

        impl Nullable for $name {
            fn null() -> Value {
                Value::String(None)
            }
        }

        impl ValueType for $name {
            fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
                <String as ValueType>::try_from(v).map(Self)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> ArrayType {
                ArrayType::String
            }

            fn column_type() -> ColumnType {
                text_type($pg_type)
            }
        }

        impl TryGetable for $name {
            fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
                let read: fn(String) -> String = $read;
                String::try_get_by(res, index).map(|s| Self(read(s)))
            }
        }

        impl IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> ActiveValue<$name> {
                ActiveValue::Set(self)
            }
        }
    };
}

text_value_type!(
    /// `LTree` is an `ltree` label path (`university.computer_science`), held as text: cast to
    /// `ltree` on PostgreSQL, plain text on SQLite. See the [module documentation](self).
    LTree,
    "ltree",
    |s| s
);

text_value_type!(
    /// `Inet` is an `inet` address (`10.12.0.7`, `10.0.0.0/8`), held as text: cast to `inet` on
    /// PostgreSQL, plain text on SQLite. See the [module documentation](self).
    ///
    /// PostgreSQL's cast to `text` always spells the netmask (`10.12.0.7/32`), where its output
    /// function leaves out a full host mask. Reading drops a `/32` (IPv4) or `/128` (IPv6)
    /// suffix, so a host address reads back as written, on every backend.
    Inet,
    "inet",
    host_without_full_mask
);

/// `host_without_full_mask` is PostgreSQL's output form of an `inet` from its `text` cast.
fn host_without_full_mask(text: String) -> String {
    let full = if text.contains(':') { "/128" } else { "/32" };
    match text.strip_suffix(full) {
        Some(host) => host.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_host_mask_is_left_out() {
        let read = |s: &str| host_without_full_mask(s.to_owned());
        assert_eq!(read("10.12.0.7/32"), "10.12.0.7");
        assert_eq!(read("10.0.0.0/8"), "10.0.0.0/8");
        assert_eq!(read("10.12.0.7"), "10.12.0.7");
        assert_eq!(read("2001:db8::1/128"), "2001:db8::1");
        assert_eq!(read("2001:db8::/32"), "2001:db8::/32");
    }

    #[test]
    fn the_column_type_is_an_enum_type_without_labels() {
        assert_eq!(
            text_type_name(&LTree::column_type()).as_deref(),
            Some("ltree")
        );
        assert_eq!(
            text_type_name(&Inet::column_type()).as_deref(),
            Some("inet")
        );
        assert_eq!(text_type_name(&ColumnType::Text), None);
    }
}
