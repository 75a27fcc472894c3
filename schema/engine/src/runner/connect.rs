//! Connecting, with failures sorted into "bad URL" (exit 2) and "cannot connect" (exit 3).

use std::str::FromStr;
use std::time::Duration;

use sea_orm_migration::sea_orm::sqlx::{
    self, Connection, MySqlConnection, PgConnection,
    mysql::{MySqlConnectOptions, MySqlDatabaseError},
    postgres::PgConnectOptions,
    sqlite::SqliteConnectOptions,
};
use sea_orm_migration::sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, RuntimeErr};

use super::RunnerError;

/// `CONNECT_TIMEOUT` bounds connecting: a server that does not answer within it is down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// `connect` opens `url` (`postgres://…`, `mysql://…` (or `mariadb://…`) or `sqlite://…`);
/// on PostgreSQL `schema`, when given,
/// becomes the search path, so the tracking table and every object live there.
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, RunnerError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(RunnerError::NoUrl);
    }
    let scheme = match url.split_once("://") {
        Some((scheme, _)) => scheme,
        // `sqlite::memory:` and `sqlite:file.db` have no `//`.
        None if url.starts_with("sqlite:") => "sqlite",
        None => "",
    };
    // Parsed here, before connecting, so a malformed URL is a usage error and not a
    // connection failure; sea-orm only knows `postgres://`.
    let url = match scheme {
        "postgres" | "postgresql" => {
            let url = format!("postgres://{}", &url[scheme.len() + 3..]);
            let options = PgConnectOptions::from_str(&url).map_err(|e| bad_url(&url, &e))?;
            probe(&url, PgConnection::connect_with(&options)).await?;
            url
        }
        "mysql" | "mariadb" => {
            let url = format!("mysql://{}", &url[scheme.len() + 3..]);
            let options = MySqlConnectOptions::from_str(&url).map_err(|e| bad_url(&url, &e))?;
            probe(&url, MySqlConnection::connect_with(&options)).await?;
            url
        }
        "sqlite" => {
            SqliteConnectOptions::from_str(url).map_err(|e| bad_url(url, &e))?;
            url.to_owned()
        }
        _ => {
            return Err(RunnerError::BadUrl {
                url: redact(url),
                reason: "expected postgres://…, mysql://… or sqlite://…".into(),
            });
        }
    };
    let mut options = ConnectOptions::new(url.clone());
    options.sqlx_logging(false).connect_timeout(CONNECT_TIMEOUT);
    if let (Some(schema), "postgres" | "postgresql") = (schema, scheme) {
        options.set_schema_search_path(schema.to_owned());
    }
    Database::connect(options)
        .await
        .map_err(|e| RunnerError::Connect {
            url: redact(&url),
            // Drivers quote the whole URL in some messages: never print a password.
            reason: connect_reason(&e).replace(&url, &redact(&url)),
        })
}

fn bad_url(url: &str, error: &sqlx::Error) -> RunnerError {
    RunnerError::BadUrl {
        url: redact(url),
        reason: error.to_string().replace(url, &redact(url)),
    }
}

/// `probe` opens and closes one plain connection first: the pool retries a refused
/// connection until its timeout and then reports only the timeout, while a single attempt
/// fails at once and says why.
async fn probe<C: Connection>(
    url: &str,
    connecting: impl std::future::Future<Output = Result<C, sqlx::Error>>,
) -> Result<(), RunnerError> {
    let failed = |reason: String| RunnerError::Connect {
        url: redact(url),
        reason: reason.replace(url, &redact(url)),
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, connecting).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(failed(sqlx_reason(&e))),
        Err(_) => Err(failed(sqlx_reason(&sqlx::Error::PoolTimedOut))),
    }
}

/// `connect_reason` is [`sqlx_reason`] for the error sea-orm wraps.
fn connect_reason(error: &DbErr) -> String {
    match error {
        DbErr::Conn(RuntimeErr::SqlxError(e)) => sqlx_reason(e),
        other => other.to_string(),
    }
}

/// `sqlx_reason` tells wrong credentials, a missing database and an unreachable server
/// apart, from what sqlx reports.
fn sqlx_reason(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(db) if db.try_downcast_ref::<MySqlDatabaseError>().is_some() => {
            let number = db
                .try_downcast_ref::<MySqlDatabaseError>()
                .map_or(0, MySqlDatabaseError::number);
            match number {
                // ER_ACCESS_DENIED_ERROR, ER_DBACCESS_DENIED_ERROR, and the socket/plugin
                // authentication refusals.
                1044 | 1045 | 1698 => {
                    format!("the server refused the credentials: {}", db.message())
                }
                // ER_BAD_DB_ERROR: unknown database.
                1049 => format!("{} (the server is up)", db.message()),
                _ => db.message().to_owned(),
            }
        }
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if code.starts_with("28") {
                // Class 28: invalid authorization (unknown role, wrong password, pg_hba).
                format!("the server refused the credentials: {}", db.message())
            } else if code == "3D000" {
                format!("{} (the server is up)", db.message())
            } else {
                db.message().to_owned()
            }
        }
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: is the database server running, and on this host and port?".into()
        }
        sqlx::Error::PoolTimedOut => format!(
            "no answer within {}s: is the database server running and reachable?",
            CONNECT_TIMEOUT.as_secs()
        ),
        other => other.to_string(),
    }
}

/// `redact` hides the password of a URL for messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.sqlite"), "sqlite://x.sqlite");
        assert_eq!(
            redact("mysql://root:s3cret@127.0.0.1:3306/app"),
            "mysql://root:***@127.0.0.1:3306/app"
        );
        assert_eq!(redact("mariadb://root@h/app"), "mariadb://root@h/app");
    }

    #[test]
    fn mysql_urls_parse() {
        for url in ["mysql://root@127.0.0.1:3306/app", "mysql://u:p@h/db"] {
            MySqlConnectOptions::from_str(url).expect(url);
        }
    }

    #[tokio::test]
    async fn malformed_urls_are_usage_errors() {
        for url in [
            "not-a-url",
            "oracle://h/db",
            "postgres://u:secret@[::1/db",
            "mysql://u:secret@[::1/db",
            "mariadb://u:secret@h:notaport/db",
        ] {
            let e = connect(url, None).await.expect_err(url);
            assert_eq!(e.exit_code(), 2, "{url}: {e}");
            assert!(!e.to_string().contains("secret"), "{e}");
        }
        assert_eq!(connect("", None).await.expect_err("empty").exit_code(), 2);
    }
}
