//! After `up`, a PostgreSQL database holds exactly the reference schema; `down --all` takes it
//! all away again, and a second `up` rebuilds it identically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, Statement};
use tests::{PgDatabase, catalog_lines, cli, comparable, missing_and_extra, pg_dump_schema};

#[tokio::test]
async fn up_gives_the_reference_catalog_line_for_line() {
    let db = PgDatabase::create("catalog").await;
    cli(&db.url(), &["up"]).await.expect("up");
    let actual: Vec<String> = catalog_lines(&db.connect().await)
        .await
        .iter()
        .map(|l| comparable(l))
        .collect();
    let expected: Vec<String> = include_str!("../fixtures/target-catalog.tsv")
        .lines()
        .map(comparable)
        .collect();
    let missing: Vec<&String> = expected.iter().filter(|l| !actual.contains(l)).collect();
    let extra: Vec<&String> = actual.iter().filter(|l| !expected.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    assert_eq!(actual, expected, "same facts, same order");
}

#[tokio::test]
async fn the_history_passes_through_the_original_schema() {
    let db = PgDatabase::create("history").await;
    cli(&db.url(), &["up", "-n", "2"])
        .await
        .expect("up to the original tables");
    let original = missing_and_extra(
        &catalog_lines(&db.connect().await).await,
        include_str!("../fixtures/original-catalog.tsv"),
    );
    assert_eq!(
        original,
        (vec![], vec![]),
        "after two migrations: the original project's schema"
    );
    cli(&db.url(), &["up"]).await.expect("up to the target");
    let target = missing_and_extra(
        &catalog_lines(&db.connect().await).await,
        include_str!("../fixtures/target-catalog.tsv"),
    );
    assert_eq!(target, (vec![], vec![]));
}

#[tokio::test]
async fn a_migrated_database_is_in_sync_and_generate_finds_nothing() {
    let db = PgDatabase::create("insync").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["check"]).await.expect("check is clean");
    let dir = std::env::temp_dir().join(format!("ct_gen_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = include_str!("../../migration/src/lib.rs");
    std::fs::write(dir.join("lib.rs"), lib_rs).unwrap();
    let dir_arg = dir.display().to_string();
    cli(
        &db.url(),
        &["generate", "nothing to do", "--migration-dir", &dir_arg],
    )
    .await
    .expect("generate");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no migration written"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("lib.rs")).unwrap(),
        lib_rs,
        "lib.rs untouched"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `read_tree` is every file under `dir`, by path relative to it, with its bytes.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[tokio::test]
async fn generate_leaves_hand_edited_migrations_byte_for_byte() {
    let db = PgDatabase::create("gen_keeps").await;
    cli(&db.url(), &["up"]).await.expect("up");
    // What an entity change adding an index looks like to `generate`.
    db.connect()
        .await
        .execute_unprepared("DROP INDEX idx_course_path_gist")
        .await
        .expect("drop an index");
    let dir = std::env::temp_dir().join(format!("ct_gen_{}", uuid::Uuid::new_v4().simple()));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migration/src");
    for (path, bytes) in read_tree(&source) {
        std::fs::create_dir_all(dir.join(&path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(&path), bytes).unwrap();
    }
    // A migration edited by hand, not as rustfmt would write it: a backfill, odd spacing.
    let edited = dir.join("m20261124_065130_tables_of_the_original_schema.rs");
    let text = std::fs::read_to_string(&edited).unwrap();
    let signature = "async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {\n";
    assert!(text.contains(signature));
    let backfill = "        manager.get_connection().execute_unprepared(  \"UPDATE course_role SET builtin = false WHERE builtin IS NULL\" ).await ?;\n";
    std::fs::write(
        &edited,
        text.replacen(signature, &format!("{signature}{backfill}"), 1),
    )
    .unwrap();
    let before = read_tree(&dir);

    let dir_arg = dir.display().to_string();
    cli(
        &db.url(),
        &["generate", "course path index", "--migration-dir", &dir_arg],
    )
    .await
    .expect("generate");

    let after = read_tree(&dir);
    let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(new.len(), 1, "one new file: {new:?}");
    let module = new[0].file_stem().unwrap().to_str().unwrap().to_owned();
    assert!(module.ends_with("_course_path_index"), "{module}");
    for (path, bytes) in &before {
        if path != Path::new("lib.rs") {
            assert!(after[path] == *bytes, "{} was changed", path.display());
        }
    }
    let old_lib = String::from_utf8(before[Path::new("lib.rs")].clone()).unwrap();
    let new_lib = String::from_utf8(after[Path::new("lib.rs")].clone()).unwrap();
    let added: Vec<&str> = new_lib.lines().filter(|l| l.contains(&module)).collect();
    assert_eq!(
        added,
        [
            format!("mod {module};"),
            format!("            Box::new({module}::Migration),")
        ]
    );
    let kept: Vec<&str> = new_lib.lines().filter(|l| !l.contains(&module)).collect();
    assert_eq!(kept, old_lib.lines().collect::<Vec<_>>());
    let written = std::fs::read_to_string(dir.join(new[0])).unwrap();
    assert!(written.contains("idx_course_path_gist"), "{written}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn down_all_leaves_no_schema_objects() {
    let db = PgDatabase::create("downall").await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["down", "--all"])
        .await
        .expect("down --all");
    let conn = db.connect().await;
    let count = |sql: &str| {
        let conn = &conn;
        let sql = sql.to_owned();
        async move {
            let row = conn
                .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                .await
                .expect("query")
                .expect("one row");
            row.try_get::<i64>("", "n").expect("count")
        }
    };
    let public = "(select oid from pg_namespace where nspname = 'public')";
    let not_extension =
        "not exists (select 1 from pg_depend d where d.objid = x.oid and d.deptype = 'e')";
    let tables = count(&format!(
        "select count(*) as n from pg_class x where relnamespace = {public} and relkind in ('r','p') and relname <> 'seaql_migrations'"
    ))
    .await;
    let types = count(&format!(
        "select count(*) as n from pg_type x where typnamespace = {public} and typtype = 'e'"
    ))
    .await;
    let functions = count(&format!(
        "select count(*) as n from pg_proc x where pronamespace = {public} and {not_extension}"
    ))
    .await;
    let sequences = count(&format!(
        "select count(*) as n from pg_class x where relnamespace = {public} and relkind = 'S'"
    ))
    .await;
    let indexes = count(&format!("select count(*) as n from pg_class x where relnamespace = {public} and relkind = 'i' and relname <> 'seaql_migrations_pkey'")).await;
    assert_eq!(
        (tables, types, functions, sequences, indexes),
        (0, 0, 0, 0, 0)
    );
}

#[tokio::test]
async fn up_down_up_gives_an_identical_schema_dump() {
    let db = PgDatabase::create("roundtrip").await;
    cli(&db.url(), &["up"]).await.expect("first up");
    let first = pg_dump_schema(&db.url());
    cli(&db.url(), &["down", "--all"])
        .await
        .expect("down --all");
    cli(&db.url(), &["up"]).await.expect("second up");
    let second = pg_dump_schema(&db.url());
    assert!(
        first.contains("CREATE TABLE public.\"user\""),
        "the dump holds the schema"
    );
    let first_difference = first.lines().zip(second.lines()).find(|(a, b)| a != b);
    assert_eq!(first_difference, None, "the dumps differ");
    assert_eq!(first.lines().count(), second.lines().count());
}

#[tokio::test]
async fn step_by_step_up_down_and_status() {
    let db = PgDatabase::create("steps").await;
    let url = db.url();
    cli(&url, &["up", "-n", "1"]).await.expect("up -n 1");
    let conn = db.connect().await;
    let applied = || async {
        let rows = conn
            .query_all_raw(Statement::from_string(
                conn.get_database_backend(),
                "select version from seaql_migrations order by version",
            ))
            .await
            .expect("tracking table");
        rows.iter()
            .map(|r| r.try_get::<String>("", "version").unwrap())
            .collect::<Vec<_>>()
    };
    let after_one = applied().await;
    assert_eq!(after_one.len(), 1);
    cli(&url, &["up"]).await.expect("up");
    let all = applied().await;
    assert!(all.len() >= 2);
    cli(&url, &["down", "--to", &all[0]])
        .await
        .expect("down --to first");
    assert_eq!(applied().await, after_one);
    cli(&url, &["status"]).await.expect("status");
    cli(&url, &["refresh"]).await.expect("refresh");
    assert_eq!(applied().await, all);
    cli(&url, &["fresh"]).await.expect("fresh");
    assert_eq!(applied().await, all);
    cli(&url, &["reset"]).await.expect("reset");
    let tracking = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "select to_regclass('seaql_migrations') is null as gone",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(tracking.try_get::<bool>("", "gone").unwrap());
}

#[tokio::test]
async fn check_compares_a_database_without_the_tracking_table() {
    // Like Atlas, Prisma and Alembic, the comparison works on any database; only the runner
    // and `generate` need the migration history.
    let db = PgDatabase::create("untracked").await;
    let error = cli(&db.url(), &["check"])
        .await
        .expect_err("an empty database differs from the entities");
    assert!(
        matches!(error, ctutor_cli::commands::CliError::OutOfSync(n) if n > 28),
        "{error}"
    );
    assert_eq!(
        format!("{:?}", error.exit_code(true)),
        format!("{:?}", std::process::ExitCode::FAILURE)
    );
    let conn = db.connect().await;
    let tracking = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "select to_regclass('seaql_migrations') is null as absent",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        tracking.try_get::<bool>("", "absent").unwrap(),
        "check writes nothing, not even the tracking table"
    );
}
