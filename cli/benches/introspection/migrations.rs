//! `migrations` times the committed ctutor migrations: applying them all to an empty database,
//! then `up` again with nothing pending (what every deploy pays); on PostgreSQL or SQLite.

use migration::Migrator;
use sea_orm::ConnectionTrait;
use sea_orm_migration::MigratorTrait;

use crate::BenchResult;
use crate::databases::{BenchDb, SqliteFile};
use crate::timing::{Samples, time_async};

/// `MigrationTimes` are the two migration measurements over the runs.
#[derive(Default)]
pub struct MigrationTimes {
    pub apply_all: Samples,
    pub up_nothing_pending: Samples,
    pub migrations: usize,
}

/// `measure` applies the migrations to `runs` fresh databases and returns the times and the
/// last database, migrated, for the ctutor-schema measurements.
pub async fn measure(server_url: &str, runs: usize) -> BenchResult<(MigrationTimes, BenchDb)> {
    let mut times = MigrationTimes {
        migrations: Migrator::migrations().len(),
        ..MigrationTimes::default()
    };
    let mut last = None;
    for run in 0..runs {
        // The previous run's database is dropped before the next is made: one at a time.
        if let Some(previous) = last.take() {
            BenchDb::drop_now(previous).await?;
        }
        let bench = BenchDb::create(server_url, "ctutor").await?;
        let db = bench.connect().await?;
        let (applied, elapsed) = time_async(Migrator::up(&db, None)).await;
        applied?;
        times.apply_all.push(elapsed);
        let (again, elapsed) = time_async(Migrator::up(&db, None)).await;
        again?;
        times.up_nothing_pending.push(elapsed);
        // Statistics as on a server that has been running (autovacuum), as for the synthetic
        // schemas: without them the planner picks poor plans for catalog queries.
        db.execute_unprepared("ANALYZE").await?;
        db.close().await?;
        eprintln!("  migrations run {}/{runs} done", run + 1);
        last = Some(bench);
    }
    let bench = last.ok_or("--runs must be at least 1")?;
    Ok((times, bench))
}

/// `measure_sqlite` is `measure` on fresh SQLite files; it returns the last file, migrated.
pub async fn measure_sqlite(runs: usize) -> BenchResult<(MigrationTimes, SqliteFile)> {
    let mut times = MigrationTimes {
        migrations: Migrator::migrations().len(),
        ..MigrationTimes::default()
    };
    let mut last = None;
    for run in 0..runs {
        // Dropping the previous file removes it before the next is made.
        drop(last.take());
        let file = SqliteFile::create("ctutor")?;
        let db = file.connect().await?;
        let (applied, elapsed) = time_async(Migrator::up(&db, None)).await;
        applied?;
        times.apply_all.push(elapsed);
        let (again, elapsed) = time_async(Migrator::up(&db, None)).await;
        again?;
        times.up_nothing_pending.push(elapsed);
        db.close().await?;
        eprintln!("  migrations run {}/{runs} done", run + 1);
        last = Some(file);
    }
    let file = last.ok_or("--runs must be at least 1")?;
    Ok((times, file))
}
