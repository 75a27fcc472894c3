//! The registry: every entity and database object of the schema, for the engine.

use sea_orm::{
    ColumnTrait, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn, RelationDef, RelationTrait,
};

use super::{DbObject, EntityDdl, TableDdl};

/// `Registry` is the whole desired schema as the entity crate declares it.
pub struct Registry {
    /// Database objects in creation order (extensions first).
    pub objects: Vec<DbObject>,
    /// Tables in declaration order; the engine orders them by foreign-key dependency.
    pub tables: Vec<RegisteredTable>,
}

/// `RegisteredTable` is one entity, read through SeaORM's own metadata plus its [`TableDdl`].
pub struct RegisteredTable {
    /// Rust path of the entity, for error messages (e.g. `entity::auth::user`).
    pub entity: &'static str,
    pub table_name: String,
    /// Columns in `Model` field order, with SeaORM's definition of each.
    pub columns: Vec<(String, sea_orm::ColumnDef)>,
    /// Primary key columns in key order.
    pub primary_key: Vec<String>,
    /// The relations this entity owns (`belongs_to`): its foreign keys.
    pub foreign_keys: Vec<RelationDef>,
    pub ddl: TableDdl,
}

impl RegisteredTable {
    /// `of` reads entity `E`: its table, columns, primary key, owned relations and DDL.
    pub fn of<E>(entity: &'static str) -> Self
    where
        E: EntityTrait + EntityDdl + Default,
    {
        let columns = E::Column::iter()
            .map(|c| (c.as_str().to_owned(), c.def()))
            .collect();
        let primary_key = E::PrimaryKey::iter()
            .map(|k| k.into_column().as_str().to_owned())
            .collect();
        // `belongs_to` relations are the ones holding the foreign key. SeaORM builds them with
        // `is_owner == false` (`has_one`/`has_many` are the owners of the other side), whatever
        // the field's doc comment suggests.
        let foreign_keys = E::Relation::iter()
            .map(|r| r.def())
            .filter(|d| !d.is_owner && !d.skip_fk)
            .collect();
        Self {
            entity,
            table_name: E::default().table_name().to_owned(),
            columns,
            primary_key,
            foreign_keys,
            ddl: E::ddl(),
        }
    }
}

impl Registry {
    /// `all_objects` lists the registry's objects followed by those the tables need,
    /// each name once, in first-mention order.
    pub fn all_objects(&self) -> Vec<DbObject> {
        let mut out: Vec<DbObject> = Vec::new();
        let needed = self.tables.iter().flat_map(|t| t.ddl.objects.iter());
        for object in self.objects.iter().chain(needed) {
            let seen = out.iter().any(|o| {
                std::mem::discriminant(o) == std::mem::discriminant(object)
                    && o.name() == object.name()
            });
            if !seen {
                out.push(object.clone());
            }
        }
        out
    }
}
