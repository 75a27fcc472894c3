//! Replicas deploying at once: the migration lock lets one process apply each migration
//! exactly once, and the others wait and find nothing left to do.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

use common::{
    MariaDb, PgDatabase, SqliteFile, count, migration, mysql_tables, one_error_line, strings,
    succeeded, tracking_table_exists, user_tables,
};
use migration::Migrator;
use migration::runner::lock_key;
use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::sqlx::{self, Connection, PgConnection};

const PROCESSES: usize = 8;

/// `up_at_once` starts `PROCESSES` `migration up` on `url` together and returns their
/// standard outputs, asserting every one exits 0.
fn up_at_once(url: &str) -> Vec<String> {
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_migration"))
                .args(["-u", url, "up"])
                .env_remove("DATABASE_URL")
                .current_dir(std::env::temp_dir())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start migration up")
        })
        .collect();
    children
        .into_iter()
        .map(|child| succeeded(&child.wait_with_output().expect("wait for migration up")))
        .collect()
}

/// `applied_lines` counts, over all outputs, the `applied <name>` lines of each migration.
fn applied_lines(outputs: &[String], name: &str) -> usize {
    outputs
        .iter()
        .flat_map(|o| o.lines())
        .filter(|l| *l == format!("applied {name}"))
        .count()
}

#[tokio::test]
async fn eight_processes_apply_every_migration_exactly_once() {
    let db = PgDatabase::create("concurrent").await;
    let started = Instant::now();
    let outputs = up_at_once(&db.url());
    eprintln!(
        "{PROCESSES} concurrent `up` on PostgreSQL took {:?}",
        started.elapsed()
    );
    let conn = db.connect().await;
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    for name in &names {
        assert_eq!(applied_lines(&outputs, name), 1, "{name}: {outputs:#?}");
    }
    let recorded = strings(
        &conn,
        "select version as s from seaql_migrations order by version",
    )
    .await;
    assert_eq!(recorded, names, "one row per migration, no more");
    assert_eq!(
        count(
            &conn,
            "select count(*) as n from seaql_migrations where checksum is null"
        )
        .await,
        0,
        "every row has its checksum"
    );
    assert_eq!(user_tables(&conn).await, 28, "the catalog is complete");
}

#[tokio::test]
async fn eight_processes_apply_every_migration_exactly_once_on_mariadb() {
    let db = MariaDb::create("concurrent").await;
    let started = Instant::now();
    let outputs = up_at_once(&db.url());
    eprintln!(
        "{PROCESSES} concurrent `up` on MariaDB took {:?}",
        started.elapsed()
    );
    let conn = db.connect().await;
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    for name in &names {
        assert_eq!(applied_lines(&outputs, name), 1, "{name}: {outputs:#?}");
    }
    let nothing_left = outputs
        .iter()
        .filter(|o| o.contains("nothing to apply"))
        .count();
    assert_eq!(nothing_left, PROCESSES - 1, "{outputs:#?}");
    let recorded = strings(
        &conn,
        "SELECT CAST(version AS CHAR) AS s FROM seaql_migrations ORDER BY version",
    )
    .await;
    assert_eq!(recorded, names, "one row per migration, no more");
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM seaql_migrations WHERE checksum IS NULL"
        )
        .await,
        0,
        "every row has its checksum"
    );
    let tables = mysql_tables(&conn).await;
    assert_eq!(
        tables.len(),
        29,
        "28 tables and the tracking table: {tables:?}"
    );
    conn.close().await.expect("close");
}

#[tokio::test]
async fn concurrent_up_on_sqlite_applies_every_migration_once() {
    let file = SqliteFile::new("concurrent");
    // The file must exist for the lock file to go next to it (an in-memory database is
    // private to its process); the first `status` creates it, as any first connection does.
    succeeded(&migration(&["-u", &file.url(), "status"]));
    let outputs = up_at_once(&file.url());
    for migration in Migrator::migrations() {
        assert_eq!(
            applied_lines(&outputs, migration.name()),
            1,
            "{}: {outputs:#?}",
            migration.name()
        );
    }
    let status = succeeded(&migration(&["-u", &file.url(), "status"]));
    assert!(
        status.lines().all(|l| l.starts_with("applied  ")),
        "{status}"
    );
    assert!(
        !std::path::Path::new(&format!("{}.lock", file.path.display())).exists(),
        "the lock file is removed on release"
    );
}

#[tokio::test]
async fn a_lock_held_past_the_timeout_exits_4_and_changes_nothing() {
    let db = PgDatabase::create("locked").await;
    let mut holder = PgConnection::connect(&db.url()).await.expect("connect");
    sqlx::query("select pg_advisory_lock($1)")
        .bind(lock_key(migration::LOCK_NAME))
        .execute(&mut holder)
        .await
        .expect("take the lock");
    let started = Instant::now();
    let output = migration(&["-u", &db.url(), "up", "--lock-timeout", "1"]);
    let line = one_error_line(&output, 4);
    assert!(line.contains("migration lock"), "{line}");
    assert!(line.contains("held by pid"), "{line}");
    assert!(started.elapsed().as_secs_f64() < 10.0, "gave up in time");
    assert!(
        common::stdout(&output).contains("waiting for the migration lock"),
        "waiting is announced"
    );
    let conn = db.connect().await;
    assert!(!tracking_table_exists(&conn).await, "nothing was changed");
    assert_eq!(user_tables(&conn).await, 0, "nothing was changed");
    // `status` reads without the lock.
    let status = succeeded(&migration(&["-u", &db.url(), "status"]));
    assert!(status.lines().all(|l| l.starts_with("pending")), "{status}");

    holder
        .close()
        .await
        .expect("release by closing the session");
    succeeded(&migration(&["-u", &db.url(), "up", "--lock-timeout", "5"]));
    assert_eq!(user_tables(&conn).await, 28);
}
