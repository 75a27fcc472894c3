//! Tables and their columns.

use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::Catalog;
use super::defaults::default_value;
use super::types::sql_type;
use crate::introspect::assemble::{empty_table, table_mut};
use crate::introspect::is_tracking_table;
use crate::model::{Column, DefaultValue, SqlExpr, Table};

const TABLES_SQL: &str = include_str!("tables.sql");
const COLUMNS_SQL: &str = include_str!("columns.sql");

/// `tables` reads the schema's tables, sorted by name, with their columns in logical order
/// and no constraints yet. Migration tracking tables are not part of the schema.
pub(super) async fn tables<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Vec<Table>, DbErr> {
    let mut tables = Vec::new();
    for row in catalog.schema_rows(TABLES_SQL).await? {
        let name: String = row.try_get("", "name")?;
        if is_tracking_table(&name) {
            continue;
        }
        tables.push(empty_table(name, row.try_get("", "comment")?));
    }
    // The query sorts too, but `table_mut` relies on this order, so it is made certain here.
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    for row in catalog.schema_rows(COLUMNS_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        // Rows arrive in attnum order, so pushing keeps the logical column order; a dropped
        // column leaves a gap in attnum that does not matter here.
        if let Some(table) = table_mut(&mut tables, &table_name) {
            table.columns.push(column(&row)?);
        }
    }
    Ok(tables)
}

/// `column` reads one column row. A generated column's expression is stored where a default
/// would be (pg_attrdef), so it becomes `generated`, and the column has no default. An
/// identity column numbers new rows: the model's auto-increment default. Its sequence belongs
/// to it and is not listed among the schema's sequences (`sequences.sql`).
fn column(row: &QueryResult) -> Result<Column, DbErr> {
    let ty: String = row.try_get("", "type")?;
    let enum_name: Option<String> = row.try_get("", "enum_name")?;
    let expr: Option<String> = row.try_get("", "default_expr")?;
    let is_generated: bool = row.try_get("", "generated")?;
    let is_identity: bool = row.try_get("", "identity")?;
    let (default, generated) = match expr {
        _ if is_identity => (Some(DefaultValue::AutoIncrement), None),
        Some(expr) if is_generated => (None, Some(SqlExpr::from(expr))),
        Some(expr) => (Some(default_value(&expr, &ty)), None),
        None => (None, None),
    };
    let not_null: bool = row.try_get("", "not_null")?;
    Ok(Column {
        name: row.try_get("", "name")?,
        ty: sql_type(&ty, enum_name.as_deref()),
        nullable: !not_null,
        default,
        generated,
        comment: row.try_get("", "comment")?,
    })
}
