//! `schema_ddl` is the small typed vocabulary for what SeaORM's entity attributes cannot say about the
//! schema: named CHECK constraints, named indexes with a method and a predicate, stored generated
//! columns, exact constraint names, renames, and database-level objects (extensions, functions,
//! sequences). Each entity declares its part next to its `Model` by implementing [`EntityDdl`];
//! [`Registry`] lists every entity and object for the schema engine.
//!
//! Everything here is plain data. The engine (the `schema-engine` crate) turns it, together with each
//! entity's `ColumnDef`s and `RelationDef`s, into its normalized schema model.

mod objects;
mod registry;
mod table;
mod text_types;

pub use objects::{DbObject, EnumLabelRename, Extension, Function, Sequence, Volatility};
pub use registry::{RegisteredTable, Registry};
pub use table::{
    Check, EntityDdl, GeneratedColumn, Index, IndexMethod, TableDdl, UniqueConstraint,
};
pub use text_types::{Inet, LTree, text_type_name};
