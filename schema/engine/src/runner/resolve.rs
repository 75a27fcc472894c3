//! `resolve`: closing the record of a migration that failed partway, once a person finished
//! or undid it by hand (as Prisma's `migrate resolve`).
//!
//! The runner cannot know what the repair did; the person says which way it went:
//!
//! - [`Resolution::Applied`]: the rest of the migration was run by hand. The migration is
//!   recorded as applied, with its file's checksum, as `up` would have recorded it.
//! - [`Resolution::RolledBack`]: what ran was undone by hand. The record goes, and the next
//!   `up` runs the whole migration again.
//!
//! Both write in one transaction (the tracking row and the failure record are plain rows,
//! transactional on every backend), under the migration lock.

use sea_orm_migration::sea_orm::{DatabaseConnection, TransactionTrait};

use super::failure;
use super::{Options, RunnerError, TrackedMigrator, expected_checksum, history, with_lock};

/// `Resolution` is what was done by hand to a migration that failed partway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Finished by hand: record it as applied.
    Applied,
    /// Undone by hand: forget the failure, so `up` runs it again.
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
        if resolution == Resolution::Applied && !applied {
            history::insert(&txn, &table, version, expected_checksum::<M>(version)).await?;
        }
        failure::clear(&txn, &table, version).await?;
        txn.commit().await?;
        match resolution {
            Resolution::Applied => println!("resolved {version}: recorded as applied"),
            Resolution::RolledBack => println!(
                "resolved {version}: the failure is cleared and the migration is pending; `up` runs it again"
            ),
        }
        Ok(())
    })
    .await
}
