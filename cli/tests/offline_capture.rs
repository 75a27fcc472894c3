//! The SQL ctutor's migrations send, captured without a database: transactions, tracking
//! rows with checksums, and SQLite's differences.

use ctutor_cli::offline::{Direction, Step, StepKind, capture};
use migration::Migrator;
use sea_orm::DbBackend;
use sea_orm_migration::MigratorTrait;

fn all_names() -> Vec<String> {
    Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect()
}

#[tokio::test]
async fn each_postgres_migration_is_one_transaction_with_its_tracking_row() {
    let names = all_names();
    let captured =
        capture::<Migrator>(DbBackend::Postgres, Direction::Up { applied_at: 7 }, &names)
            .await
            .unwrap();
    assert_eq!(captured.len(), names.len());
    for m in &captured {
        let first = m.steps.first().unwrap();
        let last = m.steps.last().unwrap();
        assert_eq!(
            (first.kind, first.sql.as_str()),
            (StepKind::Control, "BEGIN")
        );
        assert_eq!(
            (last.kind, last.sql.as_str()),
            (StepKind::Control, "COMMIT")
        );
        let tracking = &m.steps[m.steps.len() - 2];
        assert_eq!(tracking.kind, StepKind::Tracking);
        assert_eq!(
            tracking.sql,
            format!(
                "INSERT INTO \"seaql_migrations\" (\"version\", \"applied_at\", \"checksum\") VALUES ('{}', 7, '{}')",
                m.name,
                migration::runner::expected_checksum::<Migrator>(&m.name)
                    .expect("every migration has one")
            )
        );
        assert!(!m.statements().is_empty());
    }
}

#[tokio::test]
async fn sqlite_runs_without_transactions_and_skips_postgres_only_objects() {
    let names = all_names();
    let captured = capture::<Migrator>(DbBackend::Sqlite, Direction::Down, &names[..1])
        .await
        .unwrap();
    // The first migration only makes PostgreSQL objects: nothing but the tracking row.
    assert_eq!(
        captured[0].steps,
        [Step {
            kind: StepKind::Tracking,
            sql: format!(
                "DELETE FROM \"seaql_migrations\" WHERE \"version\" = '{}'",
                names[0]
            ),
        }]
    );
}

#[tokio::test]
async fn unknown_names_are_refused() {
    let err = capture::<Migrator>(DbBackend::Postgres, Direction::Down, &["nope".into()])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown migration \"nope\""));
}
