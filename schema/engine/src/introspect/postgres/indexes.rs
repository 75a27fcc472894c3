//! Indexes that back no constraint, all tables in one query.

use schema_ddl::IndexMethod;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use serde::Deserialize;

use super::catalog::{Catalog, json};
use super::constraints::strip_outer_parens;
use crate::introspect::assemble::table_mut;
use crate::model::{Index, IndexKey, IndexPart, SqlExpr, Table};

const INDEXES_SQL: &str = include_str!("indexes.sql");

/// `KeyPart` is one key part as the query builds it in JSON: a column, or for attnum 0 the
/// expression text of `pg_get_indexdef(index, n, true)`.
#[derive(Debug, Deserialize)]
struct KeyPart {
    column: Option<String>,
    expr: Option<String>,
    descending: bool,
}

/// `add_indexes` reads every index of the schema that backs no constraint and attaches it to
/// its table (rows are sorted by table and index name).
pub(super) async fn add_indexes<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    for row in catalog.schema_rows(INDEXES_SQL).await? {
        let table_name: String = row.try_get("", "table_name")?;
        if let Some(table) = table_mut(tables, &table_name) {
            table.indexes.push(index(&row)?);
        }
    }
    Ok(())
}

fn index(row: &QueryResult) -> Result<Index, DbErr> {
    let name: String = row.try_get("", "name")?;
    let parts_json: String = row.try_get("", "parts")?;
    let parts: Vec<KeyPart> = json(&parts_json, "index key parts")?;
    let method: String = row.try_get("", "method")?;
    Ok(Index {
        parts: parts
            .into_iter()
            .map(|p| index_part(p, &name))
            .collect::<Result<_, _>>()?,
        unique: row.try_get("", "is_unique")?,
        method: index_method(&method),
        predicate: row
            .try_get::<Option<String>>("", "predicate")?
            .map(SqlExpr::from),
        name,
    })
}

/// `index_part` turns a key part into the model's; an expression loses the parentheses
/// PostgreSQL puts around anything that is not a bare function call.
fn index_part(part: KeyPart, index: &str) -> Result<IndexPart, DbErr> {
    let key = match (part.column, part.expr) {
        (Some(column), _) => IndexKey::Column(column),
        (None, Some(expr)) => IndexKey::Expr(strip_outer_parens(&expr).unwrap_or(&expr).into()),
        (None, None) => {
            return Err(DbErr::Custom(format!(
                "introspection: index \"{index}\" has a key part that is neither column nor expression"
            )));
        }
    };
    Ok(IndexPart {
        key,
        descending: part.descending,
        prefix: None,
    })
}

/// `index_method` maps `pg_am.amname`. The model knows the six built-in methods only; an
/// index of another access method (bloom, an extension's) reads as btree, which a diff then
/// shows as a method change rather than failing the whole introspection.
fn index_method(amname: &str) -> IndexMethod {
    match amname {
        "hash" => IndexMethod::Hash,
        "gist" => IndexMethod::Gist,
        "gin" => IndexMethod::Gin,
        "brin" => IndexMethod::Brin,
        "spgist" => IndexMethod::SpGist,
        _ => IndexMethod::BTree,
    }
}
