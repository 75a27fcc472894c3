//! Dependency order of changes.
//!
//! Changes run in phases; the phase of each variant is given by [`phase`], and the comment on
//! each phase says what it must come after. Within the table phases, foreign keys decide:
//! created tables after the tables they reference, dropped tables before them.

use std::collections::{BTreeMap, BTreeSet};

use crate::diff::Change;
use crate::model::Table;

/// `phase` is when a change runs; lower first.
fn phase(change: &Change) -> u8 {
    use Change::*;
    match change {
        // Types, sequences and functions first: columns, defaults and CHECKs use them.
        CreateExtension(_) | RetainExtension(_) => 0,
        CreateEnum(_) | AddEnumValue { .. } | RenameEnumValue { .. } | RetainEnumValue { .. } => 1,
        CreateSequence(_) | AlterSequence { .. } => 2,
        CreateFunction(_) | ReplaceFunction { .. } => 3,
        // Renames before anything refers to the new names.
        RenameTable { .. } => 4,
        RenameColumn { .. } | RenameConstraint { .. } | RenameIndex { .. } => 5,
        // Drops of dependents before what they depend on.
        DropForeignKey { .. } => 6,
        DropIndex { .. } | DropCheck { .. } | DropUnique { .. } | DropPrimaryKey { .. } => 7,
        // New columns before old ones go, so a data step written between them (a reshaped
        // table) can fill the new from the old.
        AddColumn { .. } => 8,
        // Rows filled while the columns they may read from still exist.
        FillColumn { .. } | RetainFilledValues { .. } => 9,
        DropColumn { .. } => 10,
        DropTable(_) => 11,
        // Columns take their new definition before tables are created: a new table's foreign
        // key meets the referenced column's new type (MySQL/MariaDB wants the same type on
        // both sides).
        AlterColumn { .. } => 12,
        // Creations: tables (each followed by its indexes), then what goes into existing ones.
        CreateTable(_) => 13,
        AddPrimaryKey { .. } | AddUnique { .. } => 14,
        CreateIndex { .. } => 15,
        AddCheck { .. } => 16,
        // Foreign keys last: the referenced keys and unique indexes exist by then.
        AddForeignKey { .. } => 17,
        SetTableComment { .. } => 18,
        // Objects that nothing uses any more.
        DropFunction(_) => 19,
        DropSequence(_) => 20,
        DropEnum(_) => 21,
    }
}

/// `order_changes` sorts changes into an order PostgreSQL accepts: by phase, stable within a
/// phase, with created tables in reference order, each followed by its own indexes.
pub fn order_changes(changes: Vec<Change>) -> Vec<Change> {
    let created: BTreeSet<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable(t) => Some(t.name.clone()),
            _ => None,
        })
        .collect();
    // A function whose return type changes is dropped and created again under the same
    // signature: that drop must come before the creation, not with the other drops.
    let recreated: BTreeSet<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateFunction(f) => Some(f.signature()),
            _ => None,
        })
        .collect();
    // A column added under the name of one the plan drops (a generated column whose
    // expression changes) is re-created: it comes right after that drop instead.
    let dropped_columns: BTreeSet<(String, String)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropColumn { table, column } => Some((table.clone(), column.name.clone())),
            _ => None,
        })
        .collect();
    let mut phases: BTreeMap<u8, Vec<Change>> = BTreeMap::new();
    let mut new_table_indexes: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    let (mut creates, mut drops) = (Vec::new(), Vec::new());
    for change in changes {
        match change {
            Change::CreateIndex { ref table, .. } if created.contains(table) => new_table_indexes
                .entry(table.clone())
                .or_default()
                .push(change),
            Change::CreateTable(t) => creates.push(sorted_parts(t)),
            Change::DropTable(t) => drops.push(t),
            Change::DropFunction(ref f) if recreated.contains(&f.signature()) => {
                let at = phase(&Change::CreateFunction(f.clone()));
                phases.entry(at).or_default().push(change)
            }
            Change::AddColumn {
                ref table,
                ref column,
            } if dropped_columns.contains(&(table.clone(), column.name.clone())) => {
                let at = phase(&Change::DropColumn {
                    table: table.clone(),
                    column: column.clone(),
                });
                phases.entry(at).or_default().push(change)
            }
            other => phases.entry(phase(&other)).or_default().push(other),
        }
    }
    // The same changes give the same order whatever order the models listed them in.
    for (phase, changes) in phases.iter_mut() {
        if *phase > 3 {
            changes.sort_by(|a, b| a.table().cmp(&b.table()));
        } else {
            // Stable: the labels added to one enum keep their order. A drop of a function
            // comes before its re-creation.
            changes.sort_by_key(|c| (object_name(c), !matches!(c, Change::DropFunction(_))));
        }
    }
    for indexes in new_table_indexes.values_mut() {
        indexes.sort_by_key(|c| match c {
            Change::CreateIndex { index, .. } => index.name.clone(),
            _ => String::new(),
        });
    }
    creates.sort_by(|a, b| a.name.cmp(&b.name));
    drops.sort_by(|a, b| a.name.cmp(&b.name));
    let drop_phase = phase(&Change::DropTable(dummy("")));
    phases
        .entry(drop_phase)
        .or_default()
        .extend(drop_order(drops).into_iter().map(Change::DropTable));
    let (creates, deferred) = creation_order(creates);
    let create_phase = phases
        .entry(phase(&Change::CreateTable(dummy(""))))
        .or_default();
    for table in creates {
        let name = table.name.clone();
        create_phase.push(Change::CreateTable(table));
        create_phase.extend(new_table_indexes.remove(&name).unwrap_or_default());
    }
    for fk in deferred {
        phases.entry(phase(&fk)).or_default().push(fk);
    }
    phases.into_values().flatten().collect()
}

/// `object_name` is the name of the database object a change is about (empty for tables).
fn object_name(change: &Change) -> String {
    use Change::*;
    match change {
        CreateExtension(e) | RetainExtension(e) => e.name.clone(),
        CreateEnum(e) | DropEnum(e) => e.name.clone(),
        AddEnumValue { enum_name, .. }
        | RetainEnumValue { enum_name, .. }
        | RenameEnumValue { enum_name, .. } => enum_name.clone(),
        CreateSequence(s) | DropSequence(s) => s.name.clone(),
        AlterSequence { to, .. } => to.name.clone(),
        CreateFunction(f) | DropFunction(f) => f.signature(),
        ReplaceFunction { to, .. } => to.signature(),
        _ => String::new(),
    }
}

/// `sorted_parts` lists a new table's constraints by name; columns keep their order.
fn sorted_parts(mut table: Table) -> Table {
    table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
    table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    table.checks.sort_by(|a, b| a.name.cmp(&b.name));
    table
}

/// `dummy` is a table with only a name, to look up a phase.
fn dummy(name: &str) -> Table {
    Table {
        name: name.to_owned(),
        columns: vec![],
        primary_key: None,
        uniques: vec![],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    }
}

/// `creation_order` puts tables after the new tables they reference, the smallest name first
/// among those that are ready (so the order does not depend on the input's). A reference
/// cycle is broken by taking the smallest remaining table's forward references out as later
/// `AddForeignKey`s. Linear in tables and references (Kahn's algorithm).
fn creation_order(pending: Vec<Table>) -> (Vec<Table>, Vec<Change>) {
    let new: BTreeSet<String> = pending.iter().map(|t| t.name.clone()).collect();
    let mut unmet: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut dependents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for table in &pending {
        let targets: BTreeSet<String> = table
            .foreign_keys
            .iter()
            .map(|fk| fk.ref_table.clone())
            .filter(|target| *target != table.name && new.contains(target))
            .collect();
        for target in &targets {
            dependents
                .entry(target.clone())
                .or_default()
                .push(table.name.clone());
        }
        unmet.insert(table.name.clone(), targets);
    }
    let mut ready: BTreeSet<String> = unmet
        .iter()
        .filter(|(_, u)| u.is_empty())
        .map(|(n, _)| n.clone())
        .collect();
    let mut remaining: BTreeMap<String, Table> =
        pending.into_iter().map(|t| (t.name.clone(), t)).collect();
    let (mut out, mut later) = (Vec::new(), Vec::new());
    while let Some(name) = ready
        .pop_first()
        .or_else(|| remaining.keys().next().cloned())
    {
        let Some(mut table) = remaining.remove(&name) else {
            continue;
        };
        let missing = unmet.remove(&name).unwrap_or_default();
        if !missing.is_empty() {
            let (now, deferred): (Vec<_>, Vec<_>) = std::mem::take(&mut table.foreign_keys)
                .into_iter()
                .partition(|fk| !missing.contains(&fk.ref_table));
            table.foreign_keys = now;
            later.extend(
                deferred
                    .into_iter()
                    .map(|foreign_key| Change::AddForeignKey {
                        table: name.clone(),
                        foreign_key,
                    }),
            );
        }
        for dependent in dependents.get(&name).into_iter().flatten() {
            if let Some(waiting) = unmet.get_mut(dependent) {
                waiting.remove(&name);
                if waiting.is_empty() && remaining.contains_key(dependent) {
                    ready.insert(dependent.clone());
                }
            }
        }
        out.push(table);
    }
    (out, later)
}

/// `drop_order` drops referencing tables before the tables they reference (the reverse of the
/// creation order); references inside a cycle go with `DROP TABLE`'s own checks.
fn drop_order(tables: Vec<Table>) -> Vec<Table> {
    let mut originals: BTreeMap<String, Table> =
        tables.iter().map(|t| (t.name.clone(), t.clone())).collect();
    let (order, _) = creation_order(tables);
    order
        .into_iter()
        .rev()
        .map(|t| originals.remove(&t.name).unwrap_or(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, ForeignKey};

    fn table(name: &str, refs: &[&str]) -> Table {
        let mut t = dummy(name);
        t.foreign_keys = refs
            .iter()
            .map(|r| ForeignKey {
                name: format!("{name}_{r}_fkey"),
                columns: vec!["x".into()],
                ref_table: r.to_string(),
                ref_columns: vec!["id".into()],
                on_delete: FkAction::NoAction,
                on_update: FkAction::NoAction,
            })
            .collect();
        t
    }

    fn names(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| match c {
                Change::CreateTable(t) => t.name.clone(),
                Change::DropTable(t) => format!("drop:{}", t.name),
                Change::AddForeignKey { foreign_key, .. } => format!("fk:{}", foreign_key.name),
                Change::CreateIndex { index, .. } => format!("ix:{}", index.name),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn index(table: &str, name: &str) -> Change {
        Change::CreateIndex {
            table: table.into(),
            index: crate::model::Index {
                name: name.into(),
                parts: vec![],
                unique: false,
                method: crate::model::IndexMethod::BTree,
                predicate: None,
            },
        }
    }

    #[test]
    fn referenced_tables_come_first_each_with_its_indexes() {
        let changes = vec![
            index("b", "b_ix"),
            Change::CreateTable(table("b", &["a", "b"])),
            Change::CreateTable(table("a", &[])),
            index("a", "a_ix"),
        ];
        assert_eq!(
            names(&order_changes(changes)),
            ["a", "ix:a_ix", "b", "ix:b_ix"]
        );
    }

    #[test]
    fn a_cycle_is_broken_by_a_later_foreign_key() {
        let changes = vec![
            Change::CreateTable(table("a", &["b"])),
            Change::CreateTable(table("b", &["a"])),
        ];
        assert_eq!(names(&order_changes(changes)), ["a", "b", "fk:a_b_fkey"]);
    }

    #[test]
    fn a_function_is_dropped_before_it_is_created_again() {
        let function = |returns: &str| crate::model::Function {
            name: "answer".into(),
            args: vec![],
            returns: returns.into(),
            language: "sql".into(),
            volatility: "IMMUTABLE".into(),
            body: "SELECT 42".into(),
        };
        let changes = vec![
            Change::CreateFunction(function("bigint")),
            Change::DropFunction(function("integer")),
        ];
        let ordered: Vec<String> = order_changes(changes)
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            ordered,
            ["drop function answer()", "create function answer()"]
        );
    }

    #[test]
    fn referencing_tables_are_dropped_first() {
        let changes = vec![
            Change::DropTable(table("a", &[])),
            Change::DropTable(table("b", &["a"])),
        ];
        assert_eq!(names(&order_changes(changes)), ["drop:b", "drop:a"]);
    }
}
