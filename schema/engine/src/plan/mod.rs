//! `plan` orders changes so each one finds what it needs, and derives the reverse plan.
//!
//! See [`order_changes`] for the phases. The reverse is the reversed list of reversed changes:
//! each `up` step undone, last first.

pub mod fill;
mod order;

use crate::diff::Change;

pub use order::order_changes;

/// `Plan` is an ordered list of changes and its reverse.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub up: Vec<Change>,
    pub down: Vec<Change>,
}

impl Plan {
    /// `new` orders `changes` and derives the reverse.
    pub fn new(changes: Vec<Change>) -> Plan {
        let up = order_changes(changes);
        let down = reverse(&up);
        Plan { up, down }
    }

    pub fn is_empty(&self) -> bool {
        self.up.is_empty()
    }

    /// `data_loss` lists why the plan can lose data.
    pub fn data_loss(&self) -> Vec<String> {
        self.up.iter().filter_map(Change::data_loss).collect()
    }

    /// `irreversible` lists what `down` cannot fully undo.
    pub fn irreversible(&self) -> Vec<String> {
        self.up.iter().filter_map(Change::irreversible).collect()
    }
}

/// `reverse` undoes `up` back to front. Dropping a table drops its indexes and foreign keys
/// with it, so their separate drops are left out when the same plan drops the table; and a
/// dropped table comes back with its indexes (see [`with_indexes`]).
fn reverse(up: &[Change]) -> Vec<Change> {
    let created_tables: Vec<&str> = up
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable(t) => Some(t.name.as_str()),
            _ => None,
        })
        .collect();
    up.iter()
        .rev()
        .map(Change::reverse)
        .filter(|c| match c {
            Change::DropIndex { table, .. } | Change::DropForeignKey { table, .. } => {
                !created_tables.contains(&table.as_str())
            }
            _ => true,
        })
        .flat_map(with_indexes)
        .collect()
}

/// `with_indexes` splits the re-creation of a dropped table (which carries the whole table)
/// into the table and its indexes, the way `diff` creates a new table: `CREATE TABLE` makes
/// keys and constraints, never the other indexes.
fn with_indexes(change: Change) -> Vec<Change> {
    let Change::CreateTable(mut table) = change else {
        return vec![change];
    };
    let indexes = std::mem::take(&mut table.indexes);
    let name = table.name.clone();
    std::iter::once(Change::CreateTable(table))
        .chain(indexes.into_iter().map(|index| Change::CreateIndex {
            table: name.clone(),
            index,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Renames, diff};
    use crate::model::{Index, IndexMethod, IndexPart, Schema, Table};

    #[test]
    fn a_dropped_table_comes_back_with_its_indexes() {
        let table = Table {
            name: "t".into(),
            columns: vec![],
            primary_key: None,
            uniques: vec![],
            foreign_keys: vec![],
            indexes: vec![Index {
                name: "t_a_idx".into(),
                parts: vec![IndexPart::column("a")],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            }],
            checks: vec![],
            comment: None,
            renamed_from: None,
        };
        let live = Schema {
            tables: vec![table],
            ..Schema::default()
        };
        let plan = Plan::new(diff(&live, &Schema::default(), &Renames::default()).changes);
        let down: Vec<String> = plan.down.iter().map(Change::to_string).collect();
        assert_eq!(
            down,
            [
                "create table \"t\" (0 columns)",
                "create index \"t_a_idx\" on \"t\" using btree"
            ]
        );
        assert!(matches!(&plan.down[0], Change::CreateTable(t) if t.indexes.is_empty()));
    }
}
