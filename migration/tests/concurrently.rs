//! The migration lock does not block statements that cannot run in a transaction:
//! `CREATE INDEX CONCURRENTLY` waits for every open transaction, and the lock is held by an
//! idle session outside any.

mod common;

use std::time::Duration;

use common::{PgDatabase, count};
use migration::runner::{self, Options};
use sea_orm_migration::prelude::*;

/// `IndexConcurrently` creates a table, then an index on it without a transaction.
struct IndexConcurrently;

impl MigrationName for IndexConcurrently {
    fn name(&self) -> &str {
        "m20000101_000004_index_concurrently"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for IndexConcurrently {
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE TABLE IF NOT EXISTS notes (body text)")
            .await?;
        db.execute_unprepared("CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body)")
            .await
            .map(|_| ())
    }
}

struct Concurrently;

impl MigratorTrait for Concurrently {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(IndexConcurrently)]
    }
}

impl runner::TrackedMigrator for Concurrently {
    fn checksums() -> &'static [(&'static str, &'static str)] {
        &[]
    }

    fn lock_name() -> &'static str {
        migration::LOCK_NAME
    }
}

#[tokio::test]
async fn create_index_concurrently_runs_under_the_lock() {
    let pg = PgDatabase::create("concurrently").await;
    let db = runner::connect(&pg.url(), None).await.expect("connect");
    tokio::time::timeout(
        Duration::from_secs(30),
        runner::up::<Concurrently>(&db, &Options::default(), None),
    )
    .await
    .expect("no deadlock with the lock's session")
    .expect("up");
    assert_eq!(
        count(
            &db,
            "select count(*) as n from pg_indexes where indexname = 'notes_body'"
        )
        .await,
        1
    );
}
