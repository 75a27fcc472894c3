//! `dialect`: the few backend decisions generated migrations make at run time.
//!
//! A generated migration is written once and applied to PostgreSQL (the first-class backend)
//! or to SQLite (the embedded default). PostgreSQL-only objects (extensions, functions,
//! sequences, enum types, CHECKs, GiST indexes) are guarded by [`Dialect::is_postgres`];
//! PostgreSQL-only types fall back to `text` through [`Dialect::native_type`]; server defaults
//! and generated columns written for PostgreSQL take the other backends' equivalent, or none,
//! through [`Dialect::pick`].
//!
//! Frozen migrations call this module, so it only ever grows: never change what a function
//! already returns.
//!
//! It lives in the schema engine (`schema_engine::dialect`); frozen migrations keep calling it
//! as `crate::dialect`.

pub use schema_engine::dialect::*;
