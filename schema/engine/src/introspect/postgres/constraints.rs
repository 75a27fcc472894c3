//! Primary keys, UNIQUE constraints, foreign keys and CHECKs, all tables in one query.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::{Catalog, json};
use crate::introspect::assemble::table_mut;
use crate::model::{Check, FkAction, ForeignKey, PrimaryKey, Table, UniqueConstraint};

const CONSTRAINTS_SQL: &str = include_str!("constraints.sql");

/// `add_constraints` reads every constraint of the schema and attaches it to its table (rows
/// are sorted by table and name, so each table's lists come out sorted by name).
pub(super) async fn add_constraints<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    for row in catalog.schema_rows(CONSTRAINTS_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        // Constraints of a left-out table (migration tracking) are left out with it.
        let Some(table) = table_mut(tables, &table_name) else {
            continue;
        };
        add_constraint(table, &row)?;
    }
    Ok(())
}

/// `add_constraint` adds one constraint row (contype p, u, f or c) to `table`.
fn add_constraint(table: &mut Table, row: &QueryResult) -> Result<(), DbErr> {
    let name: String = row.try_get("", "name")?;
    let kind: String = row.try_get("", "kind")?;
    let columns_json: String = row.try_get("", "columns")?;
    let columns: Vec<String> = json(&columns_json, "constraint columns")?;
    match kind.as_str() {
        "p" => table.primary_key = Some(PrimaryKey { name, columns }),
        "u" => table.uniques.push(UniqueConstraint { name, columns }),
        "f" => table.foreign_keys.push(foreign_key(name, columns, row)?),
        "c" => {
            let definition: String = row.try_get("", "definition")?;
            let expr = check_expr(&definition);
            table.checks.push(Check {
                name,
                expr: expr.into(),
            });
        }
        other => {
            return Err(DbErr::Custom(format!(
                "introspection: unexpected constraint type {other:?} of \"{name}\""
            )));
        }
    }
    Ok(())
}

/// `foreign_key` reads the referencing side of a foreign key row. A table in another schema
/// is named without its schema: cross-schema references are out of the model's scope.
fn foreign_key(name: String, columns: Vec<String>, row: &QueryResult) -> Result<ForeignKey, DbErr> {
    let ref_columns: String = row.try_get("", "ref_columns")?;
    let on_delete: String = row.try_get("", "on_delete")?;
    let on_update: String = row.try_get("", "on_update")?;
    Ok(ForeignKey {
        ref_table: row.try_get("", "ref_table")?,
        ref_columns: json(&ref_columns, "foreign key columns")?,
        on_delete: fk_action(&on_delete, &name)?,
        on_update: fk_action(&on_update, &name)?,
        name,
        columns,
    })
}

/// `fk_action` maps `confdeltype` / `confupdtype`.
fn fk_action(code: &str, constraint: &str) -> Result<FkAction, DbErr> {
    Ok(match code {
        "a" => FkAction::NoAction,
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        other => {
            return Err(DbErr::Custom(format!(
                "introspection: unknown referential action {other:?} of \"{constraint}\""
            )));
        }
    })
}

/// `check_expr` is the expression of a `pg_get_constraintdef` CHECK: `CHECK (expr)` minus the
/// outer `CHECK ( )`, the inner text kept exactly. The ` NO INHERIT` and ` NOT VALID` flags
/// PostgreSQL appends are dropped: the model has no place for them (a NOT VALID check reads
/// as a valid one). Text of any other shape is kept whole.
fn check_expr(definition: &str) -> String {
    let flags_off = definition.strip_suffix(" NOT VALID").unwrap_or(definition);
    let flags_off = flags_off.strip_suffix(" NO INHERIT").unwrap_or(flags_off);
    flags_off
        .strip_prefix("CHECK ")
        .and_then(strip_outer_parens)
        .unwrap_or(definition)
        .to_owned()
}

/// `strip_outer_parens` removes one pair of parentheses around the whole of `text`, if the
/// first `(` is closed by the last `)` (not so in `(a) + (b)`). Quoted text is skipped.
pub(super) fn strip_outer_parens(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(')?.strip_suffix(')')?;
    let mut depth = 0usize;
    let mut quote = None;
    for c in inner.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.checked_sub(1)?,
            (None, _) => {}
        }
    }
    (depth == 0 && quote.is_none()).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_expr_keeps_the_inner_text() {
        assert_eq!(
            check_expr("CHECK (((NOT builtin) OR ((id)::text ~ '^_'::text)))"),
            "((NOT builtin) OR ((id)::text ~ '^_'::text))"
        );
        assert_eq!(check_expr("CHECK ((price > 0))"), "(price > 0)");
        assert_eq!(
            check_expr("CHECK (ctutor_valid_slug(slug))"),
            "ctutor_valid_slug(slug)"
        );
        assert_eq!(check_expr("CHECK ((a > 0)) NOT VALID"), "(a > 0)");
        assert_eq!(
            check_expr("CHECK ((a > 0)) NO INHERIT NOT VALID"),
            "(a > 0)"
        );
        assert_eq!(check_expr("CHECK ((a = ')'::text))"), "(a = ')'::text)");
    }

    #[test]
    fn outer_parens_only_when_they_enclose_everything() {
        assert_eq!(strip_outer_parens("(lower(name))"), Some("lower(name)"));
        assert_eq!(strip_outer_parens("(a + b)"), Some("a + b"));
        assert_eq!(strip_outer_parens("(a) + (b)"), None);
        assert_eq!(strip_outer_parens("lower(name)"), None);
        assert_eq!(strip_outer_parens("('(' || a)"), Some("'(' || a"));
    }
}
