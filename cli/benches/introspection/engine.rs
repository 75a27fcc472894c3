//! `engine` times the schema engine's pipeline as the command line runs it: connect,
//! introspect, canonicalize the entities' desired schema, diff, plan, render; on PostgreSQL
//! (`run_once`) or on an SQLite file (`run_once_sqlite`).

use std::time::Duration;

use ctutor_cli::backend::{Canonicalize, Capabilities, Sqlite};
use ctutor_cli::diff::{Renames, create_all, diff};
use ctutor_cli::introspect::{IntrospectStats, introspect_postgres, introspect_sqlite};
use ctutor_cli::model::Schema;
use ctutor_cli::normalize::canonical_desired;
use ctutor_cli::plan::Plan;
use ctutor_cli::render::render_migration;
use ctutor_cli::sql;

use crate::BenchResult;
use crate::databases::{BenchDb, SqliteFile};
use crate::memory::{Probe, Usage};
use crate::timing::{time, time_async};

/// `Desired` is what the entities declare, computed once: the input of every diff.
pub struct Desired {
    pub schema: Schema,
    pub renames: Renames,
}

/// `EngineRun` is one run of the pipeline on one database.
pub struct EngineRun {
    pub connect: Duration,
    pub introspect: Duration,
    pub canonicalize: Duration,
    pub diff: Duration,
    pub plan: Duration,
    pub render: Duration,
    pub stats: IntrospectStats,
    pub tables: usize,
    pub columns: usize,
    /// Changes in the diff (zero when the database matches the entities).
    pub changes: usize,
    /// Size of the rendered migration file.
    pub rendered_bytes: usize,
    /// Memory of the introspection step (the live schema model it builds).
    pub memory: Usage,
}

/// `run_once` runs the pipeline on a new connection, so every run pays what a fresh `cli`
/// process pays (a new backend with cold catalog caches), not a warmed-up pool's cost.
pub async fn run_once(bench: &BenchDb, desired: &Desired) -> BenchResult<EngineRun> {
    let (db, connect) = time_async(bench.connect()).await;
    let db = db?;

    let probe = Probe::start();
    let (live, introspect) = time_async(introspect_postgres(&db, "public")).await;
    let (live, stats) = live?;
    let memory = probe.finish();

    let (canonical, canonicalize) = time_async(canonical_desired(&db, &desired.schema)).await;
    let canonical = canonical?;
    db.close().await?;
    Ok(finish(
        desired,
        live,
        stats,
        memory,
        canonical,
        connect,
        introspect,
        canonicalize,
    ))
}

/// `run_once_sqlite` is `run_once` on an SQLite file, as `cli diff` compares one: the part of
/// the entities' schema SQLite holds, canonicalized in a throw-away in-memory database.
pub async fn run_once_sqlite(file: &SqliteFile, desired: &Desired) -> BenchResult<EngineRun> {
    let (db, connect) = time_async(file.connect()).await;
    let db = db?;

    let probe = Probe::start();
    let (live, introspect) = time_async(introspect_sqlite(&db)).await;
    let (live, stats) = live?;
    let memory = probe.finish();

    let (canonical, canonicalize) = time_async(async {
        let held = Sqlite.hold(&desired.schema).schema;
        Sqlite.canonical_desired(&db, &held).await
    })
    .await;
    let canonical = canonical?;
    db.close().await?;
    Ok(finish(
        desired,
        live,
        stats,
        memory,
        canonical,
        connect,
        introspect,
        canonicalize,
    ))
}

/// `finish` diffs, plans and renders, and puts the run together.
#[allow(clippy::too_many_arguments)]
fn finish(
    desired: &Desired,
    live: Schema,
    stats: IntrospectStats,
    memory: Usage,
    canonical: Schema,
    connect: Duration,
    introspect: Duration,
    canonicalize: Duration,
) -> EngineRun {
    let (changes, diff_time) = time(|| diff(&live, &canonical, &desired.renames));
    let change_count = changes.changes.len();
    let (plan, plan_time) = time(|| Plan::new(changes.changes));
    let (rendered, render) =
        time(|| render_migration("m20260101_000000_benchmark", "benchmark", &plan));

    EngineRun {
        connect,
        introspect,
        canonicalize,
        diff: diff_time,
        plan: plan_time,
        render,
        stats,
        tables: live.tables.len(),
        columns: live.tables.iter().map(|t| t.columns.len()).sum(),
        changes: change_count,
        rendered_bytes: rendered.source.len(),
        memory,
    }
}

/// `canonicalize_statements` is how many DDL statements canonicalizing the desired schema
/// sends (it creates the whole schema in a scratch schema, then rolls back): its cost does not
/// depend on the live database's size.
pub fn canonicalize_statements(desired: &Desired) -> usize {
    Plan::new(create_all(&desired.schema))
        .up
        .iter()
        .map(|change| sql::statements(change).len())
        .sum()
}
