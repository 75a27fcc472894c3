//! `runner`: applying the migrations safely, for deploy scripts and for the command line.
//!
//! On top of sea-orm-migration's `MigratorTrait` (the migrations and the tracking table
//! `seaql_migrations`) and [`TrackedMigrator`] (the files' checksums and the lock's name,
//! which the migration crate supplies), every command that changes the database
//!
//! - holds the migration lock for its whole run ([`MigrationLock`]), so replicas deploying at
//!   once apply each migration exactly once;
//! - checks the history first: `up` refuses ([`RunnerError::History`], exit 5) when an applied
//!   migration's file changed or the tracking table names migrations this build lacks, unless
//!   [`Options::allow_changed`];
//! - applies each migration in one transaction together with its tracking row and checksum
//!   (see `apply.rs` for migrations that opt out of the transaction, and for MySQL/MariaDB,
//!   where DDL commits implicitly and no transaction is used: a migration whose `up` or
//!   `down` fails partway there is recorded as failed until `resolve`).
//!
//! Progress goes to stdout, one line per step; errors are returned, each one line with its
//! own exit code ([`RunnerError::exit_code`]).

mod apply;
mod checksum;
mod connect;
mod error;
pub mod failure;
pub mod history;
mod lock;
mod mysql_session;
mod partway;
mod resolve;
mod server_notes;
mod sqlite_keys;
mod state;
mod wipe;

use std::future::Future;
use std::time::Duration;

use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::{DatabaseConnection, DbBackend};

pub use checksum::{checksum, normalize_line_endings};
pub use connect::connect;
pub use error::{RunnerError, exit};
pub use lock::{MigrationLock, lock_key, mysql_lock_name};
pub use mysql_session::without_strict;
pub use resolve::{Resolution, resolve};
pub use server_notes::{ServerNote, ServerNotes};
pub use state::{Entry, State};

/// `TrackedMigrator` is a migrator the runner can guard: besides its migrations, the
/// checksum of every migration file in this build and the name its lock is taken under.
///
/// The migration crate implements it, with the table its `build.rs` writes (each migration
/// module's name and [`checksum`] of its file) and a lock name of its own: projects sharing a
/// PostgreSQL database serialize their migrations only if they share the name. The lock key
/// derives from the name ([`lock_key`]), so a project must never change it.
pub trait TrackedMigrator: MigratorTrait {
    /// `checksums` maps each migration module name to the checksum of its file.
    fn checksums() -> &'static [(&'static str, &'static str)];
    /// `lock_name` is what the PostgreSQL advisory lock key is derived from.
    fn lock_name() -> &'static str;
}

/// `DEFAULT_LOCK_TIMEOUT` is how long a command waits for the lock unless told otherwise:
/// long enough for another replica's typical migration run, short enough to fail a stuck
/// deploy visibly.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// `expected_checksum` is the checksum of the migration file `name` in this build.
pub fn expected_checksum<M: TrackedMigrator>(name: &str) -> Option<&'static str> {
    M::checksums()
        .iter()
        .find(|(module, _)| *module == name)
        .map(|(_, digest)| *digest)
}

/// `Options` tunes the commands that change the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How long to wait for the migration lock.
    pub lock_timeout: Duration,
    /// Proceed (with a warning) although applied migrations were modified or are missing.
    pub allow_changed: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            allow_changed: false,
        }
    }
}

/// `DownTarget` is what `down` rolls back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownTarget {
    /// The last N applied migrations.
    Last(u32),
    /// Every migration applied after this version (it stays applied).
    To(String),
    /// Every applied migration.
    All,
}

/// `with_lock` runs `work` while holding the migration lock named `lock_name` (a
/// [`TrackedMigrator::lock_name`]), and releases it afterwards whatever the outcome. For
/// commands outside this module that change the database (`cli seed`).
pub async fn with_lock<T, E>(
    db: &DatabaseConnection,
    lock_name: &str,
    timeout: Duration,
    work: impl Future<Output = Result<T, E>>,
) -> Result<T, E>
where
    E: From<RunnerError>,
{
    let lock = MigrationLock::acquire(db, lock_name, timeout).await?;
    let result = work.await;
    let released = lock.release().await;
    match (result, released) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}

/// `entries` is where every migration stands, read without taking the lock or writing.
pub async fn entries<M: TrackedMigrator>(
    db: &DatabaseConnection,
) -> Result<Vec<Entry>, RunnerError> {
    let table = history::table_name::<M>();
    let rows = history::read(db, &table).await?;
    let failures = failure::read(db, &table).await?;
    let migrations = M::migrations();
    let names: Vec<&str> = migrations.iter().map(|m| m.name()).collect();
    Ok(state::compare(
        &names,
        &rows,
        &failures,
        expected_checksum::<M>,
    ))
}

/// `status` prints one line per migration: applied, pending, modified, missing or failed (in
/// `up` or in `down`); under a failed one, every statement that ran, the failing one, and those that did not run.
pub async fn status<M: TrackedMigrator>(db: &DatabaseConnection) -> Result<(), RunnerError> {
    let entries = entries::<M>(db).await?;
    if entries.is_empty() {
        println!("no migrations");
    }
    for entry in &entries {
        println!("{entry}");
        if let Some(failure) = &entry.failure {
            for line in failure.details() {
                println!("{line}");
            }
        }
    }
    Ok(())
}

/// `refuse_unresolved` stops a command that builds on the migrations' state while a migration
/// that failed partway is unresolved: neither `up` nor `down` can know what that half-applied
/// migration left.
async fn refuse_unresolved<M: TrackedMigrator>(
    db: &DatabaseConnection,
) -> Result<Vec<Entry>, RunnerError> {
    let entries = entries::<M>(db).await?;
    match entries.iter().find(|e| e.state == State::Failed) {
        Some(Entry {
            name,
            failure: Some(failure),
            ..
        }) => Err(RunnerError::Unresolved {
            name: name.clone(),
            direction: failure.direction,
            summary: failure.summary(),
        }),
        _ => Ok(entries),
    }
}

/// `up` applies the pending migrations (at most `num`), in order.
pub async fn up<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    num: Option<u32>,
) -> Result<(), RunnerError> {
    with_lock(
        db,
        M::lock_name(),
        options.lock_timeout,
        up_locked::<M>(db, options, num),
    )
    .await
}

/// `down` rolls back applied migrations, newest first.
pub async fn down<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    target: DownTarget,
) -> Result<(), RunnerError> {
    with_lock(
        db,
        M::lock_name(),
        options.lock_timeout,
        down_locked::<M>(db, target),
    )
    .await
}

/// `fresh` drops every table, enum type, sequence and function of the schema (the tracking
/// table too), then applies all migrations. For development databases.
pub async fn fresh<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), RunnerError> {
    with_lock(db, M::lock_name(), options.lock_timeout, async {
        wipe::wipe(db).await?;
        match db.get_database_backend() {
            sea_orm_migration::sea_orm::DbBackend::Postgres => {
                println!("dropped every table, type, function and sequence")
            }
            _ => println!("dropped every table"),
        }
        up_locked::<M>(db, options, None).await
    })
    .await
}

/// `refresh` rolls back every applied migration, then applies all. It refuses up front
/// when the tracking table names migrations this build lacks (they could not be rolled
/// back, and `up` would refuse after everything else was).
pub async fn refresh<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), RunnerError> {
    with_lock(db, M::lock_name(), options.lock_timeout, async {
        let entries = refuse_unresolved::<M>(db).await?;
        let missing = state::named(&entries, State::Missing);
        check_history(Vec::new(), missing, options.allow_changed)?;
        down_locked::<M>(db, DownTarget::All).await?;
        up_locked::<M>(db, options, None).await
    })
    .await
}

/// `reset` rolls back every applied migration and drops the tracking table.
pub async fn reset<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
) -> Result<(), RunnerError> {
    with_lock(db, M::lock_name(), options.lock_timeout, async {
        down_locked::<M>(db, DownTarget::All).await?;
        history::drop_table(db, &history::table_name::<M>()).await?;
        failure::drop_table(db, &history::table_name::<M>()).await?;
        println!("dropped the migration tracking table");
        Ok(())
    })
    .await
}

async fn up_locked<M: TrackedMigrator>(
    db: &DatabaseConnection,
    options: &Options,
    num: Option<u32>,
) -> Result<(), RunnerError> {
    let table = history::table_name::<M>();
    // Checked before anything is written: a refusal leaves the database as it was.
    let entries = refuse_unresolved::<M>(db).await?;
    check_history(
        state::named(&entries, State::Modified),
        state::named(&entries, State::Missing),
        options.allow_changed,
    )?;
    if let Some(other) = history::other_tool(db, &table).await? {
        return Err(RunnerError::ForeignHistory {
            table,
            other: other.to_owned(),
        });
    }
    history::ensure::<M>(db).await?;
    adopt::<M>(db, &table, &state::named(&entries, State::Unrecorded)).await?;
    let pending = state::named(&entries, State::Pending);
    let count = num.map_or(pending.len(), |n| pending.len().min(n as usize));
    if count == 0 {
        println!("nothing to apply: the database is up to date");
        return Ok(());
    }
    let migrations = M::migrations();
    let conn = migration_connection(db).await?;
    let applied = async {
        for name in pending.iter().take(count) {
            let Some(migration) = migrations.iter().find(|m| m.name() == name) else {
                continue;
            };
            let notes = apply::apply(
                &conn,
                &table,
                migration.as_ref(),
                expected_checksum::<M>(name),
            )
            .await?;
            println!("applied {name}");
            print_notes(name, &notes);
        }
        Ok(())
    }
    .await;
    // Closed on failure too, so the server sees the session end rather than a dropped socket.
    let closed = close_own(conn).await;
    applied.and(closed)
}

async fn down_locked<M: TrackedMigrator>(
    db: &DatabaseConnection,
    target: DownTarget,
) -> Result<(), RunnerError> {
    let table = history::table_name::<M>();
    refuse_unresolved::<M>(db).await?;
    let rows = history::read(db, &table).await?;
    let migrations = M::migrations();
    // Code order, as sea-orm-migration: rows the code does not know cannot be rolled back
    // and stay (`status` shows them as missing).
    let applied: Vec<&str> = migrations
        .iter()
        .map(|m| m.name())
        .filter(|name| rows.iter().any(|r| r.version == *name))
        .collect();
    let count = match target {
        DownTarget::All => applied.len(),
        DownTarget::Last(n) => applied.len().min(n as usize),
        DownTarget::To(version) => {
            if !migrations.iter().any(|m| m.name() == version) {
                return Err(RunnerError::UnknownVersion(version));
            }
            match applied.iter().position(|name| *name == version) {
                Some(i) => applied.len() - i - 1,
                None => return Err(RunnerError::NotApplied(version)),
            }
        }
    };
    if count == 0 {
        println!("nothing to roll back");
        return Ok(());
    }
    let conn = migration_connection(db).await?;
    let rolled_back = async {
        for name in applied.iter().rev().take(count) {
            let Some(migration) = migrations.iter().find(|m| m.name() == *name) else {
                continue;
            };
            let notes = apply::roll_back(&conn, &table, migration.as_ref()).await?;
            println!("rolled back {name}");
            print_notes(name, &notes);
        }
        Ok(())
    }
    .await;
    let closed = close_own(conn).await;
    rolled_back.and(closed)
}

/// `print_notes` prints what the server said while `name` ran, one `note:` line each on
/// stderr, after its progress line on stdout: on MySQL/MariaDB, the conversions the relaxed
/// session made (see `server_notes`).
fn print_notes(name: &str, notes: &ServerNotes) {
    for line in notes.lines(name) {
        eprintln!("note: {line}");
    }
}

/// `migration_connection` is the connection migrations run on: on SQLite one with foreign
/// key enforcement off (`sqlite_keys`), on MySQL/MariaDB one outside strict mode
/// (`mysql_session`), on PostgreSQL the caller's pool.
async fn migration_connection(db: &DatabaseConnection) -> Result<DatabaseConnection, RunnerError> {
    Ok(match db.get_database_backend() {
        DbBackend::MySql => mysql_session::migration_connection(db).await?,
        _ => sqlite_keys::migration_connection(db).await?,
    })
}

/// `close_own` closes the connection migrations ran on when it is the runner's own (see
/// [`migration_connection`]); on PostgreSQL it is the caller's pool, which stays open.
async fn close_own(conn: DatabaseConnection) -> Result<(), RunnerError> {
    if conn.get_database_backend() != DbBackend::Postgres {
        conn.close().await?;
    }
    Ok(())
}

/// `check_history` refuses modified or missing migrations, or only warns about them when
/// `allow_changed`.
fn check_history(
    modified: Vec<String>,
    missing: Vec<String>,
    allow_changed: bool,
) -> Result<(), RunnerError> {
    if modified.is_empty() && missing.is_empty() {
        return Ok(());
    }
    if !allow_changed {
        return Err(RunnerError::History { modified, missing });
    }
    eprintln!(
        "warning: proceeding (--allow-changed) although {}",
        error::history_summary(&modified, &missing)
    );
    Ok(())
}

/// `adopt` records the current checksum of migrations applied without one.
async fn adopt<M: TrackedMigrator>(
    db: &DatabaseConnection,
    table: &str,
    names: &[String],
) -> Result<(), RunnerError> {
    let mut adopted = Vec::new();
    for name in names {
        if let Some(digest) = expected_checksum::<M>(name) {
            history::set_checksum(db, table, name, digest).await?;
            adopted.push(name.as_str());
        }
    }
    if !adopted.is_empty() {
        println!(
            "recorded the checksum of {} migration(s) applied without one: {}",
            adopted.len(),
            adopted.join(", ")
        );
    }
    Ok(())
}
