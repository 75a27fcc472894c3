//! `store`: matches the [`Dataset`] to the registry's tables, fills every row for its table
//! ([`fill`](super::fill)), then writes them table by table, in foreign-key order.
//!
//! Filling happens in memory before anything is written, so a column the seeder cannot fill
//! stops `seed` before the database is touched. A registered table no seeder knows (a new
//! entity) gets [`GENERIC_ROWS`] rows of plausible values, so every table has rows.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr};

use super::dataset::Dataset;
use super::fill::{FillError, Filled, Filler, GENERIC_ROWS, TableSpec};
use super::insert::insert_all;
use entity::ddl::RegisteredTable;

use super::row::Row;

/// `Counts` is (table name, rows inserted), in insertion order.
type Counts = Vec<(String, u64)>;

/// `Plan` is every table's filled rows, in insertion order.
pub type Plan = Vec<(TableSpec, Vec<Filled>)>;

/// `plan` fills the dataset's rows for `tables` (in foreign-key order) on `backend`; `seed`
/// drives the values the filler draws.
pub fn plan(
    data: &Dataset,
    tables: &[RegisteredTable],
    seed: u64,
    backend: DbBackend,
) -> Result<Plan, FillError> {
    let mut known: BTreeMap<&str, &[Row]> = data.tables().into_iter().collect();
    let mut filler = Filler::new(seed, backend);
    let mut plan = Plan::new();
    for table in tables {
        let spec = TableSpec::of(table);
        let rows = match known.remove(spec.name.as_str()) {
            Some(rows) => rows.to_vec(),
            None => vec![Row::new(); GENERIC_ROWS],
        };
        let filled = filler.fill(&spec, rows)?;
        plan.push((spec, filled));
    }
    Ok(plan)
}

/// `store` writes the plan and returns the row count of each table.
pub async fn store<C: ConnectionTrait>(db: &C, plan: &Plan) -> Result<Counts, DbErr> {
    let mut counts = Counts::with_capacity(plan.len());
    for (table, rows) in plan {
        let inserted = insert_all(db, table, rows).await?;
        counts.push((table.name.clone(), inserted));
    }
    Ok(counts)
}
