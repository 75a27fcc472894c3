//! The ctutor database tool: the schema engine (`schema_engine`) for ctutor's entities and
//! migrations, plus `seed`.
//!
//! The engine's modules are re-exported under their own names (`ctutor_cli::diff`, …), so code
//! written against this crate keeps its paths. [`commands`] is ctutor's command line: the
//! engine's commands, run with `entity::registry()` and `migration::Migrator`, and `seed`
//! ([`seed`]), which knows ctutor's tables.

pub use schema_engine::{
    backend, desired, diff, introspect, lint, model, normalize, offline, plan, render, replay,
    scratch, sql,
};

pub mod commands;
pub mod seed;
