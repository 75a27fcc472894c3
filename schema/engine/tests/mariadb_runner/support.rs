//! Throw-away MariaDB databases for the runner tests, and reading counts from them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use schema_engine::runner;
use sea_orm_migration::sea_orm::sqlx::{self, Connection, MySqlConnection};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub fn server_url() -> String {
    std::env::var("TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

pub fn unique() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .subsec_nanos();
    format!(
        "{}_{nanos}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// `MariaDb` is a fresh database `ct_run_<label>_<unique>`, dropped on drop.
pub struct MariaDb {
    pub name: String,
}

impl MariaDb {
    pub async fn create(label: &str) -> MariaDb {
        let name = format!("ct_run_{label}_{}", unique());
        let mut admin = MySqlConnection::connect(&server_url())
            .await
            .expect("MariaDB must be running for these tests");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE `{name}`")))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let _ = admin.close().await;
        MariaDb { name }
    }

    pub fn url(&self) -> String {
        format!("{}/{}", server_url(), self.name)
    }

    pub async fn connect(&self) -> DatabaseConnection {
        runner::connect(&self.url(), None).await.expect("connect")
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS `{}`", self.name);
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| {
                    rt.block_on(async {
                        let Ok(mut admin) = MySqlConnection::connect(&server_url()).await else {
                            return false;
                        };
                        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                            .execute(&mut admin)
                            .await
                            .is_ok()
                    })
                })
                .unwrap_or(false)
        })
        .join();
        if !matches!(dropped, Ok(true)) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .expect("one row")
        .try_get::<i64>("", "n")
        .expect("n")
}

pub async fn tables(db: &DatabaseConnection, name: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT COUNT(*) AS n FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_name = '{name}'"
        ),
    )
    .await
}
