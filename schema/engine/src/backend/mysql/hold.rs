//! What MySQL/MariaDB holds of the desired schema: the schema as the generated migrations'
//! builder calls create it there (see docs/backends.md), and what they leave out, with why.

use super::super::Held;
use super::super::portable::{is_portable_index, portable_default, portable_type};
use super::checks::{made_on_mysql, written_by_foreign_key};
use crate::introspect::enum_column_type;
use crate::model::{
    Column, DefaultValue, EnumType, IndexPart, PrimaryKey, Schema, SqlType, Table, UniqueConstraint,
};

/// `PRIMARY_KEY_NAME` is the only name MySQL/MariaDB gives a primary key.
pub const PRIMARY_KEY_NAME: &str = "PRIMARY";

/// `LONGEST_VARCHAR` is the longest `VARCHAR` (in characters) a utf8mb4 column can have;
/// a longer one is made `MEDIUMTEXT` by the server (the runner runs migrations without
/// strict mode), which reads back as `text`.
pub const LONGEST_VARCHAR: u32 = 16383;

/// `hold` is `desired` as migrations create it on MySQL/MariaDB.
pub fn hold(desired: &Schema) -> Held {
    let mut left_out = Vec::new();
    for e in &desired.extensions {
        left_out.push(format!("extension \"{}\": MySQL/MariaDB has none", e.name));
    }
    for s in &desired.sequences {
        left_out.push(format!(
            "sequence \"{}\": MySQL has none (MariaDB's are not PostgreSQL's); the application supplies its values",
            s.name
        ));
    }
    for f in &desired.functions {
        left_out.push(format!(
            "function {}: written in PostgreSQL's language, not created on MySQL/MariaDB",
            f.signature()
        ));
    }
    let tables = desired
        .tables
        .iter()
        .map(|t| held_table(t, &desired.enums, &mut left_out))
        .collect();
    Held {
        schema: Schema {
            tables,
            ..Schema::default()
        },
        left_out,
    }
}

/// `held_type` is the type a migration gives a column of type `ty` on MySQL/MariaDB.
pub fn held_type(ty: &SqlType, enums: &[EnumType]) -> SqlType {
    match ty {
        SqlType::Enum(name) => match enums.iter().find(|e| &e.name == name) {
            Some(e) => enum_column_type(&e.values),
            None => SqlType::Text,
        },
        SqlType::Jsonb => SqlType::Json,
        SqlType::TimestampTz => SqlType::Timestamp,
        SqlType::Varchar(Some(n)) if *n > LONGEST_VARCHAR => SqlType::Text,
        ty if portable_type(ty).is_some() => ty.clone(),
        // `Dialect::native_type`: PostgreSQL-only types (ltree, inet, arrays, …) are text.
        _ => SqlType::Text,
    }
}

fn held_table(table: &Table, enums: &[EnumType], left_out: &mut Vec<String>) -> Table {
    let name = &table.name;
    let columns = table
        .columns
        .iter()
        .map(|c| held_column(name, c, enums, left_out))
        .collect();
    let mut checks = Vec::new();
    for check in &table.checks {
        if made_on_mysql(check, table) {
            checks.push(check.clone());
        } else if let Some(column) = written_by_foreign_key(check, table) {
            left_out.push(format!(
                "CHECK \"{}\" on \"{name}\": MySQL/MariaDB refuses a CHECK over \"{column}\", which a foreign key's ON DELETE/ON UPDATE action writes",
                check.name
            ));
        } else {
            left_out.push(format!(
                "CHECK \"{}\" on \"{name}\": PostgreSQL SQL, not created on MySQL/MariaDB",
                check.name
            ));
        }
    }
    let commented = table.comment.is_some() || table.columns.iter().any(|c| c.comment.is_some());
    if commented {
        left_out.push(format!(
            "comments of \"{name}\": the migrations write them as PostgreSQL's COMMENT ON, which MySQL/MariaDB lacks"
        ));
    }
    let mut uniques = table.uniques.clone();
    let mut indexes = Vec::new();
    for index in &table.indexes {
        if !is_portable_index(index) {
            left_out.push(format!(
                "index \"{}\" on \"{name}\": a {} method, predicate, expression or descending key is PostgreSQL-only here",
                index.name,
                index.method.as_sql()
            ));
        } else if index.unique {
            // MySQL/MariaDB has no UNIQUE constraint apart from its unique index.
            uniques.push(UniqueConstraint {
                name: index.name.clone(),
                columns: index
                    .parts
                    .iter()
                    .filter_map(IndexPart::column_name)
                    .map(str::to_owned)
                    .collect(),
            });
        } else {
            indexes.push(index.clone());
        }
    }
    Table {
        columns,
        primary_key: table.primary_key.as_ref().map(|pk| PrimaryKey {
            name: PRIMARY_KEY_NAME.to_owned(),
            columns: pk.columns.clone(),
        }),
        uniques,
        indexes,
        checks,
        comment: None,
        ..table.clone()
    }
}

fn held_column(table: &str, c: &Column, enums: &[EnumType], left_out: &mut Vec<String>) -> Column {
    let mut column = Column {
        ty: held_type(&c.ty, enums),
        generated: None,
        comment: None,
        ..c.clone()
    };
    if let Some(DefaultValue::Expr(e)) = &c.default {
        column.default = portable_default(e.as_str()).map(|p| DefaultValue::Expr(p.into()));
        if column.default.is_none() {
            left_out.push(format!(
                "default {e} of \"{table}\".\"{}\": PostgreSQL SQL with no MySQL/MariaDB equivalent; the application supplies the value",
                c.name
            ));
        }
    }
    if let Some(g) = &c.generated {
        left_out.push(format!(
            "generated expression of \"{table}\".\"{}\" ({g}): PostgreSQL SQL; a plain column on MySQL/MariaDB, written by the application",
            c.name
        ));
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_as_the_migrations_create_them() {
        let enums = vec![EnumType {
            name: "genre".into(),
            values: vec!["x".into()],
        }];
        let held = |ty| held_type(&ty, &enums);
        assert_eq!(
            held(SqlType::Enum("genre".into())),
            SqlType::Named("enum('x')".into())
        );
        assert_eq!(held(SqlType::Jsonb), SqlType::Json);
        assert_eq!(held(SqlType::TimestampTz), SqlType::Timestamp);
        assert_eq!(held(SqlType::Varchar(Some(16384))), SqlType::Text);
        assert_eq!(
            held(SqlType::Varchar(Some(16383))),
            SqlType::Varchar(Some(16383))
        );
        assert_eq!(held(SqlType::LTree), SqlType::Text);
        assert_eq!(held(SqlType::Uuid), SqlType::Uuid);
    }
}
