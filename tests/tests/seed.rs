//! `seed` fills every table with the requested counts, consistently, on PostgreSQL, SQLite
//! and MariaDB, and refuses a database that already holds data.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tests::{MariaDb, PgDatabase, SqliteFile, cli};

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let backend = db.get_database_backend();
    let quoted = match backend {
        DbBackend::MySql => format!("`{table}`"),
        _ => format!("\"{table}\""),
    };
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("select count(*) as n from {quoted}"),
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

#[tokio::test]
async fn seed_fills_every_table_on_mariadb() {
    let db = MariaDb::create("seed").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["seed"]).await.expect("seed");
    let conn = db.connect().await;
    assert_eq!(entity::registry().tables.len(), 28);
    assert_every_table_filled(&conn).await;
    assert_eq!(count(&conn, "user").await, 50);
    assert_eq!(count(&conn, "course").await, 10);
    // uuid is binary(16), the ltree path text, JSON longtext with json_valid: values the
    // server checked itself.
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::MySql,
            "select group_concat(concat(path, '<', coalesce(parent_path, '-')) order by path) as v, \
             sum(length(id) = 16) as n from organization",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<String>("", "v").unwrap(),
        "university<-,university.computer_science<university,university.information_systems<university,university.software_engineering<university"
    );
    assert_eq!(
        row.try_get::<sea_orm::prelude::Decimal>("", "n").unwrap(),
        4.into()
    );
    let refused = cli(&db.url(), &["seed"]).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("--clear")));
    cli(&db.url(), &["seed", "--clear", "--users", "7"])
        .await
        .expect("seed --clear");
    assert_eq!(count(&conn, "user").await, 7);
    assert_every_table_filled(&conn).await;
    conn.close().await.unwrap();
}

/// `probe` is an entity the seeders know nothing about, as a newly added one would be: NOT
/// NULL columns without a default the domain logic never sets, one with a default, a
/// nullable one, and a NOT NULL foreign key to `user`.
mod probe {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "seed_probe")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub label: String,
        #[sea_orm(column_type = "String(StringLen::N(6))")]
        pub code: String,
        pub rank: i32,
        #[sea_orm(default_value = 7)]
        pub karma: i32,
        pub note: Option<String>,
        pub seen_at: DateTimeWithTimeZone,
        pub flag: bool,
        #[sea_orm(column_type = "JsonBinary")]
        pub data: Json,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "entity::auth::user::Entity",
            from = "Column::UserId",
            to = "entity::auth::user::Column::Id"
        )]
        User,
    }

    impl ActiveModelBehavior for ActiveModel {}

    impl entity::ddl::EntityDdl for Entity {}
}

/// `unfillable` has a NOT NULL interval column: no plausible value exists for it.
mod unfillable {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "seed_unfillable")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(column_type = "Interval(None, None)")]
        pub span: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl entity::ddl::EntityDdl for Entity {}
}

fn small() -> ctutor_cli::seed::SeedOptions {
    ctutor_cli::seed::SeedOptions {
        seed: 3,
        users: 6,
        courses: 1,
        organizations: 2,
        clear: false,
    }
}

/// `registry_with` is the registry's tables with the test entity `E` listed first, before
/// the `user` table it references: the seeder has to order it itself.
fn registry_with<E>(path: &'static str) -> Vec<entity::ddl::RegisteredTable>
where
    E: sea_orm::EntityTrait + entity::ddl::EntityDdl + Default,
{
    let mut tables = vec![entity::ddl::RegisteredTable::of::<E>(path)];
    tables.extend(entity::registry().tables);
    tables
}

/// `seed_with_a_new_entity` migrates, creates the probe's table, seeds through the same code
/// path as `seed`, and checks the probe's generic rows.
async fn seed_with_a_new_entity(db: &DatabaseConnection, url: &str) {
    use sea_orm::{EntityTrait, Schema};
    cli(url, &["up"]).await.expect("up");
    let backend = db.get_database_backend();
    let create = Schema::new(backend).create_table_from_entity(probe::Entity);
    db.execute(&create).await.expect("create seed_probe");
    let tables = registry_with::<probe::Entity>("tests::probe");
    let counts = ctutor_cli::seed::seed_tables(db, &small(), tables)
        .await
        .expect("seed with the probe entity");
    assert!(counts.contains(&("seed_probe".to_owned(), 3)), "{counts:?}");
    assert_every_table_filled(db).await;
    let rows = probe::Entity::find().all(db).await.expect("probe rows");
    assert_eq!(rows.len(), 3);
    let users: Vec<uuid::Uuid> = (entity::auth::user::Entity::find().all(db).await)
        .expect("users")
        .into_iter()
        .map(|u| u.id)
        .collect();
    for row in &rows {
        assert!(users.contains(&row.user_id), "{row:?}");
        assert!(
            !row.label.is_empty() && row.code.chars().count() <= 6,
            "{row:?}"
        );
        assert_eq!(row.karma, 7, "the server default applies");
        assert_eq!(row.note, None);
    }
    let mut ranks: Vec<i32> = rows.iter().map(|r| r.rank).collect();
    ranks.sort();
    assert_eq!(ranks, [1, 2, 3]);
}

#[tokio::test]
async fn a_new_entity_gets_generic_rows_on_postgres() {
    let db = PgDatabase::create("seedprobe").await;
    let conn = db.connect().await;
    seed_with_a_new_entity(&conn, &db.url()).await;
}

#[tokio::test]
async fn a_new_entity_gets_generic_rows_on_sqlite() {
    let file = SqliteFile::new("seedprobe");
    let conn = sea_orm::Database::connect(file.url()).await.unwrap();
    seed_with_a_new_entity(&conn, &file.url()).await;
}

#[tokio::test]
async fn a_new_entity_gets_generic_rows_on_mariadb() {
    let db = MariaDb::create("seedprobe").await;
    let conn = db.connect().await;
    seed_with_a_new_entity(&conn, &db.url()).await;
    conn.close().await.unwrap();
}

#[tokio::test]
async fn an_unfillable_column_stops_seed_with_one_line_and_writes_nothing() {
    let file = SqliteFile::new("seedbad");
    cli(&file.url(), &["up"]).await.expect("up");
    let conn = sea_orm::Database::connect(file.url()).await.unwrap();
    let tables = registry_with::<unfillable::Entity>("tests::unfillable");
    let error = ctutor_cli::seed::seed_tables(&conn, &small(), tables)
        .await
        .expect_err("an interval cannot be made up");
    let line = error.one_line();
    assert!(
        line.contains("seed cannot fill seed_unfillable.span: NOT NULL without a default"),
        "{line}"
    );
    assert_eq!(line, error.to_string(), "one line");
    assert_eq!(count(&conn, "user").await, 0, "nothing was written");
}
