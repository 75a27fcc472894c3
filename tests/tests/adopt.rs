//! Adopting a database built elsewhere (`baseline`) and finding hand-made changes (`drift`).

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use sea_orm_migration::MigratorTrait;
use tests::{PgDatabase, catalog_lines, cli, missing_and_extra};

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

/// `entity_diff` is what `diff` lists for the database: the engine's comparison through its
/// library, so the test can look at the typed changes.
async fn entity_diff(conn: &DatabaseConnection) -> Vec<ctutor_cli::diff::Change> {
    use ctutor_cli::desired::{desired_renames, desired_schema};
    let registry = entity::registry();
    let desired = desired_schema(&registry).expect("desired schema");
    let canonical = ctutor_cli::normalize::canonical_desired(conn, &desired)
        .await
        .expect("canonical");
    let (live, _) = ctutor_cli::introspect::introspect_postgres(conn, "public")
        .await
        .expect("introspect");
    let (live, note) = ctutor_cli::normalize::canonical_live(conn, live).await;
    assert_eq!(note, None);
    ctutor_cli::diff::diff(&live, &canonical, &desired_renames(&registry)).changes
}

async fn count(conn: &DatabaseConnection, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn a_database_built_by_another_tool_is_diffed_adopted_and_brought_forward() {
    use ctutor_cli::diff::Change;
    use ctutor_cli::model::IndexMethod;
    let (db, conn) = original_project_database("foreign").await;
    // The original project's function, in its own layout and with its own comment.
    exec(&conn, include_str!("../fixtures/original-function.sql")).await;
    exec(
        &conn,
        "INSERT INTO \"user\" (username, email) VALUES ('ada', 'ada@university.test')",
    )
    .await;
    let before = catalog_lines(&conn).await;

    // Before adoption, what needs the history refuses in one line and changes nothing.
    let up = cli(&db.url(), &["up"]).await.expect_err("not adopted yet");
    assert!(up.to_string().contains("alembic_version"), "{up}");
    assert!(up.to_string().contains("baseline"), "{up}");
    assert_eq!(
        format!("{:?}", up.exit_code(false)),
        "ExitCode(unix_exit_status(5))"
    );
    let generate = cli(
        &db.url(),
        &["generate", "x", "--migration-dir", "/nonexistent"],
    )
    .await;
    assert!(generate.is_err());
    assert_eq!(catalog_lines(&conn).await, before, "nothing changed");

    // `diff` works on the untracked database and lists exactly the deliberate improvements:
    // the function, in another layout, is no change.
    let mut listed: Vec<String> = entity_diff(&conn)
        .await
        .iter()
        .map(|c| match c {
            Change::CreateIndex { index, .. } if index.method == IndexMethod::Gist => {
                format!("gist {}", index.name)
            }
            Change::AddCheck { table, check } => format!("check {table}.{}", check.name),
            other => format!("unexpected: {other}"),
        })
        .collect();
    listed.sort();
    assert_eq!(listed.len(), 6, "{listed:#?}");
    assert_eq!(
        listed.iter().filter(|l| l.starts_with("gist ")).count(),
        4,
        "{listed:#?}"
    );
    assert_eq!(
        listed
            .iter()
            .filter(|l| l.starts_with("check course_role."))
            .count(),
        2,
        "{listed:#?}"
    );
    let check = cli(&db.url(), &["check"]).await.expect_err("6 differences");
    assert!(check.to_string().starts_with("6 difference(s)"), "{check}");

    cli(&db.url(), &["baseline", &second_migration()])
        .await
        .expect("baseline accepts the original database");
    cli(&db.url(), &["up"]).await.expect("up brings it forward");
    let (missing, extra) = missing_and_extra(
        &catalog_lines(&conn).await,
        include_str!("../fixtures/target-catalog.tsv"),
    );
    assert_eq!((missing, extra), (vec![], vec![]), "the target catalog");
    assert_eq!(
        count(&conn, "select count(*) as n from course_role").await,
        2
    );
    assert_eq!(count(&conn, "select count(*) as n from \"user\"").await, 1);
    cli(&db.url(), &["check"]).await.expect("in sync");
    cli(&db.url(), &["drift"]).await.expect("no drift");
}
