//! `mysql` measures a MySQL/MariaDB server (`--mysql`): on one synthetic database per size,
//! run by run, our `introspect_mysql` on a new connection, then sea-schema's MySQL discovery
//! on a new connection, then a whole `cli -u mysql://… diff` process. Alternating them puts
//! each run of the three under the same load, so their ratios hold on a shared machine. Each
//! of the introspector's queries is also timed alone, once per size.

use std::time::{Duration, Instant};

use ctutor_cli::backend::{Canonicalize, Capabilities, Mysql};
use ctutor_cli::diff::diff;
use ctutor_cli::introspect::{IntrospectStats, introspect_mysql_with_stats};
use ctutor_cli::plan::Plan;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

use crate::BenchResult;
use crate::args::{Args, Size};
use crate::databases::{BenchDb, server_version};
use crate::engine::Desired;
use crate::memory::{Probe, Usage};
use crate::process::{self, ProcessRun};
use crate::sea::{self, Discovery};
use crate::synthetic;
use crate::timing::time_async;

/// `QUERIES` are the introspector's `information_schema` queries in the order it runs them
/// (the MariaDB texts; MySQL 8 runs the `_mysql` twins of two of them).
const QUERIES: [(&str, &str); 7] = [
    (
        "server",
        include_str!("../../../schema/engine/src/introspect/mysql/server.sql"),
    ),
    (
        "tables",
        include_str!("../../../schema/engine/src/introspect/mysql/tables.sql"),
    ),
    (
        "columns",
        include_str!("../../../schema/engine/src/introspect/mysql/columns.sql"),
    ),
    (
        "referential constraints",
        include_str!("../../../schema/engine/src/introspect/mysql/referential_constraints.sql"),
    ),
    (
        "key columns",
        include_str!("../../../schema/engine/src/introspect/mysql/key_columns.sql"),
    ),
    (
        "checks",
        include_str!("../../../schema/engine/src/introspect/mysql/checks_mariadb.sql"),
    ),
    (
        "statistics",
        include_str!("../../../schema/engine/src/introspect/mysql/statistics_mariadb.sql"),
    ),
];

/// `MysqlRun` is one run of the three on one database.
pub struct MysqlRun {
    pub connect: Duration,
    pub introspect: Duration,
    /// The part of the entities' schema MySQL holds, created in a throw-away database on the
    /// same server and read back, as `cli diff` does.
    pub canonicalize: Duration,
    /// Diff against the entities and plan.
    pub diff_plan: Duration,
    pub changes: usize,
    pub stats: IntrospectStats,
    pub tables: usize,
    pub columns: usize,
    pub memory: Usage,
    pub sea: Discovery,
    pub process: Option<ProcessRun>,
    pub process_floor: Option<Duration>,
}

/// `MysqlResult` is everything measured on one schema.
pub struct MysqlResult {
    pub label: String,
    pub runs: Vec<MysqlRun>,
    /// Each introspection query alone: name, rows, client time.
    pub breakdown: Vec<(&'static str, usize, Duration)>,
    /// Why `cli diff` did not run, if it did not (its error line).
    pub process_error: Option<String>,
}

/// `server` is the MySQL/MariaDB server's version string.
pub async fn server(args: &Args) -> BenchResult<String> {
    let db = crate::databases::connect(&args.server_url).await?;
    let version = server_version(&db).await?;
    db.close().await?;
    Ok(version)
}

/// `measure` builds the synthetic schema of `size` in a fresh database, measures it and drops
/// the database.
pub async fn measure(args: &Args, size: Size, desired: &Desired) -> BenchResult<MysqlResult> {
    let Size::Synthetic(n) = size else {
        return Err("--mysql measures synthetic schemas only".into());
    };
    let bench = BenchDb::create(&args.server_url, &n.to_string()).await?;
    eprintln!("synthetic {n} on MySQL/MariaDB: building in {}", bench.name);
    let started = Instant::now();
    let db = bench.connect().await?;
    synthetic::build_mysql(&db, n).await?;
    db.close().await?;
    eprintln!(
        "  built in {} (not timed)",
        crate::timing::human(started.elapsed())
    );
    let mut result = MysqlResult {
        label: format!("synthetic {n}"),
        runs: Vec::new(),
        breakdown: Vec::new(),
        process_error: None,
    };
    let url = bench.url();
    let dir = std::env::temp_dir();
    for run in 0..args.runs {
        let mut one = engine_run(&bench, desired).await?;
        if result.process_error.is_none() {
            match process::diff(&url, &dir) {
                Ok(p) => {
                    one.process = Some(p);
                    one.process_floor = Some(process::version(&dir)?.elapsed);
                }
                Err(e) => {
                    eprintln!("  cli diff did not run: {e}");
                    result.process_error = Some(e.to_string());
                }
            }
        }
        result.runs.push(one);
        eprintln!("  run {}/{} done", run + 1, args.runs);
    }
    let db = bench.connect().await?;
    result.breakdown = breakdown(&db, &bench.name).await?;
    db.close().await?;
    bench.drop_now().await?;
    Ok(result)
}

/// `engine_run` times the engine's steps of a `cli diff` (introspection, canonicalizing the
/// entities' schema, diff and plan), then sea-schema's discovery, each on a new connection,
/// as a new process would make one.
async fn engine_run(bench: &BenchDb, desired: &Desired) -> BenchResult<MysqlRun> {
    let (db, connect) = time_async(bench.connect()).await;
    let db = db?;
    let probe = Probe::start();
    let (live, introspect) = time_async(introspect_mysql_with_stats(&db)).await;
    let (live, stats) = live?;
    let memory = probe.finish();
    let (canonical, canonicalize) = time_async(async {
        let held = Mysql.hold(&desired.schema).schema;
        Mysql.canonical_desired(&db, &held).await
    })
    .await;
    let canonical = canonical?;
    let started = Instant::now();
    let changes = diff(&live, &canonical, &desired.renames).changes;
    let change_count = changes.len();
    let _plan = Plan::new(changes);
    let diff_plan = started.elapsed();
    db.close().await?;

    let db = bench.connect().await?;
    let sea = sea::discover_mysql(&db, &bench.name).await?;
    db.close().await?;
    Ok(MysqlRun {
        connect,
        introspect,
        canonicalize,
        diff_plan,
        changes: change_count,
        stats,
        tables: live.tables.len(),
        columns: live.tables.iter().map(|t| t.columns.len()).sum(),
        memory,
        sea,
        process: None,
        process_floor: None,
    })
}

/// `breakdown` runs each introspection query alone on `db`, timed from the client.
async fn breakdown(
    db: &DatabaseConnection,
    database: &str,
) -> BenchResult<Vec<(&'static str, usize, Duration)>> {
    let mut out = Vec::with_capacity(QUERIES.len());
    for (name, sql) in QUERIES {
        let values = vec![Value::from(database); sql.matches('?').count()];
        let statement = Statement::from_sql_and_values(DbBackend::MySql, sql, values);
        let (rows, client) = time_async(db.query_all_raw(statement)).await;
        out.push((name, rows?.len(), client));
    }
    Ok(out)
}
