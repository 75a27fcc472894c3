//! `portable`: the parts of the model every backend has, and how a migration spells them.
//!
//! One table serves both the renderer (which writes the `ColumnDef` call into a migration) and
//! the backends that build statements at run time (SQLite's throw-away database), so what a
//! migration creates and what the engine expects it to create cannot drift apart.

use sea_query::{ColumnType, StringLen};

use crate::model::{Index, IndexMethod, SqlType};
use crate::sql::lexer::{Kind, Token, tokenize};

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

/// `portable_check` is the rule by which a CHECK's expression means the same to every backend
/// that has CHECKs (PostgreSQL, MySQL 8.0.16+, MariaDB 10.2.1+), so a migration can send it
/// as written: column names, numeric and plain string literals, parentheses, commas,
/// comparisons (`= <> != < > <= >=`), `AND`/`OR`/`NOT`, `IS [NOT] NULL`, `[NOT] IN (…)`,
/// `[NOT] BETWEEN … AND …` and `+ - * /`. Anything else (casts `::`, regular expressions `~`,
/// function calls, quoted names, which MySQL reads as strings, `||`, which it reads as OR)
/// is PostgreSQL SQL.
pub fn portable_check(expr: &str) -> bool {
    let tokens = tokenize(expr);
    let mut reader = CheckReader {
        tokens: &tokens,
        text: expr,
        at: 0,
    };
    !tokens.is_empty() && reader.condition() && reader.at == tokens.len()
}

/// `NOT_A_COLUMN` are words that read as something other than a column name where a value
/// stands: keywords of the rule, and keywords whose meaning differs between backends.
const NOT_A_COLUMN: &[&str] = &[
    "and",
    "or",
    "not",
    "is",
    "null",
    "in",
    "between",
    "like",
    "ilike",
    "similar",
    "regexp",
    "rlike",
    "case",
    "when",
    "then",
    "else",
    "end",
    "cast",
    "collate",
    "escape",
    "interval",
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
    "current_user",
    "session_user",
    "user",
    "array",
    "row",
    "exists",
    "any",
    "all",
    "some",
    "distinct",
    "true",
    "false",
    "unknown",
    "div",
    "mod",
    "xor",
    "binary",
];

/// `CheckReader` reads a CHECK expression by the rule's grammar; every method is true when
/// what follows is that part of the grammar (and moves past it).
struct CheckReader<'a> {
    tokens: &'a [Token],
    text: &'a str,
    at: usize,
}

impl CheckReader<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is(word));
        self.at += usize::from(found);
        found
    }

    fn eat_punct(&mut self, c: char) -> bool {
        let found = self.peek().is_some_and(|t| t.is_punct(c));
        self.at += usize::from(found);
        found
    }

    fn eat_op(&mut self, ops: &[&str]) -> bool {
        let found = self.peek().is_some_and(|t| match &t.kind {
            Kind::Punct(c) => ops.iter().any(|o| o.len() == 1 && o.starts_with(*c)),
            Kind::Op(op) => ops.contains(&op.as_str()),
            _ => false,
        });
        self.at += usize::from(found);
        found
    }

    /// condition: conjunction (OR conjunction)*
    fn condition(&mut self) -> bool {
        self.conjunction() && (!self.eat_word("or") || self.condition())
    }

    /// conjunction: negation (AND negation)*
    fn conjunction(&mut self) -> bool {
        self.negation() && (!self.eat_word("and") || self.conjunction())
    }

    /// negation: NOT negation | predicate
    fn negation(&mut self) -> bool {
        if self.eat_word("not") {
            return self.negation();
        }
        self.predicate()
    }

    /// predicate: sum [comparison sum | IS [NOT] NULL | [NOT] IN (sum, …) | [NOT] BETWEEN
    /// sum AND sum]
    fn predicate(&mut self) -> bool {
        if !self.sum() {
            return false;
        }
        if self.eat_op(&["=", "<>", "!=", "<", ">", "<=", ">="]) {
            return self.sum();
        }
        if self.eat_word("is") {
            self.eat_word("not");
            return self.eat_word("null");
        }
        let negated = self.eat_word("not");
        if self.eat_word("in") {
            return self.eat_punct('(') && self.list() && self.eat_punct(')');
        }
        if self.eat_word("between") {
            return self.sum() && self.eat_word("and") && self.sum();
        }
        !negated
    }

    /// list: sum (, sum)*
    fn list(&mut self) -> bool {
        self.sum() && (!self.eat_punct(',') || self.list())
    }

    /// sum: product ((+|-) product)*
    fn sum(&mut self) -> bool {
        self.product() && (!self.eat_op(&["+", "-"]) || self.sum())
    }

    /// product: value ((*|/) value)*
    fn product(&mut self) -> bool {
        self.value() && (!self.eat_op(&["*", "/"]) || self.product())
    }

    /// value: (+|-) value | number | 'string' | column | ( condition )
    fn value(&mut self) -> bool {
        if self.eat_op(&["+", "-"]) {
            return self.value();
        }
        if self.eat_punct('(') {
            return self.condition() && self.eat_punct(')');
        }
        let Some(token) = self.peek() else {
            return false;
        };
        let raw = &self.text[token.start..token.end];
        let fits = match &token.kind {
            // Digits only: `0x1F` or `1_000` are read differently by different servers.
            Kind::Number(n) => n
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')),
            // A plain '…' string without backslashes, which MySQL reads as escapes.
            Kind::Str(_) => raw.starts_with('\'') && !raw.contains('\\'),
            Kind::Word(w) => !NOT_A_COLUMN.contains(&w.as_str()),
            _ => false,
        };
        self.at += usize::from(fits);
        // A column followed by `(` is a function call.
        fits && !self.peek().is_some_and(|t| t.is_punct('('))
    }
}

#[cfg(test)]
mod tests {
    use super::portable_check;

    #[test]
    fn plain_comparisons_and_logic_are_portable() {
        for expr in [
            "price > 0",
            "(stock < 100000)",
            "((stock = 0) OR (price > 0))",
            "a <> b AND NOT c != 1",
            "a <= -1.5 and b >= 2e3",
            "status IN ('new', 'done')",
            "status NOT IN ('it''s')",
            "n BETWEEN 1 AND 10 OR n NOT BETWEEN 20 AND 30",
            "note IS NULL OR note IS NOT NULL",
            "(a + b) * 2 / c - 1 < 100",
        ] {
            assert!(portable_check(expr), "{expr}");
        }
    }

    #[test]
    fn postgres_sql_is_not_portable() {
        for expr in [
            "(price >= (0)::numeric)",
            "sku ~ '^[A-Z]+-\\d+$'",
            "length(name) > 0",
            "lower(code) = code",
            "\"price\" > 0",
            "a || b = 'x'",
            "name LIKE 'a%'",
            "a % 2 = 0",
            "flag = true",
            "created < current_date",
            "x = E'a\\nb'",
            "x = 'a\\b'",
            "x = 0x1F",
            "a > 0 b",
            "a >",
            "",
            "a IN ()",
            "a BETWEEN 1",
        ] {
            assert!(!portable_check(expr), "{expr}");
        }
    }
}
