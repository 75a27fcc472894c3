//! A plan found against MySQL/MariaDB, written back in the entities' own terms before it is
//! rendered: a generated migration is one file for every backend, so it must say `uuid`,
//! the enum type and the primary key's PostgreSQL name where MySQL/MariaDB's catalog says
//! `binary(16)`, `enum('a','b')` and `PRIMARY`.

use super::spelling::plain_spelling;
use crate::diff::Change;
use crate::introspect::enum_column_type;
use crate::model::{Check, Column, Index, Schema, SqlType, Table};

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
                    // The entities' CHECKs: the held ones are spelled as the server reads them.
                    checks: table.checks.clone(),
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
            // The new definition is the entities'; the old one is the live column, its
            // type in the entities' terms where MySQL/MariaDB's says the same.
            Change::AlterColumn { table, from, to } => {
                let (from, to) = match declared.table(&table) {
                    Some(t) => (
                        Column {
                            ty: declared_type(&from.ty, declared),
                            ..from
                        },
                        declared_column(t, to),
                    ),
                    None => (from, to),
                };
                out.push(Change::AlterColumn { table, from, to });
            }
            // A CHECK is added as the entities write it, not as the server spells it.
            Change::AddCheck { table, check } => {
                let check = declared
                    .table(&table)
                    .and_then(|t| t.checks.iter().find(|c| c.name == check.name))
                    .cloned()
                    .unwrap_or(check);
                out.push(Change::AddCheck { table, check });
            }
            // A dropped CHECK, which going down is added again on every backend: in the
            // plain spelling of the portable expression it was made from.
            Change::DropCheck { table, check } => out.push(Change::DropCheck {
                table,
                check: Check {
                    expr: plain_spelling(check.expr.as_str()).into(),
                    ..check
                },
            }),
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

/// `declared_type` is a live MySQL/MariaDB type in the entities' terms: an ENUM column's
/// type the enum type with the same labels, `datetime` a timestamp.
fn declared_type(ty: &SqlType, declared: &Schema) -> SqlType {
    match ty {
        SqlType::Named(name) if name == "datetime" => SqlType::Timestamp,
        SqlType::Named(_) => declared
            .enums
            .iter()
            .find(|e| &enum_column_type(&e.values) == ty)
            .map_or(ty.clone(), |e| SqlType::Enum(e.name.clone())),
        other => other.clone(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::mysql::hold::hold;
    use crate::diff::create_all;
    use crate::model::{EnumType, IndexMethod, IndexPart, PrimaryKey};

    fn column(name: &str, ty: SqlType) -> Column {
        Column {
            name: name.into(),
            ty,
            nullable: false,
            default: None,
            generated: None,
            comment: None,
        }
    }

    /// The entities: a table with an enum column, a `uuid` key named as PostgreSQL names
    /// it, and a unique index.
    fn declared() -> Schema {
        Schema {
            enums: vec![EnumType {
                name: "genre".into(),
                values: vec!["fiction".into(), "poetry".into()],
            }],
            tables: vec![Table {
                name: "book".into(),
                columns: vec![
                    column("id", SqlType::Uuid),
                    column("genre", SqlType::Enum("genre".into())),
                ],
                primary_key: Some(PrimaryKey {
                    name: "book_pkey".into(),
                    columns: vec!["id".into()],
                }),
                uniques: vec![],
                foreign_keys: vec![],
                indexes: vec![Index {
                    name: "book_genre_key".into(),
                    parts: vec![IndexPart::column("genre")],
                    unique: true,
                    method: IndexMethod::BTree,
                    predicate: None,
                }],
                checks: vec![],
                comment: None,
                renamed_from: None,
            }],
            ..Schema::default()
        }
    }

    #[test]
    fn a_table_found_against_mysql_is_created_in_the_entities_terms() {
        let declared = declared();
        let held = hold(&declared).schema;
        let changes = authored(create_all(&held), &declared, &Schema::default());
        let Change::CreateEnum(e) = &changes[0] else {
            panic!("the enum type comes first: {changes:?}");
        };
        assert_eq!(e.name, "genre");
        let Change::CreateTable(t) = &changes[1] else {
            panic!("{changes:?}");
        };
        assert_eq!(t.primary_key.as_ref().unwrap().name, "book_pkey");
        assert_eq!(t.columns[1].ty, SqlType::Enum("genre".into()));
        assert!(t.uniques.is_empty(), "the unique index is an index again");
        assert!(
            matches!(&changes[2], Change::CreateIndex { index, .. } if index.name == "book_genre_key" && index.unique)
        );
    }

    #[test]
    fn an_enum_type_live_columns_use_is_not_created_again() {
        let declared = declared();
        let live = hold(&declared).schema;
        let added = Change::AddColumn {
            table: "book".into(),
            column: column("second_genre", enum_column_type(&declared.enums[0].values)),
        };
        let mut with_column = declared.clone();
        with_column.tables[0]
            .columns
            .push(column("second_genre", SqlType::Enum("genre".into())));
        let changes = authored(vec![added], &with_column, &live);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(
            matches!(&changes[0], Change::AddColumn { column, .. } if column.ty == SqlType::Enum("genre".into()))
        );
    }
}
