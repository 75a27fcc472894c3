//! `resolve`: closing the record of a migration that failed partway, once a person finished
//! or undid it by hand (as Prisma's `migrate resolve`).
//!
//! The runner cannot know what the repair did; the person says where it left the database,
//! whichever half of the migration failed (`up()` or `down()`):
//!
//! - [`Resolution::Applied`]: the migration is now applied: after a failed `up()` the rest of
//!   it was run by hand, after a failed `down()` what the rollback undid was redone. The
//!   migration is recorded as applied, with its file's checksum, as `up` would have recorded
//!   it (a failed `down()` left its row: it stays).
//! - [`Resolution::RolledBack`]: the migration is now not applied: after a failed `up()` what
//!   ran was undone by hand, after a failed `down()` the rest of the rollback was run by hand.
//!   Its tracking row (a failed `down()` left it) goes with the record, and the next `up` runs
//!   the whole migration again.
//!
//! The flag names the end state, not the direction that failed, so it means the same after
//! either failure. Both write in one transaction (the tracking row and the failure record are
//! plain rows, transactional on every backend), under the migration lock.

use sea_orm_migration::sea_orm::{DatabaseConnection, TransactionTrait};

use super::failure;
use super::{Options, RunnerError, TrackedMigrator, expected_checksum, history, with_lock};

/// `Resolution` is where the repair by hand left a migration that failed partway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Applied: record it as applied.
    Applied,
    /// Not applied: remove its tracking row if any, so `up` runs it again.
    RolledBack,
}

/// `resolve` records how the failure of `version` was resolved.
pub async fn resolve<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    version: &str,
    resolution: Resolution,
) -> Result<(), RunnerError> {
    with_lock(db, M::lock_name(), options.lock_timeout, async {
        let table = history::table_name::<M>();
        let known = M::migrations().iter().any(|m| m.name() == version);
        let failures = failure::read(db, &table).await?;
        if !failures.iter().any(|f| f.version == version) {
            return Err(match known {
                true => RunnerError::NothingToResolve(version.to_owned()),
                false => RunnerError::UnknownVersion(version.to_owned()),
            });
        }
        let applied = history::read(db, &table)
            .await?
            .iter()
            .any(|row| row.version == version);
        if resolution == Resolution::Applied && !known {
            // Recording a version this build does not have would only make it `missing`.
            return Err(RunnerError::UnknownVersion(version.to_owned()));
        }
        let txn = db.begin().await?;
        match resolution {
            Resolution::Applied if !applied => {
                history::insert(&txn, &table, version, expected_checksum::<M>(version)).await?
            }
            Resolution::RolledBack if applied => history::delete(&txn, &table, version).await?,
            _ => {}
        }
        failure::clear(&txn, &table, version).await?;
        txn.commit().await?;
        match resolution {
            Resolution::Applied => println!("resolved {version}: recorded as applied"),
            Resolution::RolledBack if applied => println!(
                "resolved {version}: recorded as rolled back (its tracking row is removed) and the failure is cleared; the migration is pending, `up` runs it again"
            ),
            Resolution::RolledBack => println!(
                "resolved {version}: the failure is cleared and the migration is pending; `up` runs it again"
            ),
        }
        Ok(())
    })
    .await
}
