//! The comparison every engine command shares: desired schema from the entities, live schema
//! from the database, both in PostgreSQL's canonical form, and their diff.

use migration::Migrator;
use sea_orm::{DatabaseConnection, DbBackend};
use sea_orm_migration::MigratorTrait;

use super::{CliError, GlobalArgs, connect};
use crate::desired::{desired_renames, desired_schema};
use crate::diff::{Diff, diff};
use crate::introspect::introspect_postgres;
use crate::normalize::canonical_desired;

/// `Comparison` is the outcome of comparing the entities with a database.
pub struct Comparison {
    pub diff: Diff,
}

/// `compare` connects, checks the database is a migrated PostgreSQL database (for `generate`,
/// `require_up_to_date`: with no pending migration), and diffs it against the entities.
pub async fn compare(
    global: &GlobalArgs,
    require_up_to_date: bool,
) -> Result<Comparison, CliError> {
    let registry = entity::registry();
    let desired = desired_schema(&registry)?;
    let renames = desired_renames(&registry);
    let db = connect::connect(global).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(CliError::Usage(
            "the schema engine compares against PostgreSQL: pass -u postgres://…".into(),
        ));
    }
    let tracked = tracking_table_exists(&db, &global.schema).await?;
    if require_up_to_date {
        // No tracking table means nothing is applied yet: fine when there is nothing to apply
        // (the very first `generate`), otherwise the database must be brought up first.
        let pending = match tracked {
            true => Migrator::get_pending_migrations(&db).await?.len(),
            false => Migrator::migrations().len(),
        };
        if pending > 0 {
            return Err(CliError::Pending(pending));
        }
    } else if !tracked {
        return Err(CliError::NotMigrated);
    }
    let (live, _) = introspect_postgres(&db, &global.schema).await?;
    let canonical = canonical_desired(&db, &desired).await?;
    Ok(Comparison {
        diff: diff(&live, &canonical, &renames),
    })
}

async fn tracking_table_exists(db: &DatabaseConnection, schema: &str) -> Result<bool, CliError> {
    use sea_orm::{ConnectionTrait, Statement};
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace \
             where n.nspname = $1 and c.relname = 'seaql_migrations') as present",
            [schema.into()],
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<bool>("", "present"))
        .transpose()?
        .unwrap_or(false))
}
