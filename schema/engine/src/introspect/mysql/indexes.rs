//! Primary keys, UNIQUE constraints and indexes, all read from `STATISTICS` in one query.
//!
//! MySQL keeps every key as an index: `PRIMARY` is the primary key, a UNIQUE index over plain
//! columns is a UNIQUE constraint (whether MariaDB implements it as a B-tree or, for long
//! text, as a HASH), and everything else is an `Index`. An index the server made for a
//! foreign key is part of that key and is left out.

use schema_ddl::IndexMethod;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

use super::catalog::Catalog;
use super::flavor::Flavor;
use crate::introspect::assemble::table_mut;
use crate::model::{
    ForeignKey, Index, IndexKey, IndexPart, PrimaryKey, SqlExpr, Table, UniqueConstraint,
};

const STATISTICS_MARIADB_SQL: &str = include_str!("statistics_mariadb.sql");
const STATISTICS_MYSQL_SQL: &str = include_str!("statistics_mysql.sql");

/// The name MySQL and MariaDB give every primary key.
const PRIMARY: &str = "PRIMARY";

/// `LiveIndex` is one index as `STATISTICS` reports it, its key parts gathered.
struct LiveIndex {
    table: String,
    name: String,
    unique: bool,
    method: IndexMethod,
    parts: Vec<IndexPart>,
}

/// `add_indexes` reads every index of the database and attaches each to its table as its
/// primary key, a UNIQUE constraint or an index. Foreign keys must be attached already, so
/// that the indexes backing them are recognised.
pub(super) async fn add_indexes<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    flavor: Flavor,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    let sql = match flavor {
        Flavor::MariaDb => STATISTICS_MARIADB_SQL,
        Flavor::MySql => STATISTICS_MYSQL_SQL,
    };
    let mut current: Option<LiveIndex> = None;
    for row in catalog.database_rows(sql).await? {
        let table: String = row.try_get("", "table_name")?;
        let name: String = row.try_get("", "name")?;
        let part = key_part(&row, &name)?;
        match &mut current {
            Some(index) if index.table == table && index.name == name => index.parts.push(part),
            _ => {
                if let Some(done) = current.take() {
                    attach(tables, done);
                }
                let non_unique: i64 = row.try_get("", "non_unique")?;
                let index_type: String = row.try_get("", "index_type")?;
                current = Some(LiveIndex {
                    table,
                    name,
                    unique: non_unique == 0,
                    method: index_method(&index_type),
                    parts: vec![part],
                });
            }
        }
    }
    if let Some(done) = current {
        attach(tables, done);
    }
    Ok(())
}

/// `key_part` reads one key part: a column (perhaps a prefix of it) or, on MySQL 8, an
/// expression; `COLLATION` `D` sorts it descending.
fn key_part(row: &QueryResult, index: &str) -> Result<IndexPart, DbErr> {
    let column: Option<String> = row.try_get("", "column_name")?;
    let expression: Option<String> = row.try_get("", "expression")?;
    let key = match (column, expression) {
        (Some(column), _) => IndexKey::Column(column),
        (None, Some(expr)) => IndexKey::Expr(SqlExpr::from(expr)),
        (None, None) => {
            return Err(DbErr::Custom(format!(
                "introspection: index \"{index}\" has a key part that is neither column nor expression"
            )));
        }
    };
    let collation: Option<String> = row.try_get("", "collation")?;
    let prefix: Option<i64> = row.try_get("", "prefix")?;
    Ok(IndexPart {
        key,
        descending: collation.as_deref() == Some("D"),
        prefix: prefix.and_then(|p| u32::try_from(p).ok()),
    })
}

/// `index_method` maps `INDEX_TYPE`; MyISAM's `RTREE` is a spatial index.
fn index_method(index_type: &str) -> IndexMethod {
    match index_type.to_ascii_uppercase().as_str() {
        "HASH" => IndexMethod::Hash,
        "FULLTEXT" => IndexMethod::FullText,
        "SPATIAL" | "RTREE" => IndexMethod::Spatial,
        _ => IndexMethod::BTree,
    }
}

/// `attach` files `index` under its table as what it is. Indexes of a left-out table
/// (migration tracking) are left out with it.
fn attach(tables: &mut [Table], index: LiveIndex) {
    let Some(table) = table_mut(tables, &index.table) else {
        return;
    };
    let plain_columns = plain_columns(&index.parts);
    if index.name == PRIMARY {
        let columns = index
            .parts
            .iter()
            .filter_map(|p| p.column_name().map(str::to_owned))
            .collect();
        table.primary_key = Some(PrimaryKey {
            name: index.name,
            columns,
        });
        return;
    }
    match plain_columns {
        Some(columns)
            if index.unique && matches!(index.method, IndexMethod::BTree | IndexMethod::Hash) =>
        {
            table.uniques.push(UniqueConstraint {
                name: index.name,
                columns,
            });
        }
        Some(columns)
            if !index.unique
                && index.method == IndexMethod::BTree
                && backs_foreign_key(&table.name, &table.foreign_keys, &index.name, &columns) => {}
        _ => table.indexes.push(Index {
            name: index.name,
            parts: index.parts,
            unique: index.unique,
            method: index.method,
            predicate: None,
        }),
    }
}

/// `plain_columns` is the column names of an index whose every part is a whole column in
/// ascending order: what a UNIQUE constraint or a foreign key can be made of.
fn plain_columns(parts: &[IndexPart]) -> Option<Vec<String>> {
    parts
        .iter()
        .map(|p| match (&p.key, p.descending, p.prefix) {
            (IndexKey::Column(c), false, None) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// `backs_foreign_key` is true for the index the server creates when a foreign key has no
/// index to use: over the key's columns, named after the key, or after its first column when
/// the key's name is generated (`<table>_ibfk_<n>`).
fn backs_foreign_key(
    table: &str,
    foreign_keys: &[ForeignKey],
    index: &str,
    columns: &[String],
) -> bool {
    foreign_keys.iter().any(|fk| {
        fk.columns == columns
            && (fk.name == index
                || (is_generated_fk_name(table, &fk.name)
                    && fk.columns.first().is_some_and(|c| c == index)))
    })
}

/// `is_generated_fk_name` is true for the name InnoDB gives an unnamed foreign key.
fn is_generated_fk_name(table: &str, name: &str) -> bool {
    name.strip_prefix(table)
        .and_then(|rest| rest.strip_prefix("_ibfk_"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_foreign_key_names() {
        assert!(is_generated_fk_name("post", "post_ibfk_1"));
        assert!(is_generated_fk_name("post", "post_ibfk_12"));
        assert!(!is_generated_fk_name("post", "post_ibfk_"));
        assert!(!is_generated_fk_name("post", "post_author_fkey"));
        assert!(!is_generated_fk_name("post", "comment_ibfk_1"));
    }

    #[test]
    fn index_types() {
        assert_eq!(index_method("BTREE"), IndexMethod::BTree);
        assert_eq!(index_method("HASH"), IndexMethod::Hash);
        assert_eq!(index_method("FULLTEXT"), IndexMethod::FullText);
        assert_eq!(index_method("SPATIAL"), IndexMethod::Spatial);
    }
}
