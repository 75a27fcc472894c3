//! Throw-away databases: a PostgreSQL or MariaDB/MySQL database per test, or an SQLite file.

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// `pg_server_url` is the PostgreSQL server the tests use (`TEST_PG_URL`, default the local
/// server as user `postgres`), without a database name.
pub fn pg_server_url() -> String {
    std::env::var("TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// `PgDatabase` is a fresh database named `ct_<label>_<random>`, dropped on drop.
pub struct PgDatabase {
    pub name: String,
}

impl PgDatabase {
    /// `create` makes a new, empty database.
    pub async fn create(label: &str) -> PgDatabase {
        let name = format!(
            "ct_{label}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        let admin = admin().await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        PgDatabase { name }
    }

    /// `url` connects to this database.
    pub fn url(&self) -> String {
        format!("{}/{}", pg_server_url(), self.name)
    }

    /// `connect` opens a connection to this database.
    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url())
            .await
            .expect("connect to test database")
    }
}

async fn admin() -> DatabaseConnection {
    Database::connect(format!("{}/postgres", pg_server_url()))
        .await
        .expect("PostgreSQL must be running for the integration tests (see README)")
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside any runtime's async context: use a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                admin()
                    .await
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .map(|_| ())
                    .map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

/// `SqliteFile` is a fresh SQLite database file, removed on drop.
pub struct SqliteFile {
    pub path: PathBuf,
}

impl SqliteFile {
    pub fn new(label: &str) -> SqliteFile {
        let path = std::env::temp_dir().join(format!(
            "ct_{label}_{}.sqlite",
            uuid::Uuid::new_v4().simple()
        ));
        SqliteFile { path }
    }

    pub fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.path.display())
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// `mysql_server_url` is the MariaDB/MySQL server the tests use (`TEST_MYSQL_URL`, default the
/// local server as `root`), without a database name.
pub fn mysql_server_url() -> String {
    std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

/// `MariaDb` is a fresh MariaDB/MySQL database named `ct_<label>_<random>`, dropped on drop.
pub struct MariaDb {
    pub name: String,
}

impl MariaDb {
    /// `create` makes a new, empty database.
    pub async fn create(label: &str) -> MariaDb {
        let name = format!(
            "ct_{label}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        mysql_admin()
            .await
            .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        MariaDb { name }
    }

    /// `url` connects to this database.
    pub fn url(&self) -> String {
        format!("{}/{}", mysql_server_url(), self.name)
    }

    /// `connect` opens a connection to this database.
    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(self.url())
            .await
            .expect("connect to test database")
    }
}

async fn mysql_admin() -> DatabaseConnection {
    Database::connect(mysql_server_url())
        .await
        .expect("MariaDB must be running for the integration tests (see README)")
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside any runtime's async context: use a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = mysql_admin().await;
                let result = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
                    .await
                    .map(|_| ())
                    .map_err(std::io::Error::other);
                let _ = admin.close().await;
                result
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

impl MariaDb {
    /// `catalog` is the server's own description of the database: one line per column
    /// (`table.column type nullable default extra`) and per index part
    /// (`table index#seq column(sub_part) unique|plain`), from information_schema, sorted.
    pub async fn catalog(&self) -> Vec<String> {
        let conn = self.connect().await;
        let query = format!(
            "SELECT CONCAT(table_name, '.', column_name, ' ', column_type, ' ', is_nullable, ' ', \
             COALESCE(column_default, '-'), ' ', extra) AS line FROM information_schema.columns \
             WHERE table_schema = '{0}' \
             UNION ALL SELECT CONCAT(table_name, ' ', index_name, '#', seq_in_index, ' ', \
             column_name, '(', COALESCE(sub_part, '-'), ') ', IF(non_unique = 0, 'unique', 'plain')) \
             FROM information_schema.statistics WHERE table_schema = '{0}'",
            self.name
        );
        let rows = conn
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::MySql,
                query,
            ))
            .await
            .expect("read information_schema");
        let mut lines: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String>("", "line").expect("line"))
            .collect();
        lines.sort();
        conn.close().await.expect("close");
        lines
    }
}
