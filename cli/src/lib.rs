//! The ctutor schema engine.
//!
//! The pipeline, one module each:
//! desired schema ← entities ([`desired`]); live schema ← the database ([`introspect`]);
//! one normalized [`model`] for both; typed changes ([`diff`]); ordering and reverse
//! ([`plan`]); Rust migration source ([`render`]). [`commands`] wires them to the command line.
//! Around the migrations: their SQL without a database ([`offline`]) and its review ([`lint`]).

pub mod backend;
pub mod commands;
pub mod desired;
pub mod diff;
pub mod introspect;
pub mod lint;
pub mod model;
pub mod normalize;
pub mod offline;
pub mod plan;
pub mod render;
pub mod replay;
pub mod scratch;
pub mod seed;
pub mod sql;
