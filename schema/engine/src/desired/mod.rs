//! `desired` builds the schema model the entity crate declares.
//!
//! It reads SeaORM's own metadata of every entity (column definitions, primary keys, owned
//! relations) plus each entity's `EntityDdl`, and fills in the names PostgreSQL would give
//! what the entities leave unnamed. Anything the model cannot represent is an error naming the
//! entity and the field, before anything is written.

mod columns;
mod constraints;
mod identity;
mod objects;

use schema_ddl::Registry;

use crate::diff::Renames;
use crate::model::{Schema, Table, truncate_identifier, truncate_names};

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
        let mut columns = columns::columns(registered)?;
        identity::mark_auto_increment(
            registered.auto_increment,
            &registered.primary_key,
            &mut columns,
        )
        .map_err(|(field, message)| SchemaError {
            entity: registered.entity.to_owned(),
            field: Some(field),
            message,
        })?;
        let table = Table {
            name: registered.table_name.clone(),
            columns,
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
    // PostgreSQL keeps the first 63 bytes of a longer identifier; the model holds names as
    // stored, so a long declared name compares equal to what the catalog says.
    truncate_names(&mut schema);
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
        if let schema_ddl::DbObject::EnumLabelRename(r) = object {
            renames
                .enum_values
                .insert((r.enum_name.clone(), r.to.clone()), r.from.clone());
        }
    }
    renames
}

/// `validate` checks what only the whole schema can tell: references to missing tables or
/// columns, and names that collide, also once PostgreSQL has cut them to 63 bytes.
fn validate(registry: &Registry, schema: &Schema) -> Result<(), SchemaError> {
    let mut relation_names = Namespace::default();
    for (registered, table) in registry.tables.iter().zip(&schema.tables) {
        let err = |field: &str, message: String| SchemaError {
            entity: registered.entity.to_owned(),
            field: Some(field.to_owned()),
            message,
        };
        validate_references(schema, table).map_err(|(field, message)| err(&field, message))?;
        // Tables and the indexes behind keys and UNIQUE constraints share one namespace per
        // schema (pg_class); FKs and CHECKs one per table; columns one per table.
        let mut names: Vec<&str> = vec![table.name.as_str()];
        names.extend(table.primary_key.iter().map(|p| p.name.as_str()));
        names.extend(table.uniques.iter().map(|u| u.name.as_str()));
        names.extend(table.indexes.iter().map(|i| i.name.as_str()));
        for name in names {
            relation_names.insert(name).map_err(|m| err(name, m))?;
        }
        let mut constraints = Namespace::default();
        let constraint_names = table
            .foreign_keys
            .iter()
            .map(|f| &f.name)
            .chain(table.checks.iter().map(|c| &c.name));
        for name in constraint_names {
            constraints.insert(name).map_err(|m| err(name, m))?;
        }
        let mut columns = Namespace::default();
        for column in &table.columns {
            columns
                .insert(&column.name)
                .map_err(|m| err(&column.name, m))?;
        }
    }
    Ok(())
}

/// `validate_references` finds a foreign key to a missing table or column.
fn validate_references(schema: &Schema, table: &Table) -> Result<(), (String, String)> {
    for fk in &table.foreign_keys {
        let Some(target) = schema.table(&fk.ref_table) else {
            return Err((
                fk.name.clone(),
                format!("foreign key references missing table \"{}\"", fk.ref_table),
            ));
        };
        if let Some(missing) = fk.ref_columns.iter().find(|c| target.column(c).is_none()) {
            return Err((
                fk.name.clone(),
                format!(
                    "foreign key references missing column \"{}\".\"{missing}\"",
                    fk.ref_table
                ),
            ));
        }
    }
    Ok(())
}

/// `Namespace` is a set of names as PostgreSQL stores them (cut to 63 bytes), remembering
/// the declared spelling to explain a collision.
#[derive(Default)]
struct Namespace {
    stored: std::collections::BTreeMap<String, String>,
}

impl Namespace {
    fn insert(&mut self, declared: &str) -> Result<(), String> {
        let stored = truncate_identifier(declared);
        match self.stored.insert(stored.clone(), declared.to_owned()) {
            None => Ok(()),
            Some(previous) if previous == declared => {
                Err(format!("\"{declared}\" is declared twice"))
            }
            Some(previous) => Err(format!(
                "\"{declared}\" and \"{previous}\" are both \"{stored}\" once PostgreSQL cuts them to 63 bytes"
            )),
        }
    }
}
