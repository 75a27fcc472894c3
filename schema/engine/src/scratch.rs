//! `scratch`: a throw-away PostgreSQL schema inside a transaction, first on the search path.
//!
//! Normalization (the desired schema as PostgreSQL stores it) and replay (the schema the
//! migrations produce) both create objects there and read them back with the introspector; the
//! caller rolls the transaction back, so nothing is left behind.

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr, Statement};

use crate::sql;

/// `enter_scratch_schema` creates a schema named `<prefix>_<random>` in `txn` and puts it first
/// on the transaction's search path, ahead of the session's own path: what is created lands
/// there, while extensions already installed stay visible behind it.
pub async fn enter_scratch_schema(
    txn: &DatabaseTransaction,
    prefix: &str,
) -> Result<String, DbErr> {
    let scratch = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let path = txn
        .query_one_raw(Statement::from_string(
            txn.get_database_backend(),
            "SHOW search_path",
        ))
        .await?
        .map(|row| row.try_get::<String>("", "search_path"))
        .transpose()?
        .unwrap_or_else(|| "public".to_owned());
    txn.execute_unprepared(&format!("CREATE SCHEMA {}", sql::ident(&scratch)))
        .await?;
    txn.execute_unprepared(&format!(
        "SET LOCAL search_path TO {}, {path}",
        sql::ident(&scratch)
    ))
    .await?;
    Ok(scratch)
}
