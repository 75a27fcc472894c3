//! Auto-increment keys: SeaORM numbers new rows of an entity whose single integer primary key
//! it considers auto-increment (`#[sea_orm(primary_key)] pub id: i32` is, unless the entity
//! says `auto_increment = false`), so the database has to: an identity column on PostgreSQL,
//! `AUTO_INCREMENT` on MySQL/MariaDB, the rowid alias on SQLite.

use crate::model::{Column, DefaultValue, SqlType};

/// `mark_auto_increment` gives the key column of an auto-increment entity the
/// [`DefaultValue::AutoIncrement`] default. Only a single-column key of an integer type
/// qualifies: SeaORM reports `auto_increment()` true for composite and non-integer keys too
/// unless told otherwise, and no database numbers those. A declared default on the column
/// would be a second source of values: it is an error, `(column, message)`.
pub(super) fn mark_auto_increment(
    auto_increment: bool,
    primary_key: &[String],
    columns: &mut [Column],
) -> Result<(), (String, String)> {
    let [key] = primary_key else {
        return Ok(());
    };
    if !auto_increment {
        return Ok(());
    }
    let Some(column) = columns.iter_mut().find(|c| &c.name == key) else {
        return Ok(());
    };
    if !matches!(
        column.ty,
        SqlType::SmallInt | SqlType::Integer | SqlType::BigInt
    ) {
        return Ok(());
    }
    if column.default.is_some() {
        return Err((
            column.name.clone(),
            "an auto-increment primary key cannot also have a default; declare the key with `auto_increment = false` to keep the default".into(),
        ));
    }
    column.default = Some(DefaultValue::AutoIncrement);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, ty: SqlType) -> Column {
        Column {
            name: name.into(),
            ty,
            nullable: false,
            default: None,
            generated: None,
            comment: None,
        }
    }

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn an_integer_key_of_an_auto_increment_entity_is_numbered_by_the_database() {
        for ty in [SqlType::SmallInt, SqlType::Integer, SqlType::BigInt] {
            let mut columns = vec![column("id", ty), column("name", SqlType::Text)];
            mark_auto_increment(true, &keys(&["id"]), &mut columns).unwrap();
            assert_eq!(columns[0].default, Some(DefaultValue::AutoIncrement));
            assert_eq!(columns[1].default, None);
        }
    }

    #[test]
    fn an_entity_saying_auto_increment_false_keeps_a_plain_key() {
        let mut columns = vec![column("id", SqlType::Integer)];
        mark_auto_increment(false, &keys(&["id"]), &mut columns).unwrap();
        assert_eq!(columns[0].default, None);
    }

    #[test]
    fn composite_and_non_integer_keys_are_never_auto_increment() {
        let mut columns = vec![column("a", SqlType::Integer), column("b", SqlType::Integer)];
        mark_auto_increment(true, &keys(&["a", "b"]), &mut columns).unwrap();
        assert!(columns.iter().all(|c| c.default.is_none()));
        for ty in [SqlType::Uuid, SqlType::Text, SqlType::Varchar(None)] {
            let mut columns = vec![column("id", ty)];
            mark_auto_increment(true, &keys(&["id"]), &mut columns).unwrap();
            assert_eq!(columns[0].default, None);
        }
    }

    #[test]
    fn a_declared_default_on_an_auto_increment_key_is_an_error() {
        let mut columns = vec![Column {
            default: Some(DefaultValue::Number("7".into())),
            ..column("id", SqlType::BigInt)
        }];
        let (field, message) = mark_auto_increment(true, &keys(&["id"]), &mut columns).unwrap_err();
        assert_eq!(field, "id");
        assert!(message.contains("auto-increment"), "{message}");
        assert_eq!(columns[0].default, Some(DefaultValue::Number("7".into())));
    }
}
