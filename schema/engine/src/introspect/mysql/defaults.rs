//! Column defaults: `COLUMNS.COLUMN_DEFAULT` (with `EXTRA`) to the model's [`DefaultValue`].
//!
//! The two servers report defaults differently. MariaDB (10.2.7 and later) reports SQL text:
//! a string literal quoted and escaped (`'it''s'`, `'a\nb'`), a number bare, an expression
//! as text (`current_timestamp()`, `uuid()`, `(1 + 2)`), and the word `NULL` for a nullable
//! column without a default. MySQL 8 reports a literal's bare value (`it's`), SQL NULL for
//! no default, and marks an expression default by `DEFAULT_GENERATED` in `EXTRA`.

use super::flavor::Flavor;
use crate::introspect::assemble::is_number;
use crate::model::{DefaultValue, SqlType};

/// `ColumnDefault` is what the catalog says about one column's default.
pub(super) struct ColumnDefault<'a> {
    pub reported: Option<&'a str>,
    pub extra: &'a str,
    pub ty: &'a SqlType,
}

/// `default_value` classifies a column's default: `AUTO_INCREMENT` first (it has no
/// `COLUMN_DEFAULT`), then no default, then literals and expressions as each server
/// reports them.
pub(super) fn default_value(flavor: Flavor, column: ColumnDefault<'_>) -> Option<DefaultValue> {
    if has_flag(column.extra, "auto_increment") {
        return Some(DefaultValue::AutoIncrement);
    }
    let reported = column.reported?.trim();
    match flavor {
        Flavor::MariaDb => mariadb_default(reported, column.ty),
        Flavor::MySql => Some(mysql_default(
            reported,
            has_flag(column.extra, "default_generated"),
            column.ty,
        )),
    }
}

/// `mariadb_default` reads MariaDB's SQL text of a default.
fn mariadb_default(reported: &str, ty: &SqlType) -> Option<DefaultValue> {
    if reported.eq_ignore_ascii_case("NULL") {
        return None;
    }
    if let Some(text) = unquote(reported) {
        return Some(DefaultValue::Text(text));
    }
    Some(literal_or_expr(reported, ty))
}

/// `mysql_default` reads MySQL 8's report: the expression text when `generated`, otherwise
/// the literal's bare value, which is a number or boolean only on a column of such a type.
fn mysql_default(reported: &str, generated: bool, ty: &SqlType) -> DefaultValue {
    if generated {
        return expression(reported);
    }
    match ty {
        SqlType::Boolean
        | SqlType::SmallInt
        | SqlType::Integer
        | SqlType::BigInt
        | SqlType::Real
        | SqlType::Double
        | SqlType::Numeric(_) => literal_or_expr(reported, ty),
        _ => DefaultValue::Text(reported.to_owned()),
    }
}

/// `literal_or_expr` is a bare number (a boolean on a `tinyint(1)` column) or an expression.
fn literal_or_expr(reported: &str, ty: &SqlType) -> DefaultValue {
    match (ty, reported) {
        (SqlType::Boolean, "0") => DefaultValue::Bool(false),
        (SqlType::Boolean, "1") => DefaultValue::Bool(true),
        _ if is_number(reported) => DefaultValue::Number(reported.to_owned()),
        _ => expression(reported),
    }
}

/// `expression` is an expression default; the current time, whichever way the server spells
/// it (`current_timestamp()`, `CURRENT_TIMESTAMP`), is `CURRENT_TIMESTAMP`.
fn expression(reported: &str) -> DefaultValue {
    let bare = reported.strip_suffix("()").unwrap_or(reported);
    if bare.eq_ignore_ascii_case("current_timestamp") {
        return DefaultValue::Expr("CURRENT_TIMESTAMP".into());
    }
    DefaultValue::Expr(reported.into())
}

/// `has_flag` is true when the `EXTRA` column names `flag` (`auto_increment`,
/// `DEFAULT_GENERATED on update CURRENT_TIMESTAMP`, …), in any case.
fn has_flag(extra: &str, flag: &str) -> bool {
    extra
        .split_whitespace()
        .any(|word| word.eq_ignore_ascii_case(flag))
}

/// `unquote` is the value of a whole single-quoted MariaDB string literal: `''` is a quote,
/// a backslash escapes the next character (`\n` a newline and so on). Anything that is not
/// exactly one literal is `None`.
fn unquote(reported: &str) -> Option<String> {
    let body = reported.strip_prefix('\'')?;
    let mut text = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.push(unescape(chars.next()?)),
            '\'' if chars.next_if_eq(&'\'').is_some() => text.push('\''),
            '\'' => return chars.next().is_none().then_some(text),
            c => text.push(c),
        }
    }
    None
}

/// `unescape` is the character a backslash sequence `\c` stands for in a MySQL string.
fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'b' => '\u{8}',
        'Z' => '\u{1a}',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DefaultValue::*;

    fn mariadb(reported: Option<&str>, extra: &str, ty: &SqlType) -> Option<DefaultValue> {
        default_value(
            Flavor::MariaDb,
            ColumnDefault {
                reported,
                extra,
                ty,
            },
        )
    }

    fn mysql(reported: Option<&str>, extra: &str, ty: &SqlType) -> Option<DefaultValue> {
        default_value(
            Flavor::MySql,
            ColumnDefault {
                reported,
                extra,
                ty,
            },
        )
    }

    #[test]
    fn mariadb_reports_sql_text() {
        let text = SqlType::Varchar(Some(10));
        assert_eq!(mariadb(Some("NULL"), "", &text), None);
        assert_eq!(mariadb(None, "", &text), None);
        assert_eq!(
            mariadb(Some("'NULL'"), "", &text),
            Some(Text("NULL".into()))
        );
        assert_eq!(mariadb(Some("'x''y'"), "", &text), Some(Text("x'y".into())));
        assert_eq!(
            mariadb(Some(r"'b\\c'"), "", &text),
            Some(Text(r"b\c".into()))
        );
        assert_eq!(
            mariadb(Some(r"'a\nb'"), "", &text),
            Some(Text("a\nb".into()))
        );
        assert_eq!(mariadb(Some("''"), "", &text), Some(Text(String::new())));
        assert_eq!(
            mariadb(Some("'current_timestamp()'"), "", &text),
            Some(Text("current_timestamp()".into()))
        );
        assert_eq!(mariadb(Some("1"), "", &SqlType::Boolean), Some(Bool(true)));
        assert_eq!(
            mariadb(Some("-0.50"), "", &SqlType::Numeric(Some((5, 2)))),
            Some(Number("-0.50".into()))
        );
        assert_eq!(
            mariadb(
                Some("current_timestamp()"),
                "on update current_timestamp()",
                &SqlType::Timestamp
            ),
            Some(Expr("CURRENT_TIMESTAMP".into()))
        );
        assert_eq!(
            mariadb(Some("(1 + 2)"), "", &SqlType::Integer),
            Some(Expr("(1 + 2)".into()))
        );
        assert_eq!(
            mariadb(
                Some("current_timestamp(3)"),
                "",
                &SqlType::Named("datetime(3)".into())
            ),
            Some(Expr("current_timestamp(3)".into()))
        );
        assert_eq!(
            mariadb(None, "auto_increment", &SqlType::BigInt),
            Some(AutoIncrement)
        );
    }

    #[test]
    fn mysql_reports_bare_values_and_flags_expressions() {
        let text = SqlType::Varchar(Some(10));
        assert_eq!(mysql(None, "", &text), None);
        assert_eq!(mysql(Some("NULL"), "", &text), Some(Text("NULL".into())));
        assert_eq!(mysql(Some("it's"), "", &text), Some(Text("it's".into())));
        assert_eq!(mysql(Some("5"), "", &text), Some(Text("5".into())));
        assert_eq!(mysql(Some("0"), "", &SqlType::Boolean), Some(Bool(false)));
        assert_eq!(
            mysql(Some("3"), "", &SqlType::Integer),
            Some(Number("3".into()))
        );
        assert_eq!(
            mysql(
                Some("CURRENT_TIMESTAMP"),
                "DEFAULT_GENERATED on update CURRENT_TIMESTAMP",
                &SqlType::Timestamp
            ),
            Some(Expr("CURRENT_TIMESTAMP".into()))
        );
        assert_eq!(
            mysql(Some("uuid()"), "DEFAULT_GENERATED", &text),
            Some(Expr("uuid()".into()))
        );
        assert_eq!(
            mysql(None, "auto_increment", &SqlType::Integer),
            Some(AutoIncrement)
        );
    }
}
