//! `portable`: the parts of the model every backend has, and how a migration spells them.
//!
//! One table serves both the renderer (which writes the `ColumnDef` call into a migration) and
//! the backends that build statements at run time (SQLite's throw-away database), so what a
//! migration creates and what the engine expects it to create cannot drift apart.

use sea_query::{ColumnType, StringLen};

use crate::model::{Index, IndexMethod, SqlType};

/// `portable_type` is the sea-query column type of a type every backend has, with the
/// `ColumnDef` method that writes it; `None` for PostgreSQL-only types (enum types, `ltree`,
/// `inet`, …), which migrations write through `Dialect::native_type` (text elsewhere).
pub fn portable_type(ty: &SqlType) -> Option<(ColumnType, String)> {
    Some(match ty {
        SqlType::SmallInt => (ColumnType::SmallInteger, "small_integer()".into()),
        SqlType::Integer => (ColumnType::Integer, "integer()".into()),
        SqlType::BigInt => (ColumnType::BigInteger, "big_integer()".into()),
        SqlType::Real => (ColumnType::Float, "float()".into()),
        SqlType::Double => (ColumnType::Double, "double()".into()),
        SqlType::Numeric(None) => (ColumnType::Decimal(None), "decimal()".into()),
        SqlType::Numeric(Some((p, s))) => (
            ColumnType::Decimal(Some((*p, *s))),
            format!("decimal_len({p}, {s})"),
        ),
        SqlType::Boolean => (ColumnType::Boolean, "boolean()".into()),
        SqlType::Char(None) => (ColumnType::Char(None), "char()".into()),
        SqlType::Char(Some(n)) => (ColumnType::Char(Some(*n)), format!("char_len({n})")),
        SqlType::Varchar(None) => (ColumnType::String(StringLen::None), "string()".into()),
        SqlType::Varchar(Some(n)) => (
            ColumnType::String(StringLen::N(*n)),
            format!("string_len({n})"),
        ),
        SqlType::Text => (ColumnType::Text, "text()".into()),
        SqlType::Bytea => (ColumnType::Blob, "blob()".into()),
        SqlType::Uuid => (ColumnType::Uuid, "uuid()".into()),
        SqlType::Json => (ColumnType::Json, "json()".into()),
        SqlType::Jsonb => (ColumnType::JsonBinary, "json_binary()".into()),
        SqlType::Date => (ColumnType::Date, "date()".into()),
        SqlType::Time => (ColumnType::Time, "time()".into()),
        SqlType::Timestamp => (ColumnType::Timestamp, "timestamp()".into()),
        SqlType::TimestampTz => (
            ColumnType::TimestampWithTimeZone,
            "timestamp_with_time_zone()".into(),
        ),
        _ => return None,
    })
}

/// `portable_default` is the equivalent of a PostgreSQL default expression on the other
/// backends, when there is one. Functions only PostgreSQL has (`uuid_generate_v4()`,
/// `nextval(…)`) have none: the application supplies those values there.
pub fn portable_default(expr: &str) -> Option<&'static str> {
    match expr.to_ascii_lowercase().as_str() {
        "now()" | "current_timestamp" | "transaction_timestamp()" => Some("CURRENT_TIMESTAMP"),
        "current_date" => Some("CURRENT_DATE"),
        _ => None,
    }
}

/// `is_portable_index` is the rule by which an index exists on every backend: a B-tree on
/// plain ascending columns, without a predicate. Other methods, expressions, sort orders and
/// predicates are written in PostgreSQL SQL.
pub fn is_portable_index(index: &Index) -> bool {
    index.method == IndexMethod::BTree
        && index.predicate.is_none()
        && index
            .parts
            .iter()
            .all(|p| p.column_name().is_some() && !p.descending)
}
