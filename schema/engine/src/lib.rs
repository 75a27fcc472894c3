//! A schema engine for SeaORM projects.
//!
//! The pipeline, one module each:
//! desired schema ← entities ([`desired`], from a [`schema_ddl::Registry`]); live schema ← the
//! database ([`introspect`]); one normalized [`model`] for both; typed changes ([`diff`]);
//! ordering and reverse ([`plan`]); Rust migration source ([`render`]). [`backend`] holds what
//! differs between PostgreSQL and SQLite. Around the migrations: their SQL without a database
//! ([`offline`]) and its review ([`lint`]); [`runner`] applies them under a lock with
//! checksums, for any migrator implementing [`runner::TrackedMigrator`]; [`dialect`] is what
//! generated migrations call at run time.
//!
//! The engine knows no project: the caller passes its registry of entities and its migrator.

pub mod backend;
pub mod cli;
pub mod desired;
pub mod dialect;
pub mod diff;
pub mod introspect;
pub mod lint;
pub mod model;
pub mod normalize;
pub mod offline;
pub mod plan;
pub mod render;
pub mod replay;
pub mod runner;
pub mod scratch;
pub mod sql;
