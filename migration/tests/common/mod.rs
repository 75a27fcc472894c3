//! Support for the runner's integration tests: throw-away PostgreSQL databases and SQLite
//! files, and running the `migration` binary.
//!
//! Each test file uses part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// `pg_server_url` is the PostgreSQL server (`TEST_PG_URL`, default the local server as
/// `postgres`), without a database name.
pub fn pg_server_url() -> String {
    std::env::var("TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// `unique` is a name part no other test (or test process) uses at the same time.
pub fn unique() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .subsec_nanos();
    format!(
        "{}_{nanos}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// `PgDatabase` is a fresh database `ct_run_<label>_<unique>`, dropped on drop.
pub struct PgDatabase {
    pub name: String,
}

impl PgDatabase {
    pub async fn create(label: &str) -> PgDatabase {
        let name = format!("ct_run_{label}_{}", unique());
        admin()
            .await
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        PgDatabase { name }
    }

    pub fn url(&self) -> String {
        format!("{}/{}", pg_server_url(), self.name)
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url()).await.expect("connect")
    }
}

async fn admin() -> DatabaseConnection {
    Database::connect(format!("{}/postgres", pg_server_url()))
        .await
        .expect("PostgreSQL must be running for the integration tests")
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside any runtime's async context: use a runtime of its own.
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| {
                    rt.block_on(async {
                        admin()
                            .await
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await
                            .is_ok()
                    })
                })
                .unwrap_or(false)
        })
        .join();
        if !matches!(dropped, Ok(true)) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

/// `SqliteFile` is a fresh SQLite database file, removed on drop.
pub struct SqliteFile {
    pub path: PathBuf,
}

impl SqliteFile {
    pub fn new(label: &str) -> SqliteFile {
        let path = std::env::temp_dir().join(format!("ct_run_{label}_{}.sqlite", unique()));
        SqliteFile { path }
    }

    pub fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.path.display())
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// `migration` runs the `migration` binary with `args`, away from any `.env` and
/// `DATABASE_URL`.
pub fn migration(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_migration"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("DATABASE_SCHEMA")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run the migration binary")
}

/// `stdout` is the standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `succeeded` asserts exit 0 and returns the standard output.
pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}; stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(output)
}

/// `one_error_line` asserts the failure shape (exit `code`, exactly one `error: …` line on
/// stderr) and returns the line.
pub fn one_error_line(output: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code; stderr: {stderr}"
    );
    assert_eq!(lines.len(), 1, "exactly one line on stderr, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{}", lines[0]);
    lines[0].to_owned()
}

/// `count` runs a query returning one `n` column.
pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .expect("one row")
        .try_get::<i64>("", "n")
        .expect("n")
}

/// `strings` runs a query returning one text column `s`.
pub async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .iter()
        .map(|row| row.try_get::<String>("", "s").expect("s"))
        .collect()
}

/// `user_tables` counts the tables of `public` other than the tracking table.
pub async fn user_tables(db: &DatabaseConnection) -> i64 {
    count(
        db,
        "select count(*) as n from pg_tables where schemaname = 'public' and tablename <> 'seaql_migrations'",
    )
    .await
}

/// `tracking_table_exists` is true when `seaql_migrations` exists in `public`.
pub async fn tracking_table_exists(db: &DatabaseConnection) -> bool {
    count(
        db,
        "select count(*) as n from pg_tables where schemaname = 'public' and tablename = 'seaql_migrations'",
    )
    .await
        == 1
}

/// `mysql_server_url` is the MariaDB/MySQL server (`TEST_MYSQL_URL`, default the local server
/// as `root`), without a database name.
pub fn mysql_server_url() -> String {
    std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

/// `MariaDb` is a fresh MariaDB/MySQL database `ct_run_<label>_<unique>`, dropped on drop.
pub struct MariaDb {
    pub name: String,
}

impl MariaDb {
    pub async fn create(label: &str) -> MariaDb {
        let name = format!("ct_run_{label}_{}", unique());
        let admin = mysql_admin().await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let _ = admin.close().await;
        MariaDb { name }
    }

    pub fn url(&self) -> String {
        format!("{}/{}", mysql_server_url(), self.name)
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url()).await.expect("connect")
    }
}

pub async fn mysql_admin() -> DatabaseConnection {
    Database::connect(mysql_server_url())
        .await
        .expect("MariaDB must be running for the integration tests")
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| {
                    rt.block_on(async {
                        let admin = mysql_admin().await;
                        let dropped = admin
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
                            .await
                            .is_ok();
                        let _ = admin.close().await;
                        dropped
                    })
                })
                .unwrap_or(false)
        })
        .join();
        if !matches!(dropped, Ok(true)) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

/// `mysql_tables` are the tables of the connection's MariaDB database, by name.
pub async fn mysql_tables(db: &DatabaseConnection) -> Vec<String> {
    strings(
        db,
        "SELECT CAST(table_name AS CHAR) AS s FROM information_schema.tables \
         WHERE table_schema = DATABASE() ORDER BY table_name",
    )
    .await
}
