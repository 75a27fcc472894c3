//! SQLite: the embedded default. It holds the portable part of the schema (see
//! docs/backends.md): what the migrations' `Dialect` leaves out or turns into text there is
//! left out of the comparison too, and said so.

use super::portable::{is_portable_index, portable_check, portable_default, portable_type};
use super::sqlite_rebuild::Rebuilds;
use super::{Canonicalize, Capabilities, Held, Introspect, Replay, Statements};
use crate::diff::{Change, create_all};
use crate::introspect::introspect_sqlite;
use crate::model::{Column, DefaultValue, Schema, SqlType, Table};
use crate::normalize::NormalizeError;
use crate::plan::Plan;
use crate::sql::sqlite::creation_statements;
use crate::sql::sqlite::{in_place_statements, rebuild_statements};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use sea_orm_migration::{MigratorTrait, SchemaManager};

/// `Sqlite` is the embedded backend.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sqlite;

impl Capabilities for Sqlite {
    const NAME: &'static str = "SQLite";

    fn hold(&self, desired: &Schema) -> Held {
        let mut left_out = Vec::new();
        for e in &desired.extensions {
            left_out.push(format!("extension \"{}\": SQLite has none", e.name));
        }
        for e in &desired.enums {
            left_out.push(format!(
                "enum type \"{}\": its columns are text on SQLite",
                e.name
            ));
        }
        for s in &desired.sequences {
            left_out.push(format!(
                "sequence \"{}\": SQLite has none; the application supplies its values",
                s.name
            ));
        }
        for f in &desired.functions {
            left_out.push(format!(
                "function {}: SQLite has no stored functions",
                f.signature()
            ));
        }
        let tables = desired
            .tables
            .iter()
            .map(|t| held_table(t, &mut left_out))
            .collect();
        Held {
            schema: Schema {
                tables,
                ..Schema::default()
            },
            left_out,
        }
    }

    fn cannot(&self, change: &Change) -> Option<String> {
        use Change::*;
        // What SQLite cannot make in place, a rebuild of the table makes (`sqlite_rebuild`).
        Some(match change {
            AlterColumn { from, to, .. } if only_auto_increment_differs(from, to) => {
                "an integer primary key numbers new rows by itself there (the rowid)".into()
            }
            CreateExtension(_) | RetainExtension(_) => "SQLite has no extensions".into(),
            CreateEnum(_) | DropEnum(_) | AddEnumValue { .. } | RetainEnumValue { .. } => {
                "enum columns are text on SQLite".into()
            }
            RenameEnumValue { .. } => {
                "enum columns are text on SQLite: the tables using the type are rebuilt there with the label renamed in their rows".into()
            }
            CreateSequence(_) | DropSequence(_) | AlterSequence { .. } => {
                "SQLite has no sequences".into()
            }
            CreateFunction(_) | DropFunction(_) | ReplaceFunction { .. } => {
                "SQLite has no stored functions".into()
            }
            SetTableComment { .. } => "SQLite keeps no comments".into(),
            AddCheck { check, .. } | DropCheck { check, .. } if portable_check(check.expr.as_str()) => {
                "CHECKs are not created on SQLite".into()
            }
            AddCheck { .. } | DropCheck { .. } => {
                "CHECKs are PostgreSQL SQL, not created on SQLite".into()
            }
            CreateIndex { index, .. } | DropIndex { index, .. } if !is_portable_index(index) => {
                "the index is PostgreSQL-only (method, predicate, expression or sort order)".into()
            }
            AlterColumn { .. }
            | RenameConstraint { .. }
            | RenameIndex { .. }
            | AddPrimaryKey { .. }
            | DropPrimaryKey { .. }
            | AddUnique { .. }
            | DropUnique { .. }
            | AddForeignKey { .. }
            | DropForeignKey { .. }
            | CreateTable(_)
            | DropTable(_)
            | RenameTable { .. }
            | AddColumn { .. }
            | DropColumn { .. }
            | RenameColumn { .. }
            | CreateIndex { .. }
            | DropIndex { .. }
            | FillColumn { .. }
            | RetainFilledValues { .. } => return None,
        })
    }
}

/// `only_auto_increment_differs` is an altered column that gains or loses only its
/// auto-increment, which SQLite does not hold: nothing to rebuild there.
fn only_auto_increment_differs(from: &Column, to: &Column) -> bool {
    let without = |c: &Column| Column {
        default: c
            .default
            .clone()
            .filter(|d| *d != DefaultValue::AutoIncrement),
        ..c.clone()
    };
    from != to && without(from) == without(to)
}

/// `held_table` is `table` as a migration creates it on SQLite.
fn held_table(table: &Table, left_out: &mut Vec<String>) -> Table {
    let name = &table.name;
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let mut column = Column {
                ty: match portable_type(&c.ty) {
                    Some(_) => c.ty.clone(),
                    None => SqlType::Text,
                },
                comment: None,
                generated: None,
                ..c.clone()
            };
            // An `integer` primary key is SQLite's rowid alias: it numbers new rows with no
            // default or keyword, and the migration writes none there (`auto_increment_on`).
            if c.default == Some(DefaultValue::AutoIncrement) {
                column.default = None;
                // sea-query writes `smallint` there, which is no rowid alias.
                if c.ty == SqlType::SmallInt {
                    left_out.push(format!(
                        "auto-increment of \"{name}\".\"{}\": a smallint key is no rowid alias on SQLite; the application supplies its values",
                        c.name
                    ));
                }
            }
            if let Some(DefaultValue::Expr(e)) = &c.default {
                column.default = portable_default(e.as_str()).map(|p| DefaultValue::Expr(p.into()));
                if column.default.is_none() {
                    left_out.push(format!(
                        "default {} of \"{name}\".\"{}\": PostgreSQL SQL with no SQLite equivalent; the application supplies the value",
                        e, c.name
                    ));
                }
            }
            if let Some(g) = &c.generated {
                left_out.push(format!(
                    "generated expression of \"{name}\".\"{}\" ({g}): a plain column on SQLite, written by the application",
                    c.name
                ));
            }
            column
        })
        .collect();
    for check in &table.checks {
        left_out.push(format!(
            "CHECK \"{}\" on \"{name}\": PostgreSQL SQL, not created on SQLite",
            check.name
        ));
    }
    let indexes = table
        .indexes
        .iter()
        .filter(|i| {
            let portable = is_portable_index(i);
            if !portable {
                left_out.push(format!(
                    "index \"{}\" on \"{name}\": a {} method, predicate, expression or descending key is PostgreSQL-only here",
                    i.name,
                    i.method.as_sql()
                ));
            }
            portable
        })
        .cloned()
        .collect();
    Table {
        columns,
        indexes,
        checks: Vec::new(),
        comment: None,
        ..table.clone()
    }
}

impl Introspect for Sqlite {
    async fn introspect(&self, db: &DatabaseConnection, _schema: &str) -> Result<Schema, DbErr> {
        Ok(introspect_sqlite(db).await?.0)
    }
}

impl Canonicalize for Sqlite {
    /// The held schema is created in a throw-away in-memory database with the statements a
    /// migration's builder calls produce there, and read back with the same introspector.
    async fn canonical_desired(
        &self,
        _db: &DatabaseConnection,
        held: &Schema,
    ) -> Result<Schema, NormalizeError> {
        let scratch = memory_database().await?;
        for change in Plan::new(create_all(held)).up {
            for statement in creation_statements(&change) {
                if let Err(e) = scratch.execute_unprepared(&statement).await {
                    return Err(NormalizeError::Refused {
                        backend: Self::NAME,
                        change: change.to_string(),
                        message: e.to_string(),
                    });
                }
            }
        }
        let (schema, _) = introspect_sqlite(&scratch).await?;
        scratch.close().await?;
        Ok(schema)
    }

    /// SQLite keeps every expression as written: nothing to settle.
    async fn canonical_live(
        &self,
        _db: &DatabaseConnection,
        live: Schema,
    ) -> (Schema, Option<String>) {
        (live, None)
    }
}

impl Statements for Sqlite {
    /// Each change SQLite makes in place, a note for each it does not hold or a rebuild
    /// makes, then the rebuilds.
    fn plan_sql(&self, plan: &Plan, rebuilds: &Rebuilds) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = plan
            .up
            .iter()
            .map(|c| {
                let why = match rebuilds.covers(c) {
                    true => Some(format!("{c} (made by the rebuild below)")),
                    false => self
                        .cannot(c)
                        .map(|why| format!("{c} (not on SQLite: {why})")),
                };
                match why {
                    Some(note) => (note, Vec::new()),
                    None => (c.to_string(), in_place_statements(c)),
                }
            })
            .collect();
        out.extend(rebuilds.up.iter().map(|r| {
            (
                format!("rebuild table \"{}\"", r.to.name),
                rebuild_statements(r),
            )
        }));
        out
    }
}

impl Replay for Sqlite {
    /// The migrations run in a throw-away in-memory database.
    async fn replay<M: MigratorTrait>(
        &self,
        _db: &DatabaseConnection,
        count: usize,
    ) -> Result<Schema, DbErr> {
        let scratch = memory_database().await?;
        for migration in M::migrations().iter().take(count) {
            migration
                .up(&SchemaManager::new(&scratch))
                .await
                .map_err(|e| {
                    DbErr::Custom(format!(
                        "replaying migration {} failed: {e}",
                        migration.name()
                    ))
                })?;
        }
        let (schema, _) = introspect_sqlite(&scratch).await?;
        scratch.close().await?;
        Ok(schema)
    }
}

/// `memory_database` is a throw-away database: one connection, since every connection to
/// `:memory:` is a database of its own.
async fn memory_database() -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    Database::connect(options).await
}
