//! The catalog query runner: every query of one introspection goes through it and is counted.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};
use serde::de::DeserializeOwned;

use super::IntrospectStats;

/// `Catalog` runs the catalog queries of one introspection of `schema` and counts queries and
/// rows, so callers (and tests) can see that the cost does not grow with the table count.
pub(super) struct Catalog<'a, C> {
    db: &'a C,
    schema: &'a str,
    stats: IntrospectStats,
}

impl<'a, C: ConnectionTrait> Catalog<'a, C> {
    pub(super) fn new(db: &'a C, schema: &'a str) -> Self {
        Self {
            db,
            schema,
            stats: IntrospectStats::default(),
        }
    }

    /// `stats` is what the queries run so far cost.
    pub(super) fn stats(&self) -> IntrospectStats {
        self.stats
    }

    /// `schema_rows` runs a query whose only parameter `$1` is the schema name.
    pub(super) async fn schema_rows(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbErr> {
        let schema: Value = self.schema.into();
        self.run(sql, vec![schema]).await
    }

    /// `database_rows` runs a query without parameters, for database-wide objects.
    pub(super) async fn database_rows(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbErr> {
        self.run(sql, Vec::new()).await
    }

    async fn run(&mut self, sql: &str, values: Vec<Value>) -> Result<Vec<QueryResult>, DbErr> {
        let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
        let rows = self.db.query_all_raw(statement).await?;
        self.stats.queries += 1;
        self.stats.rows += rows.len();
        Ok(rows)
    }
}

/// `json` parses a JSON value the server built (`json_agg` …) into `T`; `what` names the
/// value in the error, since a parse failure means the query and this code disagree.
pub(super) fn json<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, DbErr> {
    serde_json::from_str(text)
        .map_err(|e| DbErr::Custom(format!("introspection: cannot read {what} {text:?}: {e}")))
}
