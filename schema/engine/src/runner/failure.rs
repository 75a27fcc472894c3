//! The record of a migration that failed partway, next to the tracking table.
//!
//! On MySQL/MariaDB every DDL statement commits at once, so a migration whose `up()` or
//! `down()` fails halfway leaves the statements before the failure applied. Its tracking row
//! stays as it was (absent after a failed `up()`, present after a failed `down()`), and a row
//! in `<tracking table>_failure` says what happened: in which direction, which statements
//! ran, which one failed and why, which did not run. While such a row exists the database is
//! neither at the migration before nor at the one after: `status` shows the migration as
//! `failed`, and `up`, `down`, `refresh` and `reset` refuse until someone finished or undid
//! it by hand and said so with `resolve` ([`super::resolve`]).
//!
//! A separate table, not columns in the tracking table: sea-orm-migration reads every row of
//! `seaql_migrations` as an applied migration, so a failure recorded there would count as
//! applied for it. The statement lists are JSON arrays of SQL text.

use std::time::{SystemTime, UNIX_EPOCH};

use sea_orm_migration::SchemaManager;
use sea_orm_migration::sea_orm::sea_query::{
    Alias, ColumnDef, Expr, ExprTrait, Order, Query, Table,
};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};

/// `Direction` is which half of the migration failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `up()`: the migration is not recorded as applied.
    Up,
    /// `down()`: the migration is still recorded as applied.
    Down,
}

impl Direction {
    /// `as_str` is how the failure table stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    fn parse(text: &str) -> Option<Direction> {
        match text {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// `Failure` is one recorded failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The migration's name.
    pub version: String,
    /// Whether its `up()` or its `down()` failed.
    pub direction: Direction,
    /// When it failed, in Unix seconds.
    pub failed_at: i64,
    /// The statements that ran and stayed applied, in order.
    pub ran: Vec<String>,
    /// The statement that failed; `None` when the migration failed outside a statement (or
    /// in one the runner could not observe).
    pub failed_statement: Option<String>,
    /// The server's error.
    pub error: String,
    /// The statements after the failing one, which did not run; `None` when they cannot be
    /// known (the migration reads the database, so what it sends depends on the answers).
    pub not_run: Option<Vec<String>>,
}

impl Failure {
    /// `new` is a failure of `version`'s `direction` half now.
    pub fn new(version: &str, direction: Direction, error: String) -> Failure {
        Failure {
            version: version.to_owned(),
            direction,
            failed_at: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
            ran: Vec::new(),
            failed_statement: None,
            error,
            not_run: None,
        }
    }

    /// `summary` says how far the migration got, in a few words: `statement 3 of 7 failed`.
    pub fn summary(&self) -> String {
        let position = self.ran.len() + 1;
        match (&self.failed_statement, &self.not_run) {
            (Some(_), Some(not_run)) => format!(
                "statement {position} of {} failed, {} statement(s) before it stayed applied, {} did not run",
                position + not_run.len(),
                self.ran.len(),
                not_run.len()
            ),
            (Some(_), None) => format!(
                "statement {position} failed, {} statement(s) before it stayed applied",
                self.ran.len()
            ),
            (None, _) => format!(
                "{} statement(s) ran and stayed applied before it failed",
                self.ran.len()
            ),
        }
    }

    /// `details` are the lines `status` prints under the migration: every statement that ran,
    /// the failing one with the error, every one that did not run.
    pub fn details(&self) -> Vec<String> {
        let one_line = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines = Vec::new();
        for sql in &self.ran {
            lines.push(format!("    ran       {}", one_line(sql)));
        }
        match &self.failed_statement {
            Some(sql) => lines.push(format!("    FAILED    {}", one_line(sql))),
            None => lines.push("    FAILED    (outside the statements above)".into()),
        }
        lines.push(format!("      error:  {}", one_line(&self.error)));
        match &self.not_run {
            Some(not_run) => {
                for sql in not_run {
                    lines.push(format!("    not run   {}", one_line(sql)));
                }
            }
            None => lines.push(
                "    not run   (unknown: the migration reads the database, so what it sends next depends on the answers)"
                    .into(),
            ),
        }
        lines
    }
}

/// `table_name` is the failure table next to the tracking table `tracking`.
pub fn table_name(tracking: &str) -> String {
    format!("{tracking}_failure")
}

/// `record` writes `failure`, replacing an earlier record of the same migration.
pub async fn record(
    db: &DatabaseConnection,
    tracking: &str,
    failure: &Failure,
) -> Result<(), DbErr> {
    let table = table_name(tracking);
    ensure(db, &table).await?;
    clear(db, tracking, &failure.version).await?;
    let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(&table))
        .columns(COLUMNS.map(Alias::new))
        .values([
            failure.version.clone().into(),
            failure.direction.as_str().into(),
            failure.failed_at.into(),
            json(&failure.ran).into(),
            failure.failed_statement.clone().into(),
            failure.error.clone().into(),
            failure.not_run.as_ref().map(json).into(),
        ])
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    db.execute(&insert).await.map(|_| ())
}

/// `read` returns the recorded failures by version (none when the table does not exist).
/// A table written before failures had a direction holds only failures of `up()`.
pub async fn read(db: &DatabaseConnection, tracking: &str) -> Result<Vec<Failure>, DbErr> {
    let table = table_name(tracking);
    let manager = SchemaManager::new(db);
    if !manager.has_table(&table).await? {
        return Ok(Vec::new());
    }
    let with_direction = manager.has_column(&table, DIRECTION).await?;
    let mut select = Query::select();
    select
        .columns(
            COLUMNS
                .into_iter()
                .filter(|c| with_direction || *c != DIRECTION)
                .map(Alias::new),
        )
        .from(Alias::new(&table))
        .order_by(Alias::new("version"), Order::Asc);
    let list = |text: String| -> Result<Vec<String>, DbErr> {
        serde_json::from_str(&text)
            .map_err(|e| DbErr::Custom(format!("{table}: a statement list is not JSON: {e}")))
    };
    let direction = |text: Option<String>| -> Result<Direction, DbErr> {
        match text {
            None => Ok(Direction::Up),
            Some(text) => Direction::parse(&text)
                .ok_or_else(|| DbErr::Custom(format!("{table}: unknown direction \"{text}\""))),
        }
    };
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            Ok(Failure {
                version: row.try_get("", "version")?,
                direction: direction(match with_direction {
                    true => Some(row.try_get("", DIRECTION)?),
                    false => None,
                })?,
                failed_at: row.try_get("", "failed_at")?,
                ran: list(row.try_get("", "statements_ran")?)?,
                failed_statement: row.try_get("", "failed_statement")?,
                error: row.try_get("", "error")?,
                not_run: row
                    .try_get::<Option<String>>("", "statements_not_run")?
                    .map(list)
                    .transpose()?,
            })
        })
        .collect()
}

/// `clear` forgets the failure of `version` (the table must exist); true when there was one.
pub async fn clear<C: ConnectionTrait>(
    db: &C,
    tracking: &str,
    version: &str,
) -> Result<bool, DbErr> {
    let mut delete = Query::delete();
    delete
        .from_table(Alias::new(table_name(tracking)))
        .and_where(Expr::col(Alias::new("version")).eq(version));
    Ok(db.execute(&delete).await?.rows_affected() > 0)
}

/// `drop_table` removes the failure table (`reset`).
pub async fn drop_table(db: &DatabaseConnection, tracking: &str) -> Result<(), DbErr> {
    let mut drop = Table::drop();
    drop.table(Alias::new(table_name(tracking))).if_exists();
    db.execute(&drop).await.map(|_| ())
}

/// `DIRECTION` is the column added after the first release of the table: `up` or `down`.
const DIRECTION: &str = "direction";

const COLUMNS: [&str; 7] = [
    "version",
    DIRECTION,
    "failed_at",
    "statements_ran",
    "failed_statement",
    "error",
    "statements_not_run",
];

/// `ensure` creates the table when it is missing, and adds the direction column to a table
/// made before it existed (its rows were all failures of `up()`, the column's default). The
/// statement lists can be long (a whole migration's SQL): `longtext` on MySQL/MariaDB, whose
/// `text` holds only 64 KiB.
async fn ensure(db: &DatabaseConnection, table: &str) -> Result<(), DbErr> {
    let mysql = db.get_database_backend() == DbBackend::MySql;
    let column = |name: &str, null: bool| {
        let mut def = ColumnDef::new(Alias::new(name));
        if mysql {
            def.custom(Alias::new("longtext"));
        } else {
            def.text();
        }
        if null {
            def.null();
        } else {
            def.not_null();
        }
        def
    };
    let mut create = Table::create();
    create
        .table(Alias::new(table))
        .if_not_exists()
        .col(
            ColumnDef::new(Alias::new("version"))
                .string_len(255)
                .not_null()
                .primary_key(),
        )
        .col(direction_column())
        .col(
            ColumnDef::new(Alias::new("failed_at"))
                .big_integer()
                .not_null(),
        )
        .col(column("statements_ran", false))
        .col(column("failed_statement", true))
        .col(column("error", false))
        .col(column("statements_not_run", true));
    db.execute(&create).await?;
    if !SchemaManager::new(db).has_column(table, DIRECTION).await? {
        let mut alter = Table::alter();
        alter
            .table(Alias::new(table))
            .add_column(direction_column());
        db.execute(&alter).await?;
    }
    Ok(())
}

fn direction_column() -> ColumnDef {
    ColumnDef::new(Alias::new(DIRECTION))
        .string_len(8)
        .not_null()
        .default(Direction::Up.as_str())
        .to_owned()
}
