//! `cli`: the engine's command line, for any project: clap arguments ([`Cli`], or [`Command`]
//! and [`GlobalArgs`] to flatten into a project's own), and [`run`], which executes one
//! command for the project's registry ([`Project`]) and migrator (a
//! [`TrackedMigrator`](crate::runner::TrackedMigrator)). One file per group of subcommands.
//!
//! A project's binary is a few lines:
//!
//! ```no_run
//! # struct Migrator;
//! # #[sea_orm_migration::async_trait::async_trait]
//! # impl sea_orm_migration::MigratorTrait for Migrator {
//! #     fn migrations() -> Vec<Box<dyn sea_orm_migration::MigrationTrait>> { vec![] }
//! # }
//! # impl schema_engine::runner::TrackedMigrator for Migrator {
//! #     fn checksums() -> &'static [(&'static str, &'static str)] { &[] }
//! #     fn lock_name() -> &'static str { "my-project-migrations" }
//! # }
//! # fn registry() -> schema_ddl::Registry { schema_ddl::Registry { objects: vec![], tables: vec![] } }
//! use schema_engine::cli::{self, Project};
//!
//! fn main() -> std::process::ExitCode {
//!     cli::main::<Migrator>(&Project::new(registry(), "my_project.sqlite"))
//! }
//! ```

mod adopt;
mod connect;
mod engine;
mod error;
mod generate;
mod inspect;
mod migrate;
mod offline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand};
use schema_ddl::Registry;

use crate::runner::TrackedMigrator;

pub use adopt::BaselineArgs;
pub use connect::{connect, resolve_database_url};
pub use error::CliError;
pub use generate::{GenerateArgs, rustfmt_source};
pub use inspect::DiffArgs;
pub use migrate::options;
pub use offline::{Backend, LintArgs, LintReport, SqlArgs, lint_report, plan_warnings, sql_script};

/// `Project` is what the commands need to know of the project they run for, besides its
/// migrator: the entities and objects it declares, and the embedded SQLite file used when no
/// database is named.
pub struct Project {
    pub registry: Registry,
    /// File name, in the working directory, of the SQLite database used when neither
    /// `-u/--database-url` nor `DATABASE_URL` names one.
    pub default_sqlite_file: &'static str,
}

impl Project {
    /// `new` is a project with this registry and default SQLite file.
    pub fn new(registry: Registry, default_sqlite_file: &'static str) -> Self {
        Project {
            registry,
            default_sqlite_file,
        }
    }
}

/// The schema engine's command line: migrations generated from the SeaORM entities.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Database URL (postgres://…, sqlite://…, or mysql://… for the runner commands). Also
    /// read from DATABASE_URL and `.env`;
    /// without any, the project's embedded SQLite file in the working directory is used.
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
        default_value_t = crate::runner::DEFAULT_LOCK_TIMEOUT.as_secs()
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
    /// Close the record of a migration that failed partway (MySQL/MariaDB), after finishing
    /// (--applied) or undoing (--rolled-back) it by hand.
    Resolve(ResolveArgs),
    /// Write a new migration for what differs between the database and the entities.
    Generate(GenerateArgs),
    /// Print the plan that brings the database to the entities, without writing anything.
    Diff(DiffArgs),
    /// Exit 0 when the database matches the entities, 1 (listing the differences) when not,
    /// 2 on error. For CI.
    Check,
    /// Adopt a database built elsewhere: record the migrations up to VERSION as applied,
    /// after verifying the schema is exactly what they produce.
    Baseline(BaselineArgs),
    /// Compare the database with what its applied migrations produce and with the entities.
    Drift,
    /// Print the SQL `up` (or `down -n N`) would run, without touching a database.
    Sql(SqlArgs),
    /// Flag migrations that lose data or lock tables for long; exit 1 on any error finding.
    Lint(LintArgs),
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

/// Where the repair by hand left a migration whose `up()` or `down()` failed partway: exactly
/// one of the two. The flag names the end state, whichever half failed.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct ResolveArgs {
    /// The migration is now applied (a failed up finished by hand, or what a failed down
    /// undid redone): record it as applied, with its checksum.
    #[arg(long, value_name = "VERSION")]
    pub applied: Option<String>,
    /// The migration is now not applied (a failed up undone by hand, or a failed down
    /// finished by hand): remove its tracking row if any, so `up` runs it again.
    #[arg(long, value_name = "VERSION")]
    pub rolled_back: Option<String>,
}

impl ResolveArgs {
    /// `resolution` is the version and what was done to it.
    pub fn resolution(&self) -> (String, crate::runner::Resolution) {
        use crate::runner::Resolution;
        match (&self.applied, &self.rolled_back) {
            (Some(version), _) => (version.clone(), Resolution::Applied),
            (None, Some(version)) => (version.clone(), Resolution::RolledBack),
            // clap requires one of the two.
            (None, None) => (String::new(), Resolution::RolledBack),
        }
    }
}

/// `run` executes one parsed command line for `project`, whose migrator is `M`.
pub async fn run<M: TrackedMigrator>(project: &Project, cli: Cli) -> Result<(), CliError> {
    run_command::<M>(project, &cli.global, cli.command).await
}

/// `run_command` executes one engine command; for a project's own command line that flattens
/// [`Command`] into its own subcommands next to commands of its own.
pub async fn run_command<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    command: Command,
) -> Result<(), CliError> {
    match command {
        Command::Generate(args) => return generate::run::<M>(project, global, args).await,
        Command::Diff(args) => return inspect::diff::<M>(project, global, args).await,
        Command::Check => return inspect::check::<M>(project, global).await,
        Command::Baseline(args) => return adopt::baseline::<M>(project, global, args).await,
        Command::Drift => return adopt::drift::<M>(project, global).await,
        Command::Sql(args) => return offline::sql::<M>(project, global, &args).await,
        Command::Lint(args) => return offline::lint::<M>(project, global, &args).await,
        _ => {}
    }
    let db = connect(project, global).await?;
    let options = migrate::options(global, false);
    match command {
        Command::Up { num, allow_changed } => {
            let options = migrate::options(global, allow_changed);
            migrate::up::<M>(&db, &options, num).await
        }
        Command::Down(args) => migrate::down::<M>(&db, &options, args).await,
        Command::Status => migrate::status::<M>(&db).await,
        Command::Fresh => migrate::fresh::<M>(&db, &options).await,
        Command::Refresh => migrate::refresh::<M>(&db, &options).await,
        Command::Reset => migrate::reset::<M>(&db, &options).await,
        Command::Resolve(args) => migrate::resolve::<M>(&db, &options, &args).await,
        Command::Generate(_)
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

/// `main` is a whole binary: parse the command line ([`Cli`]), run it on a new tokio runtime,
/// print an error as one line on stderr and exit with its code ([`CliError::exit_code`]).
pub fn main<M: TrackedMigrator>(project: &Project) -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let for_check = matches!(cli.command, Command::Check);
    block_on(for_check, run::<M>(project, cli))
}

/// `block_on` runs a command on a new multi-threaded tokio runtime and turns its outcome into
/// the exit code, printing an error as one line on stderr. `for_check`: the command is
/// `check` (see [`CliError::exit_code`]).
pub fn block_on(
    for_check: bool,
    command: impl std::future::Future<Output = Result<(), CliError>>,
) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.one_line());
            e.exit_code(for_check)
        }
    }
}

/// `usage_error` prints help and version as clap does, and any other command-line error as
/// one line on stderr (exit 2): scripts read one line, people can ask `--help`.
pub fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments");
    let message = first.trim_start_matches("error: ");
    eprintln!("error: {message} (see --help)");
    ExitCode::from(2)
}

/// `default_migration_dir` is `migration/src` below the workspace the tool runs in.
pub fn default_migration_dir() -> PathBuf {
    PathBuf::from("migration/src")
}
