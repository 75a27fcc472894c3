//! `introspect` reads a live database's catalog into the normalized schema [`model`].
//!
//! It is the live side of a comparison: the result compares with the desired schema the
//! entities declare ([`desired`]). Each kind of object is read for all tables at once, so
//! the number of catalog queries does not grow with the number of tables.
//!
//! [`model`]: crate::model
//! [`desired`]: crate::desired

mod postgres;

/// `TRACKING_TABLES` are bookkeeping tables of migration tools, never part of the schema.
pub const TRACKING_TABLES: &[&str] = &["seaql_migrations", "alembic_version"];

pub use postgres::{IntrospectStats, introspect_postgres};
