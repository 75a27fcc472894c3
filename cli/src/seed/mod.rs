//! `seed`: realistic, deterministic fake data in every table.
//!
//! The rows are generated in memory first ([`dataset`]), from one seeded random source, so
//! the same options give the same rows. Rows are column name → value maps ([`row`]), never
//! entity structs: they are matched to the registry's tables and completed for whatever
//! columns the entities have now ([`fill`]), so editing an entity never breaks the seeder.
//! They are then written in one transaction ([`store`]): a database that already holds data
//! is refused (or emptied with `clear`), and on any error nothing is left behind.

mod access;
mod activity;
mod auth;
mod catalog;
mod content;
mod course;
mod dataset;
pub mod fill;
mod insert;
mod organization;
mod rng;
mod row;
mod store;
mod submission;
mod tables;
#[cfg(test)]
mod tests;

use entity::ddl::RegisteredTable;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::commands::CliError;

/// `SeedOptions` sizes the data.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub seed: u64,
    pub users: usize,
    pub courses: usize,
    pub organizations: usize,
    pub clear: bool,
}

/// `seed` fills every table of the entity registry and returns the row count per table.
pub async fn seed(
    db: &DatabaseConnection,
    options: &SeedOptions,
) -> Result<Vec<(String, u64)>, CliError> {
    seed_tables(db, options, entity::registry().tables).await
}

/// `seed_tables` fills the `registered` tables (the registry's, for `seed`): the seeders' rows for the
/// tables they know, a few generic rows for any other. A column that cannot be filled stops
/// it with one error line before the database is touched.
pub async fn seed_tables(
    db: &DatabaseConnection,
    options: &SeedOptions,
    registered: Vec<RegisteredTable>,
) -> Result<Vec<(String, u64)>, CliError> {
    validate(options)?;
    let tables = tables::ordered(registered);
    let names: Vec<String> = tables.iter().map(|t| t.table_name.clone()).collect();
    let data = dataset::generate(options);
    let plan = store::plan(&data, &tables, options.seed, db.get_database_backend())
        .map_err(|e| CliError::Project(Box::new(e)))?;
    let txn = db.begin().await?;
    if let Some((table, rows)) = tables::first_occupied(&txn, &names).await? {
        if !options.clear {
            return Err(CliError::NotEmpty(format!(
                "table \"{table}\" has {rows} rows"
            )));
        }
        tables::clear(&txn, &names).await?;
    }
    let counts = store::store(&txn, &plan).await?;
    txn.commit().await?;
    Ok(counts)
}

/// `validate` rejects sizes the data model cannot be built from: four users hold the system
/// roles and staff a course, a department needs a university above it, and every table
/// below `course` needs a course. The upper bounds are far beyond any fixture; the one on
/// courses keeps term labels (counted back from 2024) at positive years.
fn validate(options: &SeedOptions) -> Result<(), CliError> {
    let rules = [
        (
            options.users,
            4,
            100_000,
            "--users",
            "the system roles and a course's staff need four users",
        ),
        (
            options.courses,
            1,
            1_000,
            "--courses",
            "course data needs a course",
        ),
        (
            options.organizations,
            2,
            1_000,
            "--organizations",
            "a department needs a university above it",
        ),
    ];
    for (value, minimum, maximum, flag, why) in rules {
        if value < minimum {
            return Err(CliError::Usage(format!(
                "{flag} must be at least {minimum} ({why}), got {value}"
            )));
        }
        if value > maximum {
            return Err(CliError::Usage(format!(
                "{flag} must be at most {maximum}, got {value}"
            )));
        }
    }
    Ok(())
}
