//! Dependency order of changes.

use std::collections::{BTreeMap, BTreeSet};

use crate::diff::Change;

/// `rank` groups changes; lower ranks run first. Within tables, foreign keys decide.
fn rank(change: &Change) -> u8 {
    match change {
        Change::CreateExtension(_) | Change::RetainExtension(_) => 0,
        Change::CreateEnum(_) | Change::DropEnum(_) => 1,
        Change::CreateSequence(_) | Change::DropSequence(_) => 2,
        Change::CreateFunction(_) | Change::DropFunction(_) => 3,
        Change::CreateTable(_)
        | Change::DropTable(_)
        | Change::CreateIndex { .. }
        | Change::DropIndex { .. } => 4,
        Change::AddForeignKey { .. } | Change::DropForeignKey { .. } => 5,
    }
}

/// `order_changes` sorts creations into an order that PostgreSQL accepts: objects by kind,
/// tables after the tables they reference (stable otherwise), each table's indexes right after
/// it, and foreign keys that close a cycle moved to the end as separate additions.
pub fn order_changes(changes: Vec<Change>) -> Vec<Change> {
    let (mut objects, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(Change::is_database_object);
    objects.sort_by_key(rank);

    let mut tables = Vec::new();
    let mut by_table: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    let mut later = Vec::new();
    for change in rest {
        match change {
            Change::CreateTable(t) => tables.push(t),
            Change::AddForeignKey { .. } => later.push(change),
            other => {
                let table = other.table().unwrap_or_default().to_owned();
                by_table.entry(table).or_default().push(other);
            }
        }
    }

    let mut out = objects;
    let created: BTreeSet<String> = tables.iter().map(|t| t.name.clone()).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut pending = tables;
    while !pending.is_empty() {
        let ready = pending.iter().position(|t| {
            t.foreign_keys.iter().all(|fk| {
                fk.ref_table == t.name
                    || done.contains(&fk.ref_table)
                    || !created.contains(&fk.ref_table)
            })
        });
        // No table is ready: a cycle. Take the first and add its forward references later.
        let index = ready.unwrap_or(0);
        let mut table = pending.remove(index);
        if ready.is_none() {
            let (now, deferred): (Vec<_>, Vec<_>) =
                table.foreign_keys.into_iter().partition(|fk| {
                    fk.ref_table == table.name
                        || done.contains(&fk.ref_table)
                        || !created.contains(&fk.ref_table)
                });
            table.foreign_keys = now;
            later.extend(
                deferred
                    .into_iter()
                    .map(|foreign_key| Change::AddForeignKey {
                        table: table.name.clone(),
                        foreign_key,
                    }),
            );
        }
        done.insert(table.name.clone());
        let name = table.name.clone();
        out.push(Change::CreateTable(table));
        out.extend(by_table.remove(&name).unwrap_or_default());
    }
    // Index changes on tables that already exist.
    out.extend(by_table.into_values().flatten());
    out.extend(later);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, ForeignKey, Table};

    fn table(name: &str, refs: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![],
            primary_key: None,
            uniques: vec![],
            foreign_keys: refs
                .iter()
                .map(|r| ForeignKey {
                    name: format!("{name}_{r}_fkey"),
                    columns: vec!["x".into()],
                    ref_table: r.to_string(),
                    ref_columns: vec!["id".into()],
                    on_delete: FkAction::NoAction,
                    on_update: FkAction::NoAction,
                })
                .collect(),
            indexes: vec![],
            checks: vec![],
            comment: None,
            renamed_from: None,
        }
    }

    fn names(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| match c {
                Change::CreateTable(t) => t.name.clone(),
                Change::AddForeignKey { foreign_key, .. } => format!("fk:{}", foreign_key.name),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn referenced_tables_come_first_and_self_references_are_fine() {
        let changes = vec![
            Change::CreateTable(table("b", &["a", "b"])),
            Change::CreateTable(table("a", &[])),
        ];
        assert_eq!(names(&order_changes(changes)), ["a", "b"]);
    }

    #[test]
    fn a_cycle_is_broken_by_a_later_foreign_key() {
        let changes = vec![
            Change::CreateTable(table("a", &["b"])),
            Change::CreateTable(table("b", &["a"])),
        ];
        assert_eq!(names(&order_changes(changes)), ["a", "b", "fk:a_b_fkey"]);
    }
}
