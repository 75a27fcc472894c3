//! Column defaults: `pg_get_expr` text to the model's [`DefaultValue`].

use super::types::strip_schema;
use crate::introspect::assemble::is_number;
use crate::model::DefaultValue;

/// Numeric types whose negative constants PostgreSQL prints as `'-1'::integer`, so that the
/// text re-parses as one constant rather than a minus operator applied to one.
const NUMERIC_TYPES: &[&str] = &[
    "smallint",
    "integer",
    "bigint",
    "numeric",
    "real",
    "double precision",
];

/// `default_value` classifies the default `expr` of a column of type `column_type` (its
/// `format_type` text): booleans, numbers and string literals cast to the column's own type
/// (or to `text` / `character varying`) become literals; anything else stays an expression.
pub(super) fn default_value(expr: &str, column_type: &str) -> DefaultValue {
    let expr = expr.trim();
    match expr {
        "true" => return DefaultValue::Bool(true),
        "false" => return DefaultValue::Bool(false),
        _ if is_number(expr) => return DefaultValue::Number(expr.to_owned()),
        _ => {}
    }
    let Some((literal, cast)) = string_literal(expr) else {
        return DefaultValue::Expr(expr.into());
    };
    match cast {
        None => DefaultValue::Text(literal),
        Some(cast) if is_number(&literal) && NUMERIC_TYPES.contains(&base_type(cast).as_str()) => {
            DefaultValue::Number(literal)
        }
        Some(cast) if is_text_cast(cast, column_type) => DefaultValue::Text(literal),
        Some(_) => DefaultValue::Expr(expr.into()),
    }
}

/// `string_literal` splits `'text'` or `'text'::type` into the unescaped text and the cast.
/// An `E'…'` literal, or anything after the literal but a cast, is not a plain literal.
fn string_literal(expr: &str) -> Option<(String, Option<&str>)> {
    let body = expr.strip_prefix('\'')?;
    let mut text = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\'' {
            text.push(c);
        } else if chars.next_if(|(_, n)| *n == '\'').is_some() {
            text.push('\'');
        } else {
            let rest = &body[i + 1..];
            return match rest.strip_prefix("::") {
                None if rest.is_empty() => Some((text, None)),
                Some(cast) if is_type_name(cast) => Some((text, Some(cast))),
                _ => None,
            };
        }
    }
    None
}

/// `is_type_name` rejects a "cast" that is really the start of a longer expression
/// (`'a'::text || 'b'::text`, `'1'::integer + 1`).
fn is_type_name(text: &str) -> bool {
    !text.is_empty()
        && !text.contains("::")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " _$.\"[](),".contains(c))
}

/// `is_text_cast` is true when a string literal cast to `cast` is simply a value of the
/// column: the cast names the column's own type (length aside) or a plain string type.
fn is_text_cast(cast: &str, column_type: &str) -> bool {
    let cast = base_type(cast);
    cast == "text" || cast == "character varying" || cast == base_type(column_type)
}

/// `base_type` is a type name without schema qualification and modifiers, `bpchar` spelled
/// `character`: `character varying(255)` → `character varying`.
fn base_type(name: &str) -> String {
    let mut base = String::new();
    let mut depth = 0;
    for c in strip_schema(name.trim()).chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => base.push(c),
            _ => {}
        }
    }
    match base.as_str() {
        "bpchar" => "character".to_owned(),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DefaultValue::*;

    #[test]
    fn literals() {
        assert_eq!(default_value("true", "boolean"), Bool(true));
        assert_eq!(default_value("false", "boolean"), Bool(false));
        assert_eq!(default_value("0", "bigint"), Number("0".into()));
        assert_eq!(default_value("1.5", "numeric"), Number("1.5".into()));
        assert_eq!(default_value("-1", "integer"), Number("-1".into()));
        assert_eq!(
            default_value("'-1'::integer", "bigint"),
            Number("-1".into())
        );
        assert_eq!(
            default_value("'-2.5'::numeric", "numeric(5,2)"),
            Number("-2.5".into())
        );
    }

    #[test]
    fn strings_cast_to_the_column_type_or_text() {
        assert_eq!(
            default_value("'abc'::character varying", "character varying(255)"),
            Text("abc".into())
        );
        assert_eq!(
            default_value("'user'::user_type", "user_type"),
            Text("user".into())
        );
        assert_eq!(
            default_value("'user'::app.user_type", "app.user_type"),
            Text("user".into())
        );
        assert_eq!(default_value("'it''s'::text", "text"), Text("it's".into()));
        assert_eq!(
            default_value("'x'::bpchar", "character(1)"),
            Text("x".into())
        );
        assert_eq!(default_value("'{}'::text[]", "text[]"), Text("{}".into()));
        assert_eq!(default_value("'plain'", "text"), Text("plain".into()));
        assert_eq!(default_value("'-1'::text", "text"), Text("-1".into()));
    }

    #[test]
    fn everything_else_is_an_expression() {
        for (expr, ty) in [
            ("now()", "timestamp with time zone"),
            ("uuid_generate_v4()", "uuid"),
            ("nextval('user_unique_fs_number_seq'::regclass)", "bigint"),
            ("'2024-01-01'::date", "timestamp with time zone"),
            ("'a'::text || 'b'::text", "text"),
            ("E'a\\\\b'::text", "text"),
            ("NULL::character varying", "character varying(10)"),
            ("'unterminated", "text"),
            ("1 + 1", "integer"),
            ("-", "integer"),
        ] {
            assert_eq!(default_value(expr, ty), Expr(expr.into()), "{expr}");
        }
    }
}
