//! Schema-level objects: extensions, enum types, free-standing sequences and functions.

use sea_orm::{ConnectionTrait, DbErr};

use super::catalog::{Catalog, json};
use crate::model::{EnumType, Extension, Function, Sequence};

const EXTENSIONS_SQL: &str = include_str!("extensions.sql");
const ENUMS_SQL: &str = include_str!("enums.sql");
const SEQUENCES_SQL: &str = include_str!("sequences.sql");
const FUNCTIONS_SQL: &str = include_str!("functions.sql");

/// `extensions` lists the database's extensions (database-wide, not per schema) but plpgsql,
/// which every database has built in.
pub(super) async fn extensions<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Vec<Extension>, DbErr> {
    catalog
        .database_rows(EXTENSIONS_SQL)
        .await?
        .iter()
        .map(|row| {
            Ok(Extension {
                name: row.try_get("", "name")?,
            })
        })
        .collect()
}

/// `enums` lists the schema's enum types with their labels in sort order.
pub(super) async fn enums<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Vec<EnumType>, DbErr> {
    catalog
        .schema_rows(ENUMS_SQL)
        .await?
        .iter()
        .map(|row| {
            let labels: String = row.try_get("", "labels")?;
            Ok(EnumType {
                name: row.try_get("", "name")?,
                values: json(&labels, "enum labels")?,
            })
        })
        .collect()
}

/// `sequences` lists the schema's sequences that no column owns.
pub(super) async fn sequences<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Vec<Sequence>, DbErr> {
    catalog
        .schema_rows(SEQUENCES_SQL)
        .await?
        .iter()
        .map(|row| {
            Ok(Sequence {
                name: row.try_get("", "name")?,
                data_type: row.try_get("", "data_type")?,
                start: row.try_get("", "start")?,
                increment: row.try_get("", "increment")?,
                min_value: row.try_get("", "min_value")?,
                max_value: row.try_get("", "max_value")?,
                cache: row.try_get("", "cache")?,
                cycle: row.try_get("", "cycle")?,
            })
        })
        .collect()
}

/// `functions` lists the schema's plain functions (no procedures or aggregates) that no
/// extension owns, with their IN arguments as `(name, type)`; an unnamed argument has an
/// empty name.
pub(super) async fn functions<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
) -> Result<Vec<Function>, DbErr> {
    catalog
        .schema_rows(FUNCTIONS_SQL)
        .await?
        .iter()
        .map(|row| {
            let args: String = row.try_get("", "args")?;
            Ok(Function {
                name: row.try_get("", "name")?,
                args: json(&args, "function arguments")?,
                returns: row.try_get("", "returns")?,
                language: row.try_get("", "language")?,
                volatility: row.try_get("", "volatility")?,
                body: row.try_get::<String>("", "body")?.into(),
            })
        })
        .collect()
}
