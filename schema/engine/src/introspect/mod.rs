//! `introspect` reads a live database's catalog into the normalized schema [`model`].
//!
//! It is the live side of a comparison: the result compares with the desired schema the
//! entities declare ([`desired`]). Each kind of object is read for all tables at once, so
//! the number of catalog queries does not grow with the number of tables: PostgreSQL 8,
//! SQLite 4, MySQL/MariaDB 7.
//!
//! [`model`]: crate::model
//! [`desired`]: crate::desired

mod assemble;
mod mysql;
mod postgres;
mod sqlite;

/// `is_tracking_table` is true for the bookkeeping table of a migration tool
/// (sea-orm-migration's default `seaql_migrations`, the runner's failure record next to it,
/// `seaql_migrations_failure`, or another tool's table): never part of the schema, whether
/// the database is tracked or not. A migrator with a tracking table of another name has it
/// (and its failure record) left out by the commands, which know the migrator (`cli`'s
/// `live_schema`).
pub fn is_tracking_table(name: &str) -> bool {
    name == SEA_ORM_TRACKING_TABLE
        || name == crate::runner::failure::table_name(SEA_ORM_TRACKING_TABLE)
        || crate::runner::history::OTHER_TOOLS.contains(&name)
}

/// `SEA_ORM_TRACKING_TABLE` is sea-orm-migration's default `migration_table_name`.
pub const SEA_ORM_TRACKING_TABLE: &str = "seaql_migrations";

pub use mysql::{enum_column_type, introspect_mysql, introspect_mysql_with_stats};
pub use postgres::{IntrospectStats, introspect_postgres};
pub use sqlite::introspect_sqlite;
