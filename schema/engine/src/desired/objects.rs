//! Database objects and enum types of the desired schema.

use schema_ddl::{DbObject, RegisteredTable, text_type_name};
use sea_orm::sea_query::ColumnType;

use super::SchemaError;
use crate::model::{EnumType, Extension, Function, Schema, Sequence};

/// `add_objects` copies the registry's extensions, functions and sequences.
pub(super) fn add_objects(schema: &mut Schema, objects: &[DbObject]) {
    for object in objects {
        match object {
            DbObject::Extension(e) => schema.extensions.push(Extension {
                name: e.name.clone(),
            }),
            DbObject::Function(f) => schema.functions.push(Function {
                name: f.name.clone(),
                args: f.args.clone(),
                returns: f.returns.clone(),
                language: f.language.clone(),
                volatility: f.volatility.as_sql().to_owned(),
                body: f.body.clone().into(),
            }),
            // A rename is a migration hint, not part of the schema (see `desired_renames`).
            DbObject::EnumLabelRename(_) => {}
            DbObject::Sequence(s) => schema.sequences.push(Sequence {
                name: s.name.clone(),
                data_type: s.data_type.clone(),
                start: s.start,
                increment: s.increment,
                min_value: s.min_value,
                max_value: s.max_value,
                cache: s.cache,
                cycle: s.cycle,
            }),
        }
    }
}

/// `add_enums` records the enum types `table`'s columns use (from their `ActiveEnum`s), once
/// each; two entities that spell the same enum differently are an error. An enum type without
/// labels is no enum: it is how `schema_ddl::LTree`/`Inet` name their PostgreSQL type.
pub(super) fn add_enums(schema: &mut Schema, table: &RegisteredTable) -> Result<(), SchemaError> {
    for (column, def) in &table.columns {
        let ColumnType::Enum { name, variants } = def.get_column_type() else {
            continue;
        };
        if text_type_name(def.get_column_type()).is_some() {
            continue;
        }
        let wanted = EnumType {
            name: name.to_string(),
            values: variants.iter().map(|v| v.to_string()).collect(),
        };
        match schema.enums.iter().find(|e| e.name == wanted.name) {
            None => schema.enums.push(wanted),
            Some(existing) if *existing == wanted => {}
            Some(existing) => {
                return Err(SchemaError {
                    entity: table.entity.to_owned(),
                    field: Some(column.clone()),
                    message: format!(
                        "enum \"{}\" has labels {:?} here but {:?} elsewhere",
                        wanted.name, wanted.values, existing.values
                    ),
                });
            }
        }
    }
    Ok(())
}
