//! `normalize` puts both sides of a comparison into PostgreSQL's canonical form.
//!
//! Rather than re-implementing PostgreSQL's deparser (how it spells types, casts, defaults,
//! CHECK and index expressions), objects are created in a throw-away schema inside a
//! transaction, read back with the same introspector that reads the live schema, and the
//! transaction is rolled back.
//!
//! Expressions need more than one trip: PostgreSQL's deparse is not a fixed point (an IN-list
//! on a varchar column prints as `= ANY (ARRAY[…])` with casts that print differently once
//! re-parsed), so an object re-created from the catalog's text (as `down()` does) would not
//! compare equal to the one the entity declares. Each expression is therefore compared at the
//! fixed point of the deparse — re-created until its text stops changing — on both sides,
//! while the text written into migrations stays the author's (see `model::SqlExpr`).
//! See docs/diff-engine.md.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

use crate::diff::create_all;
use crate::introspect::introspect_postgres;
use crate::model::{ExprAt, Schema};
use crate::plan::Plan;
use crate::scratch::enter_scratch_schema;
use crate::sql;

/// `MAX_ROUNDS` bounds the re-parsing; PostgreSQL's deparse settles after one or two.
const MAX_ROUNDS: usize = 5;

/// `NormalizeError` is a desired object PostgreSQL refuses, or a database error.
#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error("{backend} refuses to {change}: {message}")]
    Refused {
        backend: &'static str,
        change: String,
        message: String,
    },
    #[error("{0}")]
    Database(#[from] DbErr),
}

/// `canonical_desired` is `desired` as PostgreSQL stores it, with each expression still
/// written as the entity declares it and compared at the deparse's fixed point.
pub async fn canonical_desired(
    db: &DatabaseConnection,
    desired: &Schema,
) -> Result<Schema, NormalizeError> {
    let mut canonical = round_trip(db, desired).await?;
    let authored = desired.expr_texts();
    let settled = settle(db, &canonical).await?;
    for (at, expr) in canonical.exprs_mut() {
        let text = authored
            .get(&at)
            .cloned()
            .unwrap_or(expr.as_str().to_owned());
        let key = settled
            .get(&at)
            .cloned()
            .unwrap_or(expr.canonical().to_owned());
        *expr = expr.clone().with_text(text).with_canonical(key);
    }
    Ok(canonical)
}

/// `canonical_live` is a schema read from a catalog (a live database, a replay of the
/// migrations), its expressions compared at the deparse's fixed point. When the schema cannot
/// be re-created in a throw-away schema, its expressions are compared as stored, and the
/// reason is returned alongside.
pub async fn canonical_live(db: &DatabaseConnection, live: Schema) -> (Schema, Option<String>) {
    match settle(db, &live).await {
        Ok(settled) => {
            let mut live = live;
            for (at, expr) in live.exprs_mut() {
                if let Some(key) = settled.get(&at) {
                    *expr = expr.clone().with_canonical(key.clone());
                }
            }
            (live, None)
        }
        Err(e) => (
            live,
            Some(format!(
                "the live schema could not be re-created for comparison, so its expressions are compared as stored: {e}"
            )),
        ),
    }
}

/// `settle` re-creates `schema` until the text of every expression stops changing, and
/// returns those texts by place.
async fn settle(
    db: &DatabaseConnection,
    schema: &Schema,
) -> Result<BTreeMap<ExprAt, String>, NormalizeError> {
    let mut current = schema.clone();
    let mut texts = current.expr_texts();
    for _ in 0..MAX_ROUNDS {
        if texts.is_empty() {
            break;
        }
        let next = round_trip(db, &current).await?;
        let next_texts = next.expr_texts();
        if next_texts == texts {
            break;
        }
        current = next;
        texts = next_texts;
    }
    Ok(texts)
}

/// `round_trip` creates `schema` in a throw-away schema and reads it back.
async fn round_trip(db: &DatabaseConnection, schema: &Schema) -> Result<Schema, NormalizeError> {
    let txn = db.begin().await?;
    let scratch = enter_scratch_schema(&txn, "schema_engine_canonical").await?;
    for change in Plan::new(create_all(schema)).up {
        for statement in sql::statements(&change) {
            if let Err(e) = txn.execute_unprepared(&statement).await {
                return Err(NormalizeError::Refused {
                    backend: "PostgreSQL",
                    change: change.to_string(),
                    message: e.to_string(),
                });
            }
        }
    }
    let (mut read, _) = introspect_postgres(&txn, &scratch).await?;
    txn.rollback().await?;
    // Extensions are database-wide: the introspector lists every installed one.
    read.extensions = schema.extensions.clone();
    Ok(read)
}
