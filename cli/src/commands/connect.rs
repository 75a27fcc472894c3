//! Which database to talk to, and connecting to it.

use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use super::{CliError, GlobalArgs};

/// `DEFAULT_SQLITE_FILE` is the embedded database used when no URL is given.
pub const DEFAULT_SQLITE_FILE: &str = "ctutor.sqlite";

/// `resolve_database_url` picks `-u`, then `DATABASE_URL` (also from `.env`), then the
/// embedded SQLite file; the second value says whether the default was taken.
pub fn resolve_database_url(explicit: Option<&str>) -> (String, bool) {
    if let Some(url) = explicit {
        return (url.to_owned(), false);
    }
    let _ = dotenvy::dotenv();
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => (url, false),
        _ => (format!("sqlite://{DEFAULT_SQLITE_FILE}?mode=rwc"), true),
    }
}

/// `connect` opens the database the global options name.
pub async fn connect(global: &GlobalArgs) -> Result<DatabaseConnection, CliError> {
    let (url, is_default) = resolve_database_url(global.database_url.as_deref());
    if is_default {
        eprintln!(
            "using the embedded SQLite database ./{DEFAULT_SQLITE_FILE} (set -u/--database-url or DATABASE_URL for another)"
        );
    }
    let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
    if !matches!(scheme, "postgres" | "postgresql" | "sqlite") {
        return Err(CliError::BadUrl {
            url: redact(&url),
            reason: "expected postgres://… or sqlite://…".into(),
        });
    }
    let mut options = ConnectOptions::new(url.clone());
    options
        .sqlx_logging(false)
        .connect_timeout(std::time::Duration::from_secs(10));
    if scheme != "sqlite" && global.schema != "public" {
        options.set_schema_search_path(global.schema.clone());
    }
    Database::connect(options)
        .await
        .map_err(|e| CliError::Connect {
            url: redact(&url),
            // Drivers quote the whole URL in some messages: never print a password.
            reason: e.to_string().replace(&url, &redact(&url)),
        })
}

/// `redact` hides the password of a URL for messages.
fn redact(url: &str) -> String {
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
    }
}
