//! `backend`: what differs per database, behind one small trait per concern.
//!
//! The pipeline is the same on every database — desired schema from the entities, live schema
//! from the catalog, both in the backend's canonical form, then one generic `diff` — and only
//! these steps differ: what of the desired schema the backend can hold ([`Capabilities`]), how
//! its catalog is read ([`Introspect`]), how both sides are brought to the form its catalog
//! reports ([`Canonicalize`]), and how the applied migrations are replayed for `baseline` and
//! `drift` ([`Replay`]). Commands pick the implementation once, from the connection
//! ([`with_backend`]); nothing below them asks which database it is. The migration lock is
//! the runner's, per backend, in the migration crate.

pub mod mysql;
pub mod portable;
mod postgres;
mod sqlite;
pub mod sqlite_rebuild;

pub use mysql::Mysql;
pub use postgres::Postgres;
pub use sqlite::Sqlite;

use sea_orm::{DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

use crate::diff::Change;
use crate::model::Schema;
use crate::normalize::NormalizeError;
use crate::plan::Plan;
use sqlite_rebuild::Rebuilds;

/// `Held` is the desired schema as the generated migrations create it on a backend, and what
/// they leave out there, each with its reason (see docs/backends.md).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Held {
    pub schema: Schema,
    pub left_out: Vec<String>,
}

/// `Capabilities`: what a backend can hold of what the entities declare.
pub trait Capabilities {
    /// `NAME` names the backend in messages.
    const NAME: &'static str;

    /// `hold` maps the desired schema the way the migrations' `Dialect` does at run time.
    fn hold(&self, desired: &Schema) -> Held;

    /// `cannot` is why the backend cannot make `change` to a database it holds, if it
    /// cannot: generated migrations say so where they skip it there, and `generate` against
    /// this backend refuses it.
    fn cannot(&self, change: &Change) -> Option<String>;

    /// `authored` is a plan found against this backend (`changes`, from the live to the held
    /// schema) in the entities' own terms (`declared`), as a generated migration, one file for
    /// every backend, must say it. The held schema is the entities' own on PostgreSQL and
    /// SQLite (where `generate` refuses whatever it does not hold).
    fn authored(&self, changes: Vec<Change>, _declared: &Schema, _live: &Schema) -> Vec<Change> {
        changes
    }

    /// `cannot_run` is why the backend cannot run `changes` (one direction of a plan, each
    /// change possible on its own) in the order given, leading to `after`, if it cannot.
    fn cannot_run(&self, _changes: &[Change], _after: &Schema) -> Option<String> {
        None
    }
}

/// `ServerGate`: changes the connected server's version is too old to make.
#[allow(async_fn_in_trait)]
pub trait ServerGate {
    /// `too_old` names the first of `changes` the server cannot make, the feature and the
    /// version it needs, in one line.
    async fn too_old(
        &self,
        _db: &DatabaseConnection,
        _changes: &[Change],
    ) -> Result<Option<String>, DbErr> {
        Ok(None)
    }
}

impl ServerGate for Postgres {}
impl ServerGate for Sqlite {}

/// `Introspect`: the live schema from the backend's own catalog.
#[allow(async_fn_in_trait)] // Dispatched statically, never through `dyn`.
pub trait Introspect {
    async fn introspect(&self, db: &DatabaseConnection, schema: &str) -> Result<Schema, DbErr>;
}

/// `Canonicalize`: both sides in the form the backend's catalog reports them, so that they
/// compare equal exactly when the database would store them the same.
#[allow(async_fn_in_trait)]
pub trait Canonicalize {
    /// `canonical_desired` is the held desired schema as the backend stores it.
    async fn canonical_desired(
        &self,
        db: &DatabaseConnection,
        held: &Schema,
    ) -> Result<Schema, NormalizeError>;

    /// `canonical_live` is a schema read from the catalog, ready to compare, with a note
    /// when part of that could not be done.
    async fn canonical_live(
        &self,
        db: &DatabaseConnection,
        live: Schema,
    ) -> (Schema, Option<String>);
}

/// `Replay`: the schema the first `count` migrations produce, built without touching the
/// database's own schema.
#[allow(async_fn_in_trait)]
pub trait Replay {
    async fn replay<M: MigratorTrait>(
        &self,
        db: &DatabaseConnection,
        count: usize,
    ) -> Result<Schema, DbErr>;
}

/// `Statements`: a plan as the SQL the migration runs on this backend, step by step, each
/// step with its description (`diff --format sql`).
pub trait Statements {
    fn plan_sql(&self, plan: &Plan, rebuilds: &Rebuilds) -> Vec<(String, Vec<String>)>;
}

/// `Backend` is a database the engine compares against.
pub trait Backend:
    Capabilities + Introspect + Canonicalize + Replay + Statements + ServerGate
{
}

impl<B: Capabilities + Introspect + Canonicalize + Replay + Statements + ServerGate> Backend for B {}

/// `with_backend` runs `work` with the backend of `db`'s connection; `None` for a database
/// the engine cannot compare against (yet).
#[macro_export]
macro_rules! with_backend {
    ($db:expr, |$backend:ident| $work:expr) => {
        match $db.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                let $backend = &$crate::backend::Postgres;
                Some($work)
            }
            sea_orm::DbBackend::Sqlite => {
                let $backend = &$crate::backend::Sqlite;
                Some($work)
            }
            sea_orm::DbBackend::MySql => {
                let $backend = &$crate::backend::Mysql;
                Some($work)
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    };
}
pub use with_backend;
