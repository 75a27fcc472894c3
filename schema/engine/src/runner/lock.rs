//! The migration lock: one process at a time changes a database's schema.
//!
//! PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) on a connection of its
//! own, taken out of the pool. That connection stays idle, outside any transaction, for the
//! whole run. This matters for statements that cannot run in a transaction:
//! `CREATE INDEX CONCURRENTLY` waits for every transaction that holds a snapshot, and
//! `ALTER TYPE … ADD VALUE` must commit on its own, so a lock held *inside* a transaction
//! (`pg_advisory_xact_lock`) or taken on the migration connection itself would make them wait
//! for the runner's own lock forever. An idle session holding an advisory lock has no
//! snapshot and no transaction, so nothing waits for it. If the process dies, the server
//! ends the session and releases the lock with it.
//!
//! MySQL/MariaDB: a named user lock (`GET_LOCK(name, 0)`, polled) on a connection of its
//! own, detached from the pool that runs the migrations, released with `RELEASE_LOCK`. Such
//! locks are server-wide, so the name ([`mysql_lock_name`]) combines the project's lock name
//! with the database's. The server releases it when the connection ends (the process dies).
//!
//! SQLite: an exclusive OS file lock (`std::fs::File::try_lock`) on `<database file>.lock`,
//! which records the holder's pid. An in-memory database is private to its process and needs
//! no lock.
//!
//! Both are polled every 250 ms until the timeout; waiting is announced once, on stdout, so
//! stderr carries nothing but the one error line when the wait times out.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sea_orm_migration::sea_orm::sqlx::{self, Connection, MySqlConnection, PgConnection};
use sea_orm_migration::sea_orm::{DatabaseConnection, DbBackend};
use sha2::{Digest, Sha256};

use super::RunnerError;

const POLL: Duration = Duration::from_millis(250);

/// `MigrationLock` is the held lock; [`MigrationLock::release`] gives it back. Dropped
/// without `release` (a panic), it is still released: the connection or file closes.
#[derive(Debug)]
pub struct MigrationLock {
    held: Held,
    /// The PostgreSQL advisory lock key (see [`lock_key`]).
    key: i64,
}

#[derive(Debug)]
enum Held {
    Postgres(PgConnection),
    MySql { conn: MySqlConnection, name: String },
    File { file: File, path: PathBuf },
    Private,
}

impl MigrationLock {
    /// `acquire` takes the lock named `name` (a project's
    /// [`TrackedMigrator::lock_name`](super::TrackedMigrator::lock_name)) for the database
    /// `db` is connected to, waiting at most `timeout`. On SQLite the lock is the database
    /// file's own, whatever the name.
    pub async fn acquire(
        db: &DatabaseConnection,
        name: &str,
        timeout: Duration,
    ) -> Result<MigrationLock, RunnerError> {
        let key = lock_key(name);
        let held = match db.get_database_backend() {
            DbBackend::Postgres => postgres_lock(db, key, timeout).await?,
            DbBackend::Sqlite => match sqlite_lock_path(db) {
                Some(path) => file_lock(path, timeout).await?,
                None => Held::Private,
            },
            DbBackend::MySql => mysql_lock(db, name, timeout).await?,
            #[allow(unreachable_patterns)]
            other => return Err(RunnerError::UnsupportedBackend(other.as_str())),
        };
        Ok(MigrationLock { held, key })
    }

    /// `release` gives the lock back.
    pub async fn release(self) -> Result<(), RunnerError> {
        match self.held {
            Held::Postgres(mut conn) => {
                let released: bool = sqlx::query_scalar("select pg_advisory_unlock($1)")
                    .bind(self.key)
                    .fetch_one(&mut conn)
                    .await
                    .map_err(lock_error)?;
                conn.close().await.map_err(lock_error)?;
                if !released {
                    return Err(RunnerError::Lock(
                        "the lock was no longer held when it was released (was the connection reset?)"
                            .into(),
                    ));
                }
                Ok(())
            }
            Held::MySql { mut conn, name } => {
                let released: Option<i64> = sqlx::query_scalar("SELECT RELEASE_LOCK(?)")
                    .bind(&name)
                    .fetch_one(&mut conn)
                    .await
                    .map_err(lock_error)?;
                conn.close().await.map_err(lock_error)?;
                if released != Some(1) {
                    return Err(RunnerError::Lock(
                        "the lock was no longer held when it was released (was the connection reset?)"
                            .into(),
                    ));
                }
                Ok(())
            }
            Held::File { file, path } => {
                // Removed while still locked: a waiter that opened the old file notices the
                // path now names another file (or none) and opens it again (`file_lock`).
                if cfg!(unix) {
                    let _ = std::fs::remove_file(&path);
                }
                drop(file);
                Ok(())
            }
            Held::Private => Ok(()),
        }
    }
}

/// `lock_key` is the PostgreSQL advisory lock key: the first 8 bytes of SHA-256 of
/// the lock's `name`. A fixed key rather than `hashtext(…)`, whose value is an undocumented
/// PostgreSQL internal: every version of the runner and of PostgreSQL agrees on it. It needs
/// no database name in it, since advisory locks belong to the current database; and it
/// leaves the schema out on purpose: extensions and the server's catalogs are shared by all
/// schemas of a database, so migrations of two schemas are serialized too.
pub fn lock_key(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

async fn postgres_lock(
    db: &DatabaseConnection,
    key: i64,
    timeout: Duration,
) -> Result<Held, RunnerError> {
    // Detached: the pool neither reuses nor recycles it (an idle pooled connection can be
    // closed by the pool, which would release the lock silently).
    let mut conn = db
        .get_postgres_connection_pool()
        .acquire()
        .await
        .map_err(lock_error)?
        .detach();
    let mut wait = Wait::new(timeout);
    loop {
        let got: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
            .bind(key)
            .fetch_one(&mut conn)
            .await
            .map_err(lock_error)?;
        if got {
            return Ok(Held::Postgres(conn));
        }
        if wait.must_announce_or_give_up() {
            let holder = postgres_holder(&mut conn, key).await;
            if let Err(e) = wait.announce_or_give_up(holder) {
                let _ = conn.close().await;
                return Err(e);
            }
        }
        tokio::time::sleep(wait.next_pause()).await;
    }
}

/// `mysql_lock_name` is the MySQL/MariaDB user lock name for the project lock `name` in
/// `database`: user locks are server-wide, so the database is part of it, and hashed with the
/// name to stay within the 64 characters the server allows.
pub fn mysql_lock_name(name: &str, database: &str) -> String {
    format!(
        "schema_engine_migrations_{:016x}",
        lock_key(&format!("{name}\0{database}"))
    )
}

async fn mysql_lock(
    db: &DatabaseConnection,
    name: &str,
    timeout: Duration,
) -> Result<Held, RunnerError> {
    // Detached, as on PostgreSQL: the pool must never recycle the connection holding it.
    let mut conn = db
        .get_mysql_connection_pool()
        .acquire()
        .await
        .map_err(lock_error)?
        .detach();
    let database: Option<String> = sqlx::query_scalar("SELECT DATABASE()")
        .fetch_one(&mut conn)
        .await
        .map_err(lock_error)?;
    let lock = mysql_lock_name(name, database.as_deref().unwrap_or_default());
    let mut wait = Wait::new(timeout);
    loop {
        // 1: taken; 0: held by another session; NULL: an error (killed).
        let got: Option<i64> = sqlx::query_scalar("SELECT GET_LOCK(?, 0)")
            .bind(&lock)
            .fetch_one(&mut conn)
            .await
            .map_err(lock_error)?;
        if got == Some(1) {
            return Ok(Held::MySql { conn, name: lock });
        }
        if wait.must_announce_or_give_up() {
            let holder: Result<Option<i64>, sqlx::Error> =
                sqlx::query_scalar("SELECT IS_USED_LOCK(?)")
                    .bind(&lock)
                    .fetch_one(&mut conn)
                    .await;
            let holder = match holder {
                Ok(Some(id)) => format!("held by connection id {id}"),
                _ => "held by another session".into(),
            };
            if let Err(e) = wait.announce_or_give_up(holder) {
                let _ = conn.close().await;
                return Err(e);
            }
        }
        tokio::time::sleep(wait.next_pause()).await;
    }
}

/// `postgres_holder` describes who holds the lock, from `pg_locks` (a 64-bit advisory key is
/// stored as classid = high half, objid = low half, objsubid = 1).
async fn postgres_holder(conn: &mut PgConnection, key: i64) -> String {
    let bits = key as u64;
    let pid: Result<Option<i32>, sqlx::Error> = sqlx::query_scalar(
        "select pid from pg_locks where locktype = 'advisory' and granted \
         and database = (select oid from pg_database where datname = current_database()) \
         and classid = $1::bigint::oid and objid = $2::bigint::oid and objsubid = 1 limit 1",
    )
    .bind((bits >> 32) as i64)
    .bind((bits & 0xffff_ffff) as i64)
    .fetch_optional(conn)
    .await;
    match pid {
        Ok(Some(pid)) => format!("held by pid {pid}"),
        _ => "held by another session".into(),
    }
}

/// `sqlite_lock_path` is `<database file>.lock`, or `None` for an in-memory database.
fn sqlite_lock_path(db: &DatabaseConnection) -> Option<PathBuf> {
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    // An in-memory database has a made-up name and no file.
    file.is_file().then(|| {
        let mut name = file.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    })
}

async fn file_lock(path: PathBuf, timeout: Duration) -> Result<Held, RunnerError> {
    let io_error = |e: std::io::Error| RunnerError::Lock(format!("{}: {e}", path.display()));
    let mut wait = Wait::new(timeout);
    loop {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) if names_this_file(&path, &file) => {
                file.set_len(0).map_err(io_error)?;
                write!(file, "{}", std::process::id()).map_err(io_error)?;
                return Ok(Held::File { file, path });
            }
            // The holder removed the file on release after this one opened it: try again
            // with whatever the path names now.
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(io_error(e)),
        }
        if wait.must_announce_or_give_up() {
            let mut pid = String::new();
            let holder = match file.read_to_string(&mut pid) {
                Ok(_) if !pid.trim().is_empty() => format!("held by pid {}", pid.trim()),
                _ => "held by another process".into(),
            };
            wait.announce_or_give_up(holder)?;
        }
        tokio::time::sleep(wait.next_pause()).await;
    }
}

/// `names_this_file` is true when `path` still names the open `file`.
#[cfg(unix)]
fn names_this_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `names_this_file`: elsewhere the lock file is never removed, so the path always names it.
#[cfg(not(unix))]
fn names_this_file(_path: &Path, _file: &File) -> bool {
    true
}

fn lock_error(e: sqlx::Error) -> RunnerError {
    RunnerError::Lock(e.to_string())
}

/// `Wait` is the polling schedule: when to say that we wait, and when to give up.
struct Wait {
    start: Instant,
    timeout: Duration,
    announced: bool,
}

impl Wait {
    fn new(timeout: Duration) -> Self {
        Wait {
            start: Instant::now(),
            timeout,
            announced: false,
        }
    }

    /// `must_announce_or_give_up` is true the first time the lock is busy and once the
    /// timeout has passed: the two moments the holder is looked up.
    fn must_announce_or_give_up(&self) -> bool {
        !self.announced || self.start.elapsed() >= self.timeout
    }

    fn announce_or_give_up(&mut self, holder: String) -> Result<(), RunnerError> {
        if self.start.elapsed() >= self.timeout {
            return Err(RunnerError::LockTimeout {
                seconds: self.timeout.as_secs(),
                holder,
            });
        }
        if !self.announced {
            println!(
                "waiting for the migration lock ({holder}) for at most {}s …",
                self.timeout.as_secs()
            );
            self.announced = true;
        }
        Ok(())
    }

    fn next_pause(&self) -> Duration {
        POLL.min(self.timeout.saturating_sub(self.start.elapsed()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_fixed() {
        assert_eq!(lock_key("a-project"), lock_key("a-project"));
        assert_ne!(lock_key("a-project"), lock_key("another-project"));
        assert_ne!(lock_key("a-project"), 0);
        let name = mysql_lock_name("a-project", "app");
        assert_eq!(name, mysql_lock_name("a-project", "app"));
        assert_ne!(name, mysql_lock_name("a-project", "other_app"));
        assert!(name.len() <= 64, "{name}");
    }

    #[tokio::test]
    async fn a_held_file_lock_times_out_and_a_released_one_is_free() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("ct_lock_{}_{nanos}.lock", std::process::id()));
        let first = file_lock(path.clone(), Duration::ZERO).await.expect("free");
        let second = file_lock(path.clone(), Duration::from_millis(300)).await;
        assert!(
            matches!(second, Err(RunnerError::LockTimeout { ref holder, .. }) if holder.contains(&std::process::id().to_string())),
            "{second:?}"
        );
        MigrationLock {
            held: first,
            key: 0,
        }
        .release()
        .await
        .expect("release");
        let third = file_lock(path.clone(), Duration::ZERO)
            .await
            .expect("free again");
        MigrationLock {
            held: third,
            key: 0,
        }
        .release()
        .await
        .expect("release");
        assert!(!path.exists(), "the lock file is removed on release");
    }
}
