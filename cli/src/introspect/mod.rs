//! `introspect` reads a live database's catalog into the normalized schema [`model`].
//!
//! It is the live side of a comparison: the result compares with the desired schema the
//! entities declare ([`desired`]). Each kind of object is read for all tables at once, so
//! the number of catalog queries does not grow with the number of tables.
//!
//! [`model`]: crate::model
//! [`desired`]: crate::desired

mod postgres;
mod sqlite;

/// `is_tracking_table` is true for the bookkeeping table of a migration tool (ours or
/// another's): never part of the schema, whether the database is tracked or not.
pub fn is_tracking_table(name: &str) -> bool {
    use sea_orm_migration::MigratorTrait;
    name == migration::Migrator::migration_table_name().to_string()
        || migration::runner::history::OTHER_TOOLS.contains(&name)
}

pub use postgres::{IntrospectStats, introspect_postgres};
pub use sqlite::introspect_sqlite;
