//! Constraints and indexes whose definition stays and whose name changes are renamed, not
//! dropped and re-created: a renamed table's `<table>_pkey` may be what other tables' foreign
//! keys depend on, and re-creating an index is slow.

use super::{Change, Diff};
use crate::model::Table;

/// `rename_by_definition` pairs every constraint or index of `existing` whose name `wanted`
/// does not have with a `wanted` one of the same definition and a name `existing` does not
/// have; it plans the renames and returns `existing` under the new names.
pub(super) fn rename_by_definition(existing: &Table, wanted: &Table, out: &mut Diff) -> Table {
    let mut table = existing.clone();
    let name = wanted.name.clone();
    let mut rename_constraint = |from: &mut String, to: &str| {
        out.changes.push(Change::RenameConstraint {
            table: name.clone(),
            from: from.clone(),
            to: to.to_owned(),
        });
        *from = to.to_owned();
    };
    if let (Some(old), Some(new)) = (&mut table.primary_key, &wanted.primary_key)
        && old.name != new.name
        && old.columns == new.columns
    {
        rename_constraint(&mut old.name, &new.name);
    }
    pair(
        &mut table.uniques,
        &wanted.uniques,
        |u| &mut u.name,
        |a, b| a.columns == b.columns,
        &mut rename_constraint,
    );
    pair(
        &mut table.checks,
        &wanted.checks,
        |c| &mut c.name,
        |a, b| a.expr == b.expr,
        &mut rename_constraint,
    );
    pair(
        &mut table.foreign_keys,
        &wanted.foreign_keys,
        |f| &mut f.name,
        |a, b| {
            a.columns == b.columns
                && a.ref_table == b.ref_table
                && a.ref_columns == b.ref_columns
                && a.on_delete == b.on_delete
                && a.on_update == b.on_update
        },
        &mut rename_constraint,
    );
    let mut rename_index = |from: &mut String, to: &str| {
        out.changes.push(Change::RenameIndex {
            table: name.clone(),
            from: from.clone(),
            to: to.to_owned(),
        });
        *from = to.to_owned();
    };
    pair(
        &mut table.indexes,
        &wanted.indexes,
        |i| &mut i.name,
        |a, b| {
            a.parts == b.parts
                && a.unique == b.unique
                && a.method == b.method
                && a.predicate == b.predicate
        },
        &mut rename_index,
    );
    table
}

/// `pair` renames each item of `existing` that `wanted` lacks by name to the first unclaimed
/// `wanted` item that `existing` lacks by name and that `same` says is the same definition.
fn pair<T>(
    existing: &mut [T],
    wanted: &[T],
    name: impl Fn(&mut T) -> &mut String,
    same: impl Fn(&T, &T) -> bool,
    rename: &mut impl FnMut(&mut String, &str),
) where
    T: Clone,
{
    let mut wanted = wanted.to_vec();
    let wanted_names: Vec<String> = wanted.iter_mut().map(|w| name(w).clone()).collect();
    let existing_names: Vec<String> = existing.iter_mut().map(|e| name(e).clone()).collect();
    let mut claimed: Vec<usize> = Vec::new();
    for item in existing.iter_mut() {
        if wanted_names.contains(name(item)) {
            continue;
        }
        let target = (0..wanted.len()).find(|&i| {
            !existing_names.contains(&wanted_names[i])
                && !claimed.contains(&i)
                && same(item, &wanted[i])
        });
        if let Some(i) = target {
            claimed.push(i);
            rename(name(item), &wanted_names[i]);
        }
    }
}
