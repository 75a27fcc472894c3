//! `desired` builds the schema model the entity crate declares.
//!
//! It reads SeaORM's own metadata of every entity (column definitions, primary keys, owned
//! relations) plus each entity's `EntityDdl`, and fills in the names PostgreSQL would give
//! what the entities leave unnamed. Anything the model cannot represent is an error naming the
//! entity and the field, before anything is written.

mod columns;
mod constraints;
mod objects;

use std::collections::BTreeSet;

use entity::ddl::Registry;

use crate::diff::Renames;
use crate::model::{Schema, Table};

/// `SchemaError` is an entity the engine cannot represent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{entity}{}: {message}", field.as_ref().map(|f| format!(".{f}")).unwrap_or_default())]
pub struct SchemaError {
    /// Rust path of the entity, e.g. `auth::user`.
    pub entity: String,
    /// The field (column, relation, index, …) at fault.
    pub field: Option<String>,
    pub message: String,
}

/// `desired_schema` turns the registry into the normalized model and validates it.
pub fn desired_schema(registry: &Registry) -> Result<Schema, SchemaError> {
    let mut schema = Schema {
        extensions: Vec::new(),
        enums: Vec::new(),
        sequences: Vec::new(),
        functions: Vec::new(),
        tables: Vec::with_capacity(registry.tables.len()),
    };
    objects::add_objects(&mut schema, &registry.all_objects());
    for registered in &registry.tables {
        let table = Table {
            name: registered.table_name.clone(),
            columns: columns::columns(registered)?,
            primary_key: constraints::primary_key(registered)?,
            uniques: constraints::uniques(registered)?,
            foreign_keys: constraints::foreign_keys(registered)?,
            indexes: constraints::indexes(registered),
            checks: constraints::checks(registered),
            comment: registered.ddl.comment.clone(),
            renamed_from: registered.ddl.renamed_from.clone(),
        };
        objects::add_enums(&mut schema, registered)?;
        schema.tables.push(table);
    }
    validate(registry, &schema)?;
    Ok(schema)
}

/// `desired_renames` collects the renames the entities declare: `TableDdl::renamed_from` for
/// tables, SeaORM's `renamed_from` attribute for columns, and declared enum label renames.
pub fn desired_renames(registry: &Registry) -> Renames {
    let mut renames = Renames::default();
    for table in &registry.tables {
        if let Some(old) = &table.ddl.renamed_from {
            renames.tables.insert(table.table_name.clone(), old.clone());
        }
        for note in &table.column_notes {
            if let Some(old) = &note.renamed_from {
                renames
                    .columns
                    .insert((table.table_name.clone(), note.column.clone()), old.clone());
            }
        }
    }
    for object in registry.all_objects() {
        if let entity::ddl::DbObject::EnumLabelRename(r) = object {
            renames
                .enum_values
                .insert((r.enum_name.clone(), r.to.clone()), r.from.clone());
        }
    }
    renames
}

/// `validate` checks what only the whole schema can tell: references to missing tables or
/// columns, and names that collide or exceed PostgreSQL's identifier limit.
fn validate(registry: &Registry, schema: &Schema) -> Result<(), SchemaError> {
    let mut relation_names = BTreeSet::new();
    for (registered, table) in registry.tables.iter().zip(&schema.tables) {
        let err = |field: &str, message: String| SchemaError {
            entity: registered.entity.to_owned(),
            field: Some(field.to_owned()),
            message,
        };
        for fk in &table.foreign_keys {
            let Some(target) = schema.table(&fk.ref_table) else {
                return Err(err(
                    &fk.name,
                    format!("foreign key references missing table \"{}\"", fk.ref_table),
                ));
            };
            if let Some(missing) = fk.ref_columns.iter().find(|c| target.column(c).is_none()) {
                return Err(err(
                    &fk.name,
                    format!(
                        "foreign key references missing column \"{}\".\"{missing}\"",
                        fk.ref_table
                    ),
                ));
            }
        }
        let mut names: Vec<&str> = vec![table.name.as_str()];
        names.extend(table.primary_key.iter().map(|p| p.name.as_str()));
        names.extend(table.uniques.iter().map(|u| u.name.as_str()));
        names.extend(table.indexes.iter().map(|i| i.name.as_str()));
        // Index-backed names share one namespace per schema (pg_class).
        for name in names {
            crate::model::check_identifier_for(name).map_err(|e| err(name, e.to_string()))?;
            if !relation_names.insert(name.to_owned()) {
                return Err(err(name, format!("\"{name}\" is used twice in the schema")));
            }
        }
        let mut table_constraints = BTreeSet::new();
        let constraint_names = table
            .foreign_keys
            .iter()
            .map(|f| &f.name)
            .chain(table.checks.iter().map(|c| &c.name));
        for name in constraint_names {
            crate::model::check_identifier_for(name).map_err(|e| err(name, e.to_string()))?;
            if !table_constraints.insert(name) {
                return Err(err(
                    name,
                    format!("constraint \"{name}\" is declared twice"),
                ));
            }
        }
        for column in &table.columns {
            crate::model::check_identifier_for(&column.name)
                .map_err(|e| err(&column.name, e.to_string()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ctutor_registry_is_representable() {
        let schema = desired_schema(&entity::registry()).expect("ctutor schema");
        assert_eq!(schema.tables.len(), 28);
        let fks: usize = schema.tables.iter().map(|t| t.foreign_keys.len()).sum();
        assert_eq!(fks, 76);
        let checks: usize = schema.tables.iter().map(|t| t.checks.len()).sum();
        assert_eq!(checks, 11);
        let uniques: usize = schema.tables.iter().map(|t| t.uniques.len()).sum();
        assert_eq!(uniques, 10);
        let indexes: usize = schema.tables.iter().map(|t| t.indexes.len()).sum();
        assert_eq!(indexes, 34);
        let columns: usize = schema.tables.iter().map(|t| t.columns.len()).sum();
        assert_eq!(columns, 316);
        assert_eq!(schema.enums.len(), 3);
        assert_eq!(schema.extensions.len(), 3);
        assert_eq!(schema.functions.len(), 1);
        assert_eq!(schema.sequences.len(), 1);
    }
}
