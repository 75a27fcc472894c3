//! MySQL/MariaDB: the session migrations run in, without strict mode.
//!
//! SeaORM's `string_len(n)` is `VARCHAR(n)` on every backend, and a VARCHAR's length counts
//! characters: with utf8mb4 (4 bytes a character) and the 65,535-byte row limit, MySQL and
//! MariaDB accept at most `VARCHAR(16383)`. Outside strict mode they convert a longer VARCHAR
//! to the TEXT type that holds it (MariaDB: `mediumtext` for 16,384 characters) with a note
//! (1246); in strict mode (`STRICT_TRANS_TABLES`/`STRICT_ALL_TABLES`, the servers' default)
//! the `CREATE TABLE` fails with error 1074. Applied migrations are frozen (their checksums
//! are recorded), so the conversion, the servers' own documented behaviour, is what makes
//! them apply there: the connection migrations run on drops the two strict flags from its
//! session's `sql_mode`, and keeps every other flag.
//!
//! It is a pool of one connection of its own, with the mode set on every connection the pool
//! opens (`after_connect`, so a reconnect gets it too), closed after the run: no connection in
//! the caller's pool, which serves everything else (seeding, the tracking table reads) in the
//! server's strict mode, ever has the relaxed mode.

use sea_orm_migration::sea_orm::sqlx::{self, Executor, mysql::MySqlPoolOptions};
use sea_orm_migration::sea_orm::{DatabaseConnection, DbErr, RuntimeErr, SqlxMySqlConnector};

/// `STRICT_FLAGS` are the `sql_mode` flags that turn the VARCHAR-to-TEXT conversion into an
/// error.
const STRICT_FLAGS: [&str; 2] = ["STRICT_TRANS_TABLES", "STRICT_ALL_TABLES"];

/// `migration_connection` is a one-connection pool to the database `db` is connected to,
/// in the session mode above.
pub async fn migration_connection(db: &DatabaseConnection) -> Result<DatabaseConnection, DbErr> {
    let options = db.get_mysql_connection_pool().connect_options();
    let pool = MySqlPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                let mode: String = sqlx::query_scalar("SELECT CAST(@@SESSION.sql_mode AS CHAR)")
                    .fetch_one(&mut *conn)
                    .await?;
                let relaxed = without_strict(&mode);
                conn.execute(sqlx::query("SET SESSION sql_mode = ?").bind(relaxed))
                    .await?;
                Ok(())
            })
        })
        .connect_with(options.as_ref().clone())
        .await
        .map_err(|e| DbErr::Conn(RuntimeErr::SqlxError(e.into())))?;
    Ok(SqlxMySqlConnector::from_sqlx_mysql_pool(pool))
}

/// `without_strict` is `mode` (a comma-separated `sql_mode`) without the strict flags.
pub fn without_strict(mode: &str) -> String {
    mode.split(',')
        .map(str::trim)
        .filter(|flag| {
            !flag.is_empty() && !STRICT_FLAGS.contains(&flag.to_ascii_uppercase().as_str())
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_strict_flags_go() {
        assert_eq!(
            without_strict(
                "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT"
            ),
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT"
        );
        assert_eq!(without_strict("STRICT_ALL_TABLES"), "");
        assert_eq!(without_strict(""), "");
    }
}
