//! The comparison every engine command shares: desired schema from the entities, live schema
//! from the database, both in the backend's canonical form, and their diff.

use schema_ddl::Registry;
use sea_orm::DatabaseConnection;
use sea_orm_migration::SchemaManager;

use super::{CliError, GlobalArgs, Project, connect};
use crate::backend::{Backend, Held, with_backend};
use crate::desired::{desired_renames, desired_schema};
use crate::diff::{Diff, Renames, diff};
use crate::model::Schema;
use crate::runner::{TrackedMigrator, history};

/// `Comparison` is the outcome of comparing the entities with a database.
pub struct Comparison {
    pub diff: Diff,
    /// What the entities declare that this backend does not hold, each with its reason:
    /// left out of the comparison (see docs/backends.md).
    pub left_out: Vec<String>,
    /// The backend's name, for messages.
    pub backend: &'static str,
    /// Both sides as compared, and the renames the entities declare: what a SQLite rebuild
    /// is planned from.
    pub live: Schema,
    pub desired: Schema,
    /// The schema the entities declare, before the backend holds it: what a migration is
    /// written in (`Capabilities::authored`).
    pub declared: Schema,
    pub renames: Renames,
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
pub async fn compare<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    need: Need,
) -> Result<Comparison, CliError> {
    let db = connect::connect(project, global).await?;
    check_history::<M>(&db, need).await?;
    let result = with_backend!(db, |backend| {
        compare_on::<_, M>(backend, &db, &global.schema, &project.registry).await
    });
    let sides = result.ok_or_else(unsupported_backend)??;
    Ok(Comparison {
        diff: diff(&sides.live, &sides.desired, &sides.renames),
        left_out: sides.left_out,
        backend: sides.backend,
        live: sides.live,
        desired: sides.desired,
        declared: sides.declared,
        renames: sides.renames,
        db,
    })
}

/// `Sides` are the two schemas of a comparison on one backend.
struct Sides {
    live: Schema,
    desired: Schema,
    declared: Schema,
    renames: Renames,
    left_out: Vec<String>,
    backend: &'static str,
}

/// `compare_on` reads both sides on one backend.
async fn compare_on<B: Backend, M: TrackedMigrator>(
    backend: &B,
    db: &DatabaseConnection,
    schema: &str,
    registry: &Registry,
) -> Result<Sides, CliError> {
    let desired = desired_schema(registry)?;
    let Held {
        schema: held,
        left_out,
    } = backend.hold(&desired);
    Ok(Sides {
        live: live_schema::<B, M>(backend, db, schema).await?,
        desired: backend.canonical_desired(db, &held).await?,
        declared: desired,
        renames: desired_renames(registry),
        left_out,
        backend: B::NAME,
    })
}

/// `check_history` refuses what `need` rules out: another tool's database for every command
/// that needs the history, pending migrations for `generate`.
async fn check_history<M: TrackedMigrator>(
    db: &DatabaseConnection,
    need: Need,
) -> Result<(), CliError> {
    let table = history::table_name::<M>();
    let other_tool = history::other_tool(db, &table).await?;
    match (need, other_tool) {
        (Need::UpToDate, Some(other)) => Err(crate::runner::RunnerError::ForeignHistory {
            table,
            other: other.to_owned(),
        }
        .into()),
        (Need::UpToDate, None) => {
            // Nothing recorded means nothing applied: fine when there is nothing to apply
            // (the very first `generate`), otherwise the database must be brought up first.
            let tracked = SchemaManager::new(db).has_table(&table).await?;
            let pending = match tracked {
                true => M::get_pending_migrations(db).await?.len(),
                false => M::migrations().len(),
            };
            match pending {
                0 => Ok(()),
                n => Err(CliError::Pending(n)),
            }
        }
        (Need::AnyDatabase, Some(other)) => {
            eprintln!(
                "note: the database has no {table} but {other}: another tool built it; `baseline VERSION` adopts it"
            );
            Ok(())
        }
        (Need::AnyDatabase, None) => Ok(()),
    }
}

/// `live_schema` reads `schema` from the catalog, its expressions ready to compare, without
/// `M`'s tracking table and the runner's failure record next to it (the introspectors leave
/// out only those of sea-orm-migration's default name).
pub async fn live_schema<B: Backend, M: TrackedMigrator>(
    backend: &B,
    db: &DatabaseConnection,
    schema: &str,
) -> Result<Schema, CliError> {
    let mut live = backend.introspect(db, schema).await?;
    let tracking = M::migration_table_name().to_string();
    let failure = crate::runner::failure::table_name(&tracking);
    live.tables
        .retain(|t| t.name != tracking && t.name != failure);
    Ok(comparable(backend, db, live).await)
}

/// `comparable` is a schema read from a catalog with its expressions ready to compare; when
/// that fails the reason is printed and the expressions compare as stored.
pub async fn comparable<B: Backend>(
    backend: &B,
    db: &DatabaseConnection,
    schema: Schema,
) -> Schema {
    let (schema, note) = backend.canonical_live(db, schema).await;
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    schema
}

/// `unsupported_backend` is the refusal for a database the engine cannot compare against.
pub fn unsupported_backend() -> CliError {
    CliError::Usage(
        "the schema engine compares against PostgreSQL, SQLite or MySQL/MariaDB only: pass -u postgres://…, mysql://… or sqlite://…"
            .into(),
    )
}
