//! Foreign keys with their referential actions: two queries for all tables.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::Catalog;
use crate::introspect::assemble::table_mut;
use crate::model::{FkAction, ForeignKey, Table};

const REFERENTIAL_CONSTRAINTS_SQL: &str = include_str!("referential_constraints.sql");
const KEY_COLUMNS_SQL: &str = include_str!("key_columns.sql");

/// `Actions` are a foreign key's `ON DELETE` and `ON UPDATE`, by table and key name.
type Actions = HashMap<(String, String), (FkAction, FkAction)>;

/// `add_foreign_keys` reads every foreign key of the database and attaches it to its table:
/// the actions first, then the key columns, which come one row per column pair, a key's rows
/// together and in key order.
pub(super) async fn add_foreign_keys<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    let actions = actions(catalog).await?;
    let mut current: Option<(String, ForeignKey)> = None;
    for row in catalog.database_rows(KEY_COLUMNS_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        let name: String = row.try_get("", "name")?;
        let column: String = row.try_get("", "column_name")?;
        let ref_column: String = row.try_get("", "ref_column")?;
        match &mut current {
            Some((t, fk)) if *t == table_name && fk.name == name => {
                fk.columns.push(column);
                fk.ref_columns.push(ref_column);
            }
            _ => {
                if let Some((t, fk)) = current.take() {
                    attach(tables, &t, fk);
                }
                let key = (table_name, name);
                let Some(&(on_delete, on_update)) = actions.get(&key) else {
                    return Err(DbErr::Custom(format!(
                        "introspection: foreign key \"{}\" of \"{}\" has no referential actions",
                        key.1, key.0
                    )));
                };
                let (table_name, name) = key;
                let fk = ForeignKey {
                    ref_table: row.try_get("", "ref_table")?,
                    on_delete,
                    on_update,
                    name,
                    columns: vec![column],
                    ref_columns: vec![ref_column],
                };
                current = Some((table_name, fk));
            }
        }
    }
    if let Some((t, fk)) = current {
        attach(tables, &t, fk);
    }
    Ok(())
}

/// `actions` reads `REFERENTIAL_CONSTRAINTS`.
async fn actions<C: ConnectionTrait>(catalog: &mut Catalog<'_, C>) -> Result<Actions, DbErr> {
    let mut out = Actions::new();
    for row in catalog.database_rows(REFERENTIAL_CONSTRAINTS_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        let name: String = row.try_get("", "name")?;
        let on_delete = action(&row, "on_delete", &name)?;
        let on_update = action(&row, "on_update", &name)?;
        out.insert((table_name, name), (on_delete, on_update));
    }
    Ok(out)
}

/// `attach` adds `fk` to its table; the keys of a left-out table (migration tracking) are
/// left out with it.
fn attach(tables: &mut [Table], table_name: &str, fk: ForeignKey) {
    if let Some(table) = table_mut(tables, table_name) {
        table.foreign_keys.push(fk);
    }
}

/// `action` maps the `UPDATE_RULE` / `DELETE_RULE` in column `field`.
fn action(row: &QueryResult, field: &str, constraint: &str) -> Result<FkAction, DbErr> {
    let rule: String = row.try_get("", field)?;
    Ok(match rule.to_ascii_uppercase().as_str() {
        "NO ACTION" => FkAction::NoAction,
        "RESTRICT" => FkAction::Restrict,
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => {
            return Err(DbErr::Custom(format!(
                "introspection: unknown referential action {rule:?} of \"{constraint}\""
            )));
        }
    })
}
