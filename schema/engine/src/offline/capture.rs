//! `capture`: a database connection that writes down what it is asked to run and runs nothing.
//!
//! sea-orm's `proxy` connection is the natural tool, but in sea-orm 2.0.4 the `proxy` feature
//! does not compile together with `sqlx-sqlite`. The `mock` connection takes any
//! [`MockDatabaseTrait`] implementation and calls it at the same points (every statement,
//! every query, begin, commit, rollback), so the recorder is written against that trait.

use std::sync::{Arc, Mutex, MutexGuard};

use sea_orm::{
    DatabaseConnection, DatabaseConnectionType, DbBackend, DbErr, ExecResult, MockDatabase,
    MockDatabaseConnection, MockDatabaseTrait, MockExecResult, QueryResult, Statement, Transaction,
};

/// `StepKind` is what a recorded step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// `BEGIN`, `COMMIT`, `ROLLBACK` and the savepoints of nested transactions.
    Control,
    /// A statement the migration executes (DDL, DML).
    Statement,
    /// A query the migration reads with; offline it got no rows.
    Query,
    /// The runner's row in the tracking table.
    Tracking,
}

/// `Step` is one recorded step, its SQL with any bound values written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    pub sql: String,
}

/// `Capture` is a recording connection for one backend and the log it writes.
pub struct Capture {
    pub conn: DatabaseConnection,
    log: Log,
}

impl Capture {
    /// `new` opens a recording connection that speaks `backend`'s SQL.
    pub fn new(backend: DbBackend) -> Capture {
        let log = Log::default();
        let recorder = Recorder {
            backend,
            log: log.clone(),
        };
        let conn = DatabaseConnectionType::MockDatabaseConnection(Arc::new(
            MockDatabaseConnection::new(recorder),
        ))
        .into();
        Capture { conn, log }
    }

    /// `note` adds a step the connection did not run (the runner's tracking row, which
    /// sea-orm-migration writes through an entity insert that expects a returned row).
    pub fn note(&self, kind: StepKind, sql: impl Into<String>) {
        self.log.lock().steps.push(Step {
            kind,
            sql: sql.into(),
        });
    }

    /// `take` empties the log and returns what it held.
    pub fn take(&self) -> Vec<Step> {
        std::mem::take(&mut self.log.lock().steps)
    }

    /// `steps` is a copy of the steps so far, leaving the log as it is.
    pub fn steps(&self) -> Vec<Step> {
        self.log.lock().steps.clone()
    }

    /// `take_executed` empties the log and returns the statements executed, as they were
    /// sent (with their values bound, not written in): what the runner replays on
    /// MySQL/MariaDB, statement by statement.
    pub fn take_executed(&self) -> Vec<Statement> {
        let mut state = self.log.lock();
        state.steps.clear();
        std::mem::take(&mut state.executed)
    }
}

/// `Log` is shared between the [`Capture`] and the recorder inside the connection.
#[derive(Debug, Clone, Default)]
struct Log(Arc<Mutex<LogState>>);

/// `LogState` is the steps so far and the transaction nesting they are in.
#[derive(Debug, Default)]
struct LogState {
    steps: Vec<Step>,
    /// The [`StepKind::Statement`] steps as the connection received them.
    executed: Vec<Statement>,
    /// Open transactions: the outer one is `BEGIN`, nested ones are savepoints, as sqlx does.
    depth: usize,
}

impl Log {
    /// `lock` ignores poisoning: the log is plain data, consistent after any push.
    fn lock(&self) -> MutexGuard<'_, LogState> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `control` records transaction control.
    fn control(&self, sql: String) {
        self.lock().steps.push(Step {
            kind: StepKind::Control,
            sql,
        });
    }
}

/// `Recorder` is what the mock connection calls: it logs each call and answers success to
/// statements and no rows to queries.
#[derive(Debug)]
struct Recorder {
    backend: DbBackend,
    log: Log,
}

impl MockDatabaseTrait for Recorder {
    fn execute(&mut self, _counter: usize, stmt: Statement) -> Result<ExecResult, DbErr> {
        {
            let mut state = self.log.lock();
            state.steps.push(Step {
                kind: StepKind::Statement,
                // Display writes bound values into the SQL (DDL has none).
                sql: stmt.to_string(),
            });
            state.executed.push(stmt.clone());
        }
        // `ExecResult` cannot be built outside sea-orm: a one-shot mock database makes one.
        MockDatabase::new(self.backend)
            .append_exec_results([MockExecResult::default()])
            .execute(0, stmt)
    }

    fn query(&mut self, _counter: usize, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.log.lock().steps.push(Step {
            kind: StepKind::Query,
            sql: stmt.to_string(),
        });
        Ok(Vec::new())
    }

    fn begin(&mut self) {
        let depth = {
            let mut state = self.log.lock();
            state.depth += 1;
            state.depth
        };
        self.log.control(match depth {
            1 => "BEGIN".to_owned(),
            n => format!("SAVEPOINT schema_engine_savepoint_{}", n - 1),
        });
    }

    fn commit(&mut self) {
        let depth = self.close();
        self.log.control(match depth {
            0 => "COMMIT".to_owned(),
            n => format!("RELEASE SAVEPOINT schema_engine_savepoint_{n}"),
        });
    }

    fn rollback(&mut self) {
        let depth = self.close();
        self.log.control(match depth {
            0 => "ROLLBACK".to_owned(),
            n => format!("ROLLBACK TO SAVEPOINT schema_engine_savepoint_{n}"),
        });
    }

    fn drain_transaction_log(&mut self) -> Vec<Transaction> {
        Vec::new()
    }

    fn get_database_backend(&self) -> DbBackend {
        self.backend
    }

    fn ping(&self) -> Result<(), DbErr> {
        Ok(())
    }
}

impl Recorder {
    /// `close` ends the innermost transaction and returns how many stay open.
    fn close(&self) -> usize {
        let mut state = self.log.lock();
        state.depth = state.depth.saturating_sub(1);
        state.depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, TransactionTrait};

    #[tokio::test]
    async fn records_statements_and_transactions_in_order() {
        let capture = Capture::new(DbBackend::Postgres);
        capture
            .conn
            .execute_unprepared("CREATE TABLE a ()")
            .await
            .unwrap();
        let txn = capture.conn.begin().await.unwrap();
        txn.execute_unprepared("CREATE TABLE b ()").await.unwrap();
        let inner = txn.begin().await.unwrap();
        inner.execute_unprepared("CREATE TABLE c ()").await.unwrap();
        inner.commit().await.unwrap();
        capture.note(StepKind::Tracking, "INSERT 1");
        txn.commit().await.unwrap();
        let sql: Vec<(StepKind, String)> = capture
            .take()
            .into_iter()
            .map(|s| (s.kind, s.sql))
            .collect();
        use StepKind::*;
        assert_eq!(
            sql,
            [
                (Statement, "CREATE TABLE a ()".into()),
                (Control, "BEGIN".into()),
                (Statement, "CREATE TABLE b ()".into()),
                (Control, "SAVEPOINT schema_engine_savepoint_1".into()),
                (Statement, "CREATE TABLE c ()".into()),
                (
                    Control,
                    "RELEASE SAVEPOINT schema_engine_savepoint_1".into()
                ),
                (Tracking, "INSERT 1".into()),
                (Control, "COMMIT".into()),
            ]
        );
        assert!(capture.take().is_empty());
    }

    #[tokio::test]
    async fn queries_get_no_rows_and_values_are_written_in() {
        let capture = Capture::new(DbBackend::Postgres);
        let rows = capture
            .conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT 1 WHERE $1 = 'x'",
                ["it's".into()],
            ))
            .await
            .unwrap();
        assert!(rows.is_empty());
        let steps = capture.take();
        assert_eq!(steps[0].kind, StepKind::Query);
        // sea-query's PostgreSQL literal for a string with a quote is an E'' string.
        assert_eq!(steps[0].sql, r"SELECT 1 WHERE E'it\'s' = 'x'");
    }
}
