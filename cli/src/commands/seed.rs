//! `seed`: fill every table with realistic, deterministic fake data.

use clap::Args;
use migration::Migrator;
use migration::runner::{Options, TrackedMigrator, with_lock};
use sea_orm::DatabaseConnection;

use super::CliError;
use crate::seed::{SeedOptions, seed};

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of users.
    #[arg(long, default_value_t = 50)]
    pub users: usize,
    /// Number of courses.
    #[arg(long, default_value_t = 10)]
    pub courses: usize,
    /// Number of organizations: a university and departments below it (at least 2).
    #[arg(long, default_value_t = 4)]
    pub organizations: usize,
    /// Empty every table first instead of refusing a database that holds data.
    #[arg(long)]
    pub clear: bool,
}

/// `run` seeds under the migration lock, so it never runs while a migration is being applied.
pub async fn run(
    db: &DatabaseConnection,
    options: &Options,
    args: SeedArgs,
) -> Result<(), CliError> {
    let seed_options = SeedOptions {
        seed: args.seed,
        users: args.users,
        courses: args.courses,
        organizations: args.organizations,
        clear: args.clear,
    };
    let counts = with_lock(
        db,
        Migrator::lock_name(),
        options.lock_timeout,
        seed(db, &seed_options),
    )
    .await?;
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    println!("seeded {total} rows into {} tables", counts.len());
    Ok(())
}
