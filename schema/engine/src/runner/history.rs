//! The tracking table, sea-orm-migration's `seaql_migrations(version, applied_at)`, plus a
//! nullable `checksum` column the runner adds.
//!
//! sea-orm-migration only ever reads and writes `version` and `applied_at`, so it keeps
//! working on a table with the extra column, and the runner adopts the rows it writes (a NULL
//! checksum).

use std::time::{SystemTime, UNIX_EPOCH};

use sea_orm_migration::sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, Table};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};
use sea_orm_migration::{MigratorTrait, SchemaManager};

/// `CHECKSUM` is the column the runner adds.
pub const CHECKSUM: &str = "checksum";

/// `OTHER_TOOLS` are the tracking tables of other migration tools. A database that has one and
/// not ours was built by that tool: `up` would re-create what is already there, so it refuses
/// and points at `baseline`; the schema engine never counts these tables as schema.
pub const OTHER_TOOLS: &[&str] = &[
    "alembic_version",
    "django_migrations",
    "flyway_schema_history",
    "schema_migrations",
    "_sqlx_migrations",
    "__diesel_schema_migrations",
    "_prisma_migrations",
    "atlas_schema_revisions",
];

/// `Row` is one applied migration as the tracking table records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub version: String,
    /// `None`: applied by plain sea-orm-migration (or before checksums were recorded).
    pub checksum: Option<String>,
}

/// `table_name` is the tracking table of `M` (`seaql_migrations` unless it says otherwise).
pub fn table_name<M: MigratorTrait>() -> String {
    M::migration_table_name().to_string()
}

/// `read` returns the rows by version, writing nothing: no table means nothing applied, no
/// checksum column means no checksum recorded.
pub async fn read(db: &DatabaseConnection, table: &str) -> Result<Vec<Row>, DbErr> {
    let manager = SchemaManager::new(db);
    if !manager.has_table(table).await? {
        return Ok(Vec::new());
    }
    let with_checksum = manager.has_column(table, CHECKSUM).await?;
    let mut select = Query::select();
    select
        .column(Alias::new("version"))
        .from(Alias::new(table))
        .order_by(Alias::new("version"), Order::Asc);
    if with_checksum {
        select.column(Alias::new(CHECKSUM));
    }
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            Ok(Row {
                version: row.try_get("", "version")?,
                checksum: match with_checksum {
                    true => row.try_get("", CHECKSUM)?,
                    false => None,
                },
            })
        })
        .collect()
}

/// `other_tool` is the tracking table of another migration tool that the database has while
/// it has no table `table` of ours, if any.
pub async fn other_tool(
    db: &DatabaseConnection,
    table: &str,
) -> Result<Option<&'static str>, DbErr> {
    let manager = SchemaManager::new(db);
    if manager.has_table(table).await? {
        return Ok(None);
    }
    for other in OTHER_TOOLS {
        if manager.has_table(other).await? {
            return Ok(Some(other));
        }
    }
    Ok(None)
}

/// `ensure` creates the tracking table as sea-orm-migration does, then adds the checksum
/// column when it is missing (checked first: `ALTER TABLE` locks the table even when
/// `IF NOT EXISTS` makes it a no-op, and SQLite has no `IF NOT EXISTS` there).
pub async fn ensure<M: MigratorTrait>(db: &DatabaseConnection) -> Result<(), DbErr> {
    M::install(db).await?;
    let table = table_name::<M>();
    if SchemaManager::new(db).has_column(&table, CHECKSUM).await? {
        return Ok(());
    }
    let quoted = quote(&table);
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            format!("ALTER TABLE {quoted} ADD COLUMN IF NOT EXISTS \"{CHECKSUM}\" varchar NULL")
        }
        DbBackend::MySql => format!(
            "ALTER TABLE `{}` ADD COLUMN `{CHECKSUM}` varchar(255) NULL",
            table.replace('`', "``")
        ),
        _ => format!("ALTER TABLE {quoted} ADD COLUMN \"{CHECKSUM}\" varchar NULL"),
    };
    db.execute_unprepared(&sql).await.map(|_| ())
}

/// `insert` records `version` as applied now, with its checksum.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    table: &str,
    version: &str,
    checksum: Option<&str>,
) -> Result<(), DbErr> {
    let applied_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(table))
        .columns([
            Alias::new("version"),
            Alias::new("applied_at"),
            Alias::new(CHECKSUM),
        ])
        .values([
            version.into(),
            applied_at.into(),
            checksum.map(str::to_owned).into(),
        ])
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    db.execute(&insert).await.map(|_| ())
}

/// `delete` forgets `version` (it was rolled back).
pub async fn delete<C: ConnectionTrait>(db: &C, table: &str, version: &str) -> Result<(), DbErr> {
    let mut delete = Query::delete();
    delete
        .from_table(Alias::new(table))
        .and_where(Expr::col(Alias::new("version")).eq(version));
    db.execute(&delete).await.map(|_| ())
}

/// `set_checksum` records the checksum of a row that has none.
pub async fn set_checksum(
    db: &DatabaseConnection,
    table: &str,
    version: &str,
    checksum: &str,
) -> Result<(), DbErr> {
    let mut update = Query::update();
    update
        .table(Alias::new(table))
        .value(Alias::new(CHECKSUM), checksum)
        .and_where(Expr::col(Alias::new("version")).eq(version))
        .and_where(Expr::col(Alias::new(CHECKSUM)).is_null());
    db.execute(&update).await.map(|_| ())
}

/// `drop_table` removes the tracking table.
pub async fn drop_table(db: &DatabaseConnection, table: &str) -> Result<(), DbErr> {
    let mut drop = Table::drop();
    drop.table(Alias::new(table)).if_exists();
    db.execute(&drop).await.map(|_| ())
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
