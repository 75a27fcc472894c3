//! `plan` orders changes so each one finds what it needs, and derives the reverse plan.
//!
//! Order: extensions, enum types, sequences, functions (tables use them in types, defaults
//! and CHECKs), then tables in foreign-key dependency order, each followed by its indexes (a
//! composite foreign key needs the referenced table's unique index). A reference cycle is
//! broken by adding one foreign key after both tables exist.

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
}

/// `reverse` undoes `up` back to front. Dropping a table drops its indexes and foreign keys
/// with it, so their separate drops are left out when the same plan drops the table.
fn reverse(up: &[Change]) -> Vec<Change> {
    let dropped_tables: Vec<&str> = up
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
                !dropped_tables.contains(&table.as_str())
            }
            _ => true,
        })
        .collect()
}
