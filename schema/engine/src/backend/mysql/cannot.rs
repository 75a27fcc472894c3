//! What the generated migrations do not make on MySQL/MariaDB, and why.

use super::super::portable::is_portable_index;
use crate::diff::Change;

/// `cannot` is why a generated migration does not make `change` on MySQL/MariaDB, if it
/// does not: generated migrations write these steps in PostgreSQL SQL (or for PostgreSQL's
/// objects), guarded so they run on PostgreSQL only.
pub fn cannot(change: &Change) -> Option<String> {
    use Change::*;
    Some(match change {
        CreateExtension(_) | RetainExtension(_) => "MySQL/MariaDB has no extensions".into(),
        AddEnumValue { .. } => {
            "MySQL/MariaDB has no enum types; the ENUM columns using it are not changed yet".into()
        }
        RenameEnumValue { .. } => {
            "MySQL/MariaDB has no enum types; the ENUM columns using it are not changed yet".into()
        }
        CreateSequence(_) | DropSequence(_) | AlterSequence { .. } => {
            "sequences are PostgreSQL's; the application supplies the values".into()
        }
        CreateFunction(_) | DropFunction(_) | ReplaceFunction { .. } => {
            "functions are written in PostgreSQL's language".into()
        }
        SetTableComment { .. } => {
            "comments are written as PostgreSQL's COMMENT ON, which MySQL/MariaDB lacks".into()
        }
        AddCheck { .. } | DropCheck { .. } => {
            "CHECKs are PostgreSQL SQL, not created on MySQL/MariaDB".into()
        }
        CreateIndex { index, .. } | DropIndex { index, .. } if !is_portable_index(index) => {
            "the index is PostgreSQL-only (method, predicate, expression or sort order)".into()
        }
        AlterColumn { .. } => {
            "the migrations alter a column in PostgreSQL SQL; MySQL/MariaDB's MODIFY COLUMN is not written yet".into()
        }
        RenameConstraint { .. }
        | RenameIndex { .. }
        | AddPrimaryKey { .. }
        | DropPrimaryKey { .. }
        | AddUnique { .. }
        | DropUnique { .. }
        | AddForeignKey { .. }
        | DropForeignKey { .. }
        | FillColumn { .. } => {
            "the migrations change a key or constraint of an existing table in PostgreSQL SQL; not written for MySQL/MariaDB yet".into()
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
        | CreateIndex { .. }
        | DropIndex { .. }
        | RetainFilledValues { .. } => return None,
    })
}
