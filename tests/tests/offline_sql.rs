//! `cli sql` and `cli lint`: the SQL printed without a database is what `up` and `down` do
//! (applied with psql or sqlite3 it builds the same catalog), and the lint of the committed
//! migrations reports exactly the locking the improvements migration does.

use std::io::Write;
use std::process::{Command as Process, Stdio};

use clap::Parser;
use ctutor_cli::commands::{Cli, Command, lint_report, sql_script};
use ctutor_cli::lint::Severity;
use migration::Migrator;
use schema_engine::cli::Command as EngineCommand;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use sea_orm_migration::MigratorTrait;
use tests::{PgDatabase, SqliteFile, catalog_lines, cli};

/// `sql` is the text `cli [-u url] sql <args>` prints.
async fn sql(url: Option<&str>, args: &[&str]) -> String {
    let mut argv = vec!["cli"];
    if let Some(url) = url {
        argv.extend(["-u", url]);
    }
    argv.push("sql");
    argv.extend_from_slice(args);
    let parsed = Cli::parse_from(argv);
    let Command::Engine(EngineCommand::Sql(sql_args)) = &parsed.command else {
        unreachable!("parsed as sql")
    };
    sql_script(&parsed.global, sql_args).await.expect("sql")
}

/// `apply` pipes `script` into a client (`psql …`, `sqlite3 …`) and fails on any error.
fn apply(program: &str, args: &[&str], script: &str) {
    let mut child = Process::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} must be installed for this test: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write the script");
    let output = child.wait_with_output().expect("client output");
    assert!(
        output.status.success(),
        "{program} failed: {}\n--- script ---\n{script}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn psql(url: &str, script: &str) {
    apply(
        "psql",
        &["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", "-"],
        script,
    );
}

async fn versions(db: &DatabaseConnection) -> Vec<String> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "select version from seaql_migrations order by version",
    ))
    .await
    .expect("tracking rows")
    .iter()
    .map(|row| row.try_get::<String>("", "version").expect("version"))
    .collect()
}

fn all_versions() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

/// `headers` is the migrations a script runs, from its `-- migration <name>` lines.
fn headers(script: &str) -> Vec<&str> {
    script
        .lines()
        .filter_map(|l| l.strip_prefix("-- migration "))
        .collect()
}

#[tokio::test]
async fn sql_applied_with_psql_builds_the_catalog_of_up_and_of_down() {
    let offline = PgDatabase::create("offline_sql").await;
    let online = PgDatabase::create("offline_up").await;

    let up = sql(None, &["--all"]).await;
    assert_eq!(headers(&up), all_versions());
    psql(&offline.url(), &up);
    cli(&online.url(), &["up"]).await.expect("up");

    let (offline_db, online_db) = (offline.connect().await, online.connect().await);
    let applied = catalog_lines(&online_db).await;
    assert!(applied.iter().any(|l| l.starts_with("table\t")));
    assert_eq!(catalog_lines(&offline_db).await, applied);
    assert_eq!(versions(&offline_db).await, all_versions());
    assert_eq!(versions(&offline_db).await, versions(&online_db).await);
    // The script records the checksums the runner checks, so `up` accepts the database.
    let unchecked = offline_db
        .query_one_raw(sea_orm::Statement::from_string(
            offline_db.get_database_backend(),
            "select count(*) as n from seaql_migrations where checksum is null",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchecked.try_get::<i64>("", "n").unwrap(), 0);
    cli(&offline.url(), &["up"])
        .await
        .expect("nothing to apply, nothing changed");

    // `--down N` with the database: the last N applied, as `down -n N` rolls them back.
    let down = sql(Some(&offline.url()), &["--down", "3"]).await;
    let mut reversed = all_versions();
    reversed.reverse();
    assert_eq!(headers(&down), reversed);
    psql(&offline.url(), &down);
    cli(&online.url(), &["down", "--all"])
        .await
        .expect("down --all");
    assert_eq!(
        catalog_lines(&offline_db).await,
        catalog_lines(&online_db).await
    );
    assert!(versions(&offline_db).await.is_empty());
}

#[tokio::test]
async fn with_a_database_sql_and_lint_take_only_the_pending_migrations() {
    let db = PgDatabase::create("offline_pending").await;
    cli(&db.url(), &["up", "-n", "2"]).await.expect("up -n 2");
    let all = all_versions();

    let parsed = Cli::parse_from(["cli", "-u", &db.url(), "lint"]);
    let Command::Engine(EngineCommand::Lint(args)) = &parsed.command else {
        unreachable!("parsed as lint")
    };
    let report = lint_report(&parsed.global, args).await.expect("lint");
    assert_eq!(report.linted, 1);
    assert!(report.findings.iter().all(|f| f.migration == all[2]));

    let pending = sql(Some(&db.url()), &[]).await;
    assert_eq!(headers(&pending), [all[2].as_str()]);
    psql(&db.url(), &pending);
    let conn = db.connect().await;
    assert_eq!(versions(&conn).await, all);
    assert!(
        sql(Some(&db.url()), &[])
            .await
            .contains("-- no migration to run")
    );

    // --from/--to choose by name, without reading the database.
    let middle = sql(Some(&db.url()), &["--from", &all[0], "--to", &all[1]]).await;
    assert_eq!(headers(&middle), [all[1].as_str()]);
}

#[tokio::test]
async fn sqlite_sql_applied_with_sqlite3_builds_the_schema_of_up() {
    let offline = SqliteFile::new("offline_sqlite");
    let online = SqliteFile::new("offline_sqlite_up");
    let script = sql(None, &["--all", "--backend", "sqlite"]).await;
    assert!(
        !script.contains("BEGIN;"),
        "SQLite migrations run outside transactions"
    );
    let path = offline.path.display().to_string();
    apply("sqlite3", &["-bail", &path], &script);
    cli(&online.url(), &["up"]).await.expect("up");

    let schema = |url: String| async move {
        let db = Database::connect(url).await.expect("sqlite");
        db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "select type || ' ' || name || ': ' || coalesce(sql, '') as line from sqlite_master \
             where name not like 'sqlite_%' and tbl_name <> 'seaql_migrations' order by name",
        ))
        .await
        .expect("schema")
        .iter()
        .map(|row| row.try_get::<String>("", "line").expect("line"))
        .collect::<Vec<_>>()
    };
    let built = schema(online.url()).await;
    assert!(!built.is_empty());
    assert_eq!(schema(offline.url()).await, built);
    let db = Database::connect(offline.url()).await.expect("sqlite");
    assert_eq!(versions(&db).await, all_versions());
}

#[tokio::test]
async fn lint_all_flags_exactly_the_locking_of_the_improvements_migration() {
    let parsed = Cli::parse_from(["cli", "lint", "--all"]);
    let Command::Engine(EngineCommand::Lint(args)) = &parsed.command else {
        unreachable!("parsed as lint")
    };
    let report = lint_report(&parsed.global, args).await.expect("lint");
    assert_eq!(report.linted, all_versions().len());
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule, f.statement.as_str()))
        .collect();
    // The initial migrations create their tables, so only the improvements, which add GiST
    // indexes and CHECKs to existing tables, lock anything.
    let expected = [
        ("L001", "idx_course_path_gist"),
        ("L001", "idx_course_content_path_gist"),
        ("L001", "idx_course_family_path_gist"),
        ("L001", "organization_path_gist_idx"),
        ("L003", "course_role_check"),
        ("L003", "course_role_check1"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((rule, statement), (want_rule, object)) in found.iter().zip(expected) {
        assert_eq!(*rule, want_rule);
        assert!(
            statement.contains(&format!("\"{object}\"")),
            "{rule} on {statement}"
        );
    }
    assert!(report.findings.iter().all(|f| {
        f.severity == Severity::Warning
            && f.migration
                .ends_with("_gist_path_indexes_and_course_role_checks")
    }));
    // Warnings only: the command succeeds (no database is read with --all).
    cli("postgres://nobody@127.0.0.1:1/unused", &["lint", "--all"])
        .await
        .expect("lint --all exits 0 on warnings");
}
