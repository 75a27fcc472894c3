//! Column types: `format_type()` text to the model's [`SqlType`].

use crate::model::SqlType;

/// `sql_type` maps a column's `format_type()` text to the model type. `enum_name` is the enum
/// type behind the column or its array elements (pg_type.typtype = 'e'), read from the catalog
/// rather than parsed, because `format_type` quotes and qualifies names as it sees fit.
pub(super) fn sql_type(formatted: &str, enum_name: Option<&str>) -> SqlType {
    // format_type prints one `[]` whatever the number of dimensions.
    if let Some(element) = formatted.strip_suffix("[]") {
        return SqlType::Array(Box::new(sql_type(element, enum_name)));
    }
    if let Some(name) = enum_name {
        return SqlType::Enum(name.to_owned());
    }
    // format_type qualifies a type that is not on the search path (`public.ltree` when the
    // connection's search path is another schema). Types are compared by bare name, so any
    // qualification is dropped, whichever schema it names.
    let bare = strip_schema(formatted);
    simple_type(bare)
        .or_else(|| sized_type(bare))
        .unwrap_or_else(|| SqlType::Named(bare.to_owned()))
}

/// `simple_type` maps the types without a modifier.
fn simple_type(name: &str) -> Option<SqlType> {
    Some(match name {
        "smallint" => SqlType::SmallInt,
        "integer" => SqlType::Integer,
        "bigint" => SqlType::BigInt,
        "real" => SqlType::Real,
        "double precision" => SqlType::Double,
        "numeric" => SqlType::Numeric(None),
        "boolean" => SqlType::Boolean,
        // `bpchar` is how format_type prints character without a length.
        "bpchar" => SqlType::Char(None),
        "character varying" => SqlType::Varchar(None),
        "text" => SqlType::Text,
        "bytea" => SqlType::Bytea,
        "uuid" => SqlType::Uuid,
        "json" => SqlType::Json,
        "jsonb" => SqlType::Jsonb,
        "date" => SqlType::Date,
        "time without time zone" => SqlType::Time,
        "timestamp without time zone" => SqlType::Timestamp,
        "timestamp with time zone" => SqlType::TimestampTz,
        "inet" => SqlType::Inet,
        "cidr" => SqlType::Cidr,
        "macaddr" => SqlType::MacAddr,
        "ltree" => SqlType::LTree,
        _ => return None,
    })
}

/// `sized_type` maps `numeric(p,s)`, `character(n)` and `character varying(n)`. Other
/// modifiers (e.g. `timestamp(3) with time zone`) have no model variant and stay `Named`.
fn sized_type(name: &str) -> Option<SqlType> {
    let (base, args) = name.strip_suffix(')')?.split_once('(')?;
    let numbers: Vec<u32> = args
        .split(',')
        .map(|n| n.trim().parse().ok())
        .collect::<Option<_>>()?;
    match (base, numbers.as_slice()) {
        ("numeric", [p, s]) => Some(SqlType::Numeric(Some((*p, *s)))),
        ("numeric", [p]) => Some(SqlType::Numeric(Some((*p, 0)))),
        ("character", [n]) => Some(SqlType::Char(Some(*n))),
        ("character varying", [n]) => Some(SqlType::Varchar(Some(*n))),
        _ => None,
    }
}

/// `strip_schema` drops a leading `schema.` (plain or `"quoted"`) from a type name.
pub(super) fn strip_schema(name: &str) -> &str {
    let end = if let Some(quoted) = name.strip_prefix('"') {
        // A doubled quote inside a quoted identifier is an escaped quote, not its end.
        let mut chars = quoted.char_indices().peekable();
        let mut close = None;
        while let Some((i, c)) = chars.next() {
            if c == '"' && chars.next_if(|(_, n)| *n == '"').is_none() {
                close = Some(i + 2);
                break;
            }
        }
        match close {
            Some(end) => end,
            None => return name,
        }
    } else {
        name.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(name.len())
    };
    match name[end..].strip_prefix('.') {
        Some(rest) if end > 0 => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_builtin_types() {
        assert_eq!(sql_type("integer", None), SqlType::Integer);
        assert_eq!(sql_type("double precision", None), SqlType::Double);
        assert_eq!(
            sql_type("timestamp with time zone", None),
            SqlType::TimestampTz
        );
        assert_eq!(sql_type("time without time zone", None), SqlType::Time);
        assert_eq!(sql_type("numeric", None), SqlType::Numeric(None));
        assert_eq!(
            sql_type("numeric(10,2)", None),
            SqlType::Numeric(Some((10, 2)))
        );
        assert_eq!(sql_type("character(3)", None), SqlType::Char(Some(3)));
        assert_eq!(sql_type("bpchar", None), SqlType::Char(None));
        assert_eq!(
            sql_type("character varying(255)", None),
            SqlType::Varchar(Some(255))
        );
        assert_eq!(sql_type("character varying", None), SqlType::Varchar(None));
        assert_eq!(sql_type("jsonb", None), SqlType::Jsonb);
    }

    #[test]
    fn strips_any_schema_qualification() {
        assert_eq!(sql_type("public.ltree", None), SqlType::LTree);
        assert_eq!(sql_type("ext.ltree", None), SqlType::LTree);
        assert_eq!(
            sql_type("\"my.schema\".hstore", None),
            SqlType::Named("hstore".into())
        );
        assert_eq!(strip_schema("\"a\"\"b\".t"), "t");
        assert_eq!(strip_schema("double precision"), "double precision");
        assert_eq!(strip_schema("\"Odd\""), "\"Odd\"");
    }

    #[test]
    fn maps_enums_arrays_and_others() {
        assert_eq!(
            sql_type("user_type", Some("user_type")),
            SqlType::Enum("user_type".into())
        );
        assert_eq!(
            sql_type("other.\"Mood\"[]", Some("Mood")),
            SqlType::Array(Box::new(SqlType::Enum("Mood".into())))
        );
        assert_eq!(
            sql_type("text[]", None),
            SqlType::Array(Box::new(SqlType::Text))
        );
        assert_eq!(
            sql_type("timestamp(3) with time zone", None),
            SqlType::Named("timestamp(3) with time zone".into())
        );
        assert_eq!(
            sql_type("tsvector", None),
            SqlType::Named("tsvector".into())
        );
    }
}
