//! Which database to talk to, and connecting to it.

use sea_orm::DatabaseConnection;

use super::{CliError, GlobalArgs, Project};

/// `resolve_database_url` picks `-u`, then `DATABASE_URL` (also from `.env`), then the
/// embedded SQLite file `default_sqlite_file`; the second value says whether the default was
/// taken.
pub fn resolve_database_url(explicit: Option<&str>, default_sqlite_file: &str) -> (String, bool) {
    if let Some(url) = explicit {
        return (url.to_owned(), false);
    }
    let _ = dotenvy::dotenv();
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => (url, false),
        _ => (format!("sqlite://{default_sqlite_file}?mode=rwc"), true),
    }
}

/// `connect` opens the database the global options name, through the migration runner's
/// `connect`, which sorts failures into a malformed URL (exit 2) and an unreachable database or
/// refused credentials (exit 3), and never prints a password.
pub async fn connect(
    project: &Project,
    global: &GlobalArgs,
) -> Result<DatabaseConnection, CliError> {
    let (url, is_default) =
        resolve_database_url(global.database_url.as_deref(), project.default_sqlite_file);
    if is_default {
        eprintln!(
            "using the embedded SQLite database ./{} (set -u/--database-url or DATABASE_URL for another)",
            project.default_sqlite_file
        );
    }
    // `public` is the server's default: leave the search path alone then.
    let schema = (global.schema != "public").then_some(global.schema.as_str());
    Ok(crate::runner::connect(&url, schema).await?)
}
