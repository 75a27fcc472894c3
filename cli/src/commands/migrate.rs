//! `up`, `down`, `status`, `fresh`, `refresh`, `reset`: the migration runner.

use migration::Migrator;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, TransactionTrait};
use sea_orm_migration::{MigrationStatus, MigratorTrait};

use super::{CliError, DownArgs};
use crate::live::live_objects;

/// `up` applies pending migrations, each in its own transaction on PostgreSQL.
pub(super) async fn up(db: &DatabaseConnection, num: Option<u32>) -> Result<(), CliError> {
    let pending = Migrator::get_pending_migrations(db).await?;
    let count = num.map_or(pending.len(), |n| pending.len().min(n as usize));
    if count == 0 {
        println!("nothing to apply: the database is up to date");
        return Ok(());
    }
    for migration in pending.iter().take(count) {
        Migrator::up(db, Some(1)).await?;
        println!("applied {}", migration.name());
    }
    Ok(())
}

/// `down` rolls back the last migration, the last N, all after a version, or all.
pub(super) async fn down(db: &DatabaseConnection, args: DownArgs) -> Result<(), CliError> {
    let applied = Migrator::get_applied_migrations(db).await?;
    let count = if args.all {
        applied.len()
    } else if let Some(version) = &args.to {
        let known = Migrator::migrations().iter().any(|m| m.name() == version);
        let position = applied.iter().position(|m| m.name() == version);
        match (known, position) {
            (false, _) => return Err(CliError::UnknownVersion(version.clone())),
            (true, None) => {
                return Err(CliError::Usage(format!(
                    "migration \"{version}\" is not applied"
                )));
            }
            (true, Some(i)) => applied.len() - i - 1,
        }
    } else {
        args.num.map_or(1, |n| n as usize).min(applied.len())
    };
    if count == 0 {
        println!("nothing to roll back");
        return Ok(());
    }
    for migration in applied.iter().rev().take(count) {
        Migrator::down(db, Some(1)).await?;
        println!("rolled back {}", migration.name());
    }
    Ok(())
}

/// `status` lists every migration with its state.
pub(super) async fn status(db: &DatabaseConnection) -> Result<(), CliError> {
    let migrations = Migrator::get_migration_with_status(db).await?;
    if migrations.is_empty() {
        println!("no migrations");
    }
    for m in &migrations {
        let state = match m.status() {
            MigrationStatus::Applied => "applied",
            MigrationStatus::Pending => "pending",
        };
        println!("{state:<8} {}", m.name());
    }
    Ok(())
}

/// `fresh` drops everything the migrations create in the schema, then applies all.
pub(super) async fn fresh(db: &DatabaseConnection, schema: &str) -> Result<(), CliError> {
    drop_everything(db, schema).await?;
    println!("dropped every table, type, function and sequence");
    up(db, None).await
}

/// `refresh` rolls back every applied migration, then applies all.
pub(super) async fn refresh(db: &DatabaseConnection) -> Result<(), CliError> {
    down(
        db,
        DownArgs {
            num: None,
            to: None,
            all: true,
        },
    )
    .await?;
    up(db, None).await
}

/// `reset` rolls back every applied migration and drops the tracking table.
pub(super) async fn reset(db: &DatabaseConnection) -> Result<(), CliError> {
    down(
        db,
        DownArgs {
            num: None,
            to: None,
            all: true,
        },
    )
    .await?;
    Migrator::uninstall(db).await?;
    println!("dropped the migration tracking table");
    Ok(())
}

/// `drop_everything` removes every table (the tracking table too), enum type, function and
/// sequence of the schema, in one transaction on PostgreSQL. Extensions stay.
async fn drop_everything(db: &DatabaseConnection, schema: &str) -> Result<(), CliError> {
    let live = live_objects(db, schema).await?;
    let txn = db.begin().await?;
    let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let mut tables: Vec<String> = live.tables.iter().map(|t| quoted(t)).collect();
    tables.push("seaql_migrations".into());
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!(
            "DROP TABLE IF EXISTS {} CASCADE",
            tables.join(", ")
        ))
        .await?;
        for name in &live.enums {
            txn.execute_unprepared(&format!("DROP TYPE {} CASCADE", quoted(name)))
                .await?;
        }
        for name in &live.sequences {
            txn.execute_unprepared(&format!("DROP SEQUENCE IF EXISTS {} CASCADE", quoted(name)))
                .await?;
        }
        // Every overload of each user function (those of extensions were left out).
        txn.execute_unprepared(&format!(
            "DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::regprocedure FROM pg_proc p \
             JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '{}' AND NOT EXISTS \
             (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP \
             EXECUTE 'DROP FUNCTION ' || f || ' CASCADE'; END LOOP; END $$",
            schema.replace('\'', "''")
        ))
        .await?;
    } else {
        txn.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
        for table in &tables {
            txn.execute_unprepared(&format!("DROP TABLE IF EXISTS {table}"))
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
