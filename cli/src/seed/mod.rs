//! `seed`: realistic fake data in every table (work in progress).

use sea_orm::{DatabaseConnection, DbErr};

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

/// `seed` fills the database and returns the row count per table.
pub async fn seed(
    _db: &DatabaseConnection,
    _options: &SeedOptions,
) -> Result<Vec<(String, u64)>, CliError> {
    Err(CliError::Database(DbErr::Custom(
        "seed is not implemented yet".into(),
    )))
}
