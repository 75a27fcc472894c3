//! `normalize` brings the desired schema into PostgreSQL's own canonical form.
//!
//! Rather than re-implementing PostgreSQL's deparser (how it spells types, casts, defaults,
//! CHECK and index expressions), the desired objects are created in a throw-away schema inside
//! a transaction, read back with the same introspector that reads the live schema, and the
//! transaction is rolled back. Both sides of the diff are then the server's own text, so they
//! compare equal exactly when PostgreSQL would store them the same. See docs/diff-engine.md.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

use crate::diff::create_all;
use crate::introspect::introspect_postgres;
use crate::model::Schema;
use crate::plan::Plan;
use crate::scratch::enter_scratch_schema;
use crate::sql;

/// `NormalizeError` is a desired object PostgreSQL refuses, or a database error.
#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error("PostgreSQL refuses to {change}: {message}")]
    Refused { change: String, message: String },
    #[error("{0}")]
    Database(#[from] DbErr),
}

/// `canonical_desired` is `desired` as PostgreSQL stores it.
pub async fn canonical_desired(
    db: &DatabaseConnection,
    desired: &Schema,
) -> Result<Schema, NormalizeError> {
    let txn = db.begin().await?;
    let scratch = enter_scratch_schema(&txn, "ctutor_canonical").await?;
    for change in Plan::new(create_all(desired)).up {
        for statement in sql::statements(&change) {
            if let Err(e) = txn.execute_unprepared(&statement).await {
                return Err(NormalizeError::Refused {
                    change: change.to_string(),
                    message: e.to_string(),
                });
            }
        }
    }
    let (mut canonical, _) = introspect_postgres(&txn, &scratch).await?;
    txn.rollback().await?;
    // Extensions are database-wide: the introspector lists every installed one.
    canonical.extensions = desired.extensions.clone();
    Ok(canonical)
}
