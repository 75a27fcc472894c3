//! `report_mysql` prints a `--mysql` run as Markdown tables (stdout).

use std::time::Duration;

use crate::memory::{kib, mib};
use crate::mysql::MysqlResult;
use crate::report::Machine;
use crate::timing::{Samples, human};

fn samples(values: impl Iterator<Item = Duration>) -> Samples {
    let mut s = Samples::default();
    values.for_each(|d| s.push(d));
    s
}

/// `print` writes the whole MySQL/MariaDB report.
pub fn print(machine: &Machine, runs: usize, sizes: &[MysqlResult]) {
    println!("## Machine\n");
    println!("- CPU: {} × {}", machine.cpus, machine.cpu_model);
    println!("- Memory: {}", machine.memory);
    println!("- Server: {}", machine.server);
    println!("- Runs per size: {runs}; times are min / median\n");
    print_introspection(sizes);
    print_breakdown(sizes);
    print_memory(sizes);
    print_process(sizes);
}

fn print_introspection(sizes: &[MysqlResult]) {
    println!("## Introspection against sea-schema 0.18's MySQL discovery (same database)\n");
    println!(
        "| schema | tables | columns | connect | introspect | queries | rows | sea-schema: discover | sea-schema: tables | sea-schema: queries | sea-schema: rows | ratio (median) | ratio run by run |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.runs.last() else {
            continue;
        };
        let ours = samples(s.runs.iter().map(|r| r.introspect));
        let theirs = samples(s.runs.iter().map(|r| r.sea.elapsed));
        let ratio = match (ours.median(), theirs.median()) {
            (Some(o), Some(t)) => times(t.as_secs_f64() / o.as_secs_f64().max(1e-9)),
            _ => "–".to_owned(),
        };
        let (lo, hi) = s
            .runs
            .iter()
            .map(|r| r.sea.elapsed.as_secs_f64() / r.introspect.as_secs_f64().max(1e-9))
            .fold((f64::INFINITY, 0.0_f64), |(lo, hi), r| {
                (lo.min(r), hi.max(r))
            });
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio} | {}–{} |",
            s.label,
            last.tables,
            last.columns,
            samples(s.runs.iter().map(|r| r.connect)).cell(),
            ours.cell(),
            last.stats.queries,
            last.stats.rows,
            theirs.cell(),
            last.sea.tables,
            last.sea.queries,
            last.sea.rows,
            times(lo),
            times(hi),
        );
    }
    println!();
}

fn print_breakdown(sizes: &[MysqlResult]) {
    println!("## Where introspection time goes (each query alone, after the runs)\n");
    println!("| schema | query | rows | client |");
    println!("|---|---|--:|--:|");
    for s in sizes {
        let mut total = Duration::ZERO;
        for (name, rows, client) in &s.breakdown {
            total += *client;
            println!("| {} | {name} | {rows} | {} |", s.label, human(*client));
        }
        let median = samples(s.runs.iter().map(|r| r.introspect)).median();
        println!("| {} | **all queries** | | {} |", s.label, human(total));
        if let Some(median) = median {
            println!(
                "| {} | **Rust side** (introspect median − queries, noisy) | | {} |",
                s.label,
                human(median.saturating_sub(total))
            );
        }
    }
    println!();
}

fn print_memory(sizes: &[MysqlResult]) {
    println!("## Memory of introspection\n");
    println!(
        "| schema | heap peak | heap peak / table | model retained | retained / table | sea-schema heap peak / table |"
    );
    println!("|---|--:|--:|--:|--:|--:|");
    for s in sizes {
        let Some(last) = s.runs.last() else {
            continue;
        };
        let per = |bytes: usize| kib(bytes as f64 / last.tables.max(1) as f64);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            s.label,
            mib(last.memory.heap_peak),
            per(last.memory.heap_peak),
            mib(last.memory.heap_retained),
            per(last.memory.heap_retained),
            per(last.sea.memory.heap_peak),
        );
    }
    println!();
}

fn print_process(sizes: &[MysqlResult]) {
    println!("## Whole process: `cli -u mysql://… diff`\n");
    println!(
        "| schema | `cli diff` | in-process: connect + introspect + canonicalize + diff + plan | introspect | canonicalize | diff + plan | changes | `cli --version` | plan printed |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for s in sizes {
        if let Some(error) = &s.process_error {
            println!(
                "| {} | not run: {} | | | | | | | |",
                s.label,
                one_line(error)
            );
            continue;
        }
        let process = samples(
            s.runs
                .iter()
                .filter_map(|r| r.process.as_ref().map(|p| p.elapsed)),
        );
        let floor = samples(s.runs.iter().filter_map(|r| r.process_floor));
        let printed = s
            .runs
            .last()
            .and_then(|r| r.process.as_ref())
            .map_or("–".to_owned(), |p| kib(p.stdout_bytes as f64));
        let in_process = samples(
            s.runs
                .iter()
                .map(|r| r.connect + r.introspect + r.canonicalize + r.diff_plan),
        );
        let changes = s.runs.last().map_or(0, |r| r.changes);
        println!(
            "| {} | {} | {} | {} | {} | {} | {changes} | {} | {printed} |",
            s.label,
            process.cell(),
            in_process.cell(),
            samples(s.runs.iter().map(|r| r.introspect)).cell(),
            samples(s.runs.iter().map(|r| r.canonicalize)).cell(),
            samples(s.runs.iter().map(|r| r.diff_plan)).cell(),
            floor.cell(),
        );
    }
    println!();
}

fn one_line(text: &str) -> String {
    text.lines().last().unwrap_or_default().replace('|', "\\|")
}

fn times(r: f64) -> String {
    match r < 10.0 {
        true => format!("{r:.1}×"),
        false => format!("{r:.0}×"),
    }
}
