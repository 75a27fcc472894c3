//! A plan found against MySQL/MariaDB, written back in the entities' own terms before it is
//! rendered: a generated migration is one file for every backend, so it must say `uuid`,
//! the enum type and the primary key's PostgreSQL name where MySQL/MariaDB's catalog says
//! `binary(16)`, `enum('a','b')` and `PRIMARY`.

use crate::diff::Change;
use crate::model::{Column, Index, Schema, SqlType, Table};

/// `authored` is `changes` (between the live and the held schema) with the held tables,
/// columns and keys replaced by the entities' (`declared`), a unique index the backend
/// holds as a UNIQUE constraint created as an index again, and the enum types the new
/// columns use created first when no live column uses them yet. Dropped objects keep the
/// live form: that is all there is of them.
pub fn authored(changes: Vec<Change>, declared: &Schema, live: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    for change in changes {
        match change {
            Change::CreateTable(held) => {
                let Some(table) = declared.table(&held.name) else {
                    out.push(Change::CreateTable(held));
                    continue;
                };
                let unique_indexes: Vec<&Index> =
                    table.indexes.iter().filter(|i| i.unique).collect();
                let uniques = held
                    .uniques
                    .into_iter()
                    .filter(|u| !unique_indexes.iter().any(|i| i.name == u.name))
                    .collect();
                out.push(Change::CreateTable(Table {
                    columns: held
                        .columns
                        .into_iter()
                        .map(|c| declared_column(table, c))
                        .collect(),
                    primary_key: table.primary_key.clone(),
                    uniques,
                    ..held
                }));
                out.extend(unique_indexes.into_iter().map(|i| Change::CreateIndex {
                    table: table.name.clone(),
                    index: i.clone(),
                }));
            }
            Change::AddColumn { table, column } => {
                let column = match declared.table(&table) {
                    Some(t) => declared_column(t, column),
                    None => column,
                };
                out.push(Change::AddColumn { table, column });
            }
            // A unique index of the entities, which MySQL/MariaDB reads as a UNIQUE
            // constraint: created as the index it is.
            Change::AddUnique { table, unique } => {
                let index = declared
                    .table(&table)
                    .and_then(|t| t.indexes.iter().find(|i| i.unique && i.name == unique.name));
                out.push(match index {
                    Some(index) => Change::CreateIndex {
                        table,
                        index: index.clone(),
                    },
                    None => Change::AddUnique { table, unique },
                });
            }
            other => out.push(other),
        }
    }
    let mut enums: Vec<Change> = declared
        .enums
        .iter()
        .filter(|e| uses_enum(&out, &e.name) && !live_uses_enum(declared, live, &e.name))
        .map(|e| Change::CreateEnum(e.clone()))
        .collect();
    enums.extend(out);
    enums
}

fn declared_column(table: &Table, held: Column) -> Column {
    table.column(&held.name).cloned().unwrap_or(held)
}

fn is_of_enum(ty: &SqlType, name: &str) -> bool {
    match ty {
        SqlType::Enum(n) => n == name,
        SqlType::Array(inner) => is_of_enum(inner, name),
        _ => false,
    }
}

/// `uses_enum` is true when one of `changes` adds a column of the enum type `name`.
fn uses_enum(changes: &[Change], name: &str) -> bool {
    changes.iter().any(|c| match c {
        Change::CreateTable(t) => t.columns.iter().any(|c| is_of_enum(&c.ty, name)),
        Change::AddColumn { column, .. } => is_of_enum(&column.ty, name),
        _ => false,
    })
}

/// `live_uses_enum` is true when a live column is a column the entities declare of the enum
/// type `name`: then the migrations that made it created the type already.
fn live_uses_enum(declared: &Schema, live: &Schema, name: &str) -> bool {
    declared.tables.iter().any(|t| {
        t.columns.iter().any(|c| {
            is_of_enum(&c.ty, name)
                && live
                    .table(&t.name)
                    .is_some_and(|lt| lt.column(&c.name).is_some())
        })
    })
}
