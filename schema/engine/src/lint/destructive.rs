//! `destructive`: rules D001–D005, changes that lose data or fail on the data already there.

use super::Hit;
use super::parse::{Action, Stmt};
use super::state::State;
use super::types::sql_type;

/// `check` is what `stmt` breaks, judged before `state` learns it.
pub(super) fn check(stmt: &Stmt, state: &State) -> Vec<Hit> {
    match stmt {
        Stmt::DropTable { tables } => tables
            .iter()
            .filter(|t| state.is_existing_table(t))
            .map(|t| drop_table(t))
            .collect(),
        Stmt::AlterTable { table, actions } if state.is_existing_table(table) => actions
            .iter()
            .filter_map(|a| alter_table(table, a, state))
            .collect(),
        Stmt::DropType { names } => names
            .iter()
            .filter(|n| state.is_existing_type(n))
            .map(|n| drop_type(n, state.enum_labels(n)))
            .collect(),
        Stmt::CreateEnum { name, labels } => state
            .former_labels(name)
            .and_then(|former| recreate_enum(name, former, labels))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

/// `drop_table` is D001.
fn drop_table(table: &str) -> Hit {
    Hit::new(
        "D001",
        format!("drops table \"{table}\" and every row in it"),
        "back the rows up first (pg_dump -t), and drop the table in a migration of its own \
         once no deployed code reads it",
    )
}

/// `alter_table` is D002, D003 and D005 on one action of an existing table.
fn alter_table(table: &str, action: &Action, state: &State) -> Option<Hit> {
    match action {
        Action::DropColumn { column } if state.is_existing_column(table, column) => Some(Hit::new(
            "D002",
            format!("drops column \"{table}\".\"{column}\" and its values"),
            "deploy code that no longer reads or writes the column first, back the values up, \
             then drop it in a later migration",
        )),
        Action::AlterType { column, ty } if state.is_existing_column(table, column) => {
            let from = state.column_type(table, column);
            let narrows = from.is_none_or(|f| !sql_type(f).widens_to(&sql_type(ty)));
            narrows.then(|| {
                let reason = match from {
                    Some(f) => format!(
                        "changes \"{table}\".\"{column}\" from {f} to {ty}: a value that does not fit fails the migration, others may be converted with loss"
                    ),
                    None => format!(
                        "changes \"{table}\".\"{column}\" to {ty} (its current type is not known from the migrations): a value that does not fit fails the migration or loses data"
                    ),
                };
                Hit::new(
                    "D003",
                    reason,
                    "check that every value converts first, or add a column of the new type, \
                     backfill it, switch the code over, then drop the old column",
                )
            })
        }
        Action::SetNotNull { column } if state.is_existing_column(table, column) => Some(Hit::new(
            "D005",
            format!(
                "sets \"{table}\".\"{column}\" NOT NULL: fails if a row holds NULL, and scans the table under an ACCESS EXCLUSIVE lock"
            ),
            "backfill the NULLs first; on a large table add CHECK (column IS NOT NULL) NOT VALID, \
             VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL (no scan then)",
        )),
        Action::AddColumn {
            column,
            not_null: true,
            has_default: false,
            ..
        } => Some(Hit::new(
            "D005",
            format!(
                "adds \"{table}\".\"{column}\" NOT NULL without a DEFAULT: fails as soon as \"{table}\" has a row"
            ),
            "give it a DEFAULT, or add it nullable, backfill it, then SET NOT NULL (through a \
             CHECK (column IS NOT NULL) NOT VALID and VALIDATE on a large table)",
        )),
        _ => None,
    }
}

/// `drop_type` is D004 for a dropped type.
fn drop_type(name: &str, labels: Option<&[String]>) -> Hit {
    let reason = match labels {
        Some(labels) => format!(
            "drops enum type \"{name}\" and its labels ({})",
            labels.join(", ")
        ),
        None => format!("drops type \"{name}\" (an enum's labels are lost with it)"),
    };
    Hit::new(
        "D004",
        reason,
        "drop it only once no column uses it and its labels are no longer needed; an unused \
         enum type costs nothing to keep",
    )
}

/// `recreate_enum` is D004 for an enum re-created without some of its labels.
fn recreate_enum(name: &str, former: &[String], labels: &[String]) -> Option<Hit> {
    let missing: Vec<&str> = former
        .iter()
        .filter(|l| !labels.contains(l))
        .map(String::as_str)
        .collect();
    (!missing.is_empty()).then(|| {
        Hit::new(
            "D004",
            format!(
                "re-creates enum type \"{name}\" without label(s) {}: rows holding them make the column conversion fail",
                missing.join(", ")
            ),
            "move the rows off the removed labels in an earlier migration, or keep the labels \
             (PostgreSQL cannot drop an enum label in place)",
        )
    })
}
