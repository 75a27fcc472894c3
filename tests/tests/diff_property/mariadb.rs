//! The property on MariaDB: for the part of A and B that MySQL/MariaDB holds
//! (`Mysql::hold`), the statements a migration runs there (`sql::mysql`) turn A into B and
//! back. Each case runs in a database of its own, dropped after it.
//!
//! A pair MariaDB itself refuses (a key over a TEXT column, a key over 3072 bytes) or whose
//! plan holds a change the migrations do not make there (`Mysql::cannot`, or
//! `Mysql::cannot_run`: dropping the index a kept foreign key needs) is counted, not checked:
//! `generate` against MySQL/MariaDB refuses it in one line.

use std::sync::atomic::{AtomicUsize, Ordering};

use ctutor_cli::backend::{Canonicalize, Capabilities, Mysql};
use ctutor_cli::diff::{Change, Renames, create_all, diff};
use ctutor_cli::introspect::introspect_mysql;
use ctutor_cli::model::Schema;
use ctutor_cli::plan::Plan;
use ctutor_cli::sql::mysql::statements;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use super::remaining;

/// `Tally` counts how the cases of a run ended.
#[derive(Debug, Default)]
pub struct Tally {
    pub checked: AtomicUsize,
    pub refused_by_server: AtomicUsize,
    pub not_made: AtomicUsize,
}

/// `up_and_down` is the property for one pair on a fresh MariaDB database.
pub async fn up_and_down(a: &Schema, b: &Schema, tally: &Tally) -> Result<(), String> {
    let maria = tests::MariaDb::create("property").await;
    let conn = connect(&maria.url()).await?;
    let outcome = on(&conn, a, b, tally).await;
    conn.close().await.map_err(|e| e.to_string())?;
    outcome
}

async fn on(
    conn: &DatabaseConnection,
    a: &Schema,
    b: &Schema,
    tally: &Tally,
) -> Result<(), String> {
    let (a, b) = (Mysql.hold(a).schema, Mysql.hold(b).schema);
    if let Err(e) = run(conn, &Plan::new(create_all(&a)).up, "creating A").await {
        return refused_by_server(e, tally);
    }
    let live_a = read(conn).await?;
    let b = match Mysql.canonical_desired(conn, &b).await {
        Ok(b) => b,
        Err(e) => return refused_by_server(e.to_string(), tally),
    };
    let found = diff(&live_a, &b, &Renames::default());
    if !found.unsupported.is_empty() {
        return Err(format!("unsupported: {:?}", found.unsupported));
    }
    let plan = Plan::new(found.changes);
    if plan
        .up
        .iter()
        .chain(&plan.down)
        .any(|c| Mysql.cannot(c).is_some())
        || Mysql.cannot_run(&plan.up, &b).is_some()
        || Mysql.cannot_run(&plan.down, &live_a).is_some()
    {
        tally.not_made.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    run(conn, &plan.up, "up").await?;
    if let Some(rest) = remaining(&read(conn).await?, &b) {
        return Err(format!(
            "MariaDB: after up, A still differs from B:\n{rest}"
        ));
    }
    run(conn, &plan.down, "down").await?;
    if let Some(rest) = remaining(&read(conn).await?, &live_a) {
        return Err(format!("MariaDB: after down, A is not A again:\n{rest}"));
    }
    tally.checked.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

/// `refused_by_server` accepts MariaDB's refusal of a key it cannot make (errors 1170: a
/// TEXT column in a key without a length, 1071: a key too long), and no other error.
fn refused_by_server(error: String, tally: &Tally) -> Result<(), String> {
    if error.contains("1170") || error.contains("1071") {
        tally.refused_by_server.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    Err(error)
}

async fn run(conn: &DatabaseConnection, changes: &[Change], what: &str) -> Result<(), String> {
    for change in changes {
        for statement in statements(change) {
            conn.execute_unprepared(&statement)
                .await
                .map_err(|e| format!("{what}: {change}: {statement}: {e}"))?;
        }
    }
    Ok(())
}

async fn read(conn: &DatabaseConnection) -> Result<Schema, String> {
    introspect_mysql(conn).await.map_err(|e| e.to_string())
}

/// `connect` is one connection in the runner's session mode (strict mode off).
async fn connect(url: &str) -> Result<DatabaseConnection, String> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let conn = Database::connect(options)
        .await
        .map_err(|e| e.to_string())?;
    conn.execute_unprepared(
        "SET SESSION sql_mode = REPLACE(REPLACE(@@SESSION.sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', '')",
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(conn)
}
