//! `diff` compares the desired schema with what the database already holds and produces
//! typed changes.
//!
//! Each [`Change`] keeps everything needed to undo it (a dropped table carries the whole
//! table), so [`Change::reverse`] is mechanical and exhaustive.

mod change;

pub use change::Change;

use crate::live::LiveObjects;
use crate::model::Schema;

/// `create_missing` lists the creations that bring a database holding `live` to `desired`:
/// every desired object whose name the database does not have yet. Objects that exist are
/// not compared further; that is what the full diff (alter/drop/rename) adds.
pub fn create_missing(desired: &Schema, live: &LiveObjects) -> Vec<Change> {
    let mut changes = Vec::new();
    for e in desired
        .extensions
        .iter()
        .filter(|e| !live.extensions.contains(&e.name))
    {
        changes.push(Change::CreateExtension(e.clone()));
    }
    for e in desired
        .enums
        .iter()
        .filter(|e| !live.enums.contains(&e.name))
    {
        changes.push(Change::CreateEnum(e.clone()));
    }
    for s in desired
        .sequences
        .iter()
        .filter(|s| !live.sequences.contains(&s.name))
    {
        changes.push(Change::CreateSequence(s.clone()));
    }
    for f in desired
        .functions
        .iter()
        .filter(|f| !live.functions.contains(&f.name))
    {
        changes.push(Change::CreateFunction(f.clone()));
    }
    for table in &desired.tables {
        if live.tables.contains(&table.name) {
            continue;
        }
        let mut created = table.clone();
        let indexes = std::mem::take(&mut created.indexes);
        changes.push(Change::CreateTable(created));
        for index in indexes {
            changes.push(Change::CreateIndex {
                table: table.name.clone(),
                index,
            });
        }
    }
    changes
}
