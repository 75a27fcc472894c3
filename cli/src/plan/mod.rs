//! `plan` orders changes so each one finds what it needs, and derives the reverse plan.
//!
//! See [`order_changes`] for the phases. The reverse is the reversed list of reversed changes:
//! each `up` step undone, last first.

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
/// with it, so their separate drops are left out when the same plan drops the table.
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
        .collect()
}
