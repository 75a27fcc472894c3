//! Column types: `COLUMNS.DATA_TYPE` and `COLUMN_TYPE` to the model's [`SqlType`], and back
//! for enums.
//!
//! Only the exact spellings a portable type has on MySQL/MariaDB map to a model variant; any
//! other column (unsigned, zerofill, a fractional-seconds precision, `mediumint`, `year`,
//! `datetime`, …) keeps its `COLUMN_TYPE` text as `SqlType::Named`, so nothing is lost and
//! no type is an error.

use crate::model::SqlType;

/// `sql_type` maps a column's `DATA_TYPE` (the bare type name) and `COLUMN_TYPE` (the full
/// type, e.g. `int(11) unsigned`, `enum('a','b')`). MariaDB's JSON alias (`longtext` with a
/// `json_valid` CHECK) reads as `Text` here; its CHECK turns it into `Json` later.
pub(super) fn sql_type(data_type: &str, column_type: &str) -> SqlType {
    let data_type = data_type.to_ascii_lowercase();
    let named = || SqlType::Named(column_type.to_owned());
    // An enum keeps its labels exactly as the server reports them, case and quoting included.
    if data_type == "enum" {
        return named();
    }
    let args = type_args(&column_type.to_ascii_lowercase(), &data_type);
    match (data_type.as_str(), args.as_deref()) {
        // MySQL 8.0.19+ prints integer types without display width, but keeps tinyint(1).
        ("tinyint", Some([1])) => SqlType::Boolean,
        ("smallint", Some([] | [_])) => SqlType::SmallInt,
        ("int", Some([] | [_])) => SqlType::Integer,
        ("bigint", Some([] | [_])) => SqlType::BigInt,
        ("float", Some([])) => SqlType::Real,
        ("double", Some([])) => SqlType::Double,
        ("decimal", Some([p, s])) => SqlType::Numeric(Some((*p, *s))),
        ("char", Some([n])) => SqlType::Char(Some(*n)),
        ("varchar", Some([n])) => SqlType::Varchar(Some(*n)),
        ("tinytext" | "text" | "mediumtext" | "longtext", Some([])) => SqlType::Text,
        ("tinyblob" | "blob" | "mediumblob" | "longblob", Some([])) => SqlType::Bytea,
        // sea-query writes `ColumnType::Uuid` as `binary(16)` on MySQL.
        ("binary", Some([16])) => SqlType::Uuid,
        ("json", Some([])) => SqlType::Json,
        ("date", Some([])) => SqlType::Date,
        ("time", Some([])) => SqlType::Time,
        ("timestamp", Some([])) => SqlType::Timestamp,
        _ => named(),
    }
}

/// `type_args` is the numeric arguments of `column_type` when it is exactly `data_type` or
/// `data_type(n[,m])` with nothing after (no `unsigned`, `zerofill`); otherwise `None`.
fn type_args(column_type: &str, data_type: &str) -> Option<Vec<u32>> {
    let rest = column_type.strip_prefix(data_type)?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    rest.strip_prefix('(')?
        .strip_suffix(')')?
        .split(',')
        .map(|n| n.trim().parse().ok())
        .collect()
}

/// `enum_column_type` is the `COLUMN_TYPE` MySQL and MariaDB report for an `ENUM` with
/// `labels`: `enum('a','b')`, lower case, no space after the commas, a quote in a label
/// doubled and a backslash doubled. Comparing a desired enum column with a live one compares
/// this text with the live `SqlType::Named`.
pub fn enum_column_type(labels: &[String]) -> SqlType {
    let quoted: Vec<String> = labels
        .iter()
        .map(|label| format!("'{}'", label.replace('\\', "\\\\").replace('\'', "''")))
        .collect();
    SqlType::Named(format!("enum({})", quoted.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_portable_spellings() {
        assert_eq!(sql_type("tinyint", "tinyint(1)"), SqlType::Boolean);
        assert_eq!(sql_type("smallint", "smallint(6)"), SqlType::SmallInt);
        assert_eq!(sql_type("int", "int(11)"), SqlType::Integer);
        assert_eq!(sql_type("int", "int"), SqlType::Integer);
        assert_eq!(sql_type("bigint", "bigint(20)"), SqlType::BigInt);
        assert_eq!(sql_type("float", "float"), SqlType::Real);
        assert_eq!(sql_type("double", "double"), SqlType::Double);
        assert_eq!(
            sql_type("decimal", "decimal(10,2)"),
            SqlType::Numeric(Some((10, 2)))
        );
        assert_eq!(sql_type("char", "char(3)"), SqlType::Char(Some(3)));
        assert_eq!(
            sql_type("varchar", "varchar(255)"),
            SqlType::Varchar(Some(255))
        );
        assert_eq!(sql_type("mediumtext", "mediumtext"), SqlType::Text);
        assert_eq!(sql_type("longblob", "longblob"), SqlType::Bytea);
        assert_eq!(sql_type("binary", "binary(16)"), SqlType::Uuid);
        assert_eq!(sql_type("json", "json"), SqlType::Json);
        assert_eq!(sql_type("timestamp", "timestamp"), SqlType::Timestamp);
        assert_eq!(sql_type("time", "time"), SqlType::Time);
        assert_eq!(sql_type("date", "date"), SqlType::Date);
    }

    #[test]
    fn anything_else_keeps_its_column_type() {
        for (data_type, column_type) in [
            ("int", "int(10) unsigned"),
            ("tinyint", "tinyint(4)"),
            ("bigint", "bigint(20) unsigned zerofill"),
            ("binary", "binary(8)"),
            ("datetime", "datetime"),
            ("datetime", "datetime(6)"),
            ("timestamp", "timestamp(3)"),
            ("mediumint", "mediumint(9)"),
            ("enum", "enum('A','it''s')"),
            ("geometry", "geometry"),
        ] {
            assert_eq!(
                sql_type(data_type, column_type),
                SqlType::Named(column_type.into())
            );
        }
    }

    #[test]
    fn enum_labels_are_quoted_as_the_server_reports_them() {
        let labels = ["a", "it's", "b\\c"].map(String::from);
        assert_eq!(
            enum_column_type(&labels),
            SqlType::Named(r"enum('a','it''s','b\\c')".into())
        );
    }
}
