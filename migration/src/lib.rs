//! The ctutor migrations: frozen, generated files and the Migrator that applies them.
//!
//! Files are written by `cli generate` and reviewed by a person; once applied anywhere they
//! are history and are never edited. They never import the `entity` crate. [`runner`] (the
//! schema engine's) applies them under a lock, with checksums (the `migration` binary and `cli`
//! both use it): [`Migrator`] is a `TrackedMigrator`, with the checksums `build.rs` records and
//! the lock name [`LOCK_NAME`].

pub use sea_orm_migration::prelude::*;

pub mod dialect;
pub use schema_engine::runner;

mod m20261124_065126_database_objects;
mod m20261124_065130_tables_of_the_original_schema;
mod m20261124_065138_gist_path_indexes_and_course_role_checks;

/// `LOCK_NAME` is what the PostgreSQL advisory lock key is derived from: it must never change,
/// or two versions deploying at once would not exclude each other.
pub const LOCK_NAME: &str = "ctutor-migrations";

mod checksums {
    include!(concat!(env!("OUT_DIR"), "/checksums.rs"));
}

pub struct Migrator;

impl runner::TrackedMigrator for Migrator {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        checksums::CHECKSUMS
    }

    fn lock_name() -> &'static str {
        LOCK_NAME
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The advisory lock key every deployed version takes: changing the name would let an old
    /// and a new version migrate the same database at once.
    #[test]
    fn the_lock_key_is_the_one_deployed() {
        assert_eq!(runner::lock_key(LOCK_NAME), KEY);
    }

    const KEY: i64 = -8422698699144668037;
}
