//! Foreign keys with their referential actions, all tables in one query.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::Catalog;
use super::tables::table_mut;
use crate::model::{FkAction, ForeignKey, Table};

const FOREIGN_KEYS_SQL: &str = include_str!("foreign_keys.sql");

/// `add_foreign_keys` reads every foreign key of the database and attaches it to its table.
/// Rows come one per column pair, a key's rows together and in key order.
pub(super) async fn add_foreign_keys<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    let mut current: Option<(String, ForeignKey)> = None;
    for row in catalog.database_rows(FOREIGN_KEYS_SQL).await? {
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
                let fk = ForeignKey {
                    ref_table: row.try_get("", "ref_table")?,
                    on_delete: action(&row, "on_delete", &name)?,
                    on_update: action(&row, "on_update", &name)?,
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
