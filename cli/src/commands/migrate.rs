//! `up`, `down`, `status`, `fresh`, `refresh`, `reset`: the migration crate's runner
//! (`migration::runner`), so `cli` and the `migration` binary lock, checksum and fail alike.

use std::time::Duration;

use migration::Migrator;
use migration::runner::{self, DownTarget, Options};
use sea_orm::DatabaseConnection;

use super::{CliError, DownArgs, GlobalArgs};

/// `options` are the runner options of the command line.
pub(super) fn options(global: &GlobalArgs, allow_changed: bool) -> Options {
    Options {
        lock_timeout: Duration::from_secs(global.lock_timeout),
        allow_changed,
    }
}

/// `up` applies pending migrations (at most `num`), each in one transaction with its row.
pub(super) async fn up(
    db: &DatabaseConnection,
    options: &Options,
    num: Option<u32>,
) -> Result<(), CliError> {
    Ok(runner::up::<Migrator>(db, options, num).await?)
}

/// `down` rolls back the last migration, the last N, all after a version, or all.
pub(super) async fn down(
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
    Ok(runner::down::<Migrator>(db, options, target).await?)
}

/// `status` lists every migration: applied, pending, modified or missing.
pub(super) async fn status(db: &DatabaseConnection) -> Result<(), CliError> {
    Ok(runner::status::<Migrator>(db).await?)
}

/// `fresh` drops everything the migrations create in the schema, then applies all.
pub(super) async fn fresh(db: &DatabaseConnection, options: &Options) -> Result<(), CliError> {
    Ok(runner::fresh::<Migrator>(db, options).await?)
}

/// `refresh` rolls back every applied migration, then applies all.
pub(super) async fn refresh(db: &DatabaseConnection, options: &Options) -> Result<(), CliError> {
    Ok(runner::refresh::<Migrator>(db, options).await?)
}

/// `reset` rolls back every applied migration and drops the tracking table.
pub(super) async fn reset(db: &DatabaseConnection, options: &Options) -> Result<(), CliError> {
    Ok(runner::reset::<Migrator>(db, options).await?)
}
