//! The closed set of schema changes.

use crate::model::{
    Check, Column, EnumType, Extension, ForeignKey, Function, Index, PrimaryKey, Sequence, SqlExpr,
    Table, UniqueConstraint,
};

/// `Change` is one schema change. Every variant carries what undoing it needs (a dropped
/// table carries the whole table, an altered column both versions), so [`Change::reverse`] is
/// mechanical and total.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Change {
    /// `CREATE EXTENSION IF NOT EXISTS`.
    CreateExtension(Extension),
    /// The reverse of a creation: the extension stays, since the whole database (other
    /// schemas, other applications) may use it.
    RetainExtension(Extension),
    CreateEnum(EnumType),
    DropEnum(EnumType),
    /// `ALTER TYPE … ADD VALUE … [BEFORE|AFTER …]`.
    AddEnumValue {
        enum_name: String,
        value: String,
        position: EnumPosition,
    },
    /// The reverse of `AddEnumValue`: PostgreSQL cannot remove an enum label, so it stays.
    RetainEnumValue {
        enum_name: String,
        value: String,
    },
    RenameEnumValue {
        enum_name: String,
        from: String,
        to: String,
    },
    CreateSequence(Sequence),
    DropSequence(Sequence),
    AlterSequence {
        from: Sequence,
        to: Sequence,
    },
    CreateFunction(Function),
    DropFunction(Function),
    /// `CREATE OR REPLACE FUNCTION` with the same signature.
    ReplaceFunction {
        from: Function,
        to: Function,
    },
    /// A table with its columns, keys, CHECKs and foreign keys; its indexes are separate.
    CreateTable(Table),
    DropTable(Table),
    RenameTable {
        from: String,
        to: String,
    },
    AddColumn {
        table: String,
        column: Column,
    },
    DropColumn {
        table: String,
        column: Column,
    },
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// Type, nullability, default or comment of a column; `from` and `to` share the name.
    AlterColumn {
        table: String,
        from: Column,
        to: Column,
    },
    /// A key, UNIQUE, CHECK or foreign key constraint whose definition stays, under a new name.
    RenameConstraint {
        table: String,
        from: String,
        to: String,
    },
    /// An index that backs no constraint, under a new name.
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
    AddPrimaryKey {
        table: String,
        key: PrimaryKey,
    },
    DropPrimaryKey {
        table: String,
        key: PrimaryKey,
    },
    AddUnique {
        table: String,
        unique: UniqueConstraint,
    },
    DropUnique {
        table: String,
        unique: UniqueConstraint,
    },
    CreateIndex {
        table: String,
        index: Index,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    /// A foreign key added to an existing table (or after both tables of a cycle exist).
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    AddCheck {
        table: String,
        check: Check,
    },
    DropCheck {
        table: String,
        check: Check,
    },
    SetTableComment {
        table: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// `UPDATE … SET column = (value) WHERE column IS NULL`: the existing rows of a column
    /// added as NULL, filled from an expression over each row before it becomes NOT NULL
    /// (`generate --fill` with a value that reads other columns).
    FillColumn {
        table: String,
        column: String,
        value: SqlExpr,
    },
    /// The reverse of `FillColumn`: the filled values stay (`down()` drops the column next).
    RetainFilledValues {
        table: String,
        column: String,
        value: SqlExpr,
    },
}

/// `EnumPosition` is where a new enum label goes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum EnumPosition {
    /// At the end of the list.
    Last,
    Before(String),
    After(String),
}

impl Change {
    /// `reverse` is the change that undoes this one.
    pub fn reverse(&self) -> Change {
        use Change::*;
        match self.clone() {
            CreateExtension(e) => RetainExtension(e),
            RetainExtension(e) => CreateExtension(e),
            CreateEnum(e) => DropEnum(e),
            DropEnum(e) => CreateEnum(e),
            AddEnumValue {
                enum_name, value, ..
            } => RetainEnumValue { enum_name, value },
            RetainEnumValue { enum_name, value } => AddEnumValue {
                enum_name,
                value,
                position: EnumPosition::Last,
            },
            RenameEnumValue {
                enum_name,
                from,
                to,
            } => RenameEnumValue {
                enum_name,
                from: to,
                to: from,
            },
            CreateSequence(s) => DropSequence(s),
            DropSequence(s) => CreateSequence(s),
            AlterSequence { from, to } => AlterSequence { from: to, to: from },
            CreateFunction(f) => DropFunction(f),
            DropFunction(f) => CreateFunction(f),
            ReplaceFunction { from, to } => ReplaceFunction { from: to, to: from },
            CreateTable(t) => DropTable(t),
            DropTable(t) => CreateTable(t),
            RenameTable { from, to } => RenameTable { from: to, to: from },
            AddColumn { table, column } => DropColumn { table, column },
            DropColumn { table, column } => AddColumn { table, column },
            RenameColumn { table, from, to } => RenameColumn {
                table,
                from: to,
                to: from,
            },
            AlterColumn { table, from, to } => AlterColumn {
                table,
                from: to,
                to: from,
            },
            RenameConstraint { table, from, to } => RenameConstraint {
                table,
                from: to,
                to: from,
            },
            RenameIndex { table, from, to } => RenameIndex {
                table,
                from: to,
                to: from,
            },
            AddPrimaryKey { table, key } => DropPrimaryKey { table, key },
            DropPrimaryKey { table, key } => AddPrimaryKey { table, key },
            AddUnique { table, unique } => DropUnique { table, unique },
            DropUnique { table, unique } => AddUnique { table, unique },
            CreateIndex { table, index } => DropIndex { table, index },
            DropIndex { table, index } => CreateIndex { table, index },
            AddForeignKey { table, foreign_key } => DropForeignKey { table, foreign_key },
            DropForeignKey { table, foreign_key } => AddForeignKey { table, foreign_key },
            AddCheck { table, check } => DropCheck { table, check },
            DropCheck { table, check } => AddCheck { table, check },
            SetTableComment { table, from, to } => SetTableComment {
                table,
                from: to,
                to: from,
            },
            FillColumn {
                table,
                column,
                value,
            } => RetainFilledValues {
                table,
                column,
                value,
            },
            RetainFilledValues {
                table,
                column,
                value,
            } => FillColumn {
                table,
                column,
                value,
            },
        }
    }

    /// `table` is the table the change belongs to, if any.
    pub fn table(&self) -> Option<&str> {
        use Change::*;
        match self {
            CreateTable(t) | DropTable(t) => Some(&t.name),
            RenameTable { to, .. } => Some(to),
            AddColumn { table, .. }
            | DropColumn { table, .. }
            | RenameColumn { table, .. }
            | AlterColumn { table, .. }
            | RenameConstraint { table, .. }
            | RenameIndex { table, .. }
            | AddPrimaryKey { table, .. }
            | DropPrimaryKey { table, .. }
            | AddUnique { table, .. }
            | DropUnique { table, .. }
            | CreateIndex { table, .. }
            | DropIndex { table, .. }
            | AddForeignKey { table, .. }
            | DropForeignKey { table, .. }
            | AddCheck { table, .. }
            | DropCheck { table, .. }
            | SetTableComment { table, .. }
            | FillColumn { table, .. }
            | RetainFilledValues { table, .. } => Some(table),
            CreateExtension(_)
            | RetainExtension(_)
            | CreateEnum(_)
            | DropEnum(_)
            | AddEnumValue { .. }
            | RetainEnumValue { .. }
            | RenameEnumValue { .. }
            | CreateSequence(_)
            | DropSequence(_)
            | AlterSequence { .. }
            | CreateFunction(_)
            | DropFunction(_)
            | ReplaceFunction { .. } => None,
        }
    }

    /// `is_database_object` is true for changes to objects other than tables and their parts.
    pub fn is_database_object(&self) -> bool {
        self.table().is_none()
    }

    /// `data_loss` says why applying the change can lose data, if it can.
    pub fn data_loss(&self) -> Option<String> {
        use Change::*;
        match self {
            DropTable(t) => Some(format!("drops table \"{}\" and its rows", t.name)),
            DropColumn { table, column } if column.generated.is_none() => Some(format!(
                "drops column \"{table}\".\"{}\" and its values",
                column.name
            )),
            AlterColumn { table, from, to } if !from.ty.widens_to(&to.ty) => Some(format!(
                "narrows \"{table}\".\"{}\" from {} to {}: values that do not fit make it fail, others are converted",
                from.name, from.ty, to.ty
            )),
            DropEnum(e) => Some(format!("drops enum type \"{}\"", e.name)),
            _ => None,
        }
    }

    /// `irreversible` says why `down()` cannot fully undo the change, if it cannot.
    pub fn irreversible(&self) -> Option<String> {
        match self {
            Change::AddEnumValue {
                enum_name, value, ..
            } => Some(format!(
                "PostgreSQL cannot remove label '{value}' from enum \"{enum_name}\"; down() keeps it"
            )),
            Change::CreateExtension(e) => Some(format!(
                "down() keeps extension \"{}\", which the whole database may use",
                e.name
            )),
            Change::FillColumn { table, column, .. } => Some(format!(
                "the values filled into \"{table}\".\"{column}\" are not put back; down() drops the column"
            )),
            _ => None,
        }
    }

    /// `needs_own_transaction` is true for `ALTER TYPE … ADD VALUE`: the new label cannot be
    /// used in the transaction that adds it, so it is committed before the rest.
    pub fn needs_own_transaction(&self) -> bool {
        matches!(self, Change::AddEnumValue { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndexMethod, IndexPart, SqlType};

    fn column(name: &str, ty: SqlType) -> Column {
        Column {
            name: name.into(),
            ty,
            nullable: true,
            default: None,
            generated: None,
            comment: None,
        }
    }

    #[test]
    fn reverse_is_an_involution_except_for_what_stays() {
        let index = Index {
            name: "ix".into(),
            parts: vec![IndexPart::column("a")],
            unique: false,
            method: IndexMethod::Gist,
            predicate: None,
        };
        let changes = [
            Change::CreateEnum(EnumType {
                name: "e".into(),
                values: vec!["a".into()],
            }),
            Change::CreateIndex {
                table: "t".into(),
                index,
            },
            Change::RenameColumn {
                table: "t".into(),
                from: "a".into(),
                to: "b".into(),
            },
            Change::AlterColumn {
                table: "t".into(),
                from: column("a", SqlType::Varchar(Some(10))),
                to: column("a", SqlType::Varchar(Some(20))),
            },
        ];
        for change in changes {
            assert_ne!(change.reverse(), change);
            assert_eq!(change.reverse().reverse(), change);
        }
    }

    #[test]
    fn destructive_and_irreversible_changes_say_so() {
        let drop = Change::DropColumn {
            table: "t".into(),
            column: column("a", SqlType::Text),
        };
        assert!(drop.data_loss().is_some());
        assert!(drop.reverse().data_loss().is_none());
        let add = Change::AddEnumValue {
            enum_name: "e".into(),
            value: "x".into(),
            position: EnumPosition::Last,
        };
        assert!(add.irreversible().is_some());
        assert!(add.needs_own_transaction());
    }
}
