//! The registry: every entity and database object of the schema, for the engine.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn, PrimaryKeyTrait,
    RelationDef, RelationTrait,
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
    /// Column notes SeaORM keeps only in its generated DDL: `comment` and `renamed_from`.
    pub column_notes: Vec<ColumnNotes>,
    /// Primary key columns in key order.
    pub primary_key: Vec<String>,
    /// Whether SeaORM lets the database number the key of new rows
    /// (`PrimaryKeyTrait::auto_increment`: true unless the entity says `auto_increment = false`).
    pub auto_increment: bool,
    /// The relations this entity owns (`belongs_to`): its foreign keys.
    pub foreign_keys: Vec<RelationDef>,
    pub ddl: TableDdl,
    /// `save_as` wraps a value written to the named column in the entity's own write-side
    /// cast (`ColumnTrait::save_as`), as SeaORM does for ActiveModel inserts, updates and
    /// filter values: for enum, [`LTree`](super::LTree) and [`Inet`](super::Inet) columns a
    /// cast on PostgreSQL and the bare value elsewhere. Code that writes rows without an
    /// ActiveModel (the seeder) casts through it, so it cannot disagree with the entities.
    pub save_as: fn(&str, Expr) -> Expr,
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
        let column_notes = E::Column::iter().map(column_notes::<E>).collect();
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
            column_notes,
            primary_key,
            auto_increment: <E::PrimaryKey as PrimaryKeyTrait>::auto_increment(),
            foreign_keys,
            ddl: E::ddl(),
            save_as: save_as::<E>,
        }
    }
}

/// `save_as` is `E`'s write-side cast of `value` for `column`; a name `E` does not have gets
/// the value unchanged.
fn save_as<E: EntityTrait>(column: &str, value: Expr) -> Expr {
    match E::Column::iter().find(|c| c.as_str() == column) {
        Some(c) => c.save_as(value),
        None => value,
    }
}

/// `ColumnNotes` is what a column's `comment` and `renamed_from` attributes say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnNotes {
    pub column: String,
    pub comment: Option<String>,
    pub renamed_from: Option<String>,
}

/// `column_notes` reads the two attributes SeaORM has no getter for. Its schema builder writes
/// them into the column's DDL comment as `<comment>; renamed_from "<old>"`, so they are read
/// back from there.
fn column_notes<E: EntityTrait>(column: E::Column) -> ColumnNotes {
    let def = sea_orm::Schema::new(sea_orm::DbBackend::Postgres).get_column_def::<E>(column);
    let text = def.get_column_spec().comment.clone();
    let (comment, renamed_from) = match text
        .as_deref()
        .and_then(|t| t.rsplit_once("renamed_from \""))
    {
        Some((before, old)) => {
            let comment = before.trim_end_matches("; ").to_owned();
            (
                Some(comment).filter(|c| !c.is_empty()),
                Some(old.trim_end_matches('"').to_owned()),
            )
        }
        None => (text, None),
    };
    ColumnNotes {
        column: column.as_str().to_owned(),
        comment,
        renamed_from,
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
