//! Declared column types to the model's [`SqlType`].
//!
//! SQLite keeps a column's declared type as text and gives it only an affinity. What it
//! reports (`pragma_table_xinfo.type`) is the text as written, except that the six names it
//! knows itself (`INT`, `INTEGER`, `REAL`, `TEXT`, `BLOB`, `ANY`) come back upper-cased.
//! The table below reads back what sea-query's SQLite backend writes for each `ColumnType`
//! (and the dialect's `text` for PostgreSQL-only types), and also the usual hand-written
//! spellings. Case and white space do not matter.
//!
//! | declared type                                    | `SqlType`       | sea-query writes it for          |
//! |--------------------------------------------------|-----------------|----------------------------------|
//! | `integer`, `int`, `mediumint`                    | `Integer`       | Integer, BigInteger, (Big)Unsigned |
//! | `bigint`, `int8`                                 | `BigInt`        | (hand-written only)              |
//! | `smallint`, `int2`, `tinyint`                    | `SmallInt`      | SmallInteger, TinyInteger        |
//! | `float`, `real`, `float4`                        | `Real`          | Float                            |
//! | `double`, `double precision`, `float8`           | `Double`        | Double                           |
//! | `real(p, s)`, `numeric(p, s)`, `decimal(p, s)`   | `Numeric(p, s)` | Decimal(Some((p, s)))            |
//! | `real_decimal`, `numeric`, `decimal`             | `Numeric`       | Decimal(None)                    |
//! | `boolean`, `bool`                                | `Boolean`       | Boolean                          |
//! | `char(n)`, `character(n)`, `char`                | `Char`          | Char                             |
//! | `varchar(n)`, `character varying(n)`, `varchar`  | `Varchar`       | String(N(n)), String(None)       |
//! | `text`, `clob`, `enum_text`                      | `Text`          | Text; the dialect's native types (enums, `ltree`, `inet`) on SQLite; Enum |
//! | `blob`, `blob(n)`, `varbinary_blob[(n)]`, `bytea`| `Bytea`         | Blob, Binary(n), VarBinary       |
//! | `uuid_text`, `uuid`                              | `Uuid`          | Uuid                             |
//! | `json_text`, `json`                              | `Json`          | Json                             |
//! | `jsonb_text`, `jsonb`                            | `Jsonb`         | JsonBinary                       |
//! | `date_text`, `date`                              | `Date`          | Date                             |
//! | `time_text`, `time`                              | `Time`          | Time                             |
//! | `timestamp_text`, `datetime_text`, `timestamp`, `datetime` | `Timestamp` | Timestamp, DateTime      |
//! | `timestamp_with_timezone_text`, `timestamptz`, `timestamp with time zone` | `TimestampTz` | TimestampWithTimeZone |
//! | `inet`, `cidr`, `macaddr`, `ltree`               | the same type   | Custom(name) written verbatim    |
//! | anything else (also no type at all)              | `Named(declared)` | Custom, Money (`real_money`) … |
//!
//! Some distinctions are gone once SQLite holds the table, so a type read here is the type a
//! desired schema reads as after a round trip through SQLite, not necessarily the entity's:
//! `BigInteger` is `integer` (read `Integer`), an enum or `ltree` the dialect maps is `text`
//! (read `Text`), and sea-query's `enum_text` has lost the enum's name (read `Text`). Every
//! row maps to one type, and that type's own SQLite spelling maps back to it, so reading a
//! schema, writing it to SQLite and reading it again gives the same types.

use crate::model::SqlType;

/// `sql_type` maps a declared type (as `pragma_table_xinfo` reports it) to the model.
pub(super) fn sql_type(declared: &str) -> SqlType {
    let (base, args) = split(declared);
    let base = base.as_str();
    let two = |args: &[u32]| match args {
        [p, s] => Some((*p, *s)),
        [p] => Some((*p, 0)),
        _ => None,
    };
    match (base, args.as_slice()) {
        ("integer" | "int" | "mediumint", []) => SqlType::Integer,
        ("bigint" | "int8", []) => SqlType::BigInt,
        ("smallint" | "int2" | "tinyint", []) => SqlType::SmallInt,
        ("float" | "real" | "float4", []) => SqlType::Real,
        ("double" | "double precision" | "float8", []) => SqlType::Double,
        ("real_decimal" | "numeric" | "decimal", []) => SqlType::Numeric(None),
        ("real" | "numeric" | "decimal", a @ ([_] | [_, _])) => SqlType::Numeric(two(a)),
        ("boolean" | "bool", []) => SqlType::Boolean,
        ("char" | "character", []) => SqlType::Char(None),
        ("char" | "character", [n]) => SqlType::Char(Some(*n)),
        ("varchar" | "character varying", []) => SqlType::Varchar(None),
        ("varchar" | "character varying", [n]) => SqlType::Varchar(Some(*n)),
        ("text" | "clob" | "enum_text", []) => SqlType::Text,
        ("blob" | "varbinary_blob" | "bytea", [] | [_]) => SqlType::Bytea,
        ("uuid_text" | "uuid", []) => SqlType::Uuid,
        ("json_text" | "json", []) => SqlType::Json,
        ("jsonb_text" | "jsonb", []) => SqlType::Jsonb,
        ("date_text" | "date", []) => SqlType::Date,
        ("time_text" | "time" | "time without time zone", []) => SqlType::Time,
        (
            "timestamp_text"
            | "datetime_text"
            | "timestamp"
            | "datetime"
            | "timestamp without time zone",
            [],
        ) => SqlType::Timestamp,
        ("timestamp_with_timezone_text" | "timestamptz" | "timestamp with time zone", []) => {
            SqlType::TimestampTz
        }
        ("inet", []) => SqlType::Inet,
        ("cidr", []) => SqlType::Cidr,
        ("macaddr", []) => SqlType::MacAddr,
        ("ltree", []) => SqlType::LTree,
        _ => SqlType::Named(declared.to_owned()),
    }
}

/// `split` is the declared type's name (lower case, words separated by one space) and its
/// numeric arguments; a type whose arguments are not all numbers has none.
fn split(declared: &str) -> (String, Vec<u32>) {
    let (name, args) = match declared.split_once('(') {
        Some((name, rest)) => (name, rest.trim_end().strip_suffix(')')),
        None => (declared, None),
    };
    let name = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let args = match args {
        Some(args) => match args
            .split(',')
            .map(|a| a.trim().parse::<u32>())
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(args) => args,
            // `foo(x)`: not a type of the table; keeps its whole text as a name.
            Err(_) => return (declared.to_owned(), Vec::new()),
        },
        None if declared.contains('(') => return (declared.to_owned(), Vec::new()),
        None => Vec::new(),
    };
    (name, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_sea_query_writes_for_sqlite() {
        let cases = [
            ("INTEGER", SqlType::Integer),
            ("integer", SqlType::Integer),
            ("smallint", SqlType::SmallInt),
            ("tinyint", SqlType::SmallInt),
            ("TEXT", SqlType::Text),
            ("varchar(255)", SqlType::Varchar(Some(255))),
            ("varchar", SqlType::Varchar(None)),
            ("char(3)", SqlType::Char(Some(3))),
            ("char", SqlType::Char(None)),
            ("boolean", SqlType::Boolean),
            ("uuid_text", SqlType::Uuid),
            ("json_text", SqlType::Json),
            ("jsonb_text", SqlType::Jsonb),
            ("timestamp_with_timezone_text", SqlType::TimestampTz),
            ("timestamp_text", SqlType::Timestamp),
            ("datetime_text", SqlType::Timestamp),
            ("date_text", SqlType::Date),
            ("time_text", SqlType::Time),
            ("real(10, 2)", SqlType::Numeric(Some((10, 2)))),
            ("real_decimal", SqlType::Numeric(None)),
            ("float", SqlType::Real),
            ("double", SqlType::Double),
            ("blob(16)", SqlType::Bytea),
            ("BLOB", SqlType::Bytea),
            ("varbinary_blob(8)", SqlType::Bytea),
            ("enum_text", SqlType::Text),
            ("ltree", SqlType::LTree),
        ];
        for (declared, expected) in cases {
            assert_eq!(sql_type(declared), expected, "{declared}");
        }
    }

    #[test]
    fn hand_written_spellings() {
        assert_eq!(sql_type("INT"), SqlType::Integer);
        assert_eq!(sql_type("BigInt"), SqlType::BigInt);
        assert_eq!(sql_type("REAL"), SqlType::Real);
        assert_eq!(sql_type("Double  Precision"), SqlType::Double);
        assert_eq!(sql_type("NUMERIC(8)"), SqlType::Numeric(Some((8, 0))));
        assert_eq!(
            sql_type("decimal( 12 ,4 )"),
            SqlType::Numeric(Some((12, 4)))
        );
        assert_eq!(
            sql_type("character varying(20)"),
            SqlType::Varchar(Some(20))
        );
        assert_eq!(sql_type("timestamp with time zone"), SqlType::TimestampTz);
    }

    #[test]
    fn unknown_types_keep_their_declared_text() {
        assert_eq!(
            sql_type("real_money(19, 4)"),
            SqlType::Named("real_money(19, 4)".into())
        );
        assert_eq!(sql_type("geometry"), SqlType::Named("geometry".into()));
        assert_eq!(sql_type("varchar(x)"), SqlType::Named("varchar(x)".into()));
        assert_eq!(
            sql_type("varchar(1, 2)"),
            SqlType::Named("varchar(1, 2)".into())
        );
        assert_eq!(sql_type(""), SqlType::Named(String::new()));
    }

    #[test]
    fn every_type_reads_back_from_its_own_spelling() {
        // What a desired type is written as on SQLite (sea-query, or `text` for native
        // types), read, written again by its model spelling and read once more: stable.
        for declared in [
            "integer",
            "smallint",
            "float",
            "double",
            "real(10, 2)",
            "real_decimal",
            "boolean",
            "char(2)",
            "varchar(9)",
            "varchar",
            "text",
            "blob",
            "uuid_text",
            "json_text",
            "jsonb_text",
            "date_text",
            "time_text",
            "timestamp_text",
            "timestamp_with_timezone_text",
        ] {
            let once = sql_type(declared);
            assert_eq!(sql_type(&once.to_string()), once, "{declared} -> {once}");
        }
    }
}
