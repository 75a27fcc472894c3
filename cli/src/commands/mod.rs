//! `commands`: the command line, one file per group of subcommands.

mod adopt;
mod connect;
mod engine;
mod error;
mod generate;
mod inspect;
mod migrate;
mod offline;
mod seed;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use connect::{DEFAULT_SQLITE_FILE, resolve_database_url};
pub use error::CliError;
pub use offline::{Backend, LintArgs, LintReport, SqlArgs, lint_report, sql_script};

/// The ctutor database tool: migrations generated from the SeaORM entities.
#[derive(Debug, Parser)]
#[command(name = "cli", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Database URL (postgres://… or sqlite://…). Also read from DATABASE_URL and `.env`;
    /// without any, the embedded SQLite file `ctutor.sqlite` in the working directory is used.
    #[arg(short = 'u', long, global = true)]
    pub database_url: Option<String>,
    /// PostgreSQL schema to work in (search path of the connection).
    #[arg(
        short = 's',
        long,
        global = true,
        default_value = "public",
        env = "DATABASE_SCHEMA"
    )]
    pub schema: String,
    /// Seconds a command that changes the database waits for the migration lock held by
    /// another process before giving up (exit 4).
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        default_value_t = migration::runner::DEFAULT_LOCK_TIMEOUT.as_secs()
    )]
    pub lock_timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations.
    Up {
        /// Apply at most N migrations.
        #[arg(short = 'n', long = "num")]
        num: Option<u32>,
        /// Apply even though applied migrations were modified or are missing (warns).
        #[arg(long)]
        allow_changed: bool,
    },
    /// Roll back applied migrations (the last one by default).
    Down(DownArgs),
    /// List migrations: applied, pending, modified (changed since applied) or missing.
    Status,
    /// Drop every table, type, function and sequence of the schema, then apply all migrations.
    Fresh,
    /// Roll back all applied migrations, then apply all.
    Refresh,
    /// Roll back all applied migrations and drop the tracking table.
    Reset,
    /// Write a new migration for what differs between the database and the entities.
    Generate(generate::GenerateArgs),
    /// Print the plan that brings the database to the entities, without writing anything.
    Diff(inspect::DiffArgs),
    /// Exit 0 when the database matches the entities, 1 (listing the differences) when not,
    /// 2 on error. For CI.
    Check,
    /// Adopt a database built elsewhere: record the migrations up to VERSION as applied,
    /// after verifying the schema is exactly what they produce.
    Baseline(adopt::BaselineArgs),
    /// Compare the database with what its applied migrations produce and with the entities.
    Drift,
    /// Fill every table with realistic fake data.
    Seed(seed::SeedArgs),
    /// Print the SQL `up` (or `down -n N`) would run, without touching a database.
    Sql(offline::SqlArgs),
    /// Flag migrations that lose data or lock tables for long; exit 1 on any error finding.
    Lint(offline::LintArgs),
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct DownArgs {
    /// Roll back the last N migrations.
    #[arg(short = 'n', long = "num")]
    pub num: Option<u32>,
    /// Roll back every migration applied after VERSION (VERSION stays applied).
    #[arg(long = "to", value_name = "VERSION")]
    pub to: Option<String>,
    /// Roll back every applied migration.
    #[arg(long)]
    pub all: bool,
}

/// `run` executes one parsed command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Generate(args) => return generate::run(&cli.global, args).await,
        Command::Diff(args) => return inspect::diff(&cli.global, args).await,
        Command::Check => return inspect::check(&cli.global).await,
        Command::Baseline(args) => return adopt::baseline(&cli.global, args).await,
        Command::Drift => return adopt::drift(&cli.global).await,
        Command::Sql(args) => return offline::sql(&cli.global, &args).await,
        Command::Lint(args) => return offline::lint(&cli.global, &args).await,
        Command::Seed(args) => {
            let db = connect::connect(&cli.global).await?;
            let options = migrate::options(&cli.global, false);
            return seed::run(&db, &options, args).await;
        }
        _ => {}
    }
    let db = connect::connect(&cli.global).await?;
    let options = migrate::options(&cli.global, false);
    match cli.command {
        Command::Up { num, allow_changed } => {
            let options = migrate::options(&cli.global, allow_changed);
            migrate::up(&db, &options, num).await
        }
        Command::Down(args) => migrate::down(&db, &options, args).await,
        Command::Status => migrate::status(&db).await,
        Command::Fresh => migrate::fresh(&db, &options).await,
        Command::Refresh => migrate::refresh(&db, &options).await,
        Command::Reset => migrate::reset(&db, &options).await,
        Command::Generate(_)
        | Command::Seed(_)
        | Command::Diff(_)
        | Command::Check
        | Command::Baseline(_)
        | Command::Drift
        | Command::Sql(_)
        | Command::Lint(_) => {
            unreachable!("handled above")
        }
    }
}

/// `default_migration_dir` is `migration/src` below the workspace the tool runs in.
pub fn default_migration_dir() -> PathBuf {
    PathBuf::from("migration/src")
}
