//! The closed set of schema changes.

use crate::model::{EnumType, Extension, ForeignKey, Function, Index, Sequence, Table};

/// `Change` is one schema change. Variants that remove something carry all of it, so the
/// reverse can recreate it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `CREATE EXTENSION IF NOT EXISTS`.
    CreateExtension(Extension),
    /// The reverse of a creation: the extension stays, since the whole database (other
    /// schemas, other applications) may use it.
    RetainExtension(Extension),
    CreateEnum(EnumType),
    DropEnum(EnumType),
    CreateSequence(Sequence),
    DropSequence(Sequence),
    CreateFunction(Function),
    DropFunction(Function),
    /// A table with its columns, keys, CHECKs and foreign keys; its indexes are separate.
    CreateTable(Table),
    DropTable(Table),
    CreateIndex {
        table: String,
        index: Index,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    /// A foreign key added after both tables exist (breaks reference cycles).
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
}

impl Change {
    /// `reverse` is the change that undoes this one.
    pub fn reverse(&self) -> Change {
        match self.clone() {
            Change::CreateExtension(e) => Change::RetainExtension(e),
            Change::RetainExtension(e) => Change::CreateExtension(e),
            Change::CreateEnum(e) => Change::DropEnum(e),
            Change::DropEnum(e) => Change::CreateEnum(e),
            Change::CreateSequence(s) => Change::DropSequence(s),
            Change::DropSequence(s) => Change::CreateSequence(s),
            Change::CreateFunction(f) => Change::DropFunction(f),
            Change::DropFunction(f) => Change::CreateFunction(f),
            Change::CreateTable(t) => Change::DropTable(t),
            Change::DropTable(t) => Change::CreateTable(t),
            Change::CreateIndex { table, index } => Change::DropIndex { table, index },
            Change::DropIndex { table, index } => Change::CreateIndex { table, index },
            Change::AddForeignKey { table, foreign_key } => {
                Change::DropForeignKey { table, foreign_key }
            }
            Change::DropForeignKey { table, foreign_key } => {
                Change::AddForeignKey { table, foreign_key }
            }
        }
    }

    /// `table` is the table the change belongs to, if any.
    pub fn table(&self) -> Option<&str> {
        match self {
            Change::CreateTable(t) | Change::DropTable(t) => Some(&t.name),
            Change::CreateIndex { table, .. }
            | Change::DropIndex { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. } => Some(table),
            _ => None,
        }
    }

    /// `is_database_object` is true for changes to objects other than tables and their parts.
    pub fn is_database_object(&self) -> bool {
        self.table().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndexMethod, IndexPart};

    #[test]
    fn reverse_is_an_involution() {
        let index = Index {
            name: "ix".into(),
            parts: vec![IndexPart::column("a")],
            unique: false,
            method: IndexMethod::Gist,
            predicate: None,
        };
        let changes = [
            Change::CreateExtension(Extension {
                name: "ltree".into(),
            }),
            Change::CreateEnum(EnumType {
                name: "e".into(),
                values: vec!["a".into()],
            }),
            Change::CreateIndex {
                table: "t".into(),
                index,
            },
        ];
        for change in changes {
            assert_ne!(change.reverse(), change);
            assert_eq!(change.reverse().reverse(), change);
        }
    }
}
