//! The committed initial migrations are exactly what `generate` writes for an empty
//! database: database objects first (`--only objects`), then the tables.

use ctutor_cli::desired::desired_schema;
use ctutor_cli::diff::{Change, create_missing};
use ctutor_cli::live::LiveObjects;
use ctutor_cli::plan::Plan;
use ctutor_cli::render::render_migration;

/// `committed` finds the committed file whose name ends with `_<slug>.rs`.
fn committed(slug: &str) -> (String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migration/src");
    let mut matches: Vec<_> = std::fs::read_dir(dir)
        .expect("migration/src")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('m') && n.ends_with(&format!("_{slug}.rs")))
        .collect();
    matches.sort();
    let name = matches
        .first()
        .unwrap_or_else(|| panic!("no committed migration *_{slug}.rs"));
    let source = std::fs::read_to_string(format!("{dir}/{name}")).expect("read migration");
    (name.trim_end_matches(".rs").to_owned(), source)
}

/// `rustfmt` formats source the way `generate` leaves it.
fn rustfmt(source: &str) -> String {
    let path = std::env::temp_dir().join(format!("ct_render_{}.rs", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, source).unwrap();
    let status = std::process::Command::new("rustfmt")
        .args(["--edition", "2024"])
        .arg(&path)
        .status()
        .expect("rustfmt");
    assert!(status.success());
    let formatted = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    formatted
}

fn render(slug: &str, message: &str, keep: impl Fn(&Change) -> bool) -> String {
    let (module, committed_source) = committed(slug);
    let desired = desired_schema(&entity::registry()).expect("desired schema");
    let changes: Vec<Change> = create_missing(&desired, &LiveObjects::default())
        .into_iter()
        .filter(keep)
        .collect();
    let rendered = rustfmt(&render_migration(&module, message, &Plan::new(changes)).source);
    assert_eq!(
        rendered, committed_source,
        "{module} differs from what generate writes"
    );
    rendered
}

#[test]
fn the_committed_objects_migration_is_generate_output() {
    let source = render(
        "database_objects",
        "Database objects",
        Change::is_database_object,
    );
    assert!(
        !source.contains("entity::"),
        "frozen files never import the entity crate"
    );
}

#[test]
fn the_committed_tables_migration_is_generate_output() {
    let source = render("tables", "Tables", |c| !c.is_database_object());
    assert!(
        !source.contains("entity::"),
        "frozen files never import the entity crate"
    );
}
