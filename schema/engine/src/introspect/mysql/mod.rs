//! MySQL and MariaDB introspection: `information_schema` read into the same model as
//! PostgreSQL's, for the connection's current database (`DATABASE()`).
//!
//! Seven queries, however many tables, each filtered by the database name (in its own `.sql`
//! file): the server (`DATABASE()`, `version()`), TABLES, COLUMNS, REFERENTIAL_CONSTRAINTS
//! and KEY_COLUMN_USAGE (foreign keys: two queries, joined here, because MariaDB runs their
//! SQL join by scanning every database on the server), CHECK_CONSTRAINTS (with
//! TABLE_CONSTRAINTS on MySQL) and STATISTICS (primary keys, UNIQUE constraints and
//! indexes). Where MariaDB and MySQL 8 differ ([`flavor`]), another text of the same query
//! is run, never another query.
//!
//! What the model receives is what the server reports, mapped as little as possible:
//!
//! - types: the portable spellings map to model types ([`types`]), anything else, enums
//!   included, is `SqlType::Named` with the exact `COLUMN_TYPE`; MariaDB's `JSON` alias
//!   (`longtext` plus its own `json_valid` CHECK) is `Json`;
//! - defaults ([`defaults`]): literals, expressions, and `AUTO_INCREMENT`;
//! - the primary key is named `PRIMARY`; keys, indexes and CHECKs keep their server names;
//! - a generated column keeps its expression but not whether it is `VIRTUAL` or `STORED`;
//!   `ON UPDATE CURRENT_TIMESTAMP`, character sets, collations, engines and index comments
//!   do not reach the model.

mod catalog;
mod checks;
mod defaults;
mod flavor;
mod foreign_keys;
mod indexes;
mod tables;
mod types;

use sea_orm::{ConnectionTrait, DbBackend, DbErr};

use super::IntrospectStats;
use crate::model::Schema;
use catalog::Catalog;
use flavor::Flavor;

pub use types::enum_column_type;

const SERVER_SQL: &str = include_str!("server.sql");

/// `introspect_mysql` reads the current database of a MySQL or MariaDB connection into the
/// model. Migration tracking tables are left out; tables come sorted by name, columns in
/// their order, keys, indexes and CHECKs sorted by name.
pub async fn introspect_mysql<C: ConnectionTrait>(db: &C) -> Result<Schema, DbErr> {
    Ok(introspect_mysql_with_stats(db).await?.0)
}

/// `introspect_mysql_with_stats` is [`introspect_mysql`] with what it cost: always seven
/// queries, whatever the number of tables.
pub async fn introspect_mysql_with_stats<C: ConnectionTrait>(
    db: &C,
) -> Result<(Schema, IntrospectStats), DbErr> {
    let backend = db.get_database_backend();
    if backend != DbBackend::MySql {
        return Err(DbErr::Custom(format!(
            "introspect_mysql needs a MySQL or MariaDB connection, not {backend:?}"
        )));
    }
    let mut catalog = Catalog::new(db);
    let flavor = select_database(&mut catalog).await?;
    let mut tables = tables::tables(&mut catalog, flavor).await?;
    foreign_keys::add_foreign_keys(&mut catalog, &mut tables).await?;
    checks::add_checks(&mut catalog, flavor, &mut tables).await?;
    indexes::add_indexes(&mut catalog, flavor, &mut tables).await?;
    for table in &mut tables {
        table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        table.checks.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let schema = Schema {
        tables,
        ..Schema::default()
    };
    Ok((schema, catalog.stats()))
}

/// `select_database` reads the connection's current database, which the later queries are
/// filtered by, and which server answers. A connection without a current database is an
/// error: there is nothing to read.
async fn select_database<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Flavor, DbErr> {
    let rows = catalog.database_rows(SERVER_SQL).await?;
    let row = rows
        .first()
        .ok_or_else(|| DbErr::Custom("introspection: the server reported no database".into()))?;
    let name: Option<String> = row.try_get("", "name")?;
    let version: String = row.try_get("", "version")?;
    let name = name.ok_or_else(|| {
        DbErr::Custom(
            "introspection: the connection has no current database; name one in the URL (mysql://host/database)"
                .into(),
        )
    })?;
    catalog.set_database(name);
    Ok(Flavor::from_version(&version))
}
