//! `locking`: rules L001–L004, PostgreSQL statements that hold a table lock while they read or
//! rewrite the whole table, so the application's writes (or reads) wait.

use super::Hit;
use super::parse::{Action, Constraint, Stmt};
use super::state::State;
use super::types::{rewrites_table, sql_type};

/// `check` is what in `stmt` locks an existing table for long, judged before `state` learns it.
pub(super) fn check(stmt: &Stmt, state: &State) -> Vec<Hit> {
    match stmt {
        Stmt::CreateIndex {
            table,
            concurrently: false,
        } if state.is_existing_table(table) => vec![Hit::new(
            "L001",
            format!(
                "creates an index on \"{table}\" without CONCURRENTLY: writes to \"{table}\" wait until it is built"
            ),
            CONCURRENT_INDEX,
        )],
        Stmt::AlterTable { table, actions } if state.is_existing_table(table) => actions
            .iter()
            .filter_map(|a| alter_table(table, a, state))
            .collect(),
        _ => Vec::new(),
    }
}

const CONCURRENT_INDEX: &str = "CREATE INDEX CONCURRENTLY in a migration of its own whose \
                                use_transaction() returns Some(false)";

const NOT_VALID: &str = "ADD CONSTRAINT … NOT VALID here, then ALTER TABLE … VALIDATE \
                         CONSTRAINT … in a later migration (it does not block writes)";

/// `alter_table` is L001–L004 on one action of an existing table.
fn alter_table(table: &str, action: &Action, state: &State) -> Option<Hit> {
    match action {
        Action::AddConstraint {
            kind: Constraint::ForeignKey,
            not_valid: false,
            ..
        } => Some(Hit::new(
            "L002",
            format!(
                "adds a foreign key on \"{table}\" without NOT VALID: checks every row while writes to \"{table}\" and the referenced table wait"
            ),
            NOT_VALID,
        )),
        Action::AddConstraint {
            kind: Constraint::Check,
            not_valid: false,
            ..
        } => Some(Hit::new(
            "L003",
            format!(
                "adds a CHECK on \"{table}\" without NOT VALID: scans every row under an ACCESS EXCLUSIVE lock"
            ),
            NOT_VALID,
        )),
        // A UNIQUE or PRIMARY KEY constraint builds its index the way CREATE INDEX does.
        Action::AddConstraint {
            kind: kind @ (Constraint::Unique | Constraint::PrimaryKey),
            using_index: false,
            ..
        } => Some(Hit::new(
            "L001",
            format!(
                "adds a {} constraint on \"{table}\", which builds its index while writes to \"{table}\" wait",
                if *kind == Constraint::Unique {
                    "UNIQUE"
                } else {
                    "PRIMARY KEY"
                }
            ),
            "CREATE UNIQUE INDEX CONCURRENTLY in a migration whose use_transaction() returns \
             Some(false), then ADD CONSTRAINT … USING INDEX",
        )),
        Action::AlterType { column, ty } => {
            let from = state.column_type(table, column).map(sql_type);
            rewrites_table(from.as_ref(), &sql_type(ty)).then(|| {
                Hit::new(
                    "L004",
                    format!(
                        "changes the type of \"{table}\".\"{column}\" to {ty}: rewrites \"{table}\" and its indexes under an ACCESS EXCLUSIVE lock"
                    ),
                    "add a column of the new type, backfill it in batches, switch the code over, \
                     then drop the old column (widening varchar(n) to varchar(m ≥ n) or text \
                     needs no rewrite)",
                )
            })
        }
        _ => None,
    }
}
