//! `sea` runs sea-schema 0.18's PostgreSQL and MySQL discoveries on the same database,
//! counting their round trips and rows exactly by putting a counter between each and its
//! executor.
//!
//! Its PostgreSQL discovery reads the enums and the table list, then three
//! `information_schema` queries per table (columns, constraints, unique indexes): 2 + 3·N
//! round trips. Its MySQL discovery reads the version and the table list, then three per
//! table (columns, indexes, foreign keys): also 2 + 3·N.
//!
//! Its SQLite discovery (`discover_sqlite`) reads the table list twice and, per table, four
//! pragmas or `sqlite_master` lookups plus two queries per UNIQUE constraint and per index.
//! Its executor is private there, so the timed runs go through sea-schema's own
//! `SchemaDiscovery::new(pool)` and the queries are counted in a separate, untimed run.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use sea_orm_migration::async_trait::async_trait;
use sea_schema::Connection;
use sea_schema::mysql::discovery::{
    IntoExecutor as IntoMysqlExecutor, SchemaDiscovery as MysqlDiscovery,
};
use sea_schema::postgres::discovery::{IntoExecutor, SchemaDiscovery};
use sea_schema::sea_query::{Alias, IntoIden, SelectStatement};
use sea_schema::sqlite::discovery::SchemaDiscovery as SqliteDiscovery;
use sea_schema::sqlx_types::{SqlxError, SqlxRow};

use crate::BenchResult;
use crate::memory::{Probe, Usage};

/// `Counted` is one of sea-schema's own executors with a count of the queries and rows
/// through it.
struct Counted<E> {
    inner: E,
    queries: AtomicUsize,
    rows: AtomicUsize,
}

impl Counted<sea_schema::postgres::discovery::Executor> {
    fn new(db: &DatabaseConnection) -> Self {
        Self::around(db.get_postgres_connection_pool().clone().into_executor())
    }
}

impl<E> Counted<E> {
    fn around(inner: E) -> Self {
        Counted {
            inner,
            queries: AtomicUsize::new(0),
            rows: AtomicUsize::new(0),
        }
    }

    fn count(&self, rows: &[SqlxRow]) {
        self.queries.fetch_add(1, Relaxed);
        self.rows.fetch_add(rows.len(), Relaxed);
    }
}

#[async_trait]
impl<E: Connection + Send + Sync> Connection for Counted<E> {
    async fn query_all(&self, select: SelectStatement) -> Result<Vec<SqlxRow>, SqlxError> {
        let rows = self.inner.query_all(select).await?;
        self.count(&rows);
        Ok(rows)
    }

    async fn query_all_raw(&self, sql: String) -> Result<Vec<SqlxRow>, SqlxError> {
        let rows = self.inner.query_all_raw(sql).await?;
        self.count(&rows);
        Ok(rows)
    }
}

/// `Discovery` is one full sea-schema discovery of a schema.
pub struct Discovery {
    pub elapsed: Duration,
    pub tables: usize,
    pub queries: usize,
    pub rows: usize,
    pub memory: Usage,
}

/// `discover` runs sea-schema's `SchemaDiscovery::discover` on `schema`, timed and counted.
pub async fn discover(db: &DatabaseConnection, schema: &str) -> Result<Discovery, SqlxError> {
    let counted = Counted::new(db);
    let discovery = SchemaDiscovery::new_no_exec(schema);
    let probe = Probe::start();
    let start = Instant::now();
    let result = discovery.discover_with(&counted).await?;
    let elapsed = start.elapsed();
    let memory = probe.finish();
    Ok(Discovery {
        elapsed,
        tables: result.tables.len(),
        queries: counted.queries.into_inner(),
        rows: counted.rows.into_inner(),
        memory,
    })
}

/// `discover_mysql` runs sea-schema's MySQL `SchemaDiscovery::discover` on the current
/// database `schema` of `db`, through its own executor on the same pool, timed and counted.
pub async fn discover_mysql(db: &DatabaseConnection, schema: &str) -> Result<Discovery, SqlxError> {
    let counted = Counted::around(db.get_mysql_connection_pool().clone().into_executor());
    let discovery = MysqlDiscovery::new_no_exec(schema);
    let probe = Probe::start();
    let start = Instant::now();
    let result = discovery.discover_with(&counted).await?;
    let elapsed = start.elapsed();
    let memory = probe.finish();
    Ok(Discovery {
        elapsed,
        tables: result.tables.len(),
        queries: counted.queries.into_inner(),
        rows: counted.rows.into_inner(),
        memory,
    })
}

/// `Estimate` is sea-schema's time extrapolated from its per-table queries on a sample.
pub struct Estimate {
    /// Measured cost of the per-table queries, per table.
    pub per_table: Duration,
    /// How many tables the sample had.
    pub sample: usize,
    /// `per_table` × the table count (the two schema-wide queries are negligible).
    pub total: Duration,
    /// `per_table` split by query: columns, constraints, unique indexes.
    pub per_query: [Duration; 3],
}

/// `estimate` times sea-schema's three per-table queries (the same builder calls its
/// discovery makes) for `sample` tables spread evenly over `tables`, on the database of `db`:
/// the per-table cost grows with the catalog, so it must be measured on the full-size one.
pub async fn estimate(
    db: &DatabaseConnection,
    schema: &str,
    tables: &[String],
    sample: usize,
) -> Result<Estimate, SqlxError> {
    let counted = Counted::new(db);
    let discovery = SchemaDiscovery::new_no_exec(schema);
    let step = (tables.len() / sample.max(1)).max(1);
    let picked: Vec<&String> = tables.iter().step_by(step).take(sample).collect();
    let mut spent = [Duration::ZERO; 3];
    for table in &picked {
        let (s, t) = (
            Alias::new(schema).into_iden(),
            Alias::new(table.as_str()).into_iden(),
        );
        let q = &discovery.query;
        let queries = [
            q.query_columns(s.clone(), t.clone()),
            q.query_table_constraints(s.clone(), t.clone()),
            q.query_table_unique_indexes(s, t),
        ];
        for (spent, query) in spent.iter_mut().zip(queries) {
            let start = Instant::now();
            counted.query_all(query).await?;
            *spent += start.elapsed();
        }
    }
    let n = picked.len().max(1) as u32;
    let per_query = spent.map(|d| d / n);
    let per_table = per_query.iter().sum::<Duration>();
    Ok(Estimate {
        per_table,
        sample: picked.len(),
        total: per_table * tables.len() as u32,
        per_query,
    })
}

/// `CountedSqlite` runs sea-schema's SQLite queries on a pool and counts them and their rows.
/// Its statements carry their values inline rather than bound: the same queries and rows, but
/// not quite sea-schema's execution, so it only counts.
struct CountedSqlite {
    pool: sea_orm::sqlx::SqlitePool,
    queries: AtomicUsize,
    rows: AtomicUsize,
}

impl CountedSqlite {
    async fn run(&self, sql: String) -> Result<Vec<SqlxRow>, SqlxError> {
        let rows = sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        self.queries.fetch_add(1, Relaxed);
        self.rows.fetch_add(rows.len(), Relaxed);
        Ok(rows.into_iter().map(SqlxRow::Sqlite).collect())
    }
}

#[async_trait]
impl Connection for CountedSqlite {
    async fn query_all(&self, select: SelectStatement) -> Result<Vec<SqlxRow>, SqlxError> {
        self.run(select.to_string(sea_schema::sea_query::SqliteQueryBuilder))
            .await
    }

    async fn query_all_raw(&self, sql: String) -> Result<Vec<SqlxRow>, SqlxError> {
        self.run(sql).await
    }
}

/// `SqliteCounts` are the queries and rows of one sea-schema SQLite discovery.
#[derive(Clone, Copy)]
pub struct SqliteCounts {
    pub queries: usize,
    pub rows: usize,
}

/// `count_sqlite` runs sea-schema's SQLite discovery once through the counting wrapper.
pub async fn count_sqlite(db: &DatabaseConnection) -> BenchResult<SqliteCounts> {
    let counted = CountedSqlite {
        pool: db.get_sqlite_connection_pool().clone(),
        queries: AtomicUsize::new(0),
        rows: AtomicUsize::new(0),
    };
    SqliteDiscovery::discover_with(&counted).await?;
    Ok(SqliteCounts {
        queries: counted.queries.into_inner(),
        rows: counted.rows.into_inner(),
    })
}

/// `discover_sqlite` times sea-schema's `SchemaDiscovery::discover` on the SQLite database of
/// `db`, through sea-schema's own executor; `counts` come from `count_sqlite`.
pub async fn discover_sqlite(
    db: &DatabaseConnection,
    counts: SqliteCounts,
) -> BenchResult<Discovery> {
    let discovery = SqliteDiscovery::new(db.get_sqlite_connection_pool().clone());
    let probe = Probe::start();
    let start = Instant::now();
    let result = discovery.discover().await?;
    let elapsed = start.elapsed();
    let memory = probe.finish();
    Ok(Discovery {
        elapsed,
        tables: result.tables.len(),
        queries: counts.queries,
        rows: counts.rows,
        memory,
    })
}
