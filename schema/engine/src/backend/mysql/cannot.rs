//! What the generated migrations do not make on MySQL/MariaDB, and why.

use super::super::portable::{is_portable_index, portable_default};
use super::portable_there;
use crate::diff::Change;
use crate::model::{DefaultValue, SqlType};

/// `is_enum_column` is true for a column of an enum type, in the entities' terms or as
/// MySQL/MariaDB reports it (`enum('a','b')`).
fn is_enum_column(ty: &SqlType) -> bool {
    match ty {
        SqlType::Enum(_) => true,
        SqlType::Named(name) => name.starts_with("enum("),
        _ => false,
    }
}

/// `cannot` is why a generated migration does not make `change` on MySQL/MariaDB, if it
/// does not: generated migrations write these steps in PostgreSQL SQL (or for PostgreSQL's
/// objects), guarded so they run on PostgreSQL only.
pub fn cannot(change: &Change) -> Option<String> {
    use Change::*;
    Some(match change {
        CreateExtension(_) | RetainExtension(_) => "MySQL/MariaDB has no extensions".into(),
        CreateSequence(_) | DropSequence(_) | AlterSequence { .. } => {
            "sequences are PostgreSQL's; the application supplies the values".into()
        }
        CreateFunction(_) | DropFunction(_) | ReplaceFunction { .. } => {
            "functions are written in PostgreSQL's language".into()
        }
        SetTableComment { .. } => {
            "comments are written as PostgreSQL's COMMENT ON, which MySQL/MariaDB lacks".into()
        }
        AddCheck { check, .. } | DropCheck { check, .. } if !portable_there(check) => {
            "the CHECK is PostgreSQL SQL (a cast, a function, an operator MySQL/MariaDB reads otherwise), not created on MySQL/MariaDB".into()
        }
        CreateIndex { index, .. } | DropIndex { index, .. } if !is_portable_index(index) => {
            "the index is PostgreSQL-only (method, predicate, expression or sort order)".into()
        }
        // A NOT NULL column added with a default MySQL/MariaDB has no equivalent of (a fill
        // value, `--fill`, or a PostgreSQL function): the rows there would get none.
        AddColumn { column, .. }
            if !column.nullable
                && matches!(&column.default, Some(DefaultValue::Expr(e)) if portable_default(e.as_str()).is_none())
            =>
        {
            "its default is PostgreSQL SQL with no MySQL/MariaDB equivalent, so the rows there would not get the value".into()
        }
        // Found against MySQL/MariaDB, a label change is a change of the ENUM columns only:
        // the enum type of PostgreSQL would not change with them.
        AlterColumn { from, to, .. } if is_enum_column(&from.ty) && is_enum_column(&to.ty) && from.ty != to.ty => {
            "the labels of an enum type change: generate this migration against PostgreSQL, which changes the type and, on MySQL/MariaDB, its ENUM columns".into()
        }
        RenameConstraint { .. } => {
            "MySQL/MariaDB cannot rename a constraint (a foreign key is dropped and added again); not written for it yet".into()
        }
        FillColumn { .. } => {
            "the rows are filled in PostgreSQL SQL; not written for MySQL/MariaDB yet".into()
        }
        // MySQL/MariaDB has no enum types: its ENUM columns carry their labels, so creating
        // or dropping the type is nothing to do there.
        CreateEnum(_)
        | DropEnum(_)
        | RetainEnumValue { .. }
        | CreateTable(_)
        | DropTable(_)
        | RenameTable { .. }
        | AddColumn { .. }
        | DropColumn { .. }
        | RenameColumn { .. }
        // A column's new definition is a MODIFY COLUMN; a label change of an enum type
        // a MODIFY COLUMN of each ENUM column using it.
        | AlterColumn { .. }
        | AddEnumValue { .. }
        | RenameEnumValue { .. }
        | AddForeignKey { .. }
        | DropForeignKey { .. }
        // Keys of existing tables: MySQL/MariaDB's own statements (`sql::mysql`).
        | AddPrimaryKey { .. }
        | DropPrimaryKey { .. }
        | AddUnique { .. }
        | DropUnique { .. }
        | RenameIndex { .. }
        | CreateIndex { .. }
        | DropIndex { .. }
        // A CHECK of plain comparisons means the same there (`portable_check`).
        | AddCheck { .. }
        | DropCheck { .. }
        | RetainFilledValues { .. } => return None,
    })
}
