//! `report` prints the results as Markdown tables (stdout), ready for docs/performance.md.

use std::time::Duration;

use crate::breakdown::QueryCost;
use crate::engine::EngineRun;
use crate::memory::{kib, mib};
use crate::migrations::MigrationTimes;
use crate::process::ProcessRun;
use crate::sea::{Discovery, Estimate};
use crate::timing::{Samples, human, human_long};

/// `SizeResult` is everything measured on one schema.
pub struct SizeResult {
    /// `ctutor` or `synthetic N`.
    pub label: String,
    pub engine: Vec<EngineRun>,
    pub sea_full: Vec<Discovery>,
    pub sea_estimate: Option<Estimate>,
    /// Why sea-schema's full discovery did not run, if it did not.
    pub sea_skipped: Option<String>,
    /// The introspector's catalog queries, one by one (PostgreSQL).
    pub breakdown: Vec<QueryCost>,
    /// Whole `cli diff` processes (SQLite), one per engine run.
    pub process: Vec<ProcessRun>,
    /// `cli --version` processes alongside them: the cost of a process that does nothing.
    pub process_floor: Samples,
    /// Size of the database file (SQLite).
    pub file_bytes: u64,
}

impl SizeResult {
    /// `new` is an empty result for the schema called `label`.
    pub fn new(label: String) -> SizeResult {
        SizeResult {
            label,
            engine: Vec::new(),
            sea_full: Vec::new(),
            sea_estimate: None,
            sea_skipped: None,
            breakdown: Vec::new(),
            process: Vec::new(),
            process_floor: Samples::default(),
            file_bytes: 0,
        }
    }
}

/// `Machine` is where the numbers come from.
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory: String,
    /// The PostgreSQL server's `version()`, or the SQLite library's version.
    pub server: String,
    /// Whether the databases are SQLite files.
    pub sqlite: bool,
}

impl SizeResult {
    fn samples(&self, f: impl Fn(&EngineRun) -> Duration) -> Samples {
        let mut s = Samples::default();
        self.engine.iter().for_each(|r| s.push(f(r)));
        s
    }

    fn sea_samples(&self) -> Samples {
        let mut s = Samples::default();
        self.sea_full.iter().for_each(|d| s.push(d.elapsed));
        s
    }

    fn process_samples(&self) -> Samples {
        let mut s = Samples::default();
        self.process.iter().for_each(|p| s.push(p.elapsed));
        s
    }

    /// `paired_ratios` is sea-schema's time over ours run by run, lowest and highest, when the
    /// two ran alternately (one sea-schema discovery after each engine run).
    fn paired_ratios(&self) -> Option<(f64, f64)> {
        if self.sea_full.len() != self.engine.len() || self.engine.is_empty() {
            return None;
        }
        let ratios = self
            .engine
            .iter()
            .zip(&self.sea_full)
            .map(|(e, d)| d.elapsed.as_secs_f64() / e.introspect.as_secs_f64().max(1e-9));
        Some(ratios.fold((f64::INFINITY, 0.0), |(lo, hi), r| (lo.min(r), hi.max(r))))
    }
}

/// `print` writes the whole report.
pub fn print(
    machine: &Machine,
    runs: usize,
    canonicalize_statements: usize,
    migrations: Option<&MigrationTimes>,
    sizes: &[SizeResult],
) {
    println!("## Machine\n");
    println!("- CPU: {} × {}", machine.cpus, machine.cpu_model);
    println!("- Memory: {}", machine.memory);
    match machine.sqlite {
        true => println!(
            "- SQLite {} (sqlx's bundled library), files in the temporary directory",
            machine.server
        ),
        false => println!("- Server: {}", machine.server),
    }
    println!("- Runs per size: {runs}; times are min / median\n");
    print_engine(sizes);
    match machine.sqlite {
        true => println!(
            "Canonicalize: the part of the entities' schema SQLite holds, created in a throw-away \
             in-memory database and introspected (4 queries).\n"
        ),
        false => println!(
            "Canonicalize: the entities' schema created in a scratch schema ({canonicalize_statements} \
             DDL statements), introspected (8 queries) and rolled back, in one transaction.\n"
        ),
    }
    if sizes.iter().any(|s| !s.breakdown.is_empty()) {
        print_breakdown(sizes);
    }
    print_sea(sizes);
    if sizes.iter().any(|s| !s.process.is_empty()) {
        print_process(sizes);
    }
    print_memory(sizes);
    if let Some(m) = migrations {
        print_migrations(m);
    }
}

fn print_engine(sizes: &[SizeResult]) {
    println!("## Schema engine (introspection, diff against the entities)\n");
    println!(
        "| schema | tables | columns | connect | introspect | queries | rows | canonicalize | diff | plan | render | changes | rendered |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.engine.last() else {
            continue;
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.label,
            last.tables,
            last.columns,
            s.samples(|r| r.connect).cell(),
            s.samples(|r| r.introspect).cell(),
            last.stats.queries,
            last.stats.rows,
            s.samples(|r| r.canonicalize).cell(),
            s.samples(|r| r.diff).cell(),
            s.samples(|r| r.plan).cell(),
            s.samples(|r| r.render).cell(),
            last.changes,
            kib(last.rendered_bytes as f64),
        );
    }
    println!();
}

fn print_breakdown(sizes: &[SizeResult]) {
    println!("## Where introspection time goes (one cold connection per size)\n");
    print!("| query |");
    sizes
        .iter()
        .for_each(|s| print!(" {}: rows | server | client |", s.label));
    print!("\n|---|");
    sizes.iter().for_each(|_| print!("--:|--:|--:|"));
    println!();
    let queries = sizes.first().map_or(0, |s| s.breakdown.len());
    for q in 0..queries {
        print!("| {} |", sizes[0].breakdown[q].name);
        for s in sizes {
            let c = &s.breakdown[q];
            let server = c.server.map_or("–".to_owned(), human);
            print!(" {} | {} | {} |", c.rows, server, human(c.client));
        }
        println!();
    }
    print!("| **all queries** |");
    for s in sizes {
        let rows: usize = s.breakdown.iter().map(|c| c.rows).sum();
        let server: Duration = s.breakdown.iter().filter_map(|c| c.server).sum();
        let client: Duration = s.breakdown.iter().map(|c| c.client).sum();
        print!(" {rows} | {} | {} |", human(server), human(client));
    }
    print!("\n| **Rust side** (introspect median − queries) |");
    for s in sizes {
        let client: Duration = s.breakdown.iter().map(|c| c.client).sum();
        let total = s.samples(|r| r.introspect).median().unwrap_or_default();
        print!(" | | {} |", human(total.saturating_sub(client)));
    }
    println!("\n");
}

fn print_sea(sizes: &[SizeResult]) {
    println!("## Against sea-schema 0.18 discovery (same database)\n");
    println!(
        "| schema | ours: introspect | ours: queries | sea-schema: discover | sea-schema: tables | sea-schema: queries | sea-schema: rows | per-table estimate | ratio (median) |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.engine.last() else {
            continue;
        };
        let ours = s.samples(|r| r.introspect);
        let sea = s.sea_samples();
        let estimate = s.sea_estimate.as_ref().map_or("–".to_owned(), |e| {
            format!(
                "{} ({} per 100 tables, {}-table sample)",
                human_long(e.total),
                human(e.per_table * 100),
                e.sample
            )
        });
        let (sea_cell, sea_tables, sea_queries, sea_rows, theirs) =
            match (s.sea_full.last(), &s.sea_skipped) {
                (Some(d), _) => (
                    sea.cell(),
                    d.tables.to_string(),
                    d.queries.to_string(),
                    d.rows.to_string(),
                    sea.median(),
                ),
                (None, Some(why)) => (
                    why.clone(),
                    last.tables.to_string(),
                    match s.sea_estimate {
                        Some(_) => format!("{} (2 + 3·N)", 2 + 3 * last.tables),
                        None => "–".to_owned(),
                    },
                    "–".to_owned(),
                    s.sea_estimate.as_ref().map(|e| e.total),
                ),
                (None, None) => ("–".into(), "–".into(), "–".into(), "–".into(), None),
            };
        let ratio = match (theirs, ours.median()) {
            (Some(t), Some(o)) if !o.is_zero() => {
                let r = t.as_secs_f64() / o.as_secs_f64();
                match (s.sea_full.is_empty(), s.paired_ratios()) {
                    (true, _) => format!("~{r:.0}× (estimated)"),
                    (false, Some((lo, hi))) => {
                        format!("{} (run by run {}–{})", times(r), times(lo), times(hi))
                    }
                    (false, None) => times(r),
                }
            }
            _ => "–".into(),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            s.label,
            ours.cell(),
            last.stats.queries,
            sea_cell,
            sea_tables,
            sea_queries,
            sea_rows,
            estimate,
            ratio
        );
    }
    println!();
    for s in sizes {
        if let Some(e) = &s.sea_estimate {
            let [columns, constraints, uniques] = e.per_query.map(human);
            println!(
                "- sea-schema's per-table queries on {}: columns {columns}, constraints \
                 {constraints}, unique indexes {uniques}",
                s.label
            );
        }
    }
    println!();
}

/// `times` prints a ratio: one decimal below 10×, none above.
fn times(r: f64) -> String {
    match r < 10.0 {
        true => format!("{r:.1}×"),
        false => format!("{r:.0}×"),
    }
}

fn print_process(sizes: &[SizeResult]) {
    println!("## Whole process: `cli -u sqlite://… diff`\n");
    println!(
        "| schema | file | `cli diff` | in-process: connect + introspect + canonicalize + diff + plan | `cli --version` | plan printed |"
    );
    println!("|---|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.process.last() else {
            continue;
        };
        let in_process = s.samples(|r| r.connect + r.introspect + r.canonicalize + r.diff + r.plan);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            s.label,
            mib(s.file_bytes as usize),
            s.process_samples().cell(),
            in_process.cell(),
            s.process_floor.cell(),
            kib(last.stdout_bytes as f64),
        );
    }
    println!();
}

fn print_memory(sizes: &[SizeResult]) {
    println!("## Memory of introspection\n");
    println!(
        "| schema | tables | heap peak | heap peak / table | model retained | retained / table | peak RSS growth (1st run) | sea-schema heap peak / table |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.engine.last() else {
            continue;
        };
        let m = last.memory;
        let per = |bytes: usize| kib(bytes as f64 / last.tables.max(1) as f64);
        let sea = s
            .sea_full
            .last()
            .map_or("–".to_owned(), |d| per(d.memory.heap_peak));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.label,
            last.tables,
            mib(m.heap_peak),
            per(m.heap_peak),
            mib(m.heap_retained),
            per(m.heap_retained),
            // Later runs reuse pages the allocator kept from the first: only the first shows
            // the resident set growing.
            s.engine[0].memory.rss_peak.map_or("n/a".to_owned(), mib),
            sea
        );
    }
    println!();
}

fn print_migrations(m: &MigrationTimes) {
    println!("## ctutor migrations\n");
    println!("| step | time |");
    println!("|---|--:|");
    println!(
        "| apply the {} committed migrations to an empty database | {} |",
        m.migrations,
        m.apply_all.cell()
    );
    println!(
        "| `up` with nothing pending | {} |",
        m.up_nothing_pending.cell()
    );
    println!();
}
