//! `types`: column type text, as sea-query, the engine or a person spell it, read as the
//! model's [`SqlType`] so type changes can be judged (widening, table rewrite).

use crate::model::SqlType;

/// `sql_type` reads a type: `varchar(255)` and `character varying(255)` alike, aliases such as
/// `int4`, `bool`, `timestamptz`, a schema qualification dropped. Unknown names are `Named`.
pub(super) fn sql_type(text: &str) -> SqlType {
    let text = text.trim().to_lowercase();
    if let Some(element) = text.strip_suffix("[]") {
        return SqlType::Array(Box::new(sql_type(element)));
    }
    let bare = match text.split_once('(') {
        // A qualification sits before any modifier: `public.ltree`, not `numeric(1.5)`.
        Some((head, _)) if head.contains('.') => &text[head.rfind('.').map_or(0, |i| i + 1)..],
        None if text.contains('.') => &text[text.rfind('.').map_or(0, |i| i + 1)..],
        _ => text.as_str(),
    };
    simple(bare)
        .or_else(|| sized(bare))
        .unwrap_or_else(|| SqlType::Named(bare.to_owned()))
}

/// `simple` maps the names without a modifier, aliases included.
fn simple(name: &str) -> Option<SqlType> {
    use SqlType::*;
    Some(match name {
        "smallint" | "int2" | "smallserial" | "serial2" => SmallInt,
        "integer" | "int" | "int4" | "serial" | "serial4" => Integer,
        "bigint" | "int8" | "bigserial" | "serial8" => BigInt,
        "real" | "float4" => Real,
        "double precision" | "float8" | "double" => Double,
        "numeric" | "decimal" => Numeric(None),
        "boolean" | "bool" => Boolean,
        "character" | "char" | "bpchar" => Char(None),
        "character varying" | "varchar" => Varchar(None),
        "text" => Text,
        "bytea" => Bytea,
        "uuid" => Uuid,
        "json" => Json,
        "jsonb" => Jsonb,
        "date" => Date,
        "time" | "time without time zone" => Time,
        "timestamp" | "timestamp without time zone" => Timestamp,
        "timestamptz" | "timestamp with time zone" => TimestampTz,
        "inet" => Inet,
        "cidr" => Cidr,
        "macaddr" => MacAddr,
        "ltree" => LTree,
        _ => return None,
    })
}

/// `sized` maps `numeric(p[,s])`, `char(n)` and `varchar(n)` in either spelling.
fn sized(name: &str) -> Option<SqlType> {
    let (base, args) = name.strip_suffix(')')?.split_once('(')?;
    let numbers: Vec<u32> = args
        .split(',')
        .map(|n| n.trim().parse().ok())
        .collect::<Option<_>>()?;
    match (base.trim(), numbers.as_slice()) {
        ("numeric" | "decimal", [p, s]) => Some(SqlType::Numeric(Some((*p, *s)))),
        ("numeric" | "decimal", [p]) => Some(SqlType::Numeric(Some((*p, 0)))),
        ("character" | "char" | "bpchar", [n]) => Some(SqlType::Char(Some(*n))),
        ("character varying" | "varchar", [n]) => Some(SqlType::Varchar(Some(*n))),
        _ => None,
    }
}

/// `rewrites_table` is true when changing a column from `from` to `to` makes PostgreSQL
/// rewrite the table: every change except to the same type and the binary-coercible widening
/// of strings (`varchar(n)` to `varchar(m ≥ n)`, unbounded `varchar` or `text`). An unknown
/// `from` counts as a rewrite.
pub(super) fn rewrites_table(from: Option<&SqlType>, to: &SqlType) -> bool {
    use SqlType::*;
    let Some(from) = from else {
        return true;
    };
    let free = match (from, to) {
        (a, b) if a == b => true,
        (Varchar(Some(a)), Varchar(Some(b))) => a <= b,
        (Varchar(_) | Text, Varchar(None) | Text) => true,
        _ => false,
    };
    !free
}

#[cfg(test)]
mod tests {
    use super::*;
    use SqlType::*;

    #[test]
    fn spellings() {
        assert_eq!(sql_type("varchar(255)"), Varchar(Some(255)));
        assert_eq!(sql_type("character varying(20)"), Varchar(Some(20)));
        assert_eq!(sql_type("timestamp with time zone"), TimestampTz);
        assert_eq!(sql_type("numeric(10,2)"), Numeric(Some((10, 2))));
        assert_eq!(sql_type("public.ltree"), LTree);
        assert_eq!(sql_type("INT4"), Integer);
        assert_eq!(sql_type("text[]"), Array(Box::new(Text)));
        assert_eq!(sql_type("user_type"), Named("user_type".into()));
    }

    #[test]
    fn rewrites() {
        assert!(!rewrites_table(
            Some(&Varchar(Some(10))),
            &Varchar(Some(20))
        ));
        assert!(!rewrites_table(Some(&Varchar(Some(10))), &Text));
        assert!(!rewrites_table(Some(&Text), &Text));
        assert!(rewrites_table(Some(&Varchar(Some(20))), &Varchar(Some(10))));
        assert!(rewrites_table(Some(&Integer), &BigInt));
        assert!(rewrites_table(None, &Text));
    }
}
