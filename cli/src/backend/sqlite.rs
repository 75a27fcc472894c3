//! SQLite: the embedded default. It holds the portable part of the schema (see
//! docs/backends.md): what the migrations' `Dialect` leaves out or turns into text there is
//! left out of the comparison too, and said so.

use migration::Migrator;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use sea_orm_migration::{MigratorTrait, SchemaManager};
use sea_query::{
    Alias, ColumnDef, ColumnType, Expr, ForeignKey, ForeignKeyAction, Index, SqliteQueryBuilder,
    Table as SqlTable,
};

use super::portable::{is_portable_index, portable_default, portable_type};
use super::{Canonicalize, Capabilities, Held, Introspect, Replay};
use crate::diff::{Change, create_all};
use crate::introspect::introspect_sqlite;
use crate::model::{Column, DefaultValue, FkAction, ForeignKey as Fk, Schema, SqlType, Table};
use crate::normalize::NormalizeError;
use crate::plan::Plan;

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
            CreateExtension(_) | RetainExtension(_) => "SQLite has no extensions".into(),
            CreateEnum(_) | DropEnum(_) | AddEnumValue { .. } | RetainEnumValue { .. } => {
                "enum columns are text on SQLite".into()
            }
            RenameEnumValue { .. } => {
                "enum columns are text on SQLite, and their rows keep the old label".into()
            }
            CreateSequence(_) | DropSequence(_) | AlterSequence { .. } => {
                "SQLite has no sequences".into()
            }
            CreateFunction(_) | DropFunction(_) | ReplaceFunction { .. } => {
                "SQLite has no stored functions".into()
            }
            SetTableComment { .. } => "SQLite keeps no comments".into(),
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
            for statement in statements(&change) {
                if let Err(e) = scratch.execute_unprepared(&statement).await {
                    return Err(NormalizeError::Refused {
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

impl Replay for Sqlite {
    /// The migrations run in a throw-away in-memory database.
    async fn replay(&self, _db: &DatabaseConnection, count: usize) -> Result<Schema, DbErr> {
        let scratch = memory_database().await?;
        for migration in Migrator::migrations().iter().take(count) {
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

/// `statements` is what the migration's builder calls run on SQLite for a change of a held
/// schema's creation. A foreign key added after its table (a reference cycle) is skipped, as
/// the migration skips it there: SQLite cannot add one to an existing table.
fn statements(change: &Change) -> Vec<String> {
    match change {
        Change::CreateTable(t) => vec![create_table(t).to_string(SqliteQueryBuilder)],
        Change::CreateIndex { table, index } => {
            let mut stmt = Index::create();
            stmt.name(&index.name).table(Alias::new(table));
            for part in &index.parts {
                if let Some(column) = part.column_name() {
                    stmt.col(Alias::new(column));
                }
            }
            if index.unique {
                stmt.unique();
            }
            vec![stmt.to_string(SqliteQueryBuilder)]
        }
        _ => Vec::new(),
    }
}

/// `create_table` builds `CREATE TABLE` as the renderer's `Table::create()` chain does.
fn create_table(t: &Table) -> sea_query::TableCreateStatement {
    let mut stmt = SqlTable::create();
    stmt.table(Alias::new(&t.name));
    for c in &t.columns {
        let ty = portable_type(&c.ty).map_or(ColumnType::Text, |(ty, _)| ty);
        let mut def = ColumnDef::new_with_type(Alias::new(&c.name), ty);
        if c.nullable {
            def.null();
        } else {
            def.not_null();
        }
        match &c.default {
            None => {}
            Some(DefaultValue::Bool(b)) => {
                def.default(*b);
            }
            Some(DefaultValue::Number(n)) => {
                def.default(Expr::cust(n.clone()));
            }
            Some(DefaultValue::Text(s)) => {
                def.default(s.as_str());
            }
            Some(DefaultValue::Expr(e)) => {
                def.default(Expr::cust(e.as_str().to_owned()));
            }
        }
        stmt.col(def);
    }
    if let Some(pk) = &t.primary_key {
        let mut index = Index::create();
        index.name(&pk.name);
        for c in &pk.columns {
            index.col(Alias::new(c));
        }
        stmt.primary_key(&mut index);
    }
    for u in &t.uniques {
        let mut index = Index::create();
        index.name(&u.name).unique();
        for c in &u.columns {
            index.col(Alias::new(c));
        }
        stmt.index(&mut index);
    }
    for fk in &t.foreign_keys {
        stmt.foreign_key(&mut foreign_key(fk));
    }
    stmt.to_owned()
}

fn foreign_key(fk: &Fk) -> sea_query::ForeignKeyCreateStatement {
    let mut stmt = ForeignKey::create();
    stmt.name(&fk.name).to_tbl(Alias::new(&fk.ref_table));
    for c in &fk.columns {
        stmt.from_col(Alias::new(c));
    }
    for c in &fk.ref_columns {
        stmt.to_col(Alias::new(c));
    }
    stmt.on_delete(action(fk.on_delete))
        .on_update(action(fk.on_update))
        .to_owned()
}

fn action(a: FkAction) -> ForeignKeyAction {
    match a {
        FkAction::NoAction => ForeignKeyAction::NoAction,
        FkAction::Restrict => ForeignKeyAction::Restrict,
        FkAction::Cascade => ForeignKeyAction::Cascade,
        FkAction::SetNull => ForeignKeyAction::SetNull,
        FkAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Check, Index as ModelIndex, IndexMethod, IndexPart, PrimaryKey, SqlExpr};

    #[test]
    fn sqlite_holds_the_portable_part_and_says_what_it_leaves_out() {
        let table = Table {
            name: "t".into(),
            columns: vec![
                Column {
                    name: "id".into(),
                    ty: SqlType::Uuid,
                    nullable: false,
                    default: Some(DefaultValue::Expr("uuid_generate_v4()".into())),
                    generated: None,
                    comment: Some("key".into()),
                },
                Column {
                    name: "at".into(),
                    ty: SqlType::TimestampTz,
                    nullable: false,
                    default: Some(DefaultValue::Expr("now()".into())),
                    generated: None,
                    comment: None,
                },
                Column {
                    name: "path".into(),
                    ty: SqlType::LTree,
                    nullable: true,
                    default: None,
                    generated: Some(SqlExpr::from("subpath(x, 0)")),
                    comment: None,
                },
            ],
            primary_key: Some(PrimaryKey {
                name: "t_pkey".into(),
                columns: vec!["id".into()],
            }),
            uniques: vec![],
            foreign_keys: vec![],
            indexes: vec![
                ModelIndex {
                    name: "t_at_idx".into(),
                    parts: vec![IndexPart::column("at")],
                    unique: false,
                    method: IndexMethod::BTree,
                    predicate: None,
                },
                ModelIndex {
                    name: "t_path_gist".into(),
                    parts: vec![IndexPart::column("path")],
                    unique: false,
                    method: IndexMethod::Gist,
                    predicate: None,
                },
            ],
            checks: vec![Check {
                name: "t_check".into(),
                expr: "at > now()".into(),
            }],
            comment: Some("a table".into()),
            renamed_from: None,
        };
        let held = Sqlite.hold(&Schema {
            tables: vec![table],
            ..Schema::default()
        });
        let t = &held.schema.tables[0];
        assert_eq!(t.columns[0].default, None);
        assert_eq!(
            t.columns[1].default,
            Some(DefaultValue::Expr("CURRENT_TIMESTAMP".into()))
        );
        assert_eq!(
            (t.columns[2].ty.clone(), t.columns[2].generated.clone()),
            (SqlType::Text, None)
        );
        assert!(t.checks.is_empty() && t.comment.is_none() && t.columns[0].comment.is_none());
        assert_eq!(t.indexes.len(), 1);
        assert_eq!(held.left_out.len(), 4, "{:#?}", held.left_out);
    }
}
