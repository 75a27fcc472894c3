//! MySQL/MariaDB: holds the portable part of the schema plus native ENUM columns (see
//! docs/backends.md). What the migrations' `Dialect` leaves out there is left out of the
//! comparison too, and said so; the desired side is canonicalized, and migrations replayed,
//! in a throw-away database on the same server.

mod authored;
mod cannot;
mod checks;
mod foreign_key_index;
pub(crate) mod hold;
mod scratch;
mod spelling;
pub mod version;

pub use checks::{made_on_mysql, portable_there};
pub use foreign_key_index::dropped_foreign_key_index;
pub use hold::{LONGEST_VARCHAR, PRIMARY_KEY_NAME, held_type};
pub use scratch::with_scratch_database;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};
use sea_orm_migration::{MigratorTrait, SchemaManager};

use super::sqlite_rebuild::Rebuilds;
use super::{Canonicalize, Capabilities, Held, Introspect, Replay, ServerGate, Statements};
use crate::diff::{Change, create_all};
use crate::model::Schema;
use crate::normalize::NormalizeError;
use crate::plan::Plan;
use version::ServerVersion;

/// `Mysql` is the MySQL/MariaDB backend.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mysql;

impl Capabilities for Mysql {
    const NAME: &'static str = "MySQL/MariaDB";

    fn hold(&self, desired: &Schema) -> Held {
        hold::hold(desired)
    }

    fn cannot(&self, change: &Change) -> Option<String> {
        cannot::cannot(change)
    }

    fn authored(&self, changes: Vec<Change>, declared: &Schema, live: &Schema) -> Vec<Change> {
        authored::authored(changes, declared, live)
    }

    fn cannot_run(&self, changes: &[Change], after: &Schema) -> Option<String> {
        dropped_foreign_key_index(changes, after)
    }
}

impl Introspect for Mysql {
    /// The connection's own database: MySQL/MariaDB has no schemas inside one.
    async fn introspect(&self, db: &DatabaseConnection, _schema: &str) -> Result<Schema, DbErr> {
        crate::introspect::introspect_mysql(db).await
    }
}

impl Canonicalize for Mysql {
    /// The held schema is created in a throw-away database on the same server with the
    /// statements a migration's builder calls produce there, and read back.
    async fn canonical_desired(
        &self,
        db: &DatabaseConnection,
        held: &Schema,
    ) -> Result<Schema, NormalizeError> {
        let plan = Plan::new(create_all(held));
        with_scratch_database(db, |scratch| async move {
            for change in plan.up {
                // A reference cycle's foreign key, added after its table, is not made by the
                // migrations there (`cannot`): it is compared as a difference.
                if self.cannot(&change).is_some() {
                    continue;
                }
                for statement in crate::sql::mysql::statements(&change) {
                    if let Err(e) = scratch.execute_unprepared(&statement).await {
                        return Err(NormalizeError::Refused {
                            backend: Self::NAME,
                            change: change.to_string(),
                            message: e.to_string(),
                        });
                    }
                }
            }
            Ok(crate::introspect::introspect_mysql(&scratch).await?)
        })
        .await
    }

    /// MySQL/MariaDB reports expressions as stored: nothing to settle.
    async fn canonical_live(
        &self,
        _db: &DatabaseConnection,
        live: Schema,
    ) -> (Schema, Option<String>) {
        (live, None)
    }
}

impl Statements for Mysql {
    /// Each change the migration makes there, and a note for each it does not.
    fn plan_sql(&self, plan: &Plan, _rebuilds: &Rebuilds) -> Vec<(String, Vec<String>)> {
        plan.up
            .iter()
            .map(|c| match self.cannot(c) {
                Some(why) => (format!("{c} (not on MySQL/MariaDB: {why})"), Vec::new()),
                None => (c.to_string(), crate::sql::mysql::statements(c)),
            })
            .collect()
    }
}

impl Replay for Mysql {
    /// The migrations run in a throw-away database on the same server.
    async fn replay<M: MigratorTrait>(
        &self,
        db: &DatabaseConnection,
        count: usize,
    ) -> Result<Schema, DbErr> {
        with_scratch_database(db, |scratch| async move {
            for migration in M::migrations().iter().take(count) {
                migration
                    .up(&SchemaManager::new(&scratch))
                    .await
                    .map_err(|e| {
                        DbErr::Custom(format!(
                            "replaying migration {} failed: {e}",
                            migration.name()
                        ))
                    })?;
            }
            crate::introspect::introspect_mysql(&scratch).await
        })
        .await
    }
}

impl ServerGate for Mysql {
    async fn too_old(
        &self,
        db: &DatabaseConnection,
        changes: &[Change],
    ) -> Result<Option<String>, DbErr> {
        let version = server_version(db).await?;
        Ok(version.and_then(|v| version::too_old(v, changes)))
    }
}

/// `server_version` reads `VERSION()` once; `None` when the text is not understood.
async fn server_version(db: &DatabaseConnection) -> Result<Option<ServerVersion>, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT VERSION() AS version",
        ))
        .await?;
    let text: Option<String> = row.map(|r| r.try_get("", "version")).transpose()?;
    Ok(text.as_deref().and_then(ServerVersion::parse))
}
