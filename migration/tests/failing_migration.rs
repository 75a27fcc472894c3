//! A migration that fails halfway leaves nothing of itself behind and is not recorded; one
//! that runs steps outside a transaction says so, and running it again resumes safely. On
//! MariaDB, where DDL commits at once, the failure is recorded with exactly what ran, and is
//! resumed by hand and `resolve`.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::{
    MariaDb, PgDatabase, SqliteFile, migration, mysql_tables, one_error_line, strings, succeeded,
};
use migration::runner::{self, Options, RunnerError};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{Database, DatabaseConnection};

/// `Fine` creates a table.
struct Fine;

impl MigrationName for Fine {
    fn name(&self) -> &str {
        "m20000101_000001_fine"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Fine {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("CREATE TABLE fine_table (id integer)")
            .await
            .map(|_| ())
    }
}

/// `Broken` creates a table, then runs invalid SQL.
struct Broken;

impl MigrationName for Broken {
    fn name(&self) -> &str {
        "m20000101_000002_broken"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Broken {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE TABLE broken_table (id integer)")
            .await?;
        db.execute_unprepared("THIS IS NOT SQL").await.map(|_| ())
    }
}

/// `FineThenBroken` is the history under test.
struct FineThenBroken;

impl MigratorTrait for FineThenBroken {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(Fine), Box::new(Broken)]
    }
}

impl migration::runner::TrackedMigrator for FineThenBroken {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[]
    }

    fn lock_name() -> &'static str {
        migration::LOCK_NAME
    }
}

/// `tables` lists the tables of the database, tracking table aside.
async fn tables(db: &DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm_migration::sea_orm::DbBackend::Postgres => {
            "select tablename::text as s from pg_tables where schemaname = 'public' \
             and tablename <> 'seaql_migrations' order by 1"
        }
        _ => {
            "select name as s from sqlite_master where type = 'table' \
             and name not like 'sqlite_%' and name <> 'seaql_migrations' order by 1"
        }
    };
    strings(db, sql).await
}

async fn recorded(db: &DatabaseConnection) -> Vec<String> {
    strings(db, "select version as s from seaql_migrations order by 1").await
}

/// `fails_cleanly` runs `up` on `db` and checks the failure and what it left.
async fn fails_cleanly(db: &DatabaseConnection) {
    let error = runner::up::<FineThenBroken>(db, &Options::default(), None)
        .await
        .expect_err("the second migration fails");
    assert!(matches!(error, RunnerError::Failed { .. }), "{error:?}");
    assert_eq!(error.exit_code(), 1);
    let line = error.one_line();
    assert!(
        line.starts_with("migration m20000101_000002_broken failed: "),
        "{line}"
    );
    assert!(line.ends_with("nothing of it was applied"), "{line}");
    assert_eq!(tables(db).await, ["fine_table"], "broken_table is gone");
    assert_eq!(recorded(db).await, ["m20000101_000001_fine"]);
}

#[tokio::test]
async fn a_failing_migration_leaves_nothing_on_postgres() {
    let pg = PgDatabase::create("failing").await;
    let db = runner::connect(&pg.url(), None).await.expect("connect");
    fails_cleanly(&db).await;
}

#[tokio::test]
async fn a_failing_migration_leaves_nothing_on_sqlite() {
    let file = SqliteFile::new("failing");
    let db = runner::connect(&file.url(), None).await.expect("connect");
    fails_cleanly(&db).await;
}

/// `FAIL_AFTER_LABEL` makes `AddLabel` fail after its non-transactional step, until the
/// "cause" is fixed.
static FAIL_AFTER_LABEL: AtomicBool = AtomicBool::new(true);

/// `AddLabel` is shaped like the engine's migrations that add an enum label: the
/// `ALTER TYPE … ADD VALUE IF NOT EXISTS` outside a transaction, then the rest in one.
struct AddLabel;

impl MigrationName for AddLabel {
    fn name(&self) -> &str {
        "m20000101_000003_add_label"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for AddLabel {
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy'")
            .await?;
        let transaction = manager.begin().await?;
        transaction
            .get_connection()
            .execute_unprepared("CREATE TABLE moods (m mood DEFAULT 'happy')")
            .await?;
        if FAIL_AFTER_LABEL.load(Ordering::SeqCst) {
            transaction
                .get_connection()
                .execute_unprepared("THIS IS NOT SQL")
                .await?;
        }
        transaction.commit().await
    }
}

struct Labels;

impl MigratorTrait for Labels {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(AddLabel)]
    }
}

impl migration::runner::TrackedMigrator for Labels {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[]
    }

    fn lock_name() -> &'static str {
        migration::LOCK_NAME
    }
}

#[tokio::test]
async fn a_non_transactional_migration_says_so_and_resumes() {
    let pg = PgDatabase::create("labels").await;
    let db = Database::connect(pg.url()).await.expect("connect");
    db.execute_unprepared("CREATE TYPE mood AS ENUM ('sad')")
        .await
        .expect("type");
    let error = runner::up::<Labels>(&db, &Options::default(), None)
        .await
        .expect_err("fails after the label");
    let line = error.one_line();
    assert!(
        line.starts_with(
            "migration m20000101_000003_add_label failed after its non-transactional steps: "
        ),
        "{line}"
    );
    assert!(line.contains("run up again"), "{line}");
    assert!(
        tables(&db).await.is_empty(),
        "the transactional rest is gone"
    );
    assert!(
        recorded(&db).await.is_empty(),
        "the migration is not recorded"
    );
    FAIL_AFTER_LABEL.store(false, Ordering::SeqCst);
    runner::up::<Labels>(&db, &Options::default(), None)
        .await
        .expect("the re-run resumes");
    assert_eq!(tables(&db).await, ["moods"]);
    assert_eq!(recorded(&db).await, ["m20000101_000003_add_label"]);
}

const SECOND: &str = "m20261124_065130_tables_of_the_original_schema";

/// The documented way to resume (docs/deploy.md, "MySQL/MariaDB"), with the `migration`
/// binary: a table in the way makes the second committed migration fail halfway (at
/// statement 31 of 58); `status` lists what ran; nothing else runs until it is resolved; the rest is
/// finished by hand from the recorded statements, `resolve --applied` records it, and `up`
/// goes on.
#[tokio::test]
async fn a_migration_failing_partway_on_mariadb_is_resumed_by_hand() {
    let db = MariaDb::create("partway").await;
    let conn = db.connect().await;
    conn.execute_unprepared("CREATE TABLE course_member (in_the_way int)")
        .await
        .expect("a table in the way");
    let url = db.url();

    let line = one_error_line(&migration(&["-u", &url, "up"]), 1);
    assert!(
        line.contains(&format!("migration {SECOND} failed partway")),
        "{line}"
    );
    assert!(line.contains("statement 31 of 58 failed"), "{line}");
    assert!(line.contains("course_member"), "{line}");
    assert!(
        line.contains(&format!("resolve --applied {SECOND}")),
        "{line}"
    );

    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status.contains(&format!("failed   {SECOND} (statement 31 of 58 failed, 30 statement(s) before it stayed applied, 27 did not run")),
        "{status}"
    );
    assert!(
        status.contains("    ran       CREATE TABLE `course_content_kind`"),
        "{status}"
    );
    assert!(
        status.contains("    FAILED    CREATE TABLE `course_member`"),
        "{status}"
    );
    assert!(
        status.contains("    not run   CREATE TABLE `user_role`"),
        "{status}"
    );
    assert!(status.contains("already exists"), "{status}");

    for command in ["up", "down", "refresh", "reset"] {
        let line = one_error_line(&migration(&["-u", &url, command]), 6);
        assert!(
            line.contains("is not resolved; nothing was changed"),
            "{line}"
        );
        assert!(
            line.contains(&format!("resolve --rolled-back {SECOND}")),
            "{line}"
        );
    }
    let tables = mysql_tables(&conn).await;
    assert!(tables.contains(&"course_group".to_owned()), "{tables:?}");
    assert!(
        !tables.contains(&"user_role".to_owned()),
        "nothing more ran: {tables:?}"
    );

    // Finish by hand: move the table out of the way, run the failed statement and the rest.
    conn.execute_unprepared("DROP TABLE course_member")
        .await
        .expect("drop");
    let row = conn
        .query_one_raw(sea_orm_migration::sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!(
                "SELECT failed_statement, statements_not_run FROM seaql_migrations_failure \
                 WHERE version = '{SECOND}'"
            ),
        ))
        .await
        .expect("query")
        .expect("the recorded failure");
    let failed: String = row.try_get("", "failed_statement").expect("failed");
    let rest: String = row.try_get("", "statements_not_run").expect("not run");
    let rest: Vec<String> = serde_json::from_str(&rest).expect("a JSON list");
    // In the runner's session mode (docs/deploy.md): without the strict flags, as `up` ran
    // them, or `codeability_message.content` fails with error 1074.
    let mut options = sea_orm_migration::sea_orm::ConnectOptions::new(url.clone());
    options.max_connections(1);
    let by_hand = Database::connect(options).await.expect("connect");
    let mode = strings(&by_hand, "SELECT CAST(@@SESSION.sql_mode AS CHAR) AS s").await;
    by_hand
        .execute_unprepared(&format!(
            "SET SESSION sql_mode = '{}'",
            runner::without_strict(&mode[0])
        ))
        .await
        .expect("set sql_mode");
    for sql in std::iter::once(failed).chain(rest) {
        by_hand.execute_unprepared(&sql).await.expect(&sql);
    }
    by_hand.close().await.expect("close");
    let out = succeeded(&migration(&["-u", &url, "resolve", "--applied", SECOND]));
    assert!(out.contains("recorded as applied"), "{out}");
    let line = one_error_line(&migration(&["-u", &url, "resolve", "--applied", SECOND]), 1);
    assert!(line.contains("nothing to resolve"), "{line}");

    let out = succeeded(&migration(&["-u", &url, "up"]));
    assert!(out.contains("applied m20261124_065138"), "{out}");
    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status.lines().all(|l| l.starts_with("applied  ")),
        "{status}"
    );
    assert_eq!(
        strings(
            &conn,
            "SELECT CAST(version AS CHAR) AS s FROM seaql_migrations WHERE checksum IS NOT NULL ORDER BY 1"
        )
        .await
        .len(),
        3
    );
    let tables = mysql_tables(&conn).await;
    assert_eq!(
        tables.len(),
        30,
        "28 tables, the tracking and the failure table: {tables:?}"
    );
    // sea-orm-migration itself finds nothing pending.
    assert!(
        migration::Migrator::get_pending_migrations(&conn)
            .await
            .expect("sea-orm-migration")
            .is_empty()
    );
    conn.close().await.expect("close");
}

/// A `down()` failing partway on MariaDB, through the binary: a table outside the migrations
/// that references `session` makes the second migration's rollback fail at `DROP TABLE
/// session`, after the tables before it were dropped. It is recorded as failed in `down`, the
/// migration stays recorded as applied, nothing else runs until it is resolved; the rest of
/// the rollback is finished by hand, `resolve --rolled-back` removes its row, and `up`
/// applies it again.
#[tokio::test]
async fn a_down_failing_partway_on_mariadb_is_finished_by_hand() {
    let db = MariaDb::create("partway_down").await;
    let conn = db.connect().await;
    let url = db.url();
    succeeded(&migration(&["-u", &url, "up"]));
    let id_type = strings(
        &conn,
        "SELECT CAST(column_type AS CHAR) AS s FROM information_schema.columns \
         WHERE table_schema = DATABASE() AND table_name = 'session' AND column_name = 'id'",
    )
    .await;
    conn.execute_unprepared(&format!(
        "CREATE TABLE blocker (session_id {} NOT NULL, FOREIGN KEY (session_id) REFERENCES session (id))",
        id_type[0]
    ))
    .await
    .expect("a table that references session");

    let line = one_error_line(&migration(&["-u", &url, "down", "-n", "2"]), 1);
    assert!(
        line.contains(&format!(
            "rolling back {SECOND} failed partway on MySQL/MariaDB (statement 4 of 28 failed, 3 statement(s) before it stayed applied, 24 did not run)"
        )),
        "{line}"
    );
    assert!(line.contains("still recorded as applied"), "{line}");
    assert!(
        line.contains(&format!("resolve --rolled-back {SECOND}")),
        "{line}"
    );

    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status.contains(&format!("failed   {SECOND} (down: statement 4 of ")),
        "{status}"
    );
    assert!(
        status.contains("    ran       DROP TABLE `user_role`"),
        "{status}"
    );
    assert!(
        status.contains("    FAILED    DROP TABLE `session`"),
        "{status}"
    );
    assert!(
        status.contains("    not run   DROP TABLE `course`"),
        "{status}"
    );
    assert!(
        status.contains("pending  m20261124_065138"),
        "the third was rolled back: {status}"
    );
    for command in ["up", "down", "refresh", "reset"] {
        let line = one_error_line(&migration(&["-u", &url, command]), 6);
        assert!(
            line.contains(&format!("rolling back {SECOND} failed partway earlier")),
            "{line}"
        );
    }
    let tables = mysql_tables(&conn).await;
    assert!(!tables.contains(&"user_role".to_owned()), "{tables:?}");
    assert!(tables.contains(&"session".to_owned()), "{tables:?}");
    assert_eq!(
        strings(
            &conn,
            &format!(
                "SELECT CAST(version AS CHAR) AS s FROM seaql_migrations WHERE version = '{SECOND}'"
            ),
        )
        .await
        .len(),
        1,
        "still recorded as applied"
    );

    // Finish the rollback by hand: the blocker goes, then the failed statement and the rest.
    conn.execute_unprepared("DROP TABLE blocker")
        .await
        .expect("drop the blocker");
    let row = conn
        .query_one_raw(sea_orm_migration::sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!(
                "SELECT failed_statement, statements_not_run FROM seaql_migrations_failure \
                 WHERE version = '{SECOND}' AND direction = 'down'"
            ),
        ))
        .await
        .expect("query")
        .expect("the recorded failure");
    let failed: String = row.try_get("", "failed_statement").expect("failed");
    let rest: String = row.try_get("", "statements_not_run").expect("not run");
    let rest: Vec<String> = serde_json::from_str(&rest).expect("a JSON list");
    for sql in std::iter::once(failed).chain(rest) {
        conn.execute_unprepared(&sql).await.expect(&sql);
    }
    let out = succeeded(&migration(&[
        "-u",
        &url,
        "resolve",
        "--rolled-back",
        SECOND,
    ]));
    assert!(out.contains("recorded as rolled back"), "{out}");
    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(status.contains(&format!("pending  {SECOND}")), "{status}");
    assert_eq!(
        mysql_tables(&conn).await,
        ["seaql_migrations", "seaql_migrations_failure"],
        "every table of the migration is gone"
    );

    let out = succeeded(&migration(&["-u", &url, "up"]));
    assert!(out.contains(&format!("applied {SECOND}")), "{out}");
    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status.lines().all(|l| l.starts_with("applied  ")),
        "{status}"
    );
    conn.close().await.expect("close");
}
