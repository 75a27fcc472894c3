//! `introspection` benchmarks the schema engine against a real PostgreSQL server: connect,
//! introspection, diff against the entities, plan and render, at several schema sizes, side by
//! side with sea-schema 0.18's discovery on the same databases; and the ctutor migrations.
//! `--sqlite` does the same on SQLite files, `--mysql` on a MySQL/MariaDB server.
//!
//! `cargo bench -p cli --bench introspection [-- --tables 28,1000 --runs 5]`; see `args` for
//! the options and docs/performance.md for results. Each size gets a fresh database named
//! `ct_bench_…`, dropped afterwards. Progress goes to stderr, the Markdown report to stdout.

#[path = "introspection/args.rs"]
mod args;
#[path = "introspection/breakdown.rs"]
mod breakdown;
#[path = "introspection/databases.rs"]
mod databases;
#[path = "introspection/engine.rs"]
mod engine;
#[path = "introspection/memory.rs"]
mod memory;
#[path = "introspection/migrations.rs"]
mod migrations;
#[path = "introspection/mysql.rs"]
mod mysql;
#[path = "introspection/process.rs"]
mod process;
#[path = "introspection/report.rs"]
mod report;
#[path = "introspection/report_mysql.rs"]
mod report_mysql;
#[path = "introspection/sea.rs"]
mod sea;
#[path = "introspection/synthetic.rs"]
mod synthetic;
#[path = "introspection/timing.rs"]
mod timing;

use std::time::Instant;

use ctutor_cli::desired::{desired_renames, desired_schema};

use args::{Args, Size};
use databases::{BenchDb, SqliteFile};
use engine::Desired;
use migrations::MigrationTimes;
use report::{Machine, SizeResult};

// Counting every allocation costs a few atomic operations each; it is what lets the report
// say exactly how memory grows with the schema.
#[global_allocator]
static ALLOCATOR: memory::CountingAllocator = memory::CountingAllocator;

/// `BenchResult` carries any error up to `main`, which prints it.
pub type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

/// `SEA_SAMPLE_TABLES` is how many tables sea-schema's per-table cost is sampled on.
const SEA_SAMPLE_TABLES: usize = 30;

fn main() {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{}", args::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("{e}\n{}", args::USAGE);
            std::process::exit(2);
        }
    };
    if !args.benchmarking {
        eprintln!(
            "introspection: not run without --bench; use `cargo bench -p cli --bench introspection`"
        );
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    if let Err(e) = runtime.block_on(run(&args)) {
        eprintln!("benchmark failed: {e}");
        std::process::exit(1);
    }
}

async fn run(args: &Args) -> BenchResult<()> {
    let registry = entity::registry();
    let desired = Desired {
        schema: desired_schema(&registry)?,
        renames: desired_renames(&registry),
    };
    if args.mysql {
        return run_mysql(args, &desired).await;
    }
    let machine = match args.sqlite {
        true => machine_sqlite().await?,
        false => machine(&args.server_url).await?,
    };
    let mut migrations = None;
    let mut results = Vec::new();
    for &size in &args.sizes {
        let (result, times) = match args.sqlite {
            true => measure_sqlite(args, size, &desired).await?,
            false => measure_size(args, size, &desired).await?,
        };
        migrations = migrations.or(times);
        results.push(result);
    }
    let canonicalize_statements = engine::canonicalize_statements(&desired);
    report::print(
        &machine,
        args.runs,
        canonicalize_statements,
        migrations.as_ref(),
        &results,
    );
    Ok(())
}

/// `run_mysql` measures every size on the MySQL/MariaDB server and prints its report.
async fn run_mysql(args: &Args, desired: &Desired) -> BenchResult<()> {
    let machine = Machine {
        server: mysql::server(args).await?,
        ..host()
    };
    let mut results = Vec::new();
    for &size in &args.sizes {
        results.push(mysql::measure(args, size, desired).await?);
    }
    report_mysql::print(&machine, args.runs, &results);
    Ok(())
}

/// `measure_size` builds one schema in a fresh database, measures it and drops the database.
async fn measure_size(
    args: &Args,
    size: Size,
    desired: &Desired,
) -> BenchResult<(SizeResult, Option<MigrationTimes>)> {
    let (bench, label, times) = match size {
        Size::Ctutor => {
            eprintln!(
                "ctutor schema: applying the migrations ({} runs)",
                args.runs
            );
            let (times, bench) = migrations::measure(&args.server_url, args.runs).await?;
            (bench, "ctutor".to_owned(), Some(times))
        }
        Size::Synthetic(n) => {
            let bench = BenchDb::create(&args.server_url, &n.to_string()).await?;
            eprintln!("synthetic {n}: building in {}", bench.name);
            let started = Instant::now();
            let db = bench.connect().await?;
            synthetic::build(&db, n).await?;
            db.close().await?;
            eprintln!(
                "  built in {} (not timed)",
                timing::human(started.elapsed())
            );
            (bench, format!("synthetic {n}"), None)
        }
    };
    let mut result = SizeResult::new(label);
    for run in 0..args.runs {
        result.engine.push(engine::run_once(&bench, desired).await?);
        eprintln!("  engine run {}/{} done", run + 1, args.runs);
    }
    let db = bench.connect().await?;
    result.breakdown = breakdown::measure(&db).await?;
    db.close().await?;
    measure_sea(args, size, &bench, &mut result).await?;
    bench.drop_now().await?;
    Ok((result, times))
}

/// `measure_sea` runs sea-schema's full discovery where it finishes in reasonable time, and
/// samples its per-table cost on every synthetic schema (to extrapolate where it does not).
async fn measure_sea(
    args: &Args,
    size: Size,
    bench: &BenchDb,
    result: &mut SizeResult,
) -> BenchResult<()> {
    let db = bench.connect().await?;
    if let Size::Synthetic(n) = size {
        let tables: Vec<String> = (0..n).map(synthetic::table_name).collect();
        result.sea_estimate = Some(sea::estimate(&db, "public", &tables, SEA_SAMPLE_TABLES).await?);
    }
    let full = match size {
        Size::Ctutor => true,
        Size::Synthetic(n) => n <= args.sea_max,
    };
    if full {
        for run in 0..args.sea_runs {
            result.sea_full.push(sea::discover(&db, "public").await?);
            eprintln!("  sea-schema run {}/{} done", run + 1, args.sea_runs);
        }
    } else if let Some(e) = &result.sea_estimate {
        let why = format!(
            "skipped (would take ~{} at {} per 100 tables)",
            timing::human_long(e.total),
            timing::human(e.per_table * 100)
        );
        eprintln!("  sea-schema {why}");
        result.sea_skipped = Some(why);
    }
    db.close().await?;
    Ok(())
}

/// `measure_sqlite` builds one schema in a fresh SQLite file and measures, run by run and on
/// the same file: the engine, sea-schema's SQLite discovery, and a whole `cli diff` process
/// with a `cli --version` next to it. Alternating the three puts each run of them under the
/// same load on a shared machine, so their ratios hold even when absolute times move.
async fn measure_sqlite(
    args: &Args,
    size: Size,
    desired: &Desired,
) -> BenchResult<(SizeResult, Option<MigrationTimes>)> {
    let (file, label, times) = match size {
        Size::Ctutor => {
            eprintln!(
                "ctutor schema on SQLite: applying the migrations ({} runs)",
                args.runs
            );
            let (times, file) = migrations::measure_sqlite(args.runs).await?;
            (file, "ctutor".to_owned(), Some(times))
        }
        Size::Synthetic(n) => {
            let file = SqliteFile::create(&n.to_string())?;
            eprintln!("synthetic {n}: building {}", file.path.display());
            let started = Instant::now();
            let db = file.connect().await?;
            synthetic::build_sqlite(&db, n).await?;
            db.close().await?;
            eprintln!(
                "  built in {} (not timed)",
                timing::human(started.elapsed())
            );
            (file, format!("synthetic {n}"), None)
        }
    };
    let mut result = SizeResult::new(label);
    result.file_bytes = file.size();
    let sea = match size {
        Size::Synthetic(n) if n > args.sea_max => None,
        _ => {
            let db = file.connect().await?;
            let counts = sea::count_sqlite(&db).await?;
            db.close().await?;
            Some(counts)
        }
    };
    let url = file.url();
    for run in 0..args.runs {
        result
            .engine
            .push(engine::run_once_sqlite(&file, desired).await?);
        if let Some(counts) = sea {
            // A new connection, as for the engine: both pay for reading the file's schema.
            let db = file.connect().await?;
            result
                .sea_full
                .push(sea::discover_sqlite(&db, counts).await?);
            db.close().await?;
        }
        result.process.push(process::diff(&url, file.dir())?);
        result
            .process_floor
            .push(process::version(file.dir())?.elapsed);
        eprintln!("  run {}/{} done", run + 1, args.runs);
    }
    if sea.is_none() {
        result.sea_skipped = Some(format!("skipped (above --sea-max {})", args.sea_max));
    }
    Ok((result, times))
}

/// `machine_sqlite` is `machine` with the SQLite library's version.
async fn machine_sqlite() -> BenchResult<Machine> {
    let db = databases::connect("sqlite::memory:").await?;
    let version = databases::sqlite_version(&db).await?;
    db.close().await?;
    Ok(Machine {
        server: version,
        sqlite: true,
        ..host()
    })
}

/// `machine` describes where the benchmark runs: CPUs, memory, PostgreSQL version.
async fn machine(server_url: &str) -> BenchResult<Machine> {
    let db = databases::connect(&format!("{server_url}/postgres")).await?;
    let postgres = databases::server_version(&db).await?;
    db.close().await?;
    Ok(Machine {
        server: postgres,
        ..host()
    })
}

/// `host` is the machine's CPUs and memory.
fn host() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu_model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or("unknown".to_owned(), |kb| {
            format!("{:.1} GiB", kb / 1024.0 / 1024.0)
        });
    Machine {
        cpus: std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model,
        memory,
        server: String::new(),
        sqlite: false,
    }
}
