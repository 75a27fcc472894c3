//! A migration that fails halfway leaves nothing of itself behind and is not recorded; one
//! that runs steps outside a transaction says so, and running it again resumes safely.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::{PgDatabase, SqliteFile, strings};
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
