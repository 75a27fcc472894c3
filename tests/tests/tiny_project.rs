//! The schema engine as a library: a second, tiny SeaORM project (`tests/fixtures/tiny`, its
//! own entities, migrations and a few-line `main`) builds against `schema-engine` and
//! `schema-ddl` and runs the engine's `generate`, `up` and `check` on a fresh PostgreSQL
//! database and a fresh SQLite file, and a whole journey generated against MariaDB.
//!
//! The project is copied to a temporary directory (its `schema` paths rewritten to this
//! workspace's, absolute) with a target directory of its own, seeded with a copy of this
//! workspace's compiled dependencies. It builds, so it runs in the one-at-a-time `journeys`
//! test group (`.config/nextest.toml`). Every step's timing goes to stderr.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tests::{MariaDb, PgDatabase, SqliteFile, workspace_root, workspace_target_dir};

/// `Tiny` is the copied project, removed on drop.
struct Tiny {
    dir: PathBuf,
}

impl Tiny {
    fn root(&self) -> PathBuf {
        self.dir.join("tiny")
    }

    fn target(&self) -> PathBuf {
        self.dir.join("target")
    }

    /// `copy` copies the fixture and seeds its target directory.
    fn copy() -> Tiny {
        let dir = std::env::temp_dir().join(format!(
            "ct_tiny_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        ));
        std::fs::create_dir_all(dir.join("target/debug")).expect("create the scratch folder");
        let tiny = Tiny { dir };
        let workspace = workspace_root();
        timed("copy the project", || {
            cp(&workspace.join("tests/fixtures/tiny"), &tiny.dir);
            let manifest = tiny.root().join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest).expect("read Cargo.toml");
            let absolute = format!("\"{}/schema/", workspace.display());
            assert_eq!(text.matches("\"../../../schema/").count(), 2);
            std::fs::write(&manifest, text.replace("\"../../../schema/", &absolute))
                .expect("write Cargo.toml");
            // The same dependency versions as the workspace, resolved offline.
            std::fs::copy(workspace.join("Cargo.lock"), tiny.root().join("Cargo.lock"))
                .expect("copy Cargo.lock");
        });
        timed("seed the target directory", || {
            let debug = workspace_target_dir().join("debug");
            for part in ["deps", "build", ".fingerprint"] {
                if debug.join(part).is_dir() {
                    cp(&debug.join(part), &tiny.target().join("debug"));
                }
            }
        });
        tiny
    }

    /// `build` builds the project's binary offline.
    fn build(&self, step: &str) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = timed(&format!("build ({step})"), || {
            Command::new(cargo)
                .args(["build", "--offline"])
                .current_dir(self.root())
                .env("CARGO_TARGET_DIR", self.target())
                .output()
                .expect("run cargo")
        });
        assert!(
            output.status.success(),
            "building the tiny project failed ({step}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// `run` runs the project's binary on `url` in the project's folder: its exit code and
    /// stdout.
    fn run(&self, url: &str, args: &[&str]) -> (Option<i32>, String) {
        let binary = self.target().join("debug/tiny");
        let output = timed(&format!("tiny {}", args.join(" ")), || {
            Command::new(&binary)
                .arg("-u")
                .arg(url)
                .args(args)
                .current_dir(self.root())
                .env_remove("DATABASE_URL")
                .env_remove("DATABASE_SCHEMA")
                .output()
                .expect("run the tiny binary")
        });
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        eprintln!(
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        );
        (output.status.code(), stdout)
    }

    fn migrations(&self) -> Vec<String> {
        let mut files: Vec<String> = std::fs::read_dir(self.root().join("migration/src"))
            .expect("list migration/src")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('m'))
            .collect();
        files.sort();
        files
    }
}

impl Drop for Tiny {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn cp(path: &Path, into: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(path)
        .arg(into)
        .status()
        .expect("run cp");
    assert!(
        status.success(),
        "cp -a {} {}",
        path.display(),
        into.display()
    );
}

fn timed<T>(step: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    eprintln!("[tiny] {step}: {:.1}s", started.elapsed().as_secs_f64());
    result
}

#[tokio::test]
async fn a_second_project_generates_applies_and_checks_on_postgres_and_sqlite() {
    let tiny = Tiny::copy();
    tiny.build("no migrations");
    let pg = PgDatabase::create("tiny").await;
    let sqlite = SqliteFile::new("tiny");

    let (code, stdout) = tiny.run(&pg.url(), &["generate", "init"]);
    assert_eq!(code, Some(0), "{stdout}");
    let written = tiny.migrations();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].ends_with("_init.rs"), "{written:?}");
    let lib_rs = std::fs::read_to_string(tiny.root().join("migration/src/lib.rs")).unwrap();
    assert!(lib_rs.contains(&format!("mod {};", written[0].trim_end_matches(".rs"))));

    tiny.build("with the migration");
    for url in [pg.url(), sqlite.url()] {
        let (code, stdout) = tiny.run(&url, &["up"]);
        assert_eq!(code, Some(0), "up: {stdout}");
        assert!(stdout.contains("applied m"), "{stdout}");
        assert_rows_get_keys(&url).await;
        let (code, stdout) = tiny.run(&url, &["check"]);
        assert_eq!(code, Some(0), "check: {stdout}");
        let (code, stdout) = tiny.run(&url, &["generate", "again"]);
        assert_eq!(code, Some(0), "generate again: {stdout}");
        assert!(stdout.contains("no changes"), "{stdout}");
    }
    assert_eq!(tiny.migrations(), written, "no second migration");
}

/// `assert_rows_get_keys` inserts an author and a book without an id, as an ActiveModel
/// leaving its auto-increment key unset does, and asserts the database numbered them; and
/// that the server's own catalog says why: an identity column on PostgreSQL, AUTO_INCREMENT
/// on MySQL/MariaDB, the `integer` primary key (rowid alias) on SQLite.
async fn assert_rows_get_keys(url: &str) {
    let conn = sea_orm::Database::connect(url)
        .await
        .expect("connect to the tiny database");
    let backend = conn.get_database_backend();
    conn.execute_unprepared("INSERT INTO author (name) VALUES ('Ada')")
        .await
        .expect("insert an author without an id");
    let author = one_number(&conn, "SELECT max(id) AS v FROM author").await;
    assert!(author >= 1, "the author got the key {author}");
    conn.execute_unprepared(&format!(
        "INSERT INTO book (title, genre, author_id) VALUES ('Notes', 'poetry', {author})"
    ))
    .await
    .expect("insert a book without an id");
    assert!(one_number(&conn, "SELECT max(id) AS v FROM book").await >= 1);
    let catalog = match backend {
        DbBackend::Postgres => {
            "SELECT count(*) AS v FROM information_schema.columns WHERE table_name IN ('author', 'book') \
             AND column_name = 'id' AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT'"
        }
        DbBackend::MySql => {
            "SELECT count(*) AS v FROM information_schema.columns WHERE table_schema = database() \
             AND table_name IN ('author', 'book') AND column_name = 'id' AND extra LIKE '%auto_increment%'"
        }
        _ => {
            "SELECT count(*) AS v FROM pragma_table_info('author') WHERE name = 'id' AND type = 'INTEGER' AND pk = 1 \
             UNION ALL SELECT count(*) FROM pragma_table_info('book') WHERE name = 'id' AND type = 'INTEGER' AND pk = 1"
        }
    };
    let rows = conn
        .query_all_raw(Statement::from_string(backend, catalog))
        .await
        .expect("read the catalog");
    let counted: i64 = rows
        .iter()
        .map(|r| r.try_get::<i64>("", "v").expect("a count"))
        .sum();
    assert_eq!(counted, 2, "both keys number new rows on {backend:?}");
    conn.close().await.expect("close the connection");
}

/// `one_number` is the integer column `v` of the query's one row.
async fn one_number(conn: &DatabaseConnection, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .expect("run the query")
        .expect("one row");
    row.try_get::<i32>("", "v")
        .map(i64::from)
        .or_else(|_| row.try_get::<i64>("", "v"))
        .expect("an integer")
}

/// `edit_entities` applies `edit` to the copied project's entity source.
fn edit_entities(tiny: &Tiny, from: &str, to: &str) {
    let path = tiny.root().join("entity/src/lib.rs");
    let text = std::fs::read_to_string(&path).expect("read the entities");
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} once in the entities"
    );
    std::fs::write(&path, text.replace(from, to)).expect("write the entities");
}

/// Generated against MariaDB, the migrations are still the one file for every backend:
/// the first creates the enum type on PostgreSQL and an ENUM column on MariaDB, the
/// second adds a column; both apply and check clean on MariaDB and on PostgreSQL, and
/// `down` undoes the second on MariaDB. The server's own catalog (information_schema) is
/// read after each step.
#[tokio::test]
async fn a_second_project_generates_against_mariadb_applies_checks_and_rolls_back() {
    let tiny = Tiny::copy();
    tiny.build("no migrations");
    let maria = MariaDb::create("tiny").await;
    let url = maria.url();

    let (code, stdout) = tiny.run(&url, &["generate", "init"]);
    assert_eq!(code, Some(0), "generate init: {stdout}");
    let written = tiny.migrations();
    assert_eq!(written.len(), 1, "{written:?}");
    let source =
        std::fs::read_to_string(tiny.root().join("migration/src").join(&written[0])).unwrap();
    assert!(
        source.contains("db.enum_type(\"genre\", &[\"fiction\", \"poetry\"])"),
        "{source}"
    );
    assert!(
        source.contains(".as_enum(\"genre\")"),
        "the type for PostgreSQL: {source}"
    );
    assert!(
        source.contains("\"author_pkey\""),
        "the entities' key name: {source}"
    );

    tiny.build("with the first migration");
    let (code, stdout) = tiny.run(&url, &["up"]);
    assert_eq!(code, Some(0), "up: {stdout}");
    assert_rows_get_keys(&url).await;
    let (code, stdout) = tiny.run(&url, &["check"]);
    assert_eq!(code, Some(0), "check after the first migration: {stdout}");
    let catalog = maria.catalog().await;
    for line in [
        "book.genre enum('fiction','poetry') NO - ",
        "book.author_id int(11) NO - ",
        "author PRIMARY#1 id(-) unique",
        "author.id int(11) NO - auto_increment",
        "book.id int(11) NO - auto_increment",
    ] {
        assert!(
            catalog.iter().any(|l| l == line),
            "{line:?} in {catalog:#?}"
        );
    }

    edit_entities(
        &tiny,
        "        pub author_id: i32,\n",
        "        pub author_id: i32,\n        pub isbn: Option<String>,\n",
    );
    tiny.build("with isbn");
    let (code, stdout) = tiny.run(&url, &["check"]);
    assert_eq!(code, Some(1), "the new column is a difference: {stdout}");
    assert!(stdout.contains("isbn"), "{stdout}");
    let (code, stdout) = tiny.run(&url, &["generate", "isbn"]);
    assert_eq!(code, Some(0), "generate isbn: {stdout}");
    assert_eq!(tiny.migrations().len(), 2);
    tiny.build("with the second migration");
    let (code, stdout) = tiny.run(&url, &["up"]);
    assert_eq!(code, Some(0), "up: {stdout}");
    let (code, stdout) = tiny.run(&url, &["check"]);
    assert_eq!(code, Some(0), "check after the second migration: {stdout}");
    let catalog = maria.catalog().await;
    assert!(
        catalog
            .iter()
            .any(|l| l == "book.isbn varchar(255) YES NULL "),
        "{catalog:#?}"
    );

    // The same files on PostgreSQL.
    let pg = PgDatabase::create("tiny_from_maria").await;
    let (code, stdout) = tiny.run(&pg.url(), &["up"]);
    assert_eq!(code, Some(0), "up on PostgreSQL: {stdout}");
    assert_rows_get_keys(&pg.url()).await;
    let (code, stdout) = tiny.run(&pg.url(), &["check"]);
    assert_eq!(code, Some(0), "check on PostgreSQL: {stdout}");

    let (code, stdout) = tiny.run(&url, &["down"]);
    assert_eq!(code, Some(0), "down: {stdout}");
    let catalog = maria.catalog().await;
    assert!(
        !catalog.iter().any(|l| l.starts_with("book.isbn ")),
        "{catalog:#?}"
    );
    let (code, stdout) = tiny.run(&url, &["check"]);
    assert_eq!(
        code,
        Some(1),
        "after down the column is missing again: {stdout}"
    );
}
