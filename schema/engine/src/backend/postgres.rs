//! PostgreSQL: the backend that holds everything the entities declare.

use sea_orm::{DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

use super::sqlite_rebuild::Rebuilds;
use super::{Canonicalize, Capabilities, Held, Introspect, Replay, Statements};
use crate::diff::Change;
use crate::introspect::introspect_postgres;
use crate::model::Schema;
use crate::normalize::{self, NormalizeError};
use crate::plan::Plan;
use crate::replay::replay_migrations;

/// `Postgres` is the first-class backend: the model is PostgreSQL's own.
#[derive(Debug, Clone, Copy, Default)]
pub struct Postgres;

impl Capabilities for Postgres {
    const NAME: &'static str = "PostgreSQL";

    fn hold(&self, desired: &Schema) -> Held {
        Held {
            schema: desired.clone(),
            left_out: Vec::new(),
        }
    }

    fn cannot(&self, _change: &Change) -> Option<String> {
        None
    }
}

impl Introspect for Postgres {
    async fn introspect(&self, db: &DatabaseConnection, schema: &str) -> Result<Schema, DbErr> {
        Ok(introspect_postgres(db, schema).await?.0)
    }
}

impl Canonicalize for Postgres {
    async fn canonical_desired(
        &self,
        db: &DatabaseConnection,
        held: &Schema,
    ) -> Result<Schema, NormalizeError> {
        normalize::canonical_desired(db, held).await
    }

    async fn canonical_live(
        &self,
        db: &DatabaseConnection,
        live: Schema,
    ) -> (Schema, Option<String>) {
        normalize::canonical_live(db, live).await
    }
}

impl Statements for Postgres {
    fn plan_sql(&self, plan: &Plan, _rebuilds: &Rebuilds) -> Vec<(String, Vec<String>)> {
        plan.up
            .iter()
            .map(|c| (c.to_string(), crate::sql::statements(c)))
            .collect()
    }
}

impl Replay for Postgres {
    async fn replay<M: MigratorTrait>(
        &self,
        db: &DatabaseConnection,
        count: usize,
    ) -> Result<Schema, DbErr> {
        replay_migrations::<M>(db, count).await
    }
}
