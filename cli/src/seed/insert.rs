//! `insert`: batched multi-row INSERTs of filled rows, correct on both backends.
//!
//! Each value goes through its entity's own write-side cast, the one an ActiveModel insert
//! applies: values of enum types, `ltree` and `inet` are cast on PostgreSQL and written as
//! they are on SQLite (see `entity::ddl::LTree`).

use sea_orm::sea_query::{Alias, Expr, InsertStatement, Query};
use sea_orm::{ConnectionTrait, DbErr, Value};

use super::fill::{Filled, TableSpec};

/// `BATCH` rows per statement keeps the bind parameters (at most a few dozen per row) far
/// below PostgreSQL's 65535 and SQLite's 32766.
const BATCH: usize = 500;

/// `insert_all` inserts `rows` into `table`, in order, and returns the number inserted.
pub async fn insert_all<C: ConnectionTrait>(
    db: &C,
    table: &TableSpec,
    rows: &[Filled],
) -> Result<u64, DbErr> {
    let mut inserted = 0;
    for statement in statements(table, rows)? {
        inserted += db.execute(&statement).await?.rows_affected();
    }
    Ok(inserted)
}

/// `statements` splits `rows` into runs of consecutive rows writing the same columns (one
/// INSERT can only list one set), each cut into batches, keeping the row order: a row that
/// references an earlier row of the same table is inserted after it.
pub fn statements(table: &TableSpec, rows: &[Filled]) -> Result<Vec<InsertStatement>, DbErr> {
    let mut statements = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let same = |row: &Filled| row.column_names().eq(rows[start].column_names());
        let run = rows[start..].iter().take_while(|r| same(r)).count();
        for batch in rows[start..start + run].chunks(BATCH) {
            statements.push(statement(table, batch)?);
        }
        start += run;
    }
    Ok(statements)
}

/// `statement` is one INSERT of `rows`, which all list the same columns. A column that is
/// NULL in every row is left out, as an unset ActiveModel field would be: the database
/// then applies NULL (or its own default), and a nullable column that the entity has but
/// the database does not yet have (before its migration is applied) does not fail.
fn statement(table: &TableSpec, rows: &[Filled]) -> Result<InsertStatement, DbErr> {
    let first = rows.first().map(|r| r.cells.as_slice()).unwrap_or_default();
    let written: Vec<bool> = (0..first.len())
        .map(|i| rows.iter().any(|r| r.cells[i].1.is_some()))
        .collect();
    let mut insert = Query::insert();
    insert.into_table(Alias::new(table.name.as_str())).columns(
        (first.iter().zip(&written))
            .filter(|(_, written)| **written)
            .map(|((column, _), _)| Alias::new(column.as_str())),
    );
    for row in rows {
        let values = (row.cells.iter().zip(&written))
            .filter(|(_, written)| **written)
            .map(|((column, value), _)| expr(table, column, value.clone()))
            .collect::<Vec<_>>();
        insert
            .values(values)
            .map_err(|e| DbErr::Custom(format!("{}: {e}", table.name)))?;
    }
    Ok(insert)
}

/// `expr` is one cell: an untyped NULL (whatever the column's type), or the value through
/// the entity's cast.
fn expr(table: &TableSpec, column: &str, value: Option<Value>) -> Expr {
    match value {
        Some(value) => (table.save_as)(column, Expr::val(value)),
        None => Expr::cust("NULL"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::fill::{Filler, TableSpec};
    use crate::seed::row::Row;
    use entity::ddl::RegisteredTable;
    use sea_orm::DbBackend;

    fn spec<E>(path: &'static str) -> TableSpec
    where
        E: sea_orm::EntityTrait + entity::ddl::EntityDdl + Default,
    {
        TableSpec::of(&RegisteredTable::of::<E>(path))
    }

    fn session_sql(backend: DbBackend) -> String {
        use entity::auth::session;
        let table = spec::<session::Entity>("entity::auth::session");
        let row = Row::new()
            .with("id", uuid::Uuid::from_u128(1))
            .with("user_id", uuid::Uuid::from_u128(2))
            .with("ip_address", "10.12.0.7")
            .with("session_id", "abc");
        let mut filler = Filler::new(1, backend);
        let rows = filler.fill(&table, vec![row]).unwrap();
        let statements = statements(&table, &rows).unwrap();
        backend.build(&statements[0]).to_string()
    }

    #[test]
    fn inet_is_cast_on_postgres_and_plain_on_sqlite() {
        let pg = session_sql(DbBackend::Postgres);
        assert!(pg.contains(r#"CAST('10.12.0.7' AS "inet")"#), "{pg}");
        let sqlite = session_sql(DbBackend::Sqlite);
        assert!(
            sqlite.contains("'10.12.0.7'") && !sqlite.contains("CAST"),
            "{sqlite}"
        );
    }

    #[test]
    fn rows_writing_other_columns_go_to_separate_statements_in_order() {
        use entity::role::role;
        let table = spec::<role::Entity>("entity::role::role");
        let rows = [("_a", true), ("_b", true), ("_c", false)]
            .map(|(id, title)| {
                let row = Row::new().with("id", id).with("builtin", true);
                if title { row.with("title", "T") } else { row }
            })
            .to_vec();
        let mut filler = Filler::new(1, DbBackend::Sqlite);
        let filled = filler.fill(&table, rows).unwrap();
        // `title` is nullable: unset means NULL, so all three rows write the same columns.
        let one = statements(&table, &filled).unwrap();
        assert_eq!(one.len(), 1);
        // A column NULL in every row (`description`) is left out, as if never set.
        let sql = DbBackend::Sqlite.build(&one[0]).to_string();
        assert!(
            sql.contains(r#"("id", "title", "builtin")"#) && sql.contains("NULL"),
            "{sql}"
        );
        let mut second = filled.clone();
        second[1].cells.retain(|(c, _)| c != "description");
        assert_eq!(statements(&table, &second).unwrap().len(), 3);
    }
}
