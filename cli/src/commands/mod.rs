//! `commands`: ctutor's command line: the schema engine's commands (`schema_engine::cli`) for
//! ctutor's entities and migrations, and `seed`.

mod seed;

use clap::{Parser, Subcommand};
use migration::Migrator;
use schema_engine::cli::{self as engine, Project};

pub use engine::{
    Backend, CliError, GlobalArgs, LintArgs, LintReport, SqlArgs, default_migration_dir,
};

/// `DEFAULT_SQLITE_FILE` is the embedded database used when no URL is given.
pub const DEFAULT_SQLITE_FILE: &str = "ctutor.sqlite";

/// `project` is ctutor for the engine: its entities and objects, and its embedded database.
pub fn project() -> Project {
    Project::new(entity::registry(), DEFAULT_SQLITE_FILE)
}

/// The ctutor database tool: migrations generated from the SeaORM entities.
#[derive(Debug, Parser)]
#[command(name = "cli", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    Engine(engine::Command),
    /// Fill every table with realistic fake data.
    Seed(seed::SeedArgs),
}

/// `run` executes one parsed command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let project = project();
    match cli.command {
        Command::Engine(command) => {
            engine::run_command::<Migrator>(&project, &cli.global, command).await
        }
        Command::Seed(args) => {
            let db = engine::connect(&project, &cli.global).await?;
            let options = engine::options(&cli.global, false);
            seed::run(&db, &options, args).await
        }
    }
}

/// `resolve_database_url` picks `-u`, then `DATABASE_URL` (also from `.env`), then
/// [`DEFAULT_SQLITE_FILE`]; the second value says whether the default was taken.
pub fn resolve_database_url(explicit: Option<&str>) -> (String, bool) {
    engine::resolve_database_url(explicit, DEFAULT_SQLITE_FILE)
}

/// `sql_script` is the SQL `up` (or `down -n N`) would run on ctutor's migrations.
pub async fn sql_script(global: &GlobalArgs, args: &SqlArgs) -> Result<String, CliError> {
    engine::sql_script::<Migrator>(&project(), global, args).await
}

/// `lint_report` is the lint findings of ctutor's migrations.
pub async fn lint_report(global: &GlobalArgs, args: &LintArgs) -> Result<LintReport, CliError> {
    engine::lint_report::<Migrator>(&project(), global, args).await
}
