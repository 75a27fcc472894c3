//! MySQL/MariaDB: applying (or rolling back) a migration statement by statement, knowing
//! exactly how far it got.
//!
//! DDL commits at once there, so a migration whose `up()` or `down()` fails halfway leaves
//! what ran before the failure applied; whoever repairs it must know exactly which statements
//! those were. Both halves run the same way; below, `up()` stands for either.
//!
//! The migration's `up()` first runs on a recording connection (the `sql` command's,
//! [`crate::offline`]), which gives every statement it sends, in order. When it never reads
//! the database, that list is exactly what it sends to the server too, so the runner executes
//! the list itself, one statement at a time: it then knows which statements ran, which one
//! failed and which did not run, whatever API the migration used to send them.
//!
//! A migration that reads the database (or opens transactions of its own) may send something
//! else once it sees real answers, so it runs live instead, and the connection's metric
//! callback (called after every statement sent with `execute`/`query`) lists what ran; what
//! would have run after the failure cannot be known then. (Statements sent with
//! `execute_unprepared` are invisible to that callback: the failing statement is then
//! reported unknown.)
//!
//! After each statement it replays, the runner reads what the server said about it
//! (`server_notes`: conversions made outside strict mode); a migration that runs live has its
//! statements sent by the migration itself, so its notes are not read.

use std::sync::{Arc, Mutex};

use sea_orm_migration::sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement,
};
use sea_orm_migration::{MigrationTrait, SchemaManager};

use super::failure::{Direction, Failure};
use super::history;
use super::server_notes::{self, ServerNotes};

/// `Ran` is a half of a migration that ran to the end: its statements as they ran, and what
/// the server said about them.
struct Ran {
    statements: Vec<String>,
    notes: ServerNotes,
}

/// `apply` runs `migration.up()` on `conn` and records it in `table` with `checksum`, and
/// returns the server's notes; on failure it says how far it got.
pub async fn apply(
    conn: &DatabaseConnection,
    table: &str,
    migration: &dyn MigrationTrait,
    checksum: Option<&str>,
) -> Result<ServerNotes, Failure> {
    let name = migration.name();
    let ran = run(conn, migration, Direction::Up).await?;
    history::insert(conn, table, name, checksum)
        .await
        .map(|()| ran.notes)
        .map_err(|e| {
            every_statement_ran(
                name,
                Direction::Up,
                ran.statements,
                format!("every statement ran, but recording it in {table} failed: {e}"),
            )
        })
}

/// `roll_back` runs `migration.down()` on `conn`, removes its row from `table`, and returns
/// the server's notes; on failure it says how far it got (the row stays: the migration is not
/// rolled back).
pub async fn roll_back(
    conn: &DatabaseConnection,
    table: &str,
    migration: &dyn MigrationTrait,
) -> Result<ServerNotes, Failure> {
    let name = migration.name();
    let ran = run(conn, migration, Direction::Down).await?;
    history::delete(conn, table, name)
        .await
        .map(|()| ran.notes)
        .map_err(|e| {
            every_statement_ran(
                name,
                Direction::Down,
                ran.statements,
                format!(
                    "every statement of down() ran, but removing its row from {table} failed: {e}"
                ),
            )
        })
}

/// `run` executes one half of `migration`: replayed from its capture when it sends the same
/// statements whatever the database answers, else live.
async fn run(
    conn: &DatabaseConnection,
    migration: &dyn MigrationTrait,
    direction: Direction,
) -> Result<Ran, Failure> {
    let name = migration.name();
    let captured = match direction {
        Direction::Up => crate::offline::up_statements(DbBackend::MySql, migration).await,
        Direction::Down => crate::offline::down_statements(DbBackend::MySql, migration).await,
    };
    match captured {
        Some(statements) => replay(conn, name, direction, &statements).await,
        None => live(conn, name, direction, migration)
            .await
            .map(|statements| Ran {
                statements,
                notes: ServerNotes::default(),
            }),
    }
}

/// `every_statement_ran` is the failure of the tracking row's write after the whole half ran.
fn every_statement_ran(
    name: &str,
    direction: Direction,
    ran: Vec<String>,
    error: String,
) -> Failure {
    let mut failure = Failure::new(name, direction, error);
    failure.ran = ran;
    failure.not_run = Some(Vec::new());
    failure
}

/// `replay` executes `statements` in order, as `up()` would have sent them, reading the
/// server's notes after each, and returns them as they ran.
async fn replay(
    conn: &DatabaseConnection,
    name: &str,
    direction: Direction,
    statements: &[Statement],
) -> Result<Ran, Failure> {
    let mut notes = ServerNotes::default();
    for (i, statement) in statements.iter().enumerate() {
        if let Err(e) = execute(conn, statement).await {
            let mut failure = Failure::new(name, direction, e.to_string());
            failure.ran = statements[..i].iter().map(ToString::to_string).collect();
            failure.failed_statement = Some(statement.to_string());
            failure.not_run = Some(
                statements[i + 1..]
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            );
            return Err(failure);
        }
        match server_notes::read(conn, &statement.sql).await {
            Ok(read) => notes.notes.extend(read),
            // The statement ran; not knowing what the server said about it is no reason to
            // stop the migration halfway, but it is said.
            Err(e) => notes.unread = Some(e.to_string()),
        }
    }
    Ok(Ran {
        statements: statements.iter().map(ToString::to_string).collect(),
        notes,
    })
}

/// `execute` sends one statement as the migration did: with its values bound when it has
/// any, else as plain text (`execute_unprepared`: some statements cannot be prepared).
async fn execute(conn: &DatabaseConnection, statement: &Statement) -> Result<(), DbErr> {
    match statement.values {
        Some(_) => conn.execute_raw(statement.clone()).await.map(|_| ()),
        None => conn.execute_unprepared(&statement.sql).await.map(|_| ()),
    }
}

/// `live` runs `up()` (or `down()`) on the server, listing what ran through the metric
/// callback.
async fn live(
    conn: &DatabaseConnection,
    name: &str,
    direction: Direction,
    migration: &dyn MigrationTrait,
) -> Result<Vec<String>, Failure> {
    let seen: Arc<Mutex<Vec<(String, bool)>>> = Arc::default();
    let mut observed = conn.clone();
    let log = Arc::clone(&seen);
    observed.set_metric_callback(move |info| {
        if let Ok(mut log) = log.lock() {
            log.push((info.statement.to_string(), info.failed));
        }
    });
    let manager = SchemaManager::new(&observed);
    let result = match direction {
        Direction::Up => migration.up(&manager).await,
        Direction::Down => migration.down(&manager).await,
    };
    let seen = seen.lock().map(|log| log.clone()).unwrap_or_default();
    let Err(e) = result else {
        return Ok(seen.into_iter().map(|(sql, _)| sql).collect());
    };
    let mut failure = Failure::new(name, direction, e.to_string());
    failure.ran = seen
        .iter()
        .filter(|(_, failed)| !failed)
        .map(|(sql, _)| sql.clone())
        .collect();
    failure.failed_statement = seen
        .iter()
        .find(|(_, failed)| *failed)
        .map(|(sql, _)| sql.clone());
    Err(failure)
}
