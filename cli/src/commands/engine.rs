//! The comparison every engine command shares: desired schema from the entities, live schema
//! from the database, both in PostgreSQL's canonical form, and their diff.

use migration::Migrator;
use migration::runner::history;
use sea_orm::{DatabaseConnection, DbBackend};
use sea_orm_migration::{MigratorTrait, SchemaManager};

use super::{CliError, GlobalArgs, connect};
use crate::desired::{desired_renames, desired_schema};
use crate::diff::{Diff, diff};
use crate::introspect::introspect_postgres;
use crate::model::Schema;
use crate::normalize::{canonical_desired, canonical_live};

/// `Comparison` is the outcome of comparing the entities with a database.
pub struct Comparison {
    pub diff: Diff,
    /// The connection compared, for follow-up questions (e.g. checking `--fill` values).
    pub db: DatabaseConnection,
}

/// `Need` is what a command needs of the database's migration history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Any database, tracked or not (`diff`, `check`, `drift`: they only compare schemas).
    AnyDatabase,
    /// Every migration applied (`generate`: a new migration must start where the last ends).
    UpToDate,
}

/// `compare` connects, checks what `need` asks of the history, and diffs the database
/// against the entities.
pub async fn compare(global: &GlobalArgs, need: Need) -> Result<Comparison, CliError> {
    let registry = entity::registry();
    let desired = desired_schema(&registry)?;
    let renames = desired_renames(&registry);
    let db = postgres(global, "the schema engine compares").await?;
    let table = history::table_name::<Migrator>();
    let other_tool = history::other_tool(&db, &table).await?;
    match need {
        Need::UpToDate => {
            if let Some(other) = other_tool {
                return Err(migration::runner::RunnerError::ForeignHistory {
                    table,
                    other: other.to_owned(),
                }
                .into());
            }
            // Nothing recorded means nothing applied: fine when there is nothing to apply
            // (the very first `generate`), otherwise the database must be brought up first.
            let tracked = SchemaManager::new(&db).has_table(&table).await?;
            let pending = match tracked {
                true => Migrator::get_pending_migrations(&db).await?.len(),
                false => Migrator::migrations().len(),
            };
            if pending > 0 {
                return Err(CliError::Pending(pending));
            }
        }
        Need::AnyDatabase => {
            if let Some(other) = other_tool {
                eprintln!(
                    "note: the database has no {table} but {other}: another tool built it; `baseline VERSION` adopts it"
                );
            }
        }
    }
    let live = live_schema(&db, &global.schema).await?;
    let canonical = canonical_desired(&db, &desired).await?;
    Ok(Comparison {
        diff: diff(&live, &canonical, &renames),
        db,
    })
}

/// `live_schema` reads `schema` from the catalog, its expressions ready to compare.
pub async fn live_schema(db: &DatabaseConnection, schema: &str) -> Result<Schema, CliError> {
    let (live, _) = introspect_postgres(db, schema).await?;
    Ok(comparable(db, live).await)
}

/// `comparable` is a schema read from a catalog with its expressions ready to compare; when
/// that fails the reason is printed and the expressions compare as stored.
pub async fn comparable(db: &DatabaseConnection, schema: Schema) -> Schema {
    let (schema, note) = canonical_live(db, schema).await;
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    schema
}

/// `postgres` connects, refusing other backends: `what` says which command needs PostgreSQL.
pub async fn postgres(global: &GlobalArgs, what: &str) -> Result<DatabaseConnection, CliError> {
    let db = connect::connect(global).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(CliError::Usage(format!(
            "{what} against PostgreSQL: pass -u postgres://…"
        )));
    }
    Ok(db)
}
