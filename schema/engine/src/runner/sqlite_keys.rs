//! SQLite: migrations run with foreign key enforcement off, and are checked before commit.
//!
//! SQLite cannot alter a column or a constraint in place; a migration rebuilds the table
//! instead (create the new table, copy the rows, drop the old one, rename the new one). With
//! foreign keys enforced, dropping a table that others reference fires their `ON DELETE`
//! actions (a cascade empties the referencing tables) or fails at commit, and the pragma that
//! turns enforcement off is ignored inside a transaction. So, as SQLite's own procedure for
//! schema changes says, the runner applies migrations on a connection of its own with
//! enforcement off and runs `PRAGMA foreign_key_check` before each commit: a migration that
//! leaves a dangling reference fails and is rolled back, naming the table.

use sea_orm_migration::sea_orm::sqlx::sqlite::SqlitePoolOptions;
use sea_orm_migration::sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, SqlxSqliteConnector, Statement,
};

/// `migration_connection` is the connection migrations run on: for SQLite a single
/// connection to the same database with foreign key enforcement off, otherwise `db` itself.
pub async fn migration_connection(db: &DatabaseConnection) -> Result<DatabaseConnection, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(db.clone());
    }
    let options = db
        .get_sqlite_connection_pool()
        .connect_options()
        .as_ref()
        .clone()
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| DbErr::Conn(sea_orm_migration::sea_orm::RuntimeErr::SqlxError(e.into())))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// `check_foreign_keys` fails when a row references a key that does not exist (SQLite only;
/// elsewhere the database enforces references itself).
pub async fn check_foreign_keys<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await?;
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let table: String = first.try_get_by_index(0)?;
    let parent: String = first.try_get_by_index(2)?;
    Err(DbErr::Migration(format!(
        "{} row(s) would reference missing keys (the first in \"{table}\", referencing \"{parent}\"); nothing was changed",
        rows.len()
    )))
}
