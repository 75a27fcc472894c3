//! `row`: one seed row as column name → value, the only shape the seeders build.
//!
//! The seeders never name an entity's Rust fields: they set values by database column name
//! and read keys back the same way. What the entity actually has is decided when the rows
//! are written ([`super::fill`]): values of columns it lacks are dropped, columns the
//! seeders leave unset are filled from the column's definition. An entity can therefore
//! gain, lose or rename columns without the seeders having to change.

use std::collections::BTreeMap;

use sea_orm::Value;
use sea_orm::prelude::DateTimeWithTimeZone;
use uuid::Uuid;

use super::rng::Stamp;

/// `Row` maps column names to values. A column that is absent is unset (as `NotSet` in an
/// ActiveModel); a `Value` holding `None` is an explicit NULL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    values: BTreeMap<String, Value>,
}

impl Row {
    /// `new` is a row with no column set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `with` sets `column` to `value` and returns the row, for building rows in one
    /// expression.
    pub fn with(mut self, column: &str, value: impl Into<Value>) -> Self {
        self.set(column, value);
        self
    }

    /// `set` sets `column` to `value`, replacing any earlier value.
    pub fn set(&mut self, column: &str, value: impl Into<Value>) {
        self.values.insert(column.to_owned(), value.into());
    }

    /// `get` is `column`'s value, if set.
    pub fn get(&self, column: &str) -> Option<&Value> {
        self.values.get(column)
    }

    /// `columns` lists the set columns with their values, by name.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// `uuid` is `column`'s value as a UUID (`None` when unset, NULL or of another type).
    pub fn uuid(&self, column: &str) -> Option<Uuid> {
        match self.get(column) {
            Some(Value::Uuid(Some(id))) => Some(*id),
            _ => None,
        }
    }

    /// `text` is `column`'s value as a string.
    pub fn text(&self, column: &str) -> Option<&str> {
        match self.get(column) {
            Some(Value::String(Some(s))) => Some(s.as_str()),
            _ => None,
        }
    }

    /// `int` is `column`'s value as an integer, whatever its width.
    pub fn int(&self, column: &str) -> Option<i64> {
        match self.get(column)? {
            Value::TinyInt(Some(n)) => Some(i64::from(*n)),
            Value::SmallInt(Some(n)) => Some(i64::from(*n)),
            Value::Int(Some(n)) => Some(i64::from(*n)),
            Value::BigInt(Some(n)) => Some(*n),
            Value::TinyUnsigned(Some(n)) => Some(i64::from(*n)),
            Value::SmallUnsigned(Some(n)) => Some(i64::from(*n)),
            Value::Unsigned(Some(n)) => Some(i64::from(*n)),
            Value::BigUnsigned(Some(n)) => i64::try_from(*n).ok(),
            _ => None,
        }
    }

    /// `float` is `column`'s value as a floating-point number.
    pub fn float(&self, column: &str) -> Option<f64> {
        match self.get(column)? {
            Value::Double(Some(x)) => Some(*x),
            Value::Float(Some(x)) => Some(f64::from(*x)),
            _ => None,
        }
    }

    /// `at` is `column`'s value as a timestamp with time zone.
    pub fn at(&self, column: &str) -> Option<DateTimeWithTimeZone> {
        match self.get(column) {
            Some(Value::ChronoDateTimeWithTimeZone(Some(t))) => Some(*t),
            _ => None,
        }
    }

    /// `key` is `column`'s value as a UUID key, or the nil UUID when the row has none.
    /// Seeders read the keys of rows they built themselves, so a nil key only shows up when
    /// the seeders themselves are wrong (and the foreign key then fails loudly).
    pub fn key(&self, column: &str) -> Uuid {
        self.uuid(column).unwrap_or_default()
    }
}

/// `audited` starts a row with the bookkeeping columns most tables share: `version` 0, the
/// creation and update moments, and who created and last updated it. Tables without some
/// of them simply drop those values.
pub fn audited(stamp: Stamp, by: Option<Uuid>) -> Row {
    Row::new()
        .with("version", 0_i64)
        .with("created_at", stamp.created_at)
        .with("updated_at", stamp.updated_at)
        .with("created_by", by)
        .with("updated_by", by)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_set_and_read_by_column_name() {
        let id = Uuid::from_u128(7);
        let row = Row::new()
            .with("id", id)
            .with("title", Some("Tutors".to_owned()))
            .with("level", 2_i32)
            .with("note", None::<String>);
        assert_eq!(row.uuid("id"), Some(id));
        assert_eq!(row.key("missing"), Uuid::nil());
        assert_eq!(row.text("title"), Some("Tutors"));
        assert_eq!(row.int("level"), Some(2));
        assert_eq!(row.get("note"), Some(&Value::String(None)));
        assert_eq!(
            row.text("level"),
            None,
            "a value of another type reads as absent"
        );
        let names: Vec<&str> = row.columns().map(|(name, _)| name).collect();
        assert_eq!(names, ["id", "level", "note", "title"]);
    }
}
