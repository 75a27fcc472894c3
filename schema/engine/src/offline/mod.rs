//! `offline`: the SQL the migrations would run, captured without a database.
//!
//! Each migration's `up()` or `down()` runs on a recording connection ([`capture`]) the way
//! sea-orm-migration's runner runs it: in a transaction of its own where the runner opens one
//! (PostgreSQL, unless the migration's `use_transaction()` is `Some(false)`), followed by its
//! row in the tracking table. [`script`] prints the result as a script `psql -f` can apply.
//!
//! A migration that reads the database (`has_table`, a `SELECT`) gets no rows here, so what
//! it does next is what it would do on an empty result; the script marks each such read.

pub mod capture;
mod script;

use sea_orm::{DbBackend, DbErr, TransactionTrait};
use sea_orm_migration::{MigrationTrait, MigratorTrait, SchemaManager};

pub use capture::{Capture, Step, StepKind};
pub use script::render;

use crate::runner::TrackedMigrator;
use crate::sql::{ident, literal};

/// `Direction` is which half of the migrations runs: `up` (with the `applied_at` the tracking
/// rows get, in Unix seconds) or `down`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up { applied_at: i64 },
    Down,
}

/// `MigrationSql` is what running one migration sends to the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationSql {
    pub name: String,
    pub steps: Vec<Step>,
}

impl MigrationSql {
    /// `statements` is the migration's own SQL: no transaction control, reads or tracking row.
    pub fn statements(&self) -> Vec<String> {
        self.steps
            .iter()
            .filter(|s| s.kind == StepKind::Statement)
            .map(|s| s.sql.clone())
            .collect()
    }
}

/// `capture` runs the migrations of `M` named in `names`, in that order, in `direction`.
/// For `down`, pass the names in the order they are rolled back (last applied first).
pub async fn capture<M: TrackedMigrator>(
    backend: DbBackend,
    direction: Direction,
    names: &[String],
) -> Result<Vec<MigrationSql>, DbErr> {
    let table = M::migration_table_name().to_string();
    let mut migrations = M::migrations();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let position = migrations
            .iter()
            .position(|m| m.name() == name)
            .ok_or_else(|| DbErr::Migration(format!("unknown migration \"{name}\"")))?;
        let migration = migrations.swap_remove(position);
        let steps = run_one::<M>(backend, direction, migration.as_ref(), &table)
            .await
            .map_err(|e| DbErr::Migration(format!("{name} cannot be rendered offline: {e}")))?;
        out.push(MigrationSql {
            name: name.clone(),
            steps,
        });
    }
    Ok(out)
}

/// `install` is the tracking table creation the runner issues before `up`
/// (`CREATE TABLE IF NOT EXISTS`, so it is harmless where the table exists).
pub async fn install<M: MigratorTrait>(backend: DbBackend) -> Result<Vec<Step>, DbErr> {
    let capture = Capture::new(backend);
    M::install(&capture.conn).await?;
    if backend == DbBackend::Postgres {
        // The runner's checksum column (`ADD COLUMN IF NOT EXISTS`, harmless where it exists).
        // SQLite has no `IF NOT EXISTS` there, so SQLite scripts leave checksums to `up`.
        use crate::runner::history::{CHECKSUM, table_name};
        use sea_orm::ConnectionTrait;
        let sql = format!(
            "ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} varchar NULL",
            ident(&table_name::<M>()),
            ident(CHECKSUM)
        );
        capture.conn.execute_unprepared(&sql).await?;
    }
    Ok(capture.take())
}

/// `up_statements` are the statements `migration.up()` sends on `backend`, in order, when
/// they do not depend on the database: `None` when the migration reads it (what it does after
/// a read may depend on the answer, which is empty here) or fails without one.
pub async fn up_statements(
    backend: DbBackend,
    migration: &dyn MigrationTrait,
) -> Option<Vec<sea_orm::Statement>> {
    replayable(backend, migration, Direction::Up { applied_at: 0 }).await
}

/// `down_statements` are [`up_statements`] for `migration.down()`.
pub async fn down_statements(
    backend: DbBackend,
    migration: &dyn MigrationTrait,
) -> Option<Vec<sea_orm::Statement>> {
    replayable(backend, migration, Direction::Down).await
}

async fn replayable(
    backend: DbBackend,
    migration: &dyn MigrationTrait,
    direction: Direction,
) -> Option<Vec<sea_orm::Statement>> {
    let capture = Capture::new(backend);
    run_half(direction, migration, &SchemaManager::new(&capture.conn))
        .await
        .ok()?;
    let reads = capture
        .steps()
        .iter()
        .any(|s| matches!(s.kind, StepKind::Query | StepKind::Control));
    let executed = capture.take_executed();
    (!reads).then_some(executed)
}

/// `run_one` mirrors sea-orm-migration's `exec_up_with`/`exec_down_with` for one migration.
async fn run_one<M: TrackedMigrator>(
    backend: DbBackend,
    direction: Direction,
    migration: &dyn MigrationTrait,
    table: &str,
) -> Result<Vec<Step>, DbErr> {
    let capture = Capture::new(backend);
    let tracking = tracking_row::<M>(direction, table, migration.name(), backend);
    if uses_transaction(migration, backend) {
        let txn = capture.conn.begin().await?;
        run_half(direction, migration, &SchemaManager::new(&txn)).await?;
        capture.note(StepKind::Tracking, tracking);
        txn.commit().await?;
    } else {
        run_half(direction, migration, &SchemaManager::new(&capture.conn)).await?;
        capture.note(StepKind::Tracking, tracking);
    }
    Ok(capture.take())
}

async fn run_half(
    direction: Direction,
    migration: &dyn MigrationTrait,
    manager: &SchemaManager<'_>,
) -> Result<(), DbErr> {
    match direction {
        Direction::Up { .. } => migration.up(manager).await,
        Direction::Down => migration.down(manager).await,
    }
}

/// `uses_transaction` is sea-orm-migration's rule: the migration's own choice, else a
/// transaction on PostgreSQL only.
pub fn uses_transaction(migration: &dyn MigrationTrait, backend: DbBackend) -> bool {
    migration
        .use_transaction()
        .unwrap_or(backend == DbBackend::Postgres)
}

/// `tracking_row` is the insert (up) or delete (down) of the migration's tracking row: the
/// columns of sea-orm-migration's `seaql_migrations` (`version`, `applied_at`), and on
/// PostgreSQL the runner's `checksum`, so a database migrated by the script passes `up`'s check.
fn tracking_row<M: TrackedMigrator>(
    direction: Direction,
    table: &str,
    name: &str,
    backend: DbBackend,
) -> String {
    let checksum =
        crate::runner::expected_checksum::<M>(name).filter(|_| backend == DbBackend::Postgres);
    // MySQL/MariaDB reads `"…"` as a string unless in ANSI mode: its identifiers take
    // backticks.
    let quote = |name: &str| match backend {
        DbBackend::MySql => format!("`{}`", name.replace('`', "``")),
        _ => ident(name),
    };
    let (table, version, at) = (quote(table), quote("version"), quote("applied_at"));
    match (direction, checksum) {
        (Direction::Up { applied_at }, Some(checksum)) => format!(
            "INSERT INTO {table} ({version}, {at}, {}) VALUES ({}, {applied_at}, {})",
            quote("checksum"),
            literal(name),
            literal(checksum)
        ),
        (Direction::Up { applied_at }, None) => format!(
            "INSERT INTO {table} ({version}, {at}) VALUES ({}, {applied_at})",
            literal(name)
        ),
        (Direction::Down, _) => {
            format!("DELETE FROM {table} WHERE {version} = {}", literal(name))
        }
    }
}
