//! `insert`: batched inserts of ActiveModels, correct on both backends.
//!
//! The entities cast `ltree` and `inet` columns on save (`CAST(? AS ltree)`), which is what
//! PostgreSQL needs. SQLite has neither type: it reads the cast's unknown type name as
//! NUMERIC affinity, so `CAST('university' AS ltree)` stores `0` and
//! `CAST('10.12.0.7' AS inet)` stores `10.12`. On SQLite, entities with such a cast are
//! therefore inserted through the same ActiveModels and column list, minus the cast.

use sea_orm::sea_query::{Expr, InsertStatement, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityName, EntityTrait,
    IdenStatic, Iterable,
};

/// `BATCH` rows per statement keeps the bind parameters (at most 19 per row) far below
/// PostgreSQL's 65535 and SQLite's 32766.
const BATCH: usize = 500;

/// `insert_all` inserts `rows` in batches and returns the number of rows inserted.
pub async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let bypass_casts =
        db.get_database_backend() == DbBackend::Sqlite && casts_to_native_type::<A::Entity>();
    let mut inserted = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(BATCH).collect();
        inserted += if bypass_casts {
            db.execute(&uncast_insert(&batch)?).await?.rows_affected()
        } else {
            A::Entity::insert_many(batch)
                .exec_without_returning(db)
                .await?
        };
    }
    Ok(inserted)
}

/// `casts_to_native_type` is true when a column of `E` is saved through a custom cast
/// (`save_as`), as opposed to the enum handling every column gets.
fn casts_to_native_type<E: EntityTrait>() -> bool {
    E::Column::iter().any(|column| {
        let probe = || Expr::val("probe");
        column.save_as(probe()) != column.save_enum_as(probe())
    })
}

/// `uncast_insert` is the multi-row INSERT that `insert_many` would build for `rows`, with
/// each value saved as `save_enum_as` instead of `save_as`: enum values keep their handling,
/// only the custom casts are left out. Every row must set the same columns (the seeders
/// build them from complete models).
fn uncast_insert<A: ActiveModelTrait>(rows: &[A]) -> Result<InsertStatement, DbErr> {
    let Some(first) = rows.first() else {
        return Err(DbErr::Custom("an INSERT needs at least one row".into()));
    };
    let columns: Vec<_> = (<A::Entity as EntityTrait>::Column::iter())
        .filter(|column| !first.is_not_set(*column))
        .collect();
    let mut insert = Query::insert();
    insert
        .into_table(A::Entity::default().table_ref())
        .columns(columns.clone());
    for row in rows {
        let mut values = Vec::with_capacity(columns.len());
        for column in &columns {
            let value = row.get(*column).into_value().ok_or_else(|| {
                DbErr::Custom(format!(
                    "column {} is not set in every row",
                    column.as_str()
                ))
            })?;
            values.push(column.save_enum_as(Expr::val(value)));
        }
        insert
            .values(values)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    Ok(insert)
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::auth::{session, user};
    use entity::organization::organization;
    use sea_orm::{ActiveValue::Set, QueryTrait};

    #[test]
    fn only_ltree_and_inet_entities_take_the_sqlite_path() {
        assert!(casts_to_native_type::<organization::Entity>());
        assert!(casts_to_native_type::<session::Entity>());
        assert!(!casts_to_native_type::<user::Entity>());
    }

    #[test]
    fn the_entity_cast_would_corrupt_sqlite_and_the_uncast_insert_does_not() {
        let row = || session::ActiveModel {
            ip_address: Set("10.12.0.7".to_owned()),
            session_id: Set("abc".to_owned()),
            ..Default::default()
        };
        let cast = session::Entity::insert(row())
            .build(DbBackend::Sqlite)
            .to_string();
        assert!(cast.contains("CAST('10.12.0.7' AS inet)"), "{cast}");
        let plain = DbBackend::Sqlite
            .build(&uncast_insert(&[row()]).unwrap())
            .to_string();
        assert!(
            plain.contains("'10.12.0.7'") && !plain.contains("CAST"),
            "{plain}"
        );
    }
}
