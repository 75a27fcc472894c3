//! The catalog query runner: every query of one introspection goes through it and is counted.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

use crate::introspect::IntrospectStats;

/// `Catalog` runs the `information_schema` queries of one introspection of `database` and
/// counts queries and rows, so callers (and tests) can see that the cost does not grow with
/// the table count.
pub(super) struct Catalog<'a, C> {
    db: &'a C,
    database: String,
    stats: IntrospectStats,
}

impl<'a, C: ConnectionTrait> Catalog<'a, C> {
    pub(super) fn new(db: &'a C) -> Self {
        Self {
            db,
            database: String::new(),
            stats: IntrospectStats::default(),
        }
    }

    /// `set_database` names the database the `?` of later queries stand for.
    pub(super) fn set_database(&mut self, database: String) {
        self.database = database;
    }

    /// `stats` is what the queries run so far cost.
    pub(super) fn stats(&self) -> IntrospectStats {
        self.stats
    }

    /// `database_rows` runs a query in which every `?` is the database name. Each
    /// `information_schema` table of a join gets its own `TABLE_SCHEMA = ?`: MySQL and MariaDB
    /// read only that database's tables when the schema is a constant, all of them otherwise.
    pub(super) async fn database_rows(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbErr> {
        let values = vec![Value::from(self.database.as_str()); sql.matches('?').count()];
        let statement = Statement::from_sql_and_values(DbBackend::MySql, sql, values);
        let rows = self.db.query_all_raw(statement).await?;
        self.stats.queries += 1;
        self.stats.rows += rows.len();
        Ok(rows)
    }
}
