//! `breakdown` splits introspection time into its catalog queries: each of the introspector's
//! own `.sql` files is run alone, timed from the client (round trip, transfer and decoding into
//! rows) and on the server (`EXPLAIN ANALYZE`'s execution time). What the queries do not
//! account for is the Rust side: reading the rows, parsing their JSON, building the model.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

use crate::BenchResult;
use crate::timing::time_async;

/// `QUERIES` are the introspector's catalog queries, in the order it runs them.
const QUERIES: [(&str, &str); 8] = [
    (
        "extensions",
        include_str!("../../../schema/engine/src/introspect/postgres/extensions.sql"),
    ),
    (
        "enums",
        include_str!("../../../schema/engine/src/introspect/postgres/enums.sql"),
    ),
    (
        "sequences",
        include_str!("../../../schema/engine/src/introspect/postgres/sequences.sql"),
    ),
    (
        "functions",
        include_str!("../../../schema/engine/src/introspect/postgres/functions.sql"),
    ),
    (
        "tables",
        include_str!("../../../schema/engine/src/introspect/postgres/tables.sql"),
    ),
    (
        "columns",
        include_str!("../../../schema/engine/src/introspect/postgres/columns.sql"),
    ),
    (
        "constraints",
        include_str!("../../../schema/engine/src/introspect/postgres/constraints.sql"),
    ),
    (
        "indexes",
        include_str!("../../../schema/engine/src/introspect/postgres/indexes.sql"),
    ),
];

/// `QueryCost` is one catalog query's cost.
pub struct QueryCost {
    pub name: &'static str,
    pub rows: usize,
    /// Wall time seen by the client: round trip, execution, transfer, row decoding.
    pub client: Duration,
    /// Execution time reported by the server.
    pub server: Option<Duration>,
}

/// `measure` runs each catalog query on `db` (schema `public`). Pass a new connection: the
/// client-side times are then taken with cold catalog caches, like an introspection's; the
/// server-side ones come after, warm.
pub async fn measure(db: &DatabaseConnection) -> BenchResult<Vec<QueryCost>> {
    let mut out = Vec::with_capacity(QUERIES.len());
    for (name, sql) in QUERIES {
        let (rows, client) = time_async(db.query_all_raw(statement(sql, ""))).await;
        out.push(QueryCost {
            name,
            rows: rows?.len(),
            client,
            server: None,
        });
    }
    for (cost, (_, sql)) in out.iter_mut().zip(QUERIES) {
        cost.server = server_time(db, sql).await?;
    }
    Ok(out)
}

/// `statement` is `prefix` + `sql`, bound to the schema if the query takes it (`$1`).
fn statement(sql: &str, prefix: &str) -> Statement {
    let values: Vec<Value> = match sql.contains("$1") {
        true => vec!["public".into()],
        false => Vec::new(),
    };
    Statement::from_sql_and_values(DbBackend::Postgres, format!("{prefix}{sql}"), values)
}

/// `server_time` is the "Execution Time" of `EXPLAIN ANALYZE` (without per-node timing, whose
/// clock reads would inflate it).
async fn server_time(db: &DatabaseConnection, sql: &str) -> BenchResult<Option<Duration>> {
    let rows = db
        .query_all_raw(statement(sql, "EXPLAIN (ANALYZE, TIMING OFF)\n"))
        .await?;
    for row in rows {
        let line: String = row.try_get_by_index(0)?;
        if let Some(ms) = line.trim().strip_prefix("Execution Time:") {
            let ms: f64 = ms.trim().trim_end_matches("ms").trim().parse()?;
            return Ok(Some(Duration::from_secs_f64(ms / 1e3)));
        }
    }
    Ok(None)
}
