//! `replay` builds the schema the migrations produce, without touching the database's own
//! schema: the migrations run in a throw-away schema inside a transaction that is rolled back,
//! and the result is read with the same introspector as the live schema.
//!
//! This is what `baseline` verifies a database against, and the middle corner of `drift`'s
//! three-way comparison (database, applied migrations, entities).

use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use sea_orm_migration::{MigratorTrait, SchemaManager};

use crate::introspect::introspect_postgres;
use crate::model::Schema;
use crate::scratch::enter_scratch_schema;

/// `replay_migrations` is the schema the first `count` migrations produce on PostgreSQL.
pub async fn replay_migrations<M: MigratorTrait>(
    db: &DatabaseConnection,
    count: usize,
) -> Result<Schema, DbErr> {
    let txn = db.begin().await?;
    let scratch = enter_scratch_schema(&txn, "schema_engine_replay").await?;
    for migration in M::migrations().iter().take(count) {
        let manager = SchemaManager::new(&txn);
        migration.up(&manager).await.map_err(|e| {
            DbErr::Custom(format!(
                "replaying migration {} failed: {e}",
                migration.name()
            ))
        })?;
    }
    let (schema, _) = introspect_postgres(&txn, &scratch).await?;
    txn.rollback().await?;
    Ok(schema)
}

/// `position_of` is the number of migrations up to and including `version`, if it exists.
pub fn position_of<M: MigratorTrait>(version: &str) -> Option<usize> {
    M::migrations()
        .iter()
        .position(|m| m.name() == version)
        .map(|i| i + 1)
}
