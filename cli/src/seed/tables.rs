//! `tables`: the 28 tables as a whole: whether any holds rows, and emptying them all.
//!
//! The entity registry lists the tables in foreign-key order (every table after the tables
//! it references; a test below keeps it so), which is the order the seeder fills them in.
//! Emptying runs in the reverse order, so no foreign key ever blocks a delete.

use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr};

/// `names` is the 28 table names, in foreign-key order.
pub fn names() -> Vec<String> {
    entity::registry()
        .tables
        .into_iter()
        .map(|table| table.table_name)
        .collect()
}

/// `first_occupied` is the first table (in foreign-key order) that holds rows, with its row
/// count, or `None` when all are empty.
pub async fn first_occupied<C: ConnectionTrait>(db: &C) -> Result<Option<(String, u64)>, DbErr> {
    for name in names() {
        let count = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from(Alias::new(name.as_str()))
            .to_owned();
        let rows: i64 = match db.query_one(&count).await? {
            Some(row) => row.try_get_by_index(0)?,
            None => 0,
        };
        if rows > 0 {
            return Ok(Some((name, rows.unsigned_abs())));
        }
    }
    Ok(None)
}

/// `clear` deletes every row of the 28 tables, referencing tables first.
pub async fn clear<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    for name in names().iter().rev() {
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
    use sea_orm::sea_query::{TableName, TableRef};

    #[test]
    fn there_are_28_tables() {
        assert_eq!(names().len(), 28);
    }

    #[test]
    fn registry_order_is_foreign_key_order() {
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
