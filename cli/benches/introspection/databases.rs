//! `databases` creates the benchmark's throw-away PostgreSQL and MySQL/MariaDB databases and
//! SQLite files, and connects to them.

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// `BenchDb` is a fresh database named `ct_bench_<label>_<random>`. Call `drop_now`; if the
/// benchmark panics first, `Drop` still removes it.
pub struct BenchDb {
    server_url: String,
    pub name: String,
    dropped: bool,
}

/// `Server` is the kind of server a URL names, from its scheme: how to quote a database name
/// and where to connect to create or drop one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Server {
    Postgres,
    Mysql,
}

impl Server {
    fn of(server_url: &str) -> Server {
        match server_url.starts_with("mysql:") || server_url.starts_with("mariadb:") {
            true => Server::Mysql,
            false => Server::Postgres,
        }
    }

    fn quote(self, name: &str) -> String {
        match self {
            Server::Postgres => format!("\"{name}\""),
            Server::Mysql => format!("`{name}`"),
        }
    }
}

impl BenchDb {
    /// `create` makes a new, empty database on the server at `server_url` (PostgreSQL, or
    /// MySQL/MariaDB for a `mysql://` URL).
    pub async fn create(server_url: &str, label: &str) -> Result<BenchDb, DbErr> {
        let name = format!(
            "ct_bench_{label}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..10]
        );
        let admin = admin(server_url).await?;
        let quoted = Server::of(server_url).quote(&name);
        admin
            .execute_unprepared(&format!("CREATE DATABASE {quoted}"))
            .await?;
        admin.close().await?;
        Ok(BenchDb {
            server_url: server_url.to_owned(),
            name,
            dropped: false,
        })
    }

    /// `url` is the database's URL as the command line takes it.
    pub fn url(&self) -> String {
        format!("{}/{}", self.server_url, self.name)
    }

    /// `connect` opens a new pool on this database, the way the command line does.
    pub async fn connect(&self) -> Result<DatabaseConnection, DbErr> {
        connect(&format!("{}/{}", self.server_url, self.name)).await
    }

    /// `drop_now` drops the database (even if connections are still open).
    pub async fn drop_now(mut self) -> Result<(), DbErr> {
        self.dropped = true;
        drop_database(&self.server_url, &self.name).await
    }
}

impl Drop for BenchDb {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (url, name) = (self.server_url.clone(), self.name.clone());
        // Drop may run inside the runtime (unwinding): use a thread with a runtime of its own.
        let done = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .block_on(drop_database(&url, &name))
        })
        .join();
        if !matches!(done, Ok(Ok(()))) {
            eprintln!("warning: could not drop database {}", self.name);
        }
    }
}

async fn drop_database(server_url: &str, name: &str) -> Result<(), DbErr> {
    let admin = admin(server_url).await?;
    let server = Server::of(server_url);
    let quoted = server.quote(name);
    let drop = match server {
        Server::Postgres => format!("DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"),
        Server::Mysql => format!("DROP DATABASE IF EXISTS {quoted}"),
    };
    admin.execute_unprepared(&drop).await?;
    admin.close().await
}

/// `admin` connects to the server's maintenance database (PostgreSQL) or to no database
/// (MySQL), only to create and drop databases.
async fn admin(server_url: &str) -> Result<DatabaseConnection, DbErr> {
    match Server::of(server_url) {
        Server::Postgres => connect(&format!("{server_url}/postgres")).await,
        Server::Mysql => connect(server_url).await,
    }
}

/// `connect` opens a pool on `url` without statement logging, as the command line does, so
/// logging does not show up in the timings.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    Database::connect(options).await
}

/// `server_version` is the server's `version()` string (PostgreSQL or MySQL/MariaDB).
pub async fn server_version(db: &DatabaseConnection) -> Result<String, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "select version() as v",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("select version() returned no row".into()))?;
    row.try_get("", "v")
}

/// `SqliteFile` is a fresh SQLite database file, `bench.sqlite` in a new directory of its own
/// under the system's temporary directory (with the migration lock file, if one is made next to
/// it). `Drop` removes the directory.
pub struct SqliteFile {
    dir: std::path::PathBuf,
    pub path: std::path::PathBuf,
}

impl SqliteFile {
    /// `create` makes the directory; the file itself appears on the first connection.
    pub fn create(label: &str) -> std::io::Result<SqliteFile> {
        let dir = std::env::temp_dir().join(format!(
            "ct_bench_sqlite_{label}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..10]
        ));
        std::fs::create_dir(&dir)?;
        let path = dir.join("bench.sqlite");
        Ok(SqliteFile { dir, path })
    }

    /// `dir` is the directory the file is in.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// `url` is the file's URL as the command line takes it.
    pub fn url(&self) -> String {
        format!("sqlite://{}", self.path.display())
    }

    /// `connect` opens a new pool on the file (creating it if missing).
    pub async fn connect(&self) -> Result<DatabaseConnection, DbErr> {
        connect(&format!("{}?mode=rwc", self.url())).await
    }

    /// `size` is the file's size in bytes.
    pub fn size(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        if std::fs::remove_dir_all(&self.dir).is_err() {
            eprintln!("warning: could not remove {}", self.dir.display());
        }
    }
}

/// `sqlite_version` is the version of the SQLite library sqlx is built with.
pub async fn sqlite_version(db: &DatabaseConnection) -> Result<String, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "select sqlite_version() as v",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("select sqlite_version() returned no row".into()))?;
    row.try_get("", "v")
}
