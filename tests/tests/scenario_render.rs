//! Every scenario of `tests/scenarios/catalog.rs` renders exactly its expected migration file
//! `tests/scenarios/<name>.rs`: the plan `generate` would write for that entity edit.
//!
//! `UPDATE_SCENARIOS=1 cargo nextest run -p tests scenario_render` writes the files instead;
//! review them (and run `scenario_apply`) before committing.

#[path = "../scenarios/catalog.rs"]
mod catalog;

use catalog::{SCENARIOS, Scenario, database_with, desired_schema, module_name, public_schema};
use ctutor_cli::backend::sqlite_rebuild::sqlite_rebuilds;
use ctutor_cli::diff::diff;
use ctutor_cli::plan::Plan;
use ctutor_cli::render::render_migration_for;

/// `expected_path` is the scenario's expected-output file.
fn expected_path(scenario: &Scenario) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{}.rs", scenario.name))
}

/// `rustfmt` formats source the way `generate` leaves it.
fn rustfmt(source: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("ct_scenario_{}.rs", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, source).expect("write a temporary file");
    let status = std::process::Command::new("rustfmt")
        .args(["--edition", "2024"])
        .arg(&path)
        .status()
        .expect("rustfmt must be installed");
    assert!(status.success(), "rustfmt failed on the rendered migration");
    let formatted = std::fs::read_to_string(&path).expect("read the formatted file");
    std::fs::remove_file(&path).expect("remove the temporary file");
    formatted
}

/// `rendered` is what `generate` writes for the scenario, before formatting.
async fn rendered(scenario: &'static Scenario) -> String {
    let (db, conn) = database_with(scenario.name, scenario.start).await;
    let live = public_schema(&conn).await;
    conn.close().await.expect("close the connection");
    drop(db);
    let desired = desired_schema(scenario).await;
    let found = diff(&live, &desired, &(scenario.renames)());
    assert!(
        found.unsupported.is_empty(),
        "{}: unsupported: {:?}",
        scenario.name,
        found.unsupported
    );
    assert!(
        !found.changes.is_empty(),
        "{}: the edit changes nothing",
        scenario.name
    );
    let plan = Plan::new(found.changes);
    // As `generate` writes it: with the rebuilds the file makes on SQLite.
    let rebuilds = sqlite_rebuilds(&plan.up, &live, &desired, &(scenario.renames)());
    // As `generate` writes it: enum columns with the labels of the entities' enum types.
    render_migration_for(
        &module_name(scenario),
        scenario.name,
        &plan,
        &rebuilds,
        &desired.enums,
    )
    .source
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_scenario_renders_its_expected_file() {
    let update = std::env::var("UPDATE_SCENARIOS").is_ok_and(|v| v == "1");
    // Each scenario needs two databases: render them all at once.
    let tasks: Vec<_> = SCENARIOS
        .iter()
        .map(|s| (s, tokio::spawn(rendered(s))))
        .collect();
    let mut differing = Vec::new();
    for (scenario, task) in tasks {
        let source = rustfmt(&task.await.expect("render task"));
        let path = expected_path(scenario);
        if update {
            std::fs::write(&path, &source).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != source {
            eprintln!("--- {} differs; it renders as:\n{source}", path.display());
            differing.push(scenario.name);
        }
    }
    assert!(
        differing.is_empty(),
        "rendered migrations differ from tests/scenarios/*.rs (UPDATE_SCENARIOS=1 rewrites them): {differing:?}"
    );
}

#[test]
fn scenario_names_are_unique_module_names() {
    let mut names: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
    for name in &names {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && name.starts_with(|c: char| c.is_ascii_lowercase()),
            "{name:?} must be a snake_case module name"
        );
    }
    names.sort();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "scenario names repeat");
}
