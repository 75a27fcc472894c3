//! A throw-away database on the server of a MySQL/MariaDB connection: MySQL/MariaDB has no
//! transactional DDL and no schemas inside a database, so what PostgreSQL does in a
//! rolled-back scratch schema is done here in a database of its own, always dropped after.

use std::future::Future;

use sea_orm::sqlx::{self, Executor, mysql::MySqlPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, SqlxMySqlConnector};

/// `with_scratch_database` creates a database with a unique name on `db`'s server, runs
/// `work` on a connection to it, and drops it whatever `work` returned.
pub async fn with_scratch_database<T, E, F, Fut>(db: &DatabaseConnection, work: F) -> Result<T, E>
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: From<DbErr>,
{
    let name = format!("schema_engine_scratch_{}", uuid::Uuid::new_v4().simple());
    db.execute_unprepared(&format!("CREATE DATABASE `{name}`"))
        .await
        .map_err(|e| {
            DbErr::Custom(format!(
                "cannot create the throw-away database the comparison needs on this server (the user needs CREATE and DROP): {e}"
            ))
        })?;
    let result = match connect(db, &name).await {
        Ok(scratch) => {
            let result = work(scratch.clone()).await;
            let _ = scratch.close().await;
            result
        }
        Err(e) => Err(e.into()),
    };
    let dropped = db
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
        .await;
    match (result, dropped) {
        (Ok(_), Err(e)) => Err(DbErr::Custom(format!(
            "could not drop the throw-away database `{name}`; drop it by hand: {e}"
        ))
        .into()),
        (result, _) => result,
    }
}

/// `connect` opens one connection to the database `name` with the options of `db`'s pool,
/// in the session mode the runner applies migrations in (the runner's `mysql_session`):
/// without strict mode, so the server turns a too long VARCHAR into a TEXT type as there.
async fn connect(db: &DatabaseConnection, name: &str) -> Result<DatabaseConnection, DbErr> {
    let options = (*db.get_mysql_connection_pool().connect_options())
        .clone()
        .database(name);
    // One connection, opened when first used: the work runs its statements one after another.
    let pool = MySqlPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                let mode: String = sqlx::query_scalar("SELECT CAST(@@SESSION.sql_mode AS CHAR)")
                    .fetch_one(&mut *conn)
                    .await?;
                let relaxed = crate::runner::without_strict(&mode);
                conn.execute(sqlx::query("SET SESSION sql_mode = ?").bind(relaxed))
                    .await
                    .map(|_| ())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot connect to the throw-away database: {e}")))?;
    Ok(SqlxMySqlConnector::from_sqlx_mysql_pool(pool))
}
