//! Column defaults: `pragma_table_xinfo.dflt_value` text to the model's [`DefaultValue`].
//!
//! SQLite reports a default as the text of its expression as written, without the one pair
//! of parentheses `DEFAULT (…)` needs: `DEFAULT (CURRENT_TIMESTAMP)` reads `CURRENT_TIMESTAMP`,
//! `DEFAULT 'x'` reads `'x'`, `DEFAULT FALSE` reads `FALSE`.

use crate::model::{DefaultValue, SqlType};
use crate::sql::lexer::{Kind, tokenize};

/// `default_value` classifies the default `text` of a column of type `ty`: `NULL` is no
/// default; `TRUE`/`FALSE` (and `1`/`0` on a boolean column, which is how SQLite stores
/// booleans) are booleans; a signed number is a number (kept as written, without a `+`); a
/// single-quoted string is text; anything else (also a blob `X'…'` or a double-quoted word)
/// is an expression, kept as written, without parentheses around the whole.
pub(super) fn default_value(text: &str, ty: &SqlType) -> Option<DefaultValue> {
    let text = strip_parens(text.trim());
    let tokens = tokenize(text);
    let raw = |i: usize| &text[tokens[i].start..tokens[i].end];
    let number = match tokens.as_slice() {
        [t] if t.is("null") => return None,
        [t] if t.is("true") => return Some(DefaultValue::Bool(true)),
        [t] if t.is("false") => return Some(DefaultValue::Bool(false)),
        [t] if matches!(t.kind, Kind::Str(_)) && raw(0).starts_with('\'') => {
            let Kind::Str(value) = &t.kind else {
                unreachable!()
            };
            return Some(DefaultValue::Text(value.clone()));
        }
        [t] if matches!(t.kind, Kind::Number(_)) => raw(0).to_owned(),
        [sign, t] if matches!(t.kind, Kind::Number(_)) && sign.is_punct('-') => {
            format!("-{}", raw(1))
        }
        [sign, t] if matches!(t.kind, Kind::Number(_)) && sign.is_punct('+') => raw(1).to_owned(),
        _ => return Some(DefaultValue::Expr(text.into())),
    };
    match (ty, number.as_str()) {
        (SqlType::Boolean, "1") => Some(DefaultValue::Bool(true)),
        (SqlType::Boolean, "0") => Some(DefaultValue::Bool(false)),
        _ => Some(DefaultValue::Number(number)),
    }
}

/// `strip_parens` is `text` without the parentheses around the whole (`((3))` is `3`;
/// `(1) + (2)` keeps them).
fn strip_parens(mut text: &str) -> &str {
    loop {
        let tokens = tokenize(text);
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return text;
        };
        if !first.is_punct('(') || !last.is_punct(')') {
            return text;
        }
        let mut depth = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            if t.is_punct('(') {
                depth += 1;
            } else if t.is_punct(')') {
                depth -= 1;
                if depth == 0 && i + 1 < tokens.len() {
                    return text;
                }
            }
        }
        text = text[first.end..last.start].trim();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<DefaultValue> {
        default_value(text, &SqlType::Integer)
    }

    #[test]
    fn literals() {
        assert_eq!(read("NULL"), None);
        assert_eq!(read("null"), None);
        assert_eq!(read("FALSE"), Some(DefaultValue::Bool(false)));
        assert_eq!(read("true"), Some(DefaultValue::Bool(true)));
        assert_eq!(read("0"), Some(DefaultValue::Number("0".into())));
        assert_eq!(read("-1"), Some(DefaultValue::Number("-1".into())));
        assert_eq!(read("+1.5"), Some(DefaultValue::Number("1.5".into())));
        assert_eq!(read("(3)"), Some(DefaultValue::Number("3".into())));
        assert_eq!(read("0x1F"), Some(DefaultValue::Number("0x1F".into())));
        assert_eq!(read("'fixed'"), Some(DefaultValue::Text("fixed".into())));
        assert_eq!(read("'it''s'"), Some(DefaultValue::Text("it's".into())));
        assert_eq!(read("''"), Some(DefaultValue::Text(String::new())));
    }

    #[test]
    fn booleans_stored_as_numbers() {
        let boolean = |t| default_value(t, &SqlType::Boolean);
        assert_eq!(boolean("0"), Some(DefaultValue::Bool(false)));
        assert_eq!(boolean("1"), Some(DefaultValue::Bool(true)));
        assert_eq!(boolean("2"), Some(DefaultValue::Number("2".into())));
    }

    #[test]
    fn expressions_are_kept_as_written() {
        let expr = |t: &str| Some(DefaultValue::Expr(t.into()));
        assert_eq!(read("CURRENT_TIMESTAMP"), expr("CURRENT_TIMESTAMP"));
        assert_eq!(read("(1+2)"), expr("1+2"));
        assert_eq!(read("(1) + (2)"), expr("(1) + (2)"));
        assert_eq!(read("lower('A')"), expr("lower('A')"));
        assert_eq!(read("x'00'"), expr("x'00'"));
        assert_eq!(read("\"dq\""), expr("\"dq\""));
        assert_eq!(read("'a' || 'b'"), expr("'a' || 'b'"));
    }
}
