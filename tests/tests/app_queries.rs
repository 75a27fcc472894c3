//! The application example's queries (`entity/examples/app.rs`) on seeded databases.

#[path = "../../entity/examples/app.rs"]
#[allow(dead_code)]
mod app;

use entity::auth::user;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tests::{MariaDb, PgDatabase, SqliteFile, cli};

async fn check(url: &str) {
    cli(url, &["up"]).await.expect("up");
    cli(url, &["seed"]).await.expect("seed");
    let db = sea_orm::Database::connect(url).await.unwrap();
    let student = user::Entity::find()
        .filter(user::Column::Username.is_not_null())
        .order_by_asc(user::Column::Username)
        .one(&db)
        .await
        .unwrap()
        .expect("a user");
    let (loaded, memberships) = app::user_with_courses(&db, student.username.as_deref().unwrap())
        .await
        .unwrap()
        .expect("found");
    assert_eq!(loaded.id, student.id);
    for m in &memberships {
        let org = m
            .organization
            .as_ref()
            .expect("every course has an organization");
        assert_eq!(org.id, m.course.organization_id);
    }
    let below = app::sub_organizations(&db, "university").await.unwrap();
    let paths: Vec<&str> = below.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "university.computer_science",
            "university.information_systems",
            "university.software_engineering"
        ]
    );
    db.close().await.unwrap();
}

#[tokio::test]
async fn the_example_queries_work_on_postgres() {
    let db = PgDatabase::create("app").await;
    check(&db.url()).await;
}

#[tokio::test]
async fn the_example_queries_work_on_sqlite() {
    let file = SqliteFile::new("app");
    check(&file.url()).await;
}

#[tokio::test]
async fn the_example_queries_work_on_mariadb() {
    let db = MariaDb::create("app").await;
    check(&db.url()).await;
}
