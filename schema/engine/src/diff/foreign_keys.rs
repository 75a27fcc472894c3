//! Foreign keys around type changes of the columns they join.
//!
//! PostgreSQL refuses to change the type of a column a foreign key joins to one the other side
//! cannot be compared with (integer to text), and re-checks the key on every change. The key is
//! dropped before the type changes and added again after, in the same migration.

use super::{Change, Diff};
use crate::model::Schema;

/// `reattach_foreign_keys` drops and re-adds each desired foreign key that joins a column
/// whose type changes, unless the diff already drops or adds it.
pub(super) fn reattach_foreign_keys(desired: &Schema, out: &mut Diff) {
    let retyped: Vec<(String, String)> = out
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn { table, from, to } if from.ty != to.ty => {
                Some((table.clone(), to.name.clone()))
            }
            _ => None,
        })
        .collect();
    if retyped.is_empty() {
        return;
    }
    let touched = |table: &str, fk: &crate::model::ForeignKey| {
        retyped.iter().any(|(t, c)| {
            (t == table && fk.columns.contains(c))
                || (*t == fk.ref_table && fk.ref_columns.contains(c))
        })
    };
    let planned = |out: &Diff, name: &str| {
        out.changes.iter().any(|c| matches!(c,
            Change::DropForeignKey { foreign_key, .. } | Change::AddForeignKey { foreign_key, .. } if foreign_key.name == name))
    };
    for table in &desired.tables {
        for fk in table
            .foreign_keys
            .iter()
            .filter(|fk| touched(&table.name, fk))
        {
            let new_table = out
                .changes
                .iter()
                .any(|c| matches!(c, Change::CreateTable(t) if t.name == table.name));
            if new_table || planned(out, &fk.name) {
                continue;
            }
            out.changes.push(Change::DropForeignKey {
                table: table.name.clone(),
                foreign_key: fk.clone(),
            });
            out.changes.push(Change::AddForeignKey {
                table: table.name.clone(),
                foreign_key: fk.clone(),
            });
        }
    }
}
