//! PostgreSQL introspection: one `pg_catalog` query per kind of object, for the whole schema.
//!
//! Queries (each in its own `.sql` file, all but the first scoped by `n.nspname = $1`):
//! extensions, enums, sequences, functions, tables, columns, constraints, indexes. Comments
//! come with their tables and columns. The result is in the model's canonical form:
//! `format_type` types, `pg_get_expr` defaults, explicit constraint names, sorted by name.

mod catalog;
mod constraints;
mod defaults;
mod indexes;
mod objects;
mod tables;
mod types;

use sea_orm::{ConnectionTrait, DbBackend, DbErr};

use crate::model::Schema;
use catalog::Catalog;

/// `IntrospectStats` is the cost of one introspection: catalog queries run and rows read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntrospectStats {
    pub queries: usize,
    pub rows: usize,
}

/// `introspect_postgres` reads schema `schema` of the connected PostgreSQL database into the
/// model. `db` may be a connection or a transaction (e.g. one that is rolled back after
/// introspecting a throw-away schema). Migration tracking tables, objects owned by an
/// extension and sequences owned by a column are left out.
pub async fn introspect_postgres<C: ConnectionTrait>(
    db: &C,
    schema: &str,
) -> Result<(Schema, IntrospectStats), DbErr> {
    let backend = db.get_database_backend();
    if backend != DbBackend::Postgres {
        return Err(DbErr::Custom(format!(
            "introspect_postgres needs a PostgreSQL connection, not {backend:?}"
        )));
    }
    let mut catalog = Catalog::new(db, schema);
    let mut result = Schema {
        extensions: objects::extensions(&mut catalog).await?,
        enums: objects::enums(&mut catalog).await?,
        sequences: objects::sequences(&mut catalog).await?,
        functions: objects::functions(&mut catalog).await?,
        tables: tables::tables(&mut catalog).await?,
    };
    constraints::add_constraints(&mut catalog, &mut result.tables).await?;
    indexes::add_indexes(&mut catalog, &mut result.tables).await?;
    Ok((result, catalog.stats()))
}
