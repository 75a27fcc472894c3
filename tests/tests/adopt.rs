//! Adopting a database built elsewhere (`baseline`) and finding hand-made changes (`drift`).

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use sea_orm_migration::MigratorTrait;
use tests::{PgDatabase, cli};

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn tracked(db: &DatabaseConnection) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "select count(*) as n from seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// `original_project_database` builds what the original project's deployment holds: the
/// original schema, an `alembic_version` table, no tracking table of ours, and data.
async fn original_project_database(label: &str) -> (PgDatabase, DatabaseConnection) {
    let db = PgDatabase::create(label).await;
    cli(&db.url(), &["up", "-n", "2"])
        .await
        .expect("original schema");
    let conn = db.connect().await;
    exec(&conn, "DROP TABLE seaql_migrations").await;
    exec(&conn, "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL CONSTRAINT alembic_version_pkc PRIMARY KEY)").await;
    exec(&conn, "INSERT INTO alembic_version VALUES ('c3182e556211')").await;
    exec(
        &conn,
        "INSERT INTO course_role (id, builtin) VALUES ('_student', true), ('_tutor', true)",
    )
    .await;
    (db, conn)
}

fn second_migration() -> String {
    migration::Migrator::migrations()[1].name().to_owned()
}

#[tokio::test]
async fn baseline_adopts_the_original_database_and_up_brings_it_forward() {
    let (db, conn) = original_project_database("baseline").await;
    cli(&db.url(), &["baseline", &second_migration()])
        .await
        .expect("baseline");
    assert_eq!(tracked(&conn).await, 2);
    cli(&db.url(), &["up"])
        .await
        .expect("up applies the improvements");
    cli(&db.url(), &["check"])
        .await
        .expect("in sync with the entities");
    cli(&db.url(), &["drift"]).await.expect("no drift");
}

#[tokio::test]
async fn baseline_refuses_a_database_that_differs() {
    let (db, conn) = original_project_database("baseline_refused").await;
    exec(
        &conn,
        "ALTER TABLE account ALTER COLUMN provider TYPE varchar(100)",
    )
    .await;
    let refused = cli(&db.url(), &["baseline", &second_migration()]).await;
    let message = refused
        .expect_err("a different schema is refused")
        .to_string();
    assert!(message.contains("\"account\".\"provider\""), "{message}");
    let table = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "select to_regclass('seaql_migrations') is null as untouched",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        table.try_get::<bool>("", "untouched").unwrap(),
        "nothing recorded"
    );
    let unknown = cli(&db.url(), &["baseline", "m19990101_000000_nope"]).await;
    assert!(unknown.is_err_and(|e| e.to_string().contains("unknown migration version")));
}

#[tokio::test]
async fn drift_reports_a_table_altered_by_hand() {
    let db = PgDatabase::create("drift").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["drift"]).await.expect("no drift after up");
    exec(
        &db.connect().await,
        "CREATE INDEX hand_made ON account (provider)",
    )
    .await;
    let drift = cli(&db.url(), &["drift"]).await;
    assert!(drift.is_err_and(|e| e.to_string().contains("2 difference(s)")));
}
