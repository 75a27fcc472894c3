//! Keys, constraints and indexes of the desired schema, each with an explicit name.

use schema_ddl::RegisteredTable;
use sea_orm::sea_query::{ForeignKeyAction, TableName, TableRef};
use sea_orm::{Identity, RelationDef};

use super::SchemaError;
use crate::model::{
    Check, FkAction, ForeignKey, Index, IndexKey, IndexPart, PrimaryKey, SqlExpr, UniqueConstraint,
    foreign_key_name, primary_key_name, unique_name,
};

/// `primary_key` is the table's named primary key.
pub(super) fn primary_key(table: &RegisteredTable) -> Result<Option<PrimaryKey>, SchemaError> {
    if table.primary_key.is_empty() {
        return Ok(None);
    }
    let name = table
        .ddl
        .primary_key_name
        .clone()
        .unwrap_or_else(|| primary_key_name(&table.table_name));
    Ok(Some(PrimaryKey {
        name,
        columns: table.primary_key.clone(),
    }))
}

/// `uniques` lists UNIQUE constraints: single columns marked `unique` on the Model (named the
/// way PostgreSQL names them), then the named ones of the table's `EntityDdl`.
pub(super) fn uniques(table: &RegisteredTable) -> Result<Vec<UniqueConstraint>, SchemaError> {
    let from_columns = table
        .columns
        .iter()
        .filter(|(_, def)| def.is_unique())
        .map(|(name, _)| {
            let columns = vec![name.clone()];
            UniqueConstraint {
                name: unique_name(&table.table_name, &columns),
                columns,
            }
        });
    let declared = table
        .ddl
        .unique_constraints
        .iter()
        .map(|u| UniqueConstraint {
            name: u.name.clone(),
            columns: u.columns.clone(),
        });
    let all: Vec<UniqueConstraint> = from_columns.chain(declared).collect();
    for unique in &all {
        ensure_columns(table, &unique.name, &unique.columns)?;
    }
    Ok(all)
}

/// `foreign_keys` turns the relations the entity owns into named foreign keys.
pub(super) fn foreign_keys(table: &RegisteredTable) -> Result<Vec<ForeignKey>, SchemaError> {
    table
        .foreign_keys
        .iter()
        .map(|rel| foreign_key(table, rel))
        .collect()
}

fn foreign_key(table: &RegisteredTable, rel: &RelationDef) -> Result<ForeignKey, SchemaError> {
    let columns = identity_columns(&rel.from_col);
    let ref_columns = identity_columns(&rel.to_col);
    let name = rel
        .fk_name
        .clone()
        .unwrap_or_else(|| foreign_key_name(&table.table_name, &columns));
    let ref_table = table_name(&rel.to_tbl).ok_or_else(|| SchemaError {
        entity: table.entity.to_owned(),
        field: Some(name.clone()),
        message: "relation target is not a plain table".into(),
    })?;
    ensure_columns(table, &name, &columns)?;
    if columns.len() != ref_columns.len() {
        return Err(SchemaError {
            entity: table.entity.to_owned(),
            field: Some(name),
            message: format!(
                "{} columns reference {} columns",
                columns.len(),
                ref_columns.len()
            ),
        });
    }
    Ok(ForeignKey {
        name,
        columns,
        ref_table,
        ref_columns,
        on_delete: action(rel.on_delete),
        on_update: action(rel.on_update),
    })
}

/// `indexes` lists the table's explicit indexes.
pub(super) fn indexes(table: &RegisteredTable) -> Vec<Index> {
    table
        .ddl
        .indexes
        .iter()
        .map(|i| Index {
            name: i.name.clone(),
            parts: i.parts.iter().map(|p| index_part(p)).collect(),
            unique: i.unique,
            method: i.method,
            predicate: i.predicate.as_deref().map(SqlExpr::from),
        })
        .collect()
}

/// `index_part` reads one declared key part: `column`, `(expression)`, either followed by
/// ` DESC` or ` ASC`.
fn index_part(declared: &str) -> IndexPart {
    let trimmed = declared.trim();
    let upper = trimmed.to_ascii_uppercase();
    let (key, descending) = if upper.ends_with(" DESC") {
        (&trimmed[..trimmed.len() - 5], true)
    } else if upper.ends_with(" ASC") {
        (&trimmed[..trimmed.len() - 4], false)
    } else {
        (trimmed, false)
    };
    let key = key.trim();
    let key = match key.strip_prefix('(').and_then(|k| k.strip_suffix(')')) {
        Some(expr) => IndexKey::Expr(expr.into()),
        None => IndexKey::Column(key.to_owned()),
    };
    IndexPart {
        key,
        descending,
        prefix: None,
    }
}

/// `checks` lists the table's CHECK constraints.
pub(super) fn checks(table: &RegisteredTable) -> Vec<Check> {
    table
        .ddl
        .checks
        .iter()
        .map(|c| Check {
            name: c.name.clone(),
            expr: c.expr.as_str().into(),
        })
        .collect()
}

fn ensure_columns(
    table: &RegisteredTable,
    what: &str,
    columns: &[String],
) -> Result<(), SchemaError> {
    match columns
        .iter()
        .find(|c| !table.columns.iter().any(|(name, _)| name == *c))
    {
        None => Ok(()),
        Some(missing) => Err(SchemaError {
            entity: table.entity.to_owned(),
            field: Some(what.to_owned()),
            message: format!("names column \"{missing}\", which the Model does not have"),
        }),
    }
}

fn identity_columns(identity: &Identity) -> Vec<String> {
    identity.iter().map(|c| c.to_string()).collect()
}

fn table_name(table: &TableRef) -> Option<String> {
    match table {
        TableRef::Table(TableName(_, name), _) => Some(name.to_string()),
        _ => None,
    }
}

/// `action` maps SeaORM's action; an unset action is PostgreSQL's default, NO ACTION.
fn action(action: Option<ForeignKeyAction>) -> FkAction {
    match action {
        None | Some(ForeignKeyAction::NoAction) => FkAction::NoAction,
        Some(ForeignKeyAction::Restrict) => FkAction::Restrict,
        Some(ForeignKeyAction::Cascade) => FkAction::Cascade,
        Some(ForeignKeyAction::SetNull) => FkAction::SetNull,
        Some(ForeignKeyAction::SetDefault) => FkAction::SetDefault,
        // sea-query's enum is non-exhaustive; an action added later maps to the default.
        Some(_) => FkAction::NoAction,
    }
}
