//! The runner deploy scripts call: `cargo run -p migration -- up|down|status|fresh|refresh|reset`.
//!
//! The subcommands and `-u`/`-s` are those of sea-orm-migration's own command line (which
//! this replaced); on top: the migration lock (`--lock-timeout`), checksums
//! (`up --allow-changed`), and one error line with a distinct exit code.

use std::process::ExitCode;
use std::time::Duration;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};
use migration::Migrator;
use migration::runner::{self, DownTarget, Options, Resolution, RunnerError, exit};

/// Applies the ctutor migrations, one process at a time, refusing a changed history.
#[derive(Debug, Parser)]
#[command(name = "migration", version, about)]
struct Cli {
    /// Database URL (postgres://…, mysql://… or sqlite://…).
    #[arg(short = 'u', long, global = true, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// PostgreSQL schema to work in (search path); ignored for SQLite.
    #[arg(
        short = 's',
        long,
        global = true,
        env = "DATABASE_SCHEMA",
        default_value = "public"
    )]
    database_schema: String,
    /// Seconds to wait for the migration lock held by another process, then exit 4.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = runner::DEFAULT_LOCK_TIMEOUT.as_secs())]
    lock_timeout: u64,
    /// What to do; `up` when left out, as before.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations.
    Up {
        /// Apply at most N migrations.
        #[arg(short = 'n', long = "num")]
        num: Option<u32>,
        /// Apply even though applied migrations were modified or are missing (warns).
        #[arg(long)]
        allow_changed: bool,
    },
    /// Roll back the last N applied migrations.
    Down {
        /// How many to roll back.
        #[arg(short = 'n', long = "num", default_value_t = 1)]
        num: u32,
    },
    /// List migrations: applied, pending, modified or missing.
    Status,
    /// Drop every table, type, function and sequence of the schema, then apply all.
    Fresh,
    /// Roll back all applied migrations, then apply all.
    Refresh,
    /// Roll back all applied migrations and drop the tracking table.
    Reset,
    /// Close the record of a migration that failed partway (MySQL/MariaDB), after finishing
    /// (--applied) or undoing (--rolled-back) it by hand.
    Resolve {
        /// The rest of the migration was run by hand: record it as applied.
        #[arg(long, value_name = "VERSION", group = "resolution", required = true)]
        applied: Option<String>,
        /// What ran was undone by hand: clear the failure, so `up` runs it again.
        #[arg(long, value_name = "VERSION", group = "resolution", required = true)]
        rolled_back: Option<String>,
    },
}

fn main() -> ExitCode {
    // `.env` as sea-orm-migration's command line read it.
    let _ = dotenvy::dotenv();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.one_line());
            ExitCode::from(e.exit_code())
        }
    }
}

async fn run(cli: Cli) -> Result<(), RunnerError> {
    let url = cli.database_url.ok_or(RunnerError::NoUrl)?;
    let db = runner::connect(&url, Some(&cli.database_schema)).await?;
    let mut options = Options {
        lock_timeout: Duration::from_secs(cli.lock_timeout),
        ..Options::default()
    };
    let command = cli.command.unwrap_or(Command::Up {
        num: None,
        allow_changed: false,
    });
    let result = match command {
        Command::Up { num, allow_changed } => {
            options.allow_changed = allow_changed;
            runner::up::<Migrator>(&db, &options, num).await
        }
        Command::Down { num } => {
            runner::down::<Migrator>(&db, &options, DownTarget::Last(num)).await
        }
        Command::Status => runner::status::<Migrator>(&db).await,
        Command::Fresh => runner::fresh::<Migrator>(&db, &options).await,
        Command::Refresh => runner::refresh::<Migrator>(&db, &options).await,
        Command::Reset => runner::reset::<Migrator>(&db, &options).await,
        Command::Resolve {
            applied,
            rolled_back,
        } => match (applied, rolled_back) {
            (Some(version), _) => {
                runner::resolve::<Migrator>(&db, &options, &version, Resolution::Applied).await
            }
            (None, Some(version)) => {
                runner::resolve::<Migrator>(&db, &options, &version, Resolution::RolledBack).await
            }
            (None, None) => Err(RunnerError::NothingToResolve(String::new())),
        },
    };
    // Closed before the process exits so the server sees the sessions end cleanly.
    let _ = db.close().await;
    result
}

/// `usage_error` prints help and version as clap does, and any other command-line error as
/// one line on stderr (exit 2).
fn usage_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(exit::USAGE);
        }
        _ => {}
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments");
    eprintln!(
        "error: {} (see --help)",
        first.trim_start_matches("error: ")
    );
    ExitCode::from(exit::USAGE)
}
