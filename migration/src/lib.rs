//! The ctutor migrations: frozen, generated files and the Migrator that applies them.
//!
//! Files are written by `cli generate` and reviewed by a person; once applied anywhere they
//! are history and are never edited. They never import the `entity` crate. [`runner`] applies
//! them under a lock, with checksums (the `migration` binary and `cli` both use it).

pub use sea_orm_migration::prelude::*;

pub mod dialect;
pub mod runner;

mod m20261124_065126_database_objects;
mod m20261124_065130_tables_of_the_original_schema;
mod m20261124_065138_gist_path_indexes_and_course_role_checks;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_065126_database_objects::Migration),
            Box::new(m20261124_065130_tables_of_the_original_schema::Migration),
            Box::new(m20261124_065138_gist_path_indexes_and_course_role_checks::Migration),
        ]
    }
}
