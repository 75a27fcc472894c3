//! The embedded default: the same migrations on SQLite.

use sea_orm::{ConnectionTrait, Database, Statement};
use tests::{SqliteFile, cli};

#[tokio::test]
async fn up_status_and_down_all_on_sqlite() {
    let file = SqliteFile::new("sqlite");
    cli(&file.url(), &["up"]).await.expect("up");
    cli(&file.url(), &["status"]).await.expect("status");
    let db = Database::connect(file.url()).await.unwrap();
    let tables = |db: &sea_orm::DatabaseConnection| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'seaql_migrations'",
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    assert_eq!(tables(&db).await, 28);
    cli(&file.url(), &["down", "--all"])
        .await
        .expect("down --all");
    assert_eq!(tables(&db).await, 0);
}

/// The comparison commands on a SQLite file: `check` and `drift` in sync after `up` (with
/// rows), a change made by hand found by both, and `baseline` adopting a file whose tracking
/// table was lost, after verifying it against a replay of the migrations.
#[tokio::test]
async fn check_drift_and_baseline_on_sqlite() {
    use ctutor_cli::commands::CliError;
    let file = SqliteFile::new("sqlite_engine");
    let url = file.url();
    cli(&url, &["up"]).await.expect("up");
    cli(&url, &["seed"]).await.expect("seed");
    cli(&url, &["check"]).await.expect("in sync after up");
    cli(&url, &["drift"]).await.expect("no drift after up");

    let db = Database::connect(&url).await.unwrap();
    db.execute_unprepared("CREATE INDEX hand_made ON account (provider)")
        .await
        .unwrap();
    let check = cli(&url, &["check"])
        .await
        .expect_err("an index made by hand");
    assert!(matches!(check, CliError::OutOfSync(1)), "{check}");
    let drift = cli(&url, &["drift"]).await.expect_err("drift");
    assert!(matches!(drift, CliError::OutOfSync(2)), "{drift}");
    db.execute_unprepared("DROP INDEX hand_made").await.unwrap();

    let all: Vec<String> = {
        use sea_orm_migration::MigratorTrait;
        migration::Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect()
    };
    db.execute_unprepared("DROP TABLE seaql_migrations")
        .await
        .unwrap();
    cli(&url, &["check"])
        .await
        .expect("check needs no tracking table");
    cli(&url, &["baseline", &all[all.len() - 1]])
        .await
        .expect("baseline verifies against the replay and records");
    let recorded = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "select count(*) as n from seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(recorded, all.len() as i64);
    cli(&url, &["up"]).await.expect("nothing to apply");
    cli(&url, &["drift"]).await.expect("no drift");
}
