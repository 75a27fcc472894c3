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
