//! The committed ctutor migrations on MariaDB: all three apply (the over-long VARCHAR of
//! migration 2 becomes a TEXT type, since the runner's migration session is not strict),
//! `down --all` leaves nothing but the tracking table, and the caller's connections keep the
//! server's strict mode.

use migration::Migrator;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::MigratorTrait;
use tests::{MariaDb, cli};

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .expect(sql)
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("a string"))
        .collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::MySql, sql))
        .await
        .expect(sql)
        .expect("one row")
        .try_get_by_index::<i64>(0)
        .expect("a count")
}

#[tokio::test]
async fn the_committed_migrations_apply_and_roll_back_on_mariadb() {
    let db = MariaDb::create("ctutor").await;
    cli(&db.url(), &["up"]).await.expect("up");
    let conn = db.connect().await;

    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    assert_eq!(names.len(), 3);
    assert_eq!(
        strings(
            &conn,
            "SELECT CAST(version AS CHAR) FROM seaql_migrations WHERE checksum IS NOT NULL ORDER BY version"
        )
        .await,
        names
    );
    let tables = strings(
        &conn,
        "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
         WHERE table_schema = DATABASE() AND table_name <> 'seaql_migrations' ORDER BY 1",
    )
    .await;
    let mut expected: Vec<String> = entity::registry()
        .tables
        .iter()
        .map(|t| t.table_name.clone())
        .collect();
    expected.sort();
    assert_eq!(tables, expected, "every entity's table");
    // `string_len(16384)` exceeds utf8mb4's VARCHAR limit (16383): the server converted it.
    assert_eq!(
        strings(
            &conn,
            "SELECT CAST(data_type AS CHAR) FROM information_schema.columns WHERE table_schema = DATABASE() \
             AND table_name = 'codeability_message' AND column_name = 'content'"
        )
        .await,
        ["mediumtext"]
    );
    // Only the runner's own migration session was relaxed.
    let mode = strings(&conn, "SELECT CAST(@@SESSION.sql_mode AS CHAR)").await;
    assert!(mode[0].contains("STRICT_TRANS_TABLES"), "{mode:?}");

    cli(&db.url(), &["down", "--all"])
        .await
        .expect("down --all");
    assert_eq!(
        strings(
            &conn,
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables WHERE table_schema = DATABASE()"
        )
        .await,
        ["seaql_migrations"],
        "nothing but the tracking table"
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM seaql_migrations").await,
        0
    );
    for (what, sql) in [
        (
            "views",
            "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = DATABASE()",
        ),
        (
            "routines",
            "SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = DATABASE()",
        ),
        (
            "triggers",
            "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
        ),
    ] {
        assert_eq!(count(&conn, sql).await, 0, "no {what}");
    }

    // And up again from there, as a deploy after a rollback would.
    cli(&db.url(), &["up"]).await.expect("up again");
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM seaql_migrations").await,
        3
    );
    conn.close().await.unwrap();
}
