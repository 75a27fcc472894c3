//! Checksums: an edited applied migration and a tracking row from a newer build are shown
//! by `status` and stop `up` (exit 5) unless `--allow-changed`; rows written by plain
//! sea-orm-migration are adopted.

mod common;

use common::{PgDatabase, migration, one_error_line, strings, succeeded, user_tables};
use migration::Migrator;
use migration::runner::expected_checksum;
use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::ConnectionTrait;

fn first_migration() -> String {
    Migrator::migrations()[0].name().to_owned()
}

async fn tracking_rows(db: &sea_orm_migration::sea_orm::DatabaseConnection) -> Vec<String> {
    strings(
        db,
        "select version || ' ' || coalesce(checksum, '-') as s from seaql_migrations order by version",
    )
    .await
}

#[tokio::test]
async fn an_edited_applied_migration_is_detected() {
    let pg = PgDatabase::create("edited").await;
    let url = pg.url();
    succeeded(&migration(&["-u", &url, "up"]));
    let db = pg.connect().await;
    let first = first_migration();
    // What an edit of the file looks like from the database: another checksum.
    db.execute_unprepared(&format!(
        "update seaql_migrations set checksum = 'edited' where version = '{first}'"
    ))
    .await
    .expect("update");
    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status
            .lines()
            .any(|l| l.starts_with(&format!("modified {first}"))),
        "{status}"
    );
    let before = tracking_rows(&db).await;
    let line = one_error_line(&migration(&["-u", &url, "up"]), 5);
    assert!(line.contains("modified"), "{line}");
    assert!(line.contains(&first), "{line}");
    assert!(line.contains("--allow-changed"), "{line}");
    assert_eq!(tracking_rows(&db).await, before, "nothing was changed");

    let output = migration(&["-u", &url, "up", "--allow-changed"]);
    succeeded(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("warning: "), "{stderr}");
    assert!(stderr.contains(&first), "{stderr}");
}

#[tokio::test]
async fn a_version_unknown_to_the_code_is_missing_and_stops_up() {
    let pg = PgDatabase::create("missing").await;
    let url = pg.url();
    succeeded(&migration(&["-u", &url, "up", "-n", "1"]));
    let db = pg.connect().await;
    let newer = "m20991231_000000_from_a_newer_build";
    db.execute_unprepared(&format!(
        "insert into seaql_migrations (version, applied_at) values ('{newer}', 0)"
    ))
    .await
    .expect("insert");
    let status = succeeded(&migration(&["-u", &url, "status"]));
    assert!(
        status
            .lines()
            .any(|l| l.starts_with(&format!("missing  {newer}"))),
        "{status}"
    );
    let before = (tracking_rows(&db).await, user_tables(&db).await);
    for command in ["up", "refresh"] {
        let line = one_error_line(&migration(&["-u", &url, command]), 5);
        assert!(line.contains(newer), "{command}: {line}");
        assert_eq!(
            (tracking_rows(&db).await, user_tables(&db).await),
            before,
            "{command} changed nothing"
        );
    }
}

#[tokio::test]
async fn rows_of_plain_sea_orm_migration_are_adopted() {
    let pg = PgDatabase::create("adopted").await;
    let db = pg.connect().await;
    Migrator::up(&db, Some(2))
        .await
        .expect("sea-orm-migration up");
    let status = succeeded(&migration(&["-u", &pg.url(), "status"]));
    assert_eq!(
        status
            .lines()
            .filter(|l| l.contains("no checksum recorded yet"))
            .count(),
        2,
        "{status}"
    );
    let up = succeeded(&migration(&["-u", &pg.url(), "up"]));
    assert!(
        up.lines()
            .next()
            .is_some_and(|l| l.starts_with("recorded the checksum of 2 migration(s)")),
        "{up}"
    );
    let expected: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m.name(),
                expected_checksum::<Migrator>(m.name()).expect("a checksum for every file")
            )
        })
        .collect();
    assert_eq!(tracking_rows(&db).await, expected);
    // sea-orm-migration keeps working on the table with the extra column.
    Migrator::down(&db, Some(1))
        .await
        .expect("sea-orm-migration down");
    Migrator::up(&db, None).await.expect("sea-orm-migration up");
    assert_eq!(
        Migrator::get_pending_migrations(&db).await.unwrap().len(),
        0
    );
}
