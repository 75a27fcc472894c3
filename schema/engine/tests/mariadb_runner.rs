//! The migration runner on a real MariaDB/MySQL server (`TEST_MYSQL_URL`, default the local
//! server as `root`): apply, status, roll back, the lock, a migration failing halfway, and
//! bad connection input. Each test works in a database of its own, dropped afterwards.

use std::time::Duration;

use schema_engine::runner::{
    self, DownTarget, Options, Resolution, RunnerError, State, mysql_lock_name,
};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::sqlx::{self, Connection, MySqlConnection};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

#[path = "mariadb_runner/migrations.rs"]
mod migrations;
#[path = "mariadb_runner/support.rs"]
mod support;

use migrations::*;
use support::*;

/// `LOCK` is the migration lock of the test migrators.
const LOCK: &str = "schema-engine-mariadb-tests";

fn states(entries: &[runner::Entry]) -> Vec<State> {
    entries.iter().map(|e| e.state).collect()
}

#[tokio::test]
async fn up_status_down_up() {
    let database = MariaDb::create("cycle").await;
    let db = database.connect().await;
    let options = Options::default();

    runner::status::<Migrator>(&db).await.expect("status");
    runner::up::<Migrator>(&db, &options, None)
        .await
        .expect("up");
    let entries = runner::entries::<Migrator>(&db).await.expect("entries");
    assert_eq!(states(&entries), vec![State::Applied; 3]);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM seaql_migrations WHERE checksum IS NOT NULL"
        )
        .await,
        3
    );
    runner::status::<Migrator>(&db).await.expect("status");

    runner::down::<Migrator>(&db, &options, DownTarget::Last(1))
        .await
        .expect("down");
    let entries = runner::entries::<Migrator>(&db).await.expect("entries");
    assert_eq!(
        states(&entries),
        vec![State::Applied, State::Applied, State::Pending]
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = 'tag' AND column_name = 'label'"
        )
        .await,
        0
    );

    runner::up::<Migrator>(&db, &options, None)
        .await
        .expect("up again");
    let entries = runner::entries::<Migrator>(&db).await.expect("entries");
    assert_eq!(states(&entries), vec![State::Applied; 3]);

    runner::fresh::<Migrator>(&db, &options)
        .await
        .expect("fresh");
    let entries = runner::entries::<Migrator>(&db).await.expect("entries");
    assert_eq!(states(&entries), vec![State::Applied; 3]);
    db.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_ups_apply_each_migration_once() {
    let database = MariaDb::create("concurrent").await;
    let url = database.url();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let db = runner::connect(&url, None).await.expect("connect");
            let result = runner::up::<Migrator>(&db, &Options::default(), None).await;
            let _ = db.close().await;
            result
        }));
    }
    for task in tasks {
        task.await.expect("task").expect("up");
    }
    let db = database.connect().await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM seaql_migrations").await,
        3
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(DISTINCT version) AS n FROM seaql_migrations"
        )
        .await,
        3
    );
    db.close().await.expect("close");
}

#[tokio::test]
async fn a_held_lock_times_out_with_exit_4() {
    let database = MariaDb::create("locked").await;
    let mut holder = MySqlConnection::connect(&database.url())
        .await
        .expect("connect");
    let got: Option<i64> = sqlx::query_scalar("SELECT GET_LOCK(?, 0)")
        .bind(mysql_lock_name(LOCK, &database.name))
        .fetch_one(&mut holder)
        .await
        .expect("get lock");
    assert_eq!(got, Some(1));

    let db = database.connect().await;
    let options = Options {
        lock_timeout: Duration::from_secs(1),
        ..Options::default()
    };
    let e = runner::up::<Migrator>(&db, &options, None)
        .await
        .expect_err("the lock is held");
    assert!(matches!(e, RunnerError::LockTimeout { .. }), "{e}");
    assert_eq!(e.exit_code(), 4);
    assert!(e.one_line().contains("connection id"), "{e}");
    assert_eq!(tables(&db, "item").await, 0, "nothing was applied");

    // Once the holder is gone, up goes through.
    holder.close().await.expect("close");
    runner::up::<Migrator>(&db, &options, None)
        .await
        .expect("up after release");
    db.close().await.expect("close");
}

#[tokio::test]
async fn a_migration_failing_halfway_says_exactly_what_ran() {
    let database = MariaDb::create("halfway").await;
    let db = database.connect().await;
    let e = runner::up::<FailingMigrator>(&db, &Options::default(), None)
        .await
        .expect_err("fails");
    assert!(matches!(e, RunnerError::FailedPartway { .. }), "{e}");
    assert_eq!(e.exit_code(), 1);
    let line = e.one_line();
    assert!(line.contains("m0002_halfway"), "{line}");
    assert!(line.contains("partway on MySQL/MariaDB"), "{line}");
    assert!(line.contains("not recorded"), "{line}");
    assert!(
        line.contains(
            "statement 2 of 3 failed, 1 statement(s) before it stayed applied, 1 did not run"
        ),
        "{line}"
    );
    assert!(line.contains("resolve --applied m0002_halfway"), "{line}");
    // The first migration is recorded; the failed one left its table but no row.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM seaql_migrations WHERE version = 'm0002_halfway'"
        )
        .await,
        0
    );
    assert_eq!(tables(&db, "half").await, 1);
    assert_eq!(
        tables(&db, "never").await,
        0,
        "the statement after the failure did not run"
    );
    // The failure is recorded in the database, with every statement.
    let recorded = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT statements_ran, failed_statement, statements_not_run, error \
             FROM seaql_migrations_failure WHERE version = 'm0002_halfway'",
        ))
        .await
        .expect("query")
        .expect("a recorded failure");
    let ran: String = recorded.try_get("", "statements_ran").expect("ran");
    let failed: String = recorded.try_get("", "failed_statement").expect("failed");
    let not_run: String = recorded.try_get("", "statements_not_run").expect("not run");
    let error: String = recorded.try_get("", "error").expect("error");
    assert!(ran.contains("CREATE TABLE `half`"), "{ran}");
    assert_eq!(failed, "ALTER TABLE no_such_table ADD COLUMN x int");
    assert!(not_run.contains("CREATE TABLE `never`"), "{not_run}");
    assert!(error.contains("no_such_table"), "{error}");
    let entries = runner::entries::<FailingMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Failed]);
    assert!(
        entries[1]
            .to_string()
            .starts_with("failed   m0002_halfway (statement 2 of 3 failed"),
        "{}",
        entries[1]
    );

    // Nothing builds on a half-applied migration until it is resolved; the lock was released
    // on the error path, so every refusal comes at once.
    let quick = Options {
        lock_timeout: Duration::ZERO,
        ..Options::default()
    };
    for refused in [
        runner::up::<FailingMigrator>(&db, &quick, None).await,
        runner::down::<FailingMigrator>(&db, &quick, DownTarget::Last(1)).await,
        runner::refresh::<FailingMigrator>(&db, &quick).await,
        runner::reset::<FailingMigrator>(&db, &quick).await,
    ] {
        let e = refused.expect_err("refused while unresolved");
        assert!(matches!(e, RunnerError::Unresolved { .. }), "{e}");
        assert_eq!(e.exit_code(), 6);
        assert!(
            e.one_line().contains("resolve --rolled-back m0002_halfway"),
            "{e}"
        );
    }
    assert_eq!(tables(&db, "item").await, 1, "nothing was rolled back");
    assert_eq!(tables(&db, "half").await, 1);

    // Undone by hand, resolved as rolled back: pending again, and `up` runs it again.
    db.execute_unprepared("DROP TABLE half")
        .await
        .expect("undo by hand");
    let e =
        runner::resolve::<FailingMigrator>(&db, &quick, "m0001_create_item", Resolution::Applied)
            .await
            .expect_err("nothing to resolve there");
    assert!(matches!(e, RunnerError::NothingToResolve(_)), "{e}");
    runner::resolve::<FailingMigrator>(&db, &quick, "m0002_halfway", Resolution::RolledBack)
        .await
        .expect("resolve --rolled-back");
    let entries = runner::entries::<FailingMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Pending]);
    let e = runner::up::<FailingMigrator>(&db, &quick, None)
        .await
        .expect_err("fails again");
    assert!(matches!(e, RunnerError::FailedPartway { .. }), "{e}");

    // Finished by hand, resolved as applied: recorded with its checksum.
    db.execute_unprepared("CREATE TABLE never (id int PRIMARY KEY)")
        .await
        .expect("finish by hand");
    runner::resolve::<FailingMigrator>(&db, &quick, "m0002_halfway", Resolution::Applied)
        .await
        .expect("resolve --applied");
    let entries = runner::entries::<FailingMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Applied]);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM seaql_migrations WHERE version = 'm0002_halfway' AND checksum = 'c2'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM seaql_migrations_failure").await,
        0
    );
    // sea-orm-migration itself still reads the tracking table as before.
    assert!(
        FailingMigrator::get_pending_migrations(&db)
            .await
            .expect("sea-orm-migration status")
            .is_empty()
    );
    <FailingMigrator as MigratorTrait>::up(&db, None)
        .await
        .expect("sea-orm-migration up has nothing to do");
    runner::up::<FailingMigrator>(&db, &quick, None)
        .await
        .expect("nothing to apply");
    db.close().await.expect("close");
}

/// `ReadingFailure` reads the database before it fails: it runs live, and the metric callback
/// lists what ran.
#[tokio::test]
async fn a_migration_that_reads_lists_what_ran_live() {
    let database = MariaDb::create("reading").await;
    let db = database.connect().await;
    let e = runner::up::<ReadingMigrator>(&db, &Options::default(), None)
        .await
        .expect_err("fails");
    assert!(matches!(e, RunnerError::FailedPartway { .. }), "{e}");
    let entries = runner::entries::<ReadingMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Failed]);
    let failure = entries[1].failure.as_ref().expect("recorded");
    assert!(
        failure
            .ran
            .iter()
            .any(|sql| sql.starts_with("CREATE TABLE `half`")),
        "{failure:?}"
    );
    assert!(
        failure
            .failed_statement
            .as_deref()
            .is_some_and(|sql| sql.starts_with("CREATE TABLE `half`")),
        "{failure:?}"
    );
    assert_eq!(
        failure.not_run, None,
        "unknowable for a migration that reads"
    );
    assert!(failure.error.contains("already exists"), "{failure:?}");
    assert_eq!(tables(&db, "half").await, 1);
    db.close().await.expect("close");
}

#[tokio::test]
async fn bad_connections_exit_3_and_create_nothing() {
    let server = server_url();
    let (scheme_and_user, host) = server.split_once('@').expect("user@host");
    let wrong_password = format!("{scheme_and_user}:wrong-pw@{host}/test");
    let e = runner::connect(&wrong_password, None)
        .await
        .expect_err("wrong password");
    assert_eq!(e.exit_code(), 3, "{e}");
    let line = e.one_line();
    assert!(line.contains("credentials"), "{line}");
    assert!(
        !line.contains("wrong-pw"),
        "no password in messages: {line}"
    );

    let e = runner::connect("mysql://root:pw@127.0.0.1:1/nowhere", None)
        .await
        .expect_err("down");
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(e.one_line().contains("connection refused"), "{e}");
    assert!(!e.one_line().contains(":pw@"), "{e}");

    let missing = format!("ct_run_missing_{}", unique());
    let e = runner::connect(&format!("{server}/{missing}"), None)
        .await
        .expect_err("unknown database");
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(e.one_line().contains("the server is up"), "{e}");
    let mut admin = MySqlConnection::connect(&server).await.expect("connect");
    let created: Option<String> = sqlx::query_scalar(
        "SELECT CAST(schema_name AS CHAR) FROM information_schema.schemata WHERE schema_name = ?",
    )
    .bind(&missing)
    .fetch_optional(&mut admin)
    .await
    .expect("query");
    assert_eq!(created, None, "nothing was created");
    let _ = admin.close().await;

    // `mariadb://` is accepted as a spelling of `mysql://`.
    let e = runner::connect("mariadb://root:pw@127.0.0.1:1/nowhere", None)
        .await
        .expect_err("down");
    assert_eq!(e.exit_code(), 3, "{e}");
}

/// `HalfwayDown` creates two tables; its `down()` drops the second, then runs a statement that
/// fails, so the first is never dropped.
async fn recorded(db: &DatabaseConnection, version: &str) -> i64 {
    count(
        db,
        &format!("SELECT COUNT(*) AS n FROM seaql_migrations WHERE version = '{version}'"),
    )
    .await
}

#[tokio::test]
async fn a_down_failing_halfway_is_recorded_and_resolved_either_way() {
    let database = MariaDb::create("halfway_down").await;
    let db = database.connect().await;
    let quick = Options {
        lock_timeout: Duration::ZERO,
        ..Options::default()
    };
    let version = "m0002_halfway_down";
    runner::up::<FailingDownMigrator>(&db, &quick, None)
        .await
        .expect("up");

    let e = runner::down::<FailingDownMigrator>(&db, &quick, DownTarget::Last(1))
        .await
        .expect_err("down fails halfway");
    assert!(
        matches!(e, RunnerError::RollbackFailedPartway { .. }),
        "{e}"
    );
    assert_eq!(e.exit_code(), 1);
    let line = e.one_line();
    assert!(
        line.starts_with("rolling back m0002_halfway_down failed partway on MySQL/MariaDB (statement 2 of 3 failed, 1 statement(s) before it stayed applied, 1 did not run)"),
        "{line}"
    );
    assert!(line.contains("still recorded as applied"), "{line}");
    assert!(
        line.contains("resolve --rolled-back m0002_halfway_down"),
        "{line}"
    );
    // What ran is gone, what did not run is still there, and the row stays.
    assert_eq!(tables(&db, "second_half").await, 0);
    assert_eq!(tables(&db, "first_half").await, 1);
    assert_eq!(recorded(&db, version).await, 1);
    let recorded_failure = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(direction AS CHAR) AS direction, statements_ran, failed_statement, \
             statements_not_run FROM seaql_migrations_failure WHERE version = 'm0002_halfway_down'",
        ))
        .await
        .expect("query")
        .expect("a recorded failure");
    let direction: String = recorded_failure
        .try_get("", "direction")
        .expect("direction");
    let ran: String = recorded_failure.try_get("", "statements_ran").expect("ran");
    let failed: String = recorded_failure
        .try_get("", "failed_statement")
        .expect("failed");
    let not_run: String = recorded_failure
        .try_get("", "statements_not_run")
        .expect("not run");
    assert_eq!(direction, "down");
    assert!(ran.contains("DROP TABLE `second_half`"), "{ran}");
    assert_eq!(failed, "ALTER TABLE no_such_table DROP COLUMN x");
    assert!(not_run.contains("DROP TABLE `first_half`"), "{not_run}");

    let entries = runner::entries::<FailingDownMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Failed]);
    let status_line = entries[1].to_string();
    assert!(
        status_line.starts_with("failed   m0002_halfway_down (down: statement 2 of 3 failed"),
        "{status_line}"
    );

    for refused in [
        runner::up::<FailingDownMigrator>(&db, &quick, None).await,
        runner::down::<FailingDownMigrator>(&db, &quick, DownTarget::All).await,
        runner::refresh::<FailingDownMigrator>(&db, &quick).await,
        runner::reset::<FailingDownMigrator>(&db, &quick).await,
    ] {
        let e = refused.expect_err("refused while unresolved");
        assert!(matches!(e, RunnerError::Unresolved { .. }), "{e}");
        assert_eq!(e.exit_code(), 6);
        assert!(
            e.one_line()
                .starts_with("rolling back m0002_halfway_down failed partway earlier"),
            "{e}"
        );
    }
    assert_eq!(tables(&db, "item").await, 1, "nothing was rolled back");

    // What the rollback undid, redone by hand: the migration is applied, its row stays.
    db.execute_unprepared("CREATE TABLE second_half (id int PRIMARY KEY)")
        .await
        .expect("redo by hand");
    runner::resolve::<FailingDownMigrator>(&db, &quick, version, Resolution::Applied)
        .await
        .expect("resolve --applied");
    let entries = runner::entries::<FailingDownMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied; 2]);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM seaql_migrations WHERE version = 'm0002_halfway_down' AND checksum = 'c2'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM seaql_migrations_failure").await,
        0
    );

    // It fails again; this time the rest of the rollback is finished by hand: the migration is
    // rolled back, its row goes, and `up` applies it again.
    let e = runner::down::<FailingDownMigrator>(&db, &quick, DownTarget::Last(1))
        .await
        .expect_err("fails again");
    assert!(
        matches!(e, RunnerError::RollbackFailedPartway { .. }),
        "{e}"
    );
    db.execute_unprepared("DROP TABLE first_half")
        .await
        .expect("finish the rollback by hand");
    runner::resolve::<FailingDownMigrator>(&db, &quick, version, Resolution::RolledBack)
        .await
        .expect("resolve --rolled-back");
    let entries = runner::entries::<FailingDownMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Pending]);
    assert_eq!(recorded(&db, version).await, 0);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM seaql_migrations_failure").await,
        0
    );
    runner::up::<FailingDownMigrator>(&db, &quick, None)
        .await
        .expect("up again");
    assert_eq!(tables(&db, "first_half").await, 1);
    assert_eq!(tables(&db, "second_half").await, 1);
    assert_eq!(recorded(&db, version).await, 1);
    db.close().await.expect("close");
}

/// A failure table made before failures had a direction: its rows are failures of `up()`,
/// and the next recorded failure adds the column.
#[tokio::test]
async fn a_failure_table_without_a_direction_still_reads() {
    let database = MariaDb::create("old_failure").await;
    let db = database.connect().await;
    let quick = Options {
        lock_timeout: Duration::ZERO,
        ..Options::default()
    };
    runner::up::<FailingDownMigrator>(&db, &quick, Some(1))
        .await
        .expect("up the first");
    db.execute_unprepared(
        "CREATE TABLE seaql_migrations_failure (version varchar(255) NOT NULL PRIMARY KEY, \
         failed_at bigint NOT NULL, statements_ran longtext NOT NULL, failed_statement longtext NULL, \
         error longtext NOT NULL, statements_not_run longtext NULL)",
    )
    .await
    .expect("an old failure table");
    db.execute_unprepared(
        "INSERT INTO seaql_migrations_failure VALUES ('m0002_halfway_down', 0, '[]', 'CREATE TABLE x', 'boom', '[]')",
    )
    .await
    .expect("an old failure");
    let entries = runner::entries::<FailingDownMigrator>(&db)
        .await
        .expect("entries");
    assert_eq!(states(&entries), vec![State::Applied, State::Failed]);
    assert!(
        entries[1]
            .to_string()
            .starts_with("failed   m0002_halfway_down (statement 1 of 1 failed"),
        "{}",
        entries[1]
    );
    runner::resolve::<FailingDownMigrator>(
        &db,
        &quick,
        "m0002_halfway_down",
        Resolution::RolledBack,
    )
    .await
    .expect("resolve");
    runner::up::<FailingDownMigrator>(&db, &quick, None)
        .await
        .expect("up");
    let e = runner::down::<FailingDownMigrator>(&db, &quick, DownTarget::Last(1))
        .await
        .expect_err("down fails halfway");
    assert!(
        matches!(e, RunnerError::RollbackFailedPartway { .. }),
        "{e}"
    );
    assert!(e.one_line().contains("the failure is recorded"), "{e}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) AS n FROM seaql_migrations_failure WHERE direction = 'down'"
        )
        .await,
        1
    );
    db.close().await.expect("close");
}
