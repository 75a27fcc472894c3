//! An index a foreign key needs on MySQL/MariaDB.
//!
//! InnoDB keeps an index over every foreign key's columns (they must be its leftmost
//! columns) and creates one for the key only when none exists. When a UNIQUE constraint or
//! index served a key that stays, MySQL/MariaDB refuses to drop it (error 1553); PostgreSQL
//! needs no such index. The generated migrations do not yet add a replacement index first, so
//! such a plan is not made there: `generate` against MySQL/MariaDB refuses it with this reason.

use crate::diff::Change;
use crate::model::{IndexPart, Schema, Table};

/// `dropped_foreign_key_index` is why `changes` cannot run on MySQL/MariaDB because one of
/// them drops the index a foreign key of the schema they lead to (`after`) needs, if so.
pub fn dropped_foreign_key_index(changes: &[Change], after: &Schema) -> Option<String> {
    changes.iter().find_map(|change| {
        let (table, name, columns) = match change {
            Change::DropUnique { table, unique } => {
                (table, &unique.name, unique.columns.clone())
            }
            Change::DropIndex { table, index } => (
                table,
                &index.name,
                index
                    .parts
                    .iter()
                    .filter_map(IndexPart::column_name)
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => return None,
        };
        let kept = after.tables.iter().find(|t| &t.name == table)?;
        kept.foreign_keys
            .iter()
            .find(|fk| columns.starts_with(&fk.columns) && !covered(kept, &fk.columns))
            .map(|fk| {
                format!(
                    "dropping \"{name}\" on \"{table}\": MySQL/MariaDB needs it for foreign key \"{}\", which stays (error 1553); not written for it yet",
                    fk.name
                )
            })
    })
}

/// `covered` is true when an index `table` keeps starts with `columns`.
fn covered(table: &Table, columns: &[String]) -> bool {
    let starts = |cols: &[String]| cols.starts_with(columns);
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| starts(&pk.columns))
        || table.uniques.iter().any(|u| starts(&u.columns))
        || table.indexes.iter().any(|i| {
            let cols: Vec<String> = i
                .parts
                .iter()
                .map_while(IndexPart::column_name)
                .map(str::to_owned)
                .collect();
            starts(&cols)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ForeignKey, UniqueConstraint};

    fn table(uniques: Vec<UniqueConstraint>) -> Table {
        Table {
            name: "t".into(),
            columns: Vec::new(),
            primary_key: None,
            uniques,
            foreign_keys: vec![ForeignKey {
                name: "t_a_fkey".into(),
                columns: vec!["a".into()],
                ref_table: "r".into(),
                ref_columns: vec!["id".into()],
                on_delete: Default::default(),
                on_update: Default::default(),
            }],
            indexes: Vec::new(),
            checks: Vec::new(),
            comment: None,
            renamed_from: None,
        }
    }

    fn unique(name: &str, columns: &[&str]) -> UniqueConstraint {
        UniqueConstraint {
            name: name.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn a_unique_serving_a_kept_foreign_key_cannot_be_dropped() {
        let drop = Change::DropUnique {
            table: "t".into(),
            unique: unique("t_a_b_key", &["a", "b"]),
        };
        let after = Schema {
            tables: vec![table(Vec::new())],
            ..Schema::default()
        };
        assert!(dropped_foreign_key_index(std::slice::from_ref(&drop), &after).is_some());
        // Another index still serves the key: fine.
        let after = Schema {
            tables: vec![table(vec![unique("t_a_key", &["a"])])],
            ..Schema::default()
        };
        assert_eq!(dropped_foreign_key_index(&[drop], &after), None);
    }
}
