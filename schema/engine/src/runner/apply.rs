//! Applying and rolling back one migration together with its tracking row.
//!
//! A migration runs in one transaction with its tracking row whenever the backend has
//! transactional DDL (PostgreSQL, SQLite) and the migration does not opt out: it is applied
//! entirely, or not at all and not recorded.
//!
//! `use_transaction() == Some(false)` is what the engine generates for
//! `ALTER TYPE … ADD VALUE IF NOT EXISTS`, which PostgreSQL cannot run inside the
//! transaction that then uses the new label. Such a migration runs those statements first,
//! each committing on its own, and everything else in one explicit transaction; the runner
//! records it after that. If it fails, the enum labels may exist already, but adding them is
//! idempotent and the rest was rolled back, so running `up` again after fixing the cause
//! resumes it safely. (The one window left: the process dies between the migration's commit
//! and the tracking row; `up` then fails on the objects that exist, and `cli baseline`
//! records it.)
//!
//! MySQL/MariaDB commit every DDL statement implicitly, so a transaction around a migration
//! would protect nothing: there the runner runs `up` (and `down`) statement by statement
//! (`partway.rs`) and records it after, as sea-orm-migration does. A migration failing halfway
//! leaves its earlier statements applied and its tracking row as it was: not recorded after
//! `up` ([`RunnerError::FailedPartway`]), still recorded after `down`
//! ([`RunnerError::RollbackFailedPartway`]); the failure is recorded instead (`failure.rs`),
//! with exactly which statements ran.

use sea_orm_migration::sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, TransactionTrait,
};
use sea_orm_migration::{MigrationTrait, SchemaManager};

use super::failure::{self, Direction, Failure};
use super::server_notes::ServerNotes;
use super::sqlite_keys::check_foreign_keys;
use super::{RunnerError, history, partway};

/// `in_transaction` is true when the migration and its row run in one transaction.
pub fn in_transaction(migration: &dyn MigrationTrait, backend: DbBackend) -> bool {
    backend != DbBackend::MySql
        && migration
            .use_transaction()
            .unwrap_or(matches!(backend, DbBackend::Postgres | DbBackend::Sqlite))
}

/// `apply` runs `migration.up` and records it with `checksum`; it returns what the server
/// said about its statements (MySQL/MariaDB; nothing elsewhere).
pub async fn apply(
    db: &DatabaseConnection,
    table: &str,
    migration: &dyn MigrationTrait,
    checksum: Option<&str>,
) -> Result<ServerNotes, RunnerError> {
    let name = migration.name();
    if in_transaction(migration, db.get_database_backend()) {
        let txn = db.begin().await.map_err(|e| failed(name, e))?;
        let result = async {
            migration.up(&SchemaManager::new(&txn)).await?;
            check_foreign_keys(&txn).await?;
            history::insert(&txn, table, name, checksum).await
        }
        .await;
        finish(txn, result)
            .await
            .map(|()| ServerNotes::default())
            .map_err(|e| failed(name, e))
    } else if db.get_database_backend() == DbBackend::MySql {
        match partway::apply(db, table, migration, checksum).await {
            Ok(notes) => Ok(notes),
            Err(failure) => Err(record_partway(db, table, failure).await),
        }
    } else {
        let result = async {
            migration.up(&SchemaManager::new(db)).await?;
            history::insert(db, table, name, checksum).await
        }
        .await;
        result
            .map(|()| ServerNotes::default())
            .map_err(|e| RunnerError::FailedNonTransactional {
                name: name.to_owned(),
                reason: e.to_string(),
            })
    }
}

/// `record_partway` writes the failure next to the tracking table, so that `status` shows it
/// and the commands that would build on a half-applied migration refuse until it is resolved.
async fn record_partway(db: &DatabaseConnection, table: &str, failure: Failure) -> RunnerError {
    let recorded = match failure::record(db, table, &failure).await {
        Ok(()) => format!(
            "the failure is recorded in {} (`status` lists every statement)",
            failure::table_name(table)
        ),
        Err(e) => format!(
            "recording the failure in {} failed too ({e}); `status` does not show it",
            failure::table_name(table)
        ),
    };
    let (name, summary, reason) = (
        failure.version.clone(),
        failure.summary(),
        failure.error.clone(),
    );
    match failure.direction {
        Direction::Up => RunnerError::FailedPartway {
            name,
            summary,
            reason,
            recorded,
        },
        Direction::Down => RunnerError::RollbackFailedPartway {
            name,
            summary,
            reason,
            recorded,
        },
    }
}

/// `roll_back` runs `migration.down` and removes its row; it returns what the server said
/// about its statements (MySQL/MariaDB; nothing elsewhere).
pub async fn roll_back(
    db: &DatabaseConnection,
    table: &str,
    migration: &dyn MigrationTrait,
) -> Result<ServerNotes, RunnerError> {
    let name = migration.name();
    let failed = |e: DbErr| RunnerError::RollbackFailed {
        name: name.to_owned(),
        reason: e.to_string(),
    };
    if in_transaction(migration, db.get_database_backend()) {
        let txn = db.begin().await.map_err(failed)?;
        let result = async {
            migration.down(&SchemaManager::new(&txn)).await?;
            check_foreign_keys(&txn).await?;
            history::delete(&txn, table, name).await
        }
        .await;
        finish(txn, result)
            .await
            .map(|()| ServerNotes::default())
            .map_err(failed)
    } else if db.get_database_backend() == DbBackend::MySql {
        match partway::roll_back(db, table, migration).await {
            Ok(notes) => Ok(notes),
            Err(failure) => Err(record_partway(db, table, failure).await),
        }
    } else {
        let result = async {
            migration.down(&SchemaManager::new(db)).await?;
            history::delete(db, table, name).await
        }
        .await;
        result.map(|()| ServerNotes::default()).map_err(|e| {
            RunnerError::RollbackFailedNonTransactional {
                name: name.to_owned(),
                reason: e.to_string(),
            }
        })
    }
}

/// `finish` commits after success and rolls back after failure, keeping the first error.
async fn finish(txn: DatabaseTransaction, result: Result<(), DbErr>) -> Result<(), DbErr> {
    match result {
        Ok(()) => txn.commit().await,
        Err(e) => {
            // The server discards the transaction anyway when the connection goes; the
            // explicit rollback returns the connection to the pool clean.
            let _ = txn.rollback().await;
            Err(e)
        }
    }
}

fn failed(name: &str, e: DbErr) -> RunnerError {
    RunnerError::Failed {
        name: name.to_owned(),
        reason: e.to_string(),
    }
}
