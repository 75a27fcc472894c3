//! Bad input gets one clear line on stderr, a non-zero exit, and leaves the database as it was.

use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cli"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run cli")
}

/// `one_error_line` asserts the failure shape and returns the line.
fn one_error_line(output: &Output, code: i32) -> String {
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

struct TempSqlite(std::path::PathBuf);

impl TempSqlite {
    fn new() -> Self {
        Self(std::env::temp_dir().join(format!("ct_bad_{}.sqlite", uuid::Uuid::new_v4().simple())))
    }
    fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.0.display())
    }
}

impl Drop for TempSqlite {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn unknown_subcommand() {
    let line = one_error_line(&cli(&["frobnicate"]), 2);
    assert!(line.contains("frobnicate"), "{line}");
}

#[test]
fn malformed_url() {
    let line = one_error_line(&cli(&["-u", "not-a-url", "status"]), 2);
    assert!(line.contains("invalid database URL"), "{line}");
    let line = one_error_line(&cli(&["-u", "postgres://u:secret@[::1/db", "status"]), 2);
    assert!(
        !line.contains("secret"),
        "passwords never reach the output: {line}"
    );
}

#[test]
fn unreachable_database() {
    let line = one_error_line(
        &cli(&["-u", "postgres://postgres:pw@127.0.0.1:1/nowhere", "up"]),
        3,
    );
    assert!(line.contains("cannot connect"), "{line}");
    assert!(!line.contains(":pw@"), "{line}");
}

#[test]
fn down_to_an_unknown_version_changes_nothing() {
    let db = TempSqlite::new();
    let url = db.url();
    assert!(cli(&["-u", &url, "up"]).status.success());
    let before = cli(&["-u", &url, "status"]).stdout;
    let line = one_error_line(
        &cli(&["-u", &url, "down", "--to", "m19990101_000000_nope"]),
        1,
    );
    assert!(line.contains("unknown migration version"), "{line}");
    assert_eq!(cli(&["-u", &url, "status"]).stdout, before);
}

#[test]
fn the_default_database_is_announced_in_one_line() {
    let dir = std::env::temp_dir().join(format!("ct_default_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cli"))
        .arg("status")
        .current_dir(&dir)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("ctutor.sqlite"), "{stderr}");
    assert!(dir.join("ctutor.sqlite").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn seed_on_a_database_with_data_is_refused_and_changes_nothing() {
    let db = TempSqlite::new();
    let url = db.url();
    assert!(cli(&["-u", &url, "up"]).status.success());
    assert!(
        cli(&[
            "-u",
            &url,
            "seed",
            "--users",
            "5",
            "--courses",
            "1",
            "--organizations",
            "2"
        ])
        .status
        .success()
    );
    let before = std::fs::read(&db.0).unwrap();
    let line = one_error_line(&cli(&["-u", &url, "seed"]), 1);
    assert!(line.contains("--clear"), "{line}");
    assert_eq!(
        std::fs::read(&db.0).unwrap(),
        before,
        "the database file is unchanged"
    );
}

#[test]
fn check_on_a_database_that_cannot_be_reached_exits_2() {
    let line = one_error_line(
        &cli(&["-u", "postgres://postgres@127.0.0.1:1/x", "check"]),
        2,
    );
    assert!(line.contains("cannot connect"), "{line}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let db = TempSqlite::new();
    let text = b"hello, this is not a database\n";
    std::fs::write(&db.0, text).unwrap();
    let url = db.url();
    for (command, code) in [("check", 2), ("up", 3), ("diff", 3)] {
        let line = one_error_line(&cli(&["-u", &url, command]), code);
        assert!(line.contains("not a database"), "{command}: {line}");
        assert_eq!(
            std::fs::read(&db.0).unwrap(),
            text,
            "{command} left it alone"
        );
    }
}

#[test]
fn a_read_only_database_is_refused_and_left_alone() {
    let db = TempSqlite::new();
    assert!(cli(&["-u", &db.url(), "up"]).status.success());
    let before = std::fs::read(&db.0).unwrap();
    let read_only = format!("sqlite://{}?mode=ro", db.0.display());
    let line = one_error_line(&cli(&["-u", &read_only, "down", "-n", "1"]), 1);
    assert!(
        line.contains("readonly") || line.contains("read-only"),
        "{line}"
    );
    assert_eq!(std::fs::read(&db.0).unwrap(), before, "unchanged");
    // Comparing only reads: it works on a read-only database.
    let check = cli(&["-u", &read_only, "check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_database_locked_by_another_writer_is_refused_in_one_line() {
    let db = TempSqlite::new();
    assert!(cli(&["-u", &db.url(), "up", "-n", "2"]).status.success());
    // Another process holds the write lock for longer than the driver waits (5 s): Python's
    // own sqlite3 module, so the holder shares nothing with the tool.
    let mut holder = Command::new("python3")
        .args([
            "-c",
            "import sqlite3, sys, time\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN IMMEDIATE')\n\
             print('locked', flush=True)\n\
             time.sleep(15)",
        ])
        .arg(&db.0)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (on every machine of this kind) holds the lock");
    let mut ready = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().expect("piped")),
        &mut ready,
    )
    .unwrap();
    assert_eq!(ready.trim(), "locked");
    let before = std::fs::read(&db.0).unwrap();
    let output = cli(&["-u", &db.url(), "up"]);
    holder.kill().ok();
    holder.wait().ok();
    let line = one_error_line(&output, 1);
    assert!(line.contains("locked"), "{line}");
    assert_eq!(std::fs::read(&db.0).unwrap(), before, "unchanged");
}

#[tokio::test]
async fn generate_against_sqlite_refuses_what_sqlite_cannot_hold() {
    let db = TempSqlite::new();
    assert!(cli(&["-u", &db.url(), "up"]).status.success());
    let dir = std::env::temp_dir().join(format!("ct_gen_sqlite_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lib.rs"),
        include_str!("../../migration/src/lib.rs"),
    )
    .unwrap();
    // An entity edit SQLite would see: a column missing from the database.
    let conn = sea_orm::Database::connect(db.url()).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &conn,
        "ALTER TABLE \"group\" DROP COLUMN description",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    let dir_arg = dir.display().to_string();
    let line = one_error_line(
        &cli(&[
            "-u",
            &db.url(),
            "generate",
            "x",
            "--migration-dir",
            &dir_arg,
        ]),
        2,
    );
    assert!(line.contains("generate against SQLite"), "{line}");
    assert!(line.contains("PostgreSQL"), "{line}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_held_migration_lock_exits_4_for_up_and_seed() {
    let db = TempSqlite::new();
    let url = db.url();
    assert!(cli(&["-u", &url, "up"]).status.success());
    let conn = migration::runner::connect(&url, None).await.unwrap();
    let lock = migration::runner::MigrationLock::acquire(
        &conn,
        migration::LOCK_NAME,
        std::time::Duration::ZERO,
    )
    .await
    .unwrap();
    let before = std::fs::read(&db.0).unwrap();
    for args in [
        ["up", "--lock-timeout", "1"],
        ["seed", "--lock-timeout", "1"],
    ] {
        let mut argv = vec!["-u", url.as_str()];
        argv.extend(args);
        let line = one_error_line(&cli(&argv), 4);
        assert!(line.contains("migration lock"), "{line}");
    }
    assert_eq!(std::fs::read(&db.0).unwrap(), before, "nothing was changed");
    lock.release().await.unwrap();
}

/// `MariaDb` is a fresh MySQL/MariaDB database, dropped on drop (with the server's own
/// client library, through sea-orm).
struct MariaDb {
    server: String,
    name: String,
}

impl MariaDb {
    fn create() -> MariaDb {
        let server = std::env::var("TEST_MYSQL_URL")
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
        let name = format!(
            "ct_bad_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        run_on_server(&server, &format!("CREATE DATABASE `{name}`"));
        MariaDb { server, name }
    }

    fn url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }

    /// `tables` lists the database's tables. The connection is opened on the runtime that
    /// queries it: a pool outlives the runtime it was opened on only as a dead handle.
    fn tables(&self) -> Vec<String> {
        let url = self.url();
        let rows = tokio::runtime::Runtime::new().unwrap().block_on(async {
            use sea_orm::ConnectionTrait;
            let conn = sea_orm::Database::connect(&url)
                .await
                .expect("MariaDB must be running for this test");
            conn.query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::MySql,
                "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()",
            ))
            .await
            .expect("information_schema")
        });
        rows.iter()
            .map(|r| r.try_get::<String>("", "t").unwrap())
            .collect()
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        run_on_server(
            &self.server,
            &format!("DROP DATABASE IF EXISTS `{}`", self.name),
        );
    }
}

fn run_on_server(server: &str, sql: &str) {
    let server = server.to_owned();
    let sql = sql.to_owned();
    // A runtime of its own, on a thread of its own: callable from Drop and from tests.
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            use sea_orm::ConnectionTrait;
            let conn = sea_orm::Database::connect(&server)
                .await
                .expect("MariaDB must be running for this test");
            conn.execute_unprepared(&sql).await.expect(&sql);
        })
    })
    .join()
    .expect("server statement");
}

/// The schema engine's commands compare against MySQL/MariaDB: on an empty database `check`
/// lists every table to create (exit 1), `diff --format sql` prints MySQL statements,
/// `drift` sees the entities ahead (exit 1), and none of them creates anything there; `sql`
/// renders MySQL's script offline; an unknown backend is refused in one line.
#[test]
fn engine_commands_compare_against_mysql() {
    let db = MariaDb::create();
    let url = db.url();
    let output = cli(&["-u", &url, "check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "check: {stdout}");
    assert!(stdout.contains("create table \"course\""), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MySQL/MariaDB does not hold"), "{stderr}");

    let output = cli(&["-u", &url, "diff", "--format", "sql"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("CREATE TABLE `course` ("), "{stdout}");
    assert!(stdout.contains("PRIMARY KEY `PRIMARY` (`id`)"), "{stdout}");

    let output = cli(&["-u", &url, "drift"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(db.tables(), Vec::<String>::new(), "nothing created");

    let output = cli(&["sql", "--backend", "mysql", "--all"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("runs on MySQL/MariaDB"), "{stdout}");
    assert!(
        stdout.contains("INSERT INTO `seaql_migrations` (`version`, `applied_at`)"),
        "{stdout}"
    );

    let line = one_error_line(&cli(&["sql", "--backend", "oracle", "--all"]), 2);
    assert!(line.contains("oracle"), "{line}");
}

/// The runner commands accept MySQL/MariaDB: `status`, and `resolve`'s refusals.
#[test]
fn runner_commands_accept_mysql() {
    let server =
        std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let url = format!("{server}/test");
    let output = cli(&["-u", &url, "status"]);
    assert!(
        output.status.success(),
        "status on MySQL/MariaDB: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // `resolve` is a runner command too; with no failure recorded it refuses, writing nothing.
    let line = one_error_line(
        &cli(&[
            "-u",
            &url,
            "resolve",
            "--rolled-back",
            "m20261124_065130_tables_of_the_original_schema",
        ]),
        1,
    );
    assert!(line.contains("nothing to resolve"), "{line}");
    let line = one_error_line(&cli(&["-u", &url, "resolve", "--applied", "m0_nope"]), 1);
    assert!(line.contains("unknown migration version"), "{line}");
    let line = one_error_line(&cli(&["-u", &url, "resolve"]), 2);
    assert!(line.contains("required"), "{line}");
}

/// The `cli` binary's runner commands on MariaDB: wrong credentials, a closed port and a
/// database that does not exist each exit 3 in one line, creating nothing.
#[test]
fn mariadb_connection_failures_exit_3() {
    let server =
        std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let (scheme, rest) = server.split_once("://").expect("scheme://");
    let (userinfo, host) = rest.split_once('@').expect("user@host");
    let user = userinfo.split(':').next().unwrap_or(userinfo);
    let missing = format!("ct_bad_missing_{}", uuid::Uuid::new_v4().simple());
    let cases = [
        (
            format!("{scheme}://{user}:wrong-pw@{host}/{missing}"),
            "credentials",
        ),
        (
            "mariadb://root:pw@127.0.0.1:1/nowhere".to_owned(),
            "connection refused",
        ),
        (format!("{server}/{missing}"), "the server is up"),
    ];
    for (url, reason) in &cases {
        for command in ["up", "status", "seed"] {
            let line = one_error_line(&cli(&["-u", url, command]), 3);
            assert!(line.contains(reason), "{command} {url}: {line}");
            assert!(
                !line.contains("wrong-pw") && !line.contains(":pw@"),
                "{line}"
            );
        }
    }
    // Nothing created the missing database: it still does not exist.
    let line = one_error_line(&cli(&["-u", &format!("{server}/{missing}"), "status"]), 3);
    assert!(line.contains(&missing), "{line}");
}
