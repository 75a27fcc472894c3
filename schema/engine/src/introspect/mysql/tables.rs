//! Tables and their columns.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::Catalog;
use super::defaults::{ColumnDefault, default_value};
use super::flavor::Flavor;
use super::types::sql_type;
use crate::introspect::assemble::{empty_table, table_mut};
use crate::introspect::is_tracking_table;
use crate::model::{Column, SqlExpr, Table};

const TABLES_SQL: &str = include_str!("tables.sql");
const COLUMNS_SQL: &str = include_str!("columns.sql");

/// `tables` reads the database's tables, sorted by name, with their columns in order and no
/// keys yet. Migration tracking tables are not part of the schema.
pub(super) async fn tables<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    flavor: Flavor,
) -> Result<Vec<Table>, DbErr> {
    let mut tables = Vec::new();
    for row in catalog.database_rows(TABLES_SQL).await? {
        let name: String = row.try_get("", "name")?;
        if is_tracking_table(&name) {
            continue;
        }
        let comment: Option<String> = row.try_get("", "comment")?;
        tables.push(empty_table(name, non_empty(comment)));
    }
    // `table_mut` relies on this order; the server's collation may sort otherwise.
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    for row in catalog.database_rows(COLUMNS_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        // Rows arrive in ORDINAL_POSITION order, so pushing keeps the column order.
        if let Some(table) = table_mut(&mut tables, &table_name) {
            table.columns.push(column(&row, flavor)?);
        }
    }
    Ok(tables)
}

/// `column` reads one column row. A generated column (`VIRTUAL GENERATED` or `STORED
/// GENERATED` in EXTRA) has its expression and no default; the model does not tell the two
/// kinds apart.
fn column(row: &QueryResult, flavor: Flavor) -> Result<Column, DbErr> {
    let data_type: String = row.try_get("", "data_type")?;
    let column_type: String = row.try_get("", "column_type")?;
    let extra: Option<String> = row.try_get("", "extra")?;
    let extra = extra.unwrap_or_default();
    let ty = sql_type(&data_type, &column_type);
    let is_generated = extra
        .split_whitespace()
        .any(|word| word.eq_ignore_ascii_case("GENERATED"));
    let (default, generated) = if is_generated {
        let expr: Option<String> = row.try_get("", "generation_expression")?;
        (None, non_empty(expr).map(SqlExpr::from))
    } else {
        let reported: Option<String> = row.try_get("", "default_value")?;
        let default = default_value(
            flavor,
            ColumnDefault {
                reported: reported.as_deref(),
                extra: &extra,
                ty: &ty,
            },
        );
        (default, None)
    };
    let is_nullable: String = row.try_get("", "is_nullable")?;
    Ok(Column {
        name: row.try_get("", "name")?,
        ty,
        nullable: is_nullable == "YES",
        default,
        generated,
        comment: non_empty(row.try_get("", "comment")?),
    })
}

/// `non_empty` is `None` for the empty text the catalog reports for "no comment".
fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}
