//! `generate --fill`: a NOT NULL column without a default, added to a table that has rows,
//! is written as added with a one-off default and the default dropped; without a fill, or
//! with one that does not fit, `generate` refuses in one line, writes nothing and leaves the
//! database as it was.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tests::{PgDatabase, catalog_lines, cli};

/// `migration_dir` is a scratch copy of the migration crate's `src/lib.rs`: all `generate`
/// reads and writes.
fn migration_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ct_fill_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let lib_rs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migration/src/lib.rs");
    std::fs::copy(lib_rs, dir.join("lib.rs")).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    out
}

/// `seeded_without_level` is a seeded database whose `codeability_message` lacks the NOT
/// NULL column `level`: to `generate`, an entity edit adding it to a table with rows.
async fn seeded_without_level(label: &str) -> (PgDatabase, DatabaseConnection) {
    let db = PgDatabase::create(label).await;
    cli(&db.url(), &["up"]).await.expect("up");
    cli(&db.url(), &["seed"]).await.expect("seed");
    let conn = db.connect().await;
    conn.execute_unprepared("ALTER TABLE codeability_message DROP COLUMN level")
        .await
        .unwrap();
    (db, conn)
}

async fn generate(
    url: &str,
    dir: &Path,
    extra: &[&str],
) -> Result<(), ctutor_cli::commands::CliError> {
    let dir = dir.display().to_string();
    let mut args = vec!["generate", "message level", "--migration-dir", &dir];
    args.extend_from_slice(extra);
    cli(url, &args).await
}

#[tokio::test]
async fn without_a_fill_generate_names_the_column_and_the_flag() {
    let (db, conn) = seeded_without_level("fill_missing").await;
    let dir = migration_dir();
    let (before_files, before_catalog) = (files(&dir), catalog_lines(&conn).await);
    let cases: [(&[&str], &str); 3] = [
        (&[], "--fill codeability_message.level=<SQL>"),
        (
            &["--fill", "account.provider='x'"],
            "adds no NOT NULL column \"provider\"",
        ),
        (
            &["--fill", "codeability_message.level=3 +"],
            "PostgreSQL refuses it",
        ),
    ];
    for (extra, expected) in cases {
        let error = generate(&db.url(), &dir, extra).await.expect_err("refused");
        let line = error.one_line();
        assert!(line.contains(expected), "{extra:?}: {line}");
        assert_eq!(
            format!("{:?}", error.exit_code(false)),
            format!("{:?}", std::process::ExitCode::from(2)),
            "{line}"
        );
        assert_eq!(files(&dir), before_files, "nothing written");
        assert_eq!(
            catalog_lines(&conn).await,
            before_catalog,
            "database unchanged"
        );
    }
}

#[tokio::test]
async fn a_fill_is_written_as_a_one_off_default_that_fills_the_rows() {
    let (db, conn) = seeded_without_level("fill_given").await;
    let dir = migration_dir();
    generate(
        &db.url(),
        &dir,
        &["--fill", "codeability_message.level = 3"],
    )
    .await
    .expect("generate with a fill");
    let written: Vec<(String, String)> = files(&dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with("_message_level.rs"))
        .collect();
    assert_eq!(written.len(), 1);
    let source = &written[0].1;
    assert!(source.contains(".default_sql(db.pick(\"3\""), "{source}");
    assert!(
        source.contains("ALTER COLUMN \\\"level\\\" DROP DEFAULT")
            || source.contains("ALTER COLUMN \"level\" DROP DEFAULT"),
        "{source}"
    );
    // A value that reads the row is an UPDATE between adding the column and making it NOT
    // NULL. Applying either, through the compiled file, is the journey tests' part.
    let dir = migration_dir();
    generate(
        &db.url(),
        &dir,
        &["--fill", "codeability_message.level=length(title)"],
    )
    .await
    .expect("generate with a fill that reads the row");
    let source = files(&dir)
        .into_iter()
        .find(|(name, _)| name.ends_with("_message_level.rs"))
        .expect("written")
        .1;
    let update = source.find("UPDATE").expect("an UPDATE");
    let not_null = source.find("SET NOT NULL").expect("then SET NOT NULL");
    assert!(
        update < not_null && source.contains("length(title)"),
        "{source}"
    );
    assert!(!source.contains("default_sql(db.pick(\"length"), "{source}");
    let rows = count(&conn, "select count(*) as n from codeability_message").await;
    assert!(rows > 0, "the table has rows");
}

async fn count(conn: &DatabaseConnection, sql: &str) -> i64 {
    conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
}
