//! `up`, `down`, `status`, `fresh`, `refresh`, `reset`, `resolve`: the engine's runner
//! (`crate::runner`), so the command line and a project's deploy binary lock, checksum and
//! fail alike.

use std::time::Duration;

use sea_orm::DatabaseConnection;

use super::{CliError, DownArgs, GlobalArgs, ResolveArgs};
use crate::runner::{self, DownTarget, Options, TrackedMigrator};

/// `options` are the runner options of the command line.
pub fn options(global: &GlobalArgs, allow_changed: bool) -> Options {
    Options {
        lock_timeout: Duration::from_secs(global.lock_timeout),
        allow_changed,
    }
}

/// `up` applies pending migrations (at most `num`), each in one transaction with its row.
pub(super) async fn up<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    num: Option<u32>,
) -> Result<(), CliError> {
    Ok(runner::up::<M>(db, options, num).await?)
}

/// `down` rolls back the last migration, the last N, all after a version, or all.
pub(super) async fn down<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    args: DownArgs,
) -> Result<(), CliError> {
    let target = if args.all {
        DownTarget::All
    } else if let Some(version) = args.to {
        DownTarget::To(version)
    } else {
        DownTarget::Last(args.num.unwrap_or(1))
    };
    Ok(runner::down::<M>(db, options, target).await?)
}

/// `status` lists every migration: applied, pending, modified or missing.
pub(super) async fn status<M: TrackedMigrator>(db: &DatabaseConnection) -> Result<(), CliError> {
    Ok(runner::status::<M>(db).await?)
}

/// `fresh` drops everything the migrations create in the schema, then applies all.
pub(super) async fn fresh<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), CliError> {
    Ok(runner::fresh::<M>(db, options).await?)
}

/// `refresh` rolls back every applied migration, then applies all.
pub(super) async fn refresh<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), CliError> {
    Ok(runner::refresh::<M>(db, options).await?)
}

/// `reset` rolls back every applied migration and drops the tracking table.
pub(super) async fn reset<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), CliError> {
    Ok(runner::reset::<M>(db, options).await?)
}

/// `resolve` closes the record of a migration that failed partway.
pub(super) async fn resolve<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    args: &ResolveArgs,
) -> Result<(), CliError> {
    let (version, resolution) = args.resolution();
    Ok(runner::resolve::<M>(db, options, &version, resolution).await?)
}
