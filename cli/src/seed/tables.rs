//! `tables`: the registry's tables as a whole: their seeding order, whether any holds rows,
//! and emptying them all.
//!
//! Tables are filled in foreign-key order (every table after the tables it references),
//! computed from the registry: the registry's own order wherever the foreign keys allow it,
//! so a new entity lands after its parents wherever it is listed. Emptying runs in the
//! reverse order, so no foreign key ever blocks a delete.

use entity::ddl::RegisteredTable;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, TableName, TableRef};
use sea_orm::{ConnectionTrait, DbErr};

/// `ordered` is `tables` in foreign-key order: repeatedly the first table (in the given
/// order) whose referenced tables are all placed. Self-references and references to tables
/// not in the list do not count; a cycle (none today) keeps the given order for the tables
/// caught in it.
pub fn ordered(tables: Vec<RegisteredTable>) -> Vec<RegisteredTable> {
    let mut pending = tables;
    let mut order: Vec<RegisteredTable> = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let placed = |name: &str| order.iter().any(|t| t.table_name == name);
        let names: Vec<String> = pending.iter().map(|t| t.table_name.clone()).collect();
        let ready = pending.iter().position(|table| {
            targets(table).iter().all(|target| {
                *target == table.table_name || placed(target) || !names.contains(target)
            })
        });
        order.push(pending.remove(ready.unwrap_or(0)));
    }
    order
}

/// `targets` names the tables `table`'s foreign keys reference.
fn targets(table: &RegisteredTable) -> Vec<String> {
    (table.foreign_keys.iter())
        .filter_map(|fk| match &fk.to_tbl {
            TableRef::Table(TableName(_, name), _) => Some(name.to_string()),
            _ => None,
        })
        .collect()
}

/// `names` is the registry's table names, in foreign-key order.
#[cfg(test)]
pub fn names() -> Vec<String> {
    ordered(entity::registry().tables)
        .into_iter()
        .map(|table| table.table_name)
        .collect()
}

/// `first_occupied` is the first of `names` that holds rows, with its row count, or `None`
/// when all are empty.
pub async fn first_occupied<C: ConnectionTrait>(
    db: &C,
    names: &[String],
) -> Result<Option<(String, u64)>, DbErr> {
    for name in names {
        let count = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from(Alias::new(name.as_str()))
            .to_owned();
        let rows: i64 = match db.query_one(&count).await? {
            Some(row) => row.try_get_by_index(0)?,
            None => 0,
        };
        if rows > 0 {
            return Ok(Some((name.clone(), rows.unsigned_abs())));
        }
    }
    Ok(None)
}

/// `clear` deletes every row of the tables `names` lists in foreign-key order, referencing
/// tables first.
pub async fn clear<C: ConnectionTrait>(db: &C, names: &[String]) -> Result<(), DbErr> {
    for name in names.iter().rev() {
        let delete = Query::delete()
            .from_table(Alias::new(name.as_str()))
            .to_owned();
        db.execute(&delete).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_table_is_ordered_once() {
        let mut order = names();
        assert_eq!(order.len(), entity::registry().tables.len());
        order.sort();
        order.dedup();
        assert_eq!(order.len(), entity::registry().tables.len());
    }

    #[test]
    fn seeding_order_is_foreign_key_order() {
        let order = names();
        for table in entity::registry().tables {
            let position = order.iter().position(|n| *n == table.table_name);
            for fk in &table.foreign_keys {
                let TableRef::Table(TableName(_, target), _) = &fk.to_tbl else {
                    panic!("{}: unexpected FK target", table.table_name);
                };
                let target = order.iter().position(|n| *n == target.to_string());
                assert!(
                    target <= position,
                    "{} comes before what it references",
                    table.table_name
                );
            }
        }
    }
}
