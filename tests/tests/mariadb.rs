//! The schema engine's comparison commands on MariaDB, each test in a database of its own:
//! ctutor's migrations applied with `up`, then `check`, `drift`, `baseline` and `generate`.

use ctutor_cli::commands::CliError;
use sea_orm::{ConnectionTrait, Statement};
use tests::{MariaDb, cli};

/// `all_migrations` is every migration's name, in order.
fn all_migrations() -> Vec<String> {
    use sea_orm_migration::MigratorTrait;
    migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

/// After ctutor's migrations, `check` lists what the entities declare that the frozen
/// migrations made differently on MariaDB (exit 1: out of sync, never an error); `drift`
/// finds the database as its migrations made it; after the tracking table is lost,
/// `baseline` verifies the database against a replay of the migrations in a throw-away
/// database and records them; `generate` refuses in one line, writing nothing, since
/// MariaDB does not hold the whole schema.
#[tokio::test]
async fn check_drift_baseline_and_generate_on_mariadb() {
    let maria = MariaDb::create("engine").await;
    let url = maria.url();
    cli(&url, &["up"]).await.expect("up");

    let check = cli(&url, &["check"]).await.expect_err("differences");
    let CliError::OutOfSync(differences) = check else {
        panic!("check must report differences, not fail: {check}");
    };
    // The frozen migrations made the three enum columns text (`Dialect::native_type`); the
    // entities' ENUM columns differ in type, and the index on one of them is made again,
    // since MariaDB indexes a TEXT column by a prefix and an ENUM column whole.
    assert_eq!(
        differences, 5,
        "3 enum columns, 1 index dropped and created"
    );
    let db = maria.connect().await;
    let column_type = |table: &str, column: &str| {
        let db = db.clone();
        let query = format!(
            "select cast(column_type as char) as t from information_schema.columns \
             where table_schema = database() and table_name = '{table}' and column_name = '{column}'"
        );
        async move {
            db.query_one_raw(Statement::from_string(db.get_database_backend(), query))
                .await
                .unwrap()
                .unwrap()
                .try_get::<String>("", "t")
                .unwrap()
        }
    };
    assert_eq!(column_type("user", "user_type").await, "text");
    assert_eq!(column_type("group", "type").await, "text");
    assert_eq!(check.exit_code(true), std::process::ExitCode::FAILURE);

    let drift = cli(&url, &["drift"]).await.expect_err("entities ahead");
    assert!(
        matches!(drift, CliError::OutOfSync(n) if n == differences),
        "only the entities differ, by the same {differences}: {drift}"
    );

    db.execute_unprepared("DROP TABLE seaql_migrations")
        .await
        .unwrap();
    let all = all_migrations();
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
    let scratch = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "select count(*) as n from information_schema.schemata where schema_name like 'schema_engine_scratch_%'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(scratch, 0, "every throw-away database was dropped");

    let dir = std::env::temp_dir().join(format!("ct_maria_gen_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lib.rs"), "pub struct Migrator;\n").unwrap();
    let refused = cli(
        &url,
        &["generate", "x", "--migration-dir", dir.to_str().unwrap()],
    )
    .await
    .expect_err("MariaDB does not hold the whole schema");
    let line = refused.one_line();
    assert!(
        line.starts_with("generate against MySQL/MariaDB cannot write this migration: "),
        "{line}"
    );
    assert_eq!(
        refused.exit_code(false),
        std::process::ExitCode::from(2),
        "{line}"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    db.close().await.unwrap();
}
