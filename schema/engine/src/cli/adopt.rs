//! `baseline VERSION` (adopt a database built elsewhere) and `drift` (the three-way comparison).

use clap::Args;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use super::{CliError, GlobalArgs, Project, connect, engine};
use crate::backend::{Backend, with_backend};
use crate::diff::{Change, Diff, Renames, diff};
use crate::replay::position_of;
use crate::runner::{self, TrackedMigrator, history};
use crate::sql;

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The last migration the database already has (e.g. the one producing the original
    /// project's schema). It and every earlier migration are recorded as applied.
    pub version: String,
}

/// `baseline` records the migrations up to `version` as applied without running them, after
/// verifying that the live schema is exactly what they produce; it refuses otherwise.
pub(super) async fn baseline<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    args: BaselineArgs,
) -> Result<(), CliError> {
    let count = position_of::<M>(&args.version)
        .ok_or_else(|| CliError::UnknownVersion(args.version.clone()))?;
    let db = connect::connect(project, global).await?;
    let differences = with_backend!(db, |b| by_hand::<_, M>(b, &db, &global.schema, count).await)
        .ok_or_else(engine::unsupported_backend)??;
    if !differences.is_empty() {
        let list: Vec<String> = differences.changes.iter().map(|c| c.to_string()).collect();
        return Err(CliError::Usage(format!(
            "the database is not what the migrations up to {} produce, so it is not baselined: {}",
            args.version,
            list.join("; ")
        )));
    }
    let timeout = std::time::Duration::from_secs(global.lock_timeout);
    runner::with_lock(
        &db,
        M::lock_name(),
        timeout,
        record_applied::<M>(&db, count),
    )
    .await?;
    report_check_violations::<M>(project, global, &db).await
}

/// `record_applied` writes the tracking rows the runner would have written (with each
/// migration's checksum) for the first `count` migrations that are not recorded yet.
async fn record_applied<M: TrackedMigrator>(
    db: &DatabaseConnection,
    count: usize,
) -> Result<(), CliError> {
    history::ensure::<M>(db).await?;
    let table = history::table_name::<M>();
    let recorded = history::read(db, &table).await?;
    for migration in M::migrations().iter().take(count) {
        let name = migration.name();
        if recorded.iter().any(|row| row.version == name) {
            continue;
        }
        history::insert(db, &table, name, runner::expected_checksum::<M>(name)).await?;
        println!("recorded {name} as applied");
    }
    Ok(())
}

/// `report_check_violations` counts, for every CHECK the pending migrations or the entities
/// add, the existing rows that would make adding it fail, and says what to do about them.
async fn report_check_violations<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
    db: &DatabaseConnection,
) -> Result<(), CliError> {
    let comparison = engine::compare::<M>(project, global, engine::Need::AnyDatabase).await?;
    for change in &comparison.diff.changes {
        let Change::AddCheck { table, check } = change else {
            continue;
        };
        let query = format!(
            "SELECT count(*) AS n FROM {} WHERE NOT ({})",
            sql::ident(table),
            check.expr
        );
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), query))
            .await?;
        let violating = row
            .map(|r| r.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        if violating > 0 {
            println!(
                "warning: {violating} row(s) of \"{table}\" violate CHECK \"{}\", which `up` will add: fix them first (SELECT * FROM {} WHERE NOT ({})), or add the constraint NOT VALID (see docs/deploy.md)",
                check.name,
                sql::ident(table),
                check.expr
            );
        }
    }
    Ok(())
}

/// `by_hand` is how the live schema differs from what the first `count` migrations produce:
/// changes made by hand (or by another tool).
async fn by_hand<B: Backend, M: TrackedMigrator>(
    backend: &B,
    db: &DatabaseConnection,
    schema: &str,
    count: usize,
) -> Result<Diff, CliError> {
    let live = engine::live_schema::<B, M>(backend, db, schema).await?;
    let replayed = backend.replay::<M>(db, count).await?;
    let expected = engine::comparable(backend, db, replayed).await;
    Ok(diff(&expected, &live, &Renames::default()))
}

/// `drift` compares three schemas: the live database, what its applied migrations produce,
/// and what the entities declare. Exit 1 when any two differ.
pub(super) async fn drift<M: TrackedMigrator>(
    project: &Project,
    global: &GlobalArgs,
) -> Result<(), CliError> {
    let db = connect::connect(project, global).await?;
    let table = history::table_name::<M>();
    let by_hand = match history::other_tool(&db, &table).await? {
        Some(other) => {
            println!(
                "database vs its applied migrations: not tracked here ({other}, no {table}); `baseline VERSION` adopts it"
            );
            Diff::default()
        }
        None => {
            let applied = runner::entries::<M>(&db)
                .await?
                .iter()
                .filter(|e| !matches!(e.state, runner::State::Pending | runner::State::Missing))
                .count();
            let by_hand = with_backend!(db, |b| by_hand::<_, M>(b, &db, &global.schema, applied)
                .await)
            .ok_or_else(engine::unsupported_backend)??;
            report(
                "database vs its applied migrations",
                &by_hand,
                "changed by hand",
            );
            by_hand
        }
    };
    let entities = engine::compare::<M>(project, global, engine::Need::AnyDatabase)
        .await?
        .diff;
    report(
        "database vs the entities",
        &entities,
        "not yet in a migration",
    );
    let total = by_hand.changes.len() + entities.changes.len() + entities.unsupported.len();
    if total == 0 {
        Ok(())
    } else {
        Err(CliError::OutOfSync(total))
    }
}

fn report(title: &str, difference: &Diff, meaning: &str) {
    if difference.is_empty() {
        println!("{title}: in sync");
        return;
    }
    println!(
        "{title}: {} difference(s), {meaning}:",
        difference.changes.len() + difference.unsupported.len()
    );
    for change in &difference.changes {
        println!("  {change}");
    }
    for item in &difference.unsupported {
        println!("  cannot plan: {item}");
    }
}
