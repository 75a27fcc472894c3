//! `dialect`: the few backend decisions generated migrations make at run time.
//!
//! A generated migration is written once and applied to PostgreSQL (the first-class backend),
//! to SQLite (the embedded default) or to MySQL/MariaDB. PostgreSQL-only objects (extensions,
//! functions, sequences, enum types, CHECKs, GiST indexes) are guarded by
//! [`Dialect::is_postgres`], what MySQL/MariaDB makes with statements of its own by
//! [`Dialect::is_mysql`]; enum columns take [`Dialect::enum_type`];
//! PostgreSQL-only types fall back to `text` through [`Dialect::native_type`]; server defaults
//! and generated columns written for PostgreSQL take the other backends' equivalent, or none,
//! through [`Dialect::pick`].
//!
//! Frozen migrations call this module, so it only ever grows: never change what a function
//! already returns.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// `Dialect` is the backend a migration runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    backend: DbBackend,
}

impl Dialect {
    /// `of` reads the backend of the manager's connection.
    pub fn of(manager: &SchemaManager) -> Self {
        Self {
            backend: manager.get_database_backend(),
        }
    }

    /// `is_postgres` is true on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.backend == DbBackend::Postgres
    }

    /// `is_sqlite` is true on SQLite.
    pub fn is_sqlite(&self) -> bool {
        self.backend == DbBackend::Sqlite
    }

    /// `is_mysql` is true on MySQL and MariaDB.
    pub fn is_mysql(&self) -> bool {
        self.backend == DbBackend::MySql
    }

    /// `enum_type` is the type of a column of the enum type `name` with `labels`: the named
    /// type on PostgreSQL (created by the migration), a native `ENUM(…)` column on
    /// MySQL/MariaDB (which has no enum types, only enum columns), and `text` on SQLite.
    pub fn enum_type(&self, name: &str, labels: &[&str]) -> ColumnType {
        match self.backend {
            DbBackend::Postgres => ColumnType::custom(name.to_owned()),
            DbBackend::MySql => ColumnType::Enum {
                name: Alias::new(name).into_iden(),
                variants: labels.iter().map(|l| Alias::new(*l).into_iden()).collect(),
            },
            _ => ColumnType::Text,
        }
    }

    /// `native_type` is the PostgreSQL type `name` (an enum type, `ltree`, `inet`) on
    /// PostgreSQL, and `text` elsewhere.
    pub fn native_type(&self, name: &str) -> ColumnType {
        if self.is_postgres() {
            ColumnType::custom(name.to_owned())
        } else {
            ColumnType::Text
        }
    }

    /// `pick` chooses the SQL written for PostgreSQL, or `other` on other backends
    /// (`None`: leave the default or expression out there).
    pub fn pick<'a>(&self, postgres: &'a str, other: Option<&'a str>) -> Option<&'a str> {
        if self.is_postgres() {
            Some(postgres)
        } else {
            other
        }
    }
}

/// `ColumnDefExt` sets SQL-text defaults and generated expressions that may be absent on a
/// backend.
pub trait ColumnDefExt {
    /// `default_sql` sets `DEFAULT <sql>` when `sql` is given.
    fn default_sql(&mut self, sql: Option<&str>) -> &mut Self;
    /// `generated_stored` sets `GENERATED ALWAYS AS (<sql>) STORED` when `sql` is given.
    fn generated_stored(&mut self, sql: Option<&str>) -> &mut Self;
    /// `auto_increment_on` makes the column number new rows on `db`: an identity column on
    /// PostgreSQL, `AUTO_INCREMENT` on MySQL/MariaDB. On SQLite it sets nothing: sea-query
    /// writes `AUTOINCREMENT`, valid only after a column-level `PRIMARY KEY`, while generated
    /// migrations declare keys at table level; and a table's `integer` primary key is SQLite's
    /// rowid alias, which numbers new rows by itself.
    fn auto_increment_on(&mut self, db: Dialect) -> &mut Self;
}

impl ColumnDefExt for ColumnDef {
    fn default_sql(&mut self, sql: Option<&str>) -> &mut Self {
        match sql {
            Some(sql) => self.default(Expr::cust(sql.to_owned())),
            None => self,
        }
    }

    fn generated_stored(&mut self, sql: Option<&str>) -> &mut Self {
        match sql {
            Some(sql) => self.generated(Expr::cust(sql.to_owned()), true),
            None => self,
        }
    }

    fn auto_increment_on(&mut self, db: Dialect) -> &mut Self {
        if db.is_sqlite() {
            self
        } else {
            self.auto_increment()
        }
    }
}

/// `execute_sql` runs a statement sea-query cannot build.
pub async fn execute_sql(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(sql)
        .await
        .map(|_| ())
}

/// `rebuild_table` gives the SQLite table `name` a new definition, keeping its rows: SQLite
/// cannot alter a column or a constraint in place. `table` is the new definition (its own
/// name is replaced); `copy` lists each new column filled from the old rows with the SQL
/// expression over an old row that gives its value (columns not listed take their default);
/// `indexes` are the new table's other indexes. The table is created under a temporary name,
/// the rows copied, the old table dropped (with its indexes) and the new one renamed.
///
/// The runner applies SQLite migrations with foreign key enforcement off and checks every
/// reference before committing, so tables referencing this one keep their rows.
pub async fn rebuild_table(
    manager: &SchemaManager<'_>,
    name: &str,
    mut table: TableCreateStatement,
    copy: &[(&str, &str)],
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let temporary = format!("{name}__rebuild");
    manager
        .create_table(table.table(Alias::new(&temporary)).to_owned())
        .await?;
    let db = manager.get_connection();
    if !copy.is_empty() {
        let columns: Vec<String> = copy.iter().map(|(column, _)| quote(column)).collect();
        let values: Vec<&str> = copy.iter().map(|(_, value)| *value).collect();
        db.execute_unprepared(&format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            quote(&temporary),
            columns.join(", "),
            values.join(", "),
            quote(name)
        ))
        .await
        .map_err(|e| {
            DbErr::Migration(format!(
                "rebuilding \"{name}\" on SQLite, its rows do not fit the new definition: {e}"
            ))
        })?;
    }
    db.execute_unprepared(&format!("DROP TABLE {}", quote(name)))
        .await?;
    db.execute_unprepared(&format!(
        "ALTER TABLE {} RENAME TO {}",
        quote(&temporary),
        quote(name)
    ))
    .await?;
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}
