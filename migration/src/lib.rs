//! The ctutor migrations: frozen, generated files and the Migrator that applies them.
//!
//! Files are written by `cli generate` and reviewed by a person; once applied anywhere they
//! are history and are never edited. They never import the `entity` crate.

pub use sea_orm_migration::prelude::*;

pub mod dialect;

mod m20261124_063345_database_objects;
mod m20261124_063348_tables;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_063345_database_objects::Migration),
            Box::new(m20261124_063348_tables::Migration),
        ]
    }
}
