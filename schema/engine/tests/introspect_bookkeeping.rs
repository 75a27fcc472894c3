//! The introspectors leave out the migration bookkeeping, on every backend: sea-orm-migration's
//! `seaql_migrations` and the runner's failure record next to it, `seaql_migrations_failure`
//! (`runner::failure::table_name`). Each test works in a database (or file) of its own,
//! removed afterwards, and checks first that the server's catalog has the tables, so that
//! their absence from the result is the introspector's doing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use schema_engine::introspect::{
    SEA_ORM_TRACKING_TABLE, introspect_mysql, introspect_postgres, introspect_sqlite,
};
use schema_engine::model::Schema;
use schema_engine::runner::failure;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement};

fn unique() -> String {
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

/// `bookkeeping_sql` creates the two bookkeeping tables and one table of the schema; the
/// statements are plain enough for all three backends.
fn bookkeeping_sql() -> Vec<String> {
    vec![
        format!(
            "CREATE TABLE {SEA_ORM_TRACKING_TABLE} (version varchar(255) PRIMARY KEY, applied_at bigint NOT NULL)"
        ),
        format!(
            "CREATE TABLE {} (version varchar(255) PRIMARY KEY, failed_at bigint NOT NULL, error text NOT NULL)",
            failure::table_name(SEA_ORM_TRACKING_TABLE)
        ),
        "CREATE TABLE item (id integer PRIMARY KEY)".to_owned(),
    ]
}

async fn create_tables(db: &DatabaseConnection) {
    for sql in bookkeeping_sql() {
        db.execute_unprepared(&sql).await.expect(&sql);
    }
}

/// `catalog_count` runs `sql`, a count of the three tables in the backend's own catalog.
async fn catalog_count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("catalog query")
        .expect("one row")
        .try_get::<i64>("", "n")
        .expect("n")
}

fn assert_only_item(live: &Schema) {
    let names: Vec<&str> = live.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["item"], "the bookkeeping tables are left out");
}

const NAMES: &str = "('seaql_migrations', 'seaql_migrations_failure', 'item')";

/// `create_count_introspect` creates the tables on `db`, counts them with `count_sql` in the
/// backend's catalog, introspects, and closes `db`: in a task of its own, so that a panic
/// there comes back as an error and the caller still removes the database before failing.
async fn create_count_introspect(
    db: DatabaseConnection,
    count_sql: String,
) -> Result<(i64, Schema), tokio::task::JoinError> {
    tokio::spawn(async move {
        create_tables(&db).await;
        let in_catalog = catalog_count(&db, &count_sql).await;
        let live: Result<Schema, DbErr> = match db.get_database_backend() {
            DbBackend::Postgres => introspect_postgres(&db, "public").await.map(|(s, _)| s),
            DbBackend::Sqlite => introspect_sqlite(&db).await.map(|(s, _)| s),
            _ => introspect_mysql(&db).await,
        };
        let _ = db.close().await;
        (in_catalog, live.expect("introspect"))
    })
    .await
}

#[tokio::test]
async fn postgres_leaves_out_the_bookkeeping_tables() {
    let server = std::env::var("TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let name = format!("ct_introspect_bk_{}", unique());
    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .expect("PostgreSQL must be running for these tests");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create database");
    let result = match Database::connect(format!("{server}/{name}")).await {
        Ok(db) => Ok(create_count_introspect(
            db,
            format!("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN {NAMES}"),
        )
        .await),
        Err(e) => Err(e),
    };
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("drop database");
    admin.close().await.expect("close");
    let (in_catalog, live) = result.expect("connect").expect("the work ran");
    assert_eq!(in_catalog, 3);
    assert_only_item(&live);
}

#[tokio::test]
async fn sqlite_leaves_out_the_bookkeeping_tables() {
    let path = std::env::temp_dir().join(format!("ct_introspect_bk_{}.sqlite", unique()));
    let result = match Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await {
        Ok(db) => Ok(create_count_introspect(
            db,
            format!(
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN {NAMES}"
            ),
        )
        .await),
        Err(e) => Err(e),
    };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let (in_catalog, live) = result.expect("open").expect("the work ran");
    assert_eq!(in_catalog, 3);
    assert_only_item(&live);
}

#[tokio::test]
async fn mariadb_leaves_out_the_bookkeeping_tables() {
    let server =
        std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let name = format!("ct_introspect_bk_{}", unique());
    let admin = Database::connect(server.clone())
        .await
        .expect("MariaDB must be running for these tests");
    admin
        .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
        .await
        .expect("create database");
    let result = match Database::connect(format!("{server}/{name}")).await {
        Ok(db) => Ok(create_count_introspect(
            db,
            format!("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN {NAMES}"),
        )
        .await),
        Err(e) => Err(e),
    };
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
        .await
        .expect("drop database");
    admin.close().await.expect("close");
    let (in_catalog, live) = result.expect("connect").expect("the work ran");
    assert_eq!(in_catalog, 3);
    assert_only_item(&live);
}
