//! Which database to talk to, and connecting to it.

use sea_orm::DatabaseConnection;

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

/// `connect` opens the database the global options name, through the migration runner's
/// `connect`, which sorts failures into a malformed URL (exit 2) and an unreachable database or
/// refused credentials (exit 3), and never prints a password.
pub async fn connect(global: &GlobalArgs) -> Result<DatabaseConnection, CliError> {
    let (url, is_default) = resolve_database_url(global.database_url.as_deref());
    if is_default {
        eprintln!(
            "using the embedded SQLite database ./{DEFAULT_SQLITE_FILE} (set -u/--database-url or DATABASE_URL for another)"
        );
    }
    // `public` is the server's default: leave the search path alone then.
    let schema = (global.schema != "public").then_some(global.schema.as_str());
    Ok(migration::runner::connect(&url, schema).await?)
}
