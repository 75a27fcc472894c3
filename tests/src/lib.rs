//! Support for the integration tests: throw-away databases and catalog readers.
//!
//! Every test creates its own uniquely named PostgreSQL database (or SQLite file) and drops
//! it at the end, so tests run in parallel and never touch shared databases.

mod catalog;
mod databases;
mod workspace;

pub use catalog::{
    catalog_lines, comparable, missing_and_extra, pg_dump_schema, sqlite_catalog_lines,
};
pub use databases::{MariaDb, PgDatabase, SqliteFile, mysql_server_url, pg_server_url};
pub use workspace::{Run, ScratchWorkspace, workspace_root, workspace_target_dir};

use clap::Parser;
use ctutor_cli::commands::{Cli, CliError, run};

/// `cli` runs one command line of the tool in-process, e.g. `cli(&url, &["up"])`.
pub async fn cli(url: &str, args: &[&str]) -> Result<(), CliError> {
    let mut argv = vec!["cli", "-u", url];
    argv.extend_from_slice(args);
    run(Cli::parse_from(argv)).await
}
