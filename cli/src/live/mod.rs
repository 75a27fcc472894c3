//! `live` reads what a database already holds.
//!
//! For now this is the names of existing objects, one catalog query per kind of object
//! (never one per table), which is what creating the missing objects needs. The full
//! introspection into the schema model builds on the same queries.

mod postgres;
mod sqlite;

use std::collections::BTreeSet;

use sea_orm::{DatabaseConnection, DbBackend, DbErr};

/// `LiveObjects` is the set of object names present in the database, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveObjects {
    pub extensions: BTreeSet<String>,
    pub enums: BTreeSet<String>,
    pub sequences: BTreeSet<String>,
    pub functions: BTreeSet<String>,
    pub tables: BTreeSet<String>,
}

/// `TRACKING_TABLES` are bookkeeping tables of migration tools, never part of the schema.
pub const TRACKING_TABLES: &[&str] = &["seaql_migrations", "alembic_version"];

/// `live_objects` reads the object names of `schema` (PostgreSQL) or of the database.
pub async fn live_objects(db: &DatabaseConnection, schema: &str) -> Result<LiveObjects, DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => postgres::live_objects(db, schema).await,
        DbBackend::Sqlite => sqlite::live_objects(db).await,
        other => Err(DbErr::Custom(format!("{other:?} is not supported yet"))),
    }
}
