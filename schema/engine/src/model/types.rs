//! Column types, spelled the way PostgreSQL's `format_type()` prints them.

use std::fmt;

/// `SqlType` is a column type in canonical (PostgreSQL) form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub enum SqlType {
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    Numeric(Option<(u32, u32)>),
    Boolean,
    Char(Option<u32>),
    Varchar(Option<u32>),
    Text,
    Bytea,
    Uuid,
    Json,
    Jsonb,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Inet,
    Cidr,
    MacAddr,
    /// The `ltree` extension type.
    LTree,
    /// A user-defined enum type, by name.
    Enum(String),
    /// Any other named type (e.g. another extension's type).
    Named(String),
    Array(Box<SqlType>),
}

impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlType::SmallInt => f.write_str("smallint"),
            SqlType::Integer => f.write_str("integer"),
            SqlType::BigInt => f.write_str("bigint"),
            SqlType::Real => f.write_str("real"),
            SqlType::Double => f.write_str("double precision"),
            SqlType::Numeric(None) => f.write_str("numeric"),
            SqlType::Numeric(Some((p, s))) => write!(f, "numeric({p},{s})"),
            SqlType::Boolean => f.write_str("boolean"),
            SqlType::Char(None) => f.write_str("character"),
            SqlType::Char(Some(n)) => write!(f, "character({n})"),
            SqlType::Varchar(None) => f.write_str("character varying"),
            SqlType::Varchar(Some(n)) => write!(f, "character varying({n})"),
            SqlType::Text => f.write_str("text"),
            SqlType::Bytea => f.write_str("bytea"),
            SqlType::Uuid => f.write_str("uuid"),
            SqlType::Json => f.write_str("json"),
            SqlType::Jsonb => f.write_str("jsonb"),
            SqlType::Date => f.write_str("date"),
            SqlType::Time => f.write_str("time without time zone"),
            SqlType::Timestamp => f.write_str("timestamp without time zone"),
            SqlType::TimestampTz => f.write_str("timestamp with time zone"),
            SqlType::Inet => f.write_str("inet"),
            SqlType::Cidr => f.write_str("cidr"),
            SqlType::MacAddr => f.write_str("macaddr"),
            SqlType::LTree => f.write_str("ltree"),
            SqlType::Enum(name) | SqlType::Named(name) => f.write_str(name),
            SqlType::Array(inner) => write!(f, "{inner}[]"),
        }
    }
}

impl SqlType {
    /// `widens_to` is true when every value of `self` fits `other` unchanged, so a type change
    /// loses nothing: a longer or unbounded varchar, text, a wider integer or float.
    pub fn widens_to(&self, other: &SqlType) -> bool {
        use SqlType::*;
        match (self, other) {
            (Varchar(Some(a)), Varchar(Some(b))) => a <= b,
            (Varchar(_), Varchar(None) | Text) => true,
            (Char(_), Text | Varchar(None)) => true,
            (SmallInt, Integer | BigInt) | (Integer, BigInt) => true,
            (Real, Double) => true,
            (Json, Jsonb) => false,
            (a, b) => a == b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SqlType;

    #[test]
    fn widening() {
        assert!(SqlType::Varchar(Some(10)).widens_to(&SqlType::Varchar(Some(20))));
        assert!(!SqlType::Varchar(Some(20)).widens_to(&SqlType::Varchar(Some(10))));
        assert!(SqlType::Varchar(Some(20)).widens_to(&SqlType::Text));
        assert!(SqlType::Integer.widens_to(&SqlType::BigInt));
        assert!(!SqlType::BigInt.widens_to(&SqlType::Integer));
        assert!(!SqlType::Text.widens_to(&SqlType::Uuid));
    }

    #[test]
    fn display_matches_format_type() {
        assert_eq!(
            SqlType::Varchar(Some(255)).to_string(),
            "character varying(255)"
        );
        assert_eq!(SqlType::TimestampTz.to_string(), "timestamp with time zone");
        assert_eq!(SqlType::Double.to_string(), "double precision");
        assert_eq!(
            SqlType::Array(Box::new(SqlType::Text)).to_string(),
            "text[]"
        );
        assert_eq!(SqlType::Numeric(Some((10, 2))).to_string(), "numeric(10,2)");
    }
}
