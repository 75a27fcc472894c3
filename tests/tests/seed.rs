//! `seed` fills every table with the requested counts, consistently, on PostgreSQL and SQLite,
//! and refuses a database that already holds data.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tests::{PgDatabase, SqliteFile, cli};

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("select count(*) as n from \"{table}\""),
        ))
        .await
        .expect("count")
        .expect("one row");
    row.try_get::<i64>("", "n").expect("n")
}

async fn assert_every_table_filled(db: &DatabaseConnection) {
    for table in entity::registry().tables {
        assert!(
            count(db, &table.table_name).await > 0,
            "table {} is empty",
            table.table_name
        );
    }
}

#[tokio::test]
async fn seed_fills_every_table_with_the_default_counts() {
    let db = PgDatabase::create("seed").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["seed"]).await.expect("seed");
    let conn = db.connect().await;
    assert_every_table_filled(&conn).await;
    assert_eq!(count(&conn, "user").await, 50);
    assert_eq!(count(&conn, "course").await, 10);
    assert_eq!(count(&conn, "organization").await, 4);
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "select string_agg(path::text || '<' || coalesce(parent_path::text, '-'), ',' order by path) as v from organization",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<String>("", "v").unwrap(),
        "university<-,university.computer_science<university,university.information_systems<university,university.software_engineering<university"
    );
}

#[tokio::test]
async fn seed_counts_are_configurable_and_a_second_seed_is_refused() {
    let db = PgDatabase::create("seedn").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(
        &db.url(),
        &[
            "seed",
            "--users",
            "12",
            "--courses",
            "3",
            "--organizations",
            "2",
        ],
    )
    .await
    .expect("seed");
    let conn = db.connect().await;
    assert_eq!(count(&conn, "user").await, 12);
    assert_eq!(count(&conn, "course").await, 3);
    assert_eq!(count(&conn, "organization").await, 2);
    let refused = cli(&db.url(), &["seed"]).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("--clear")));
    assert_eq!(
        count(&conn, "user").await,
        12,
        "a refused seed changes nothing"
    );
    cli(&db.url(), &["seed", "--clear"])
        .await
        .expect("seed --clear");
    assert_eq!(count(&conn, "user").await, 50);
}

#[tokio::test]
async fn seed_is_deterministic() {
    let (a, b) = (
        PgDatabase::create("seeda").await,
        PgDatabase::create("seedb").await,
    );
    for db in [&a, &b] {
        cli(&db.url(), &["up"]).await.expect("up");
        cli(&db.url(), &["seed", "--seed", "7"])
            .await
            .expect("seed");
    }
    let digest = |db: DatabaseConnection| async move {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "select md5(string_agg(t::text, '|' order by t::text)) as v from (select id, email, username, given_name from \"user\") t",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<String>("", "v").unwrap()
    };
    assert_eq!(
        digest(a.connect().await).await,
        digest(b.connect().await).await
    );
}

#[tokio::test]
async fn seed_works_on_sqlite() {
    let file = SqliteFile::new("seed");
    cli(&file.url(), &["up"]).await.expect("up");
    cli(&file.url(), &["seed"]).await.expect("seed");
    let conn = sea_orm::Database::connect(file.url()).await.unwrap();
    assert_every_table_filled(&conn).await;
    assert_eq!(count(&conn, "user").await, 50);
    cli(&file.url(), &["down", "--all"])
        .await
        .expect("down --all");
}
