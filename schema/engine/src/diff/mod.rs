//! `diff` compares the live schema with the desired one and produces typed changes.
//!
//! A pure function of two models (both read by the same introspector, see `normalize`) and the
//! renames the entities declare. Each [`Change`] keeps everything needed to undo it, so
//! [`Change::reverse`] is mechanical. Renames are only ever taken from declarations; a dropped
//! and an added object that look alike produce a hint, never a guess.

mod change;
mod constraint_renames;
mod describe;
mod foreign_keys;
mod objects;
mod renamed;
mod tables;

pub use change::{Change, EnumPosition};

use std::collections::BTreeMap;

use crate::model::Schema;

/// `Renames` are the renames the entity crate declares (`renamed_from`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames {
    /// New table name → old table name.
    pub tables: BTreeMap<String, String>,
    /// (table, new column name) → old column name; the table by its new name.
    pub columns: BTreeMap<(String, String), String>,
    /// (enum type, new label) → old label.
    pub enum_values: BTreeMap<(String, String), String>,
}

/// `Diff` is the outcome of a comparison.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    /// What brings the live schema to the desired one, unordered (see `plan`).
    pub changes: Vec<Change>,
    /// Differences the engine cannot plan (e.g. removing an enum label); `check` reports them
    /// and `generate` refuses while there are any.
    pub unsupported: Vec<String>,
    /// Suggestions, e.g. an undeclared look-alike rename.
    pub hints: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.unsupported.is_empty()
    }
}

/// `diff` lists the changes that turn `live` into `desired`.
pub fn diff(live: &Schema, desired: &Schema, renames: &Renames) -> Diff {
    let mut out = Diff::default();
    objects::diff_extensions(live, desired, &mut out);
    objects::diff_enums(live, desired, renames, &mut out);
    objects::diff_sequences(live, desired, &mut out);
    objects::diff_functions(live, desired, &mut out);
    tables::diff_tables(live, desired, renames, &mut out);
    foreign_keys::reattach_foreign_keys(desired, &mut out);
    out
}

/// `create_all` lists the changes that create `desired` in an empty database.
pub fn create_all(desired: &Schema) -> Vec<Change> {
    diff(&Schema::default(), desired, &Renames::default()).changes
}
