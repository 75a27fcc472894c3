//! The committed initial migrations are exactly what `generate` writes for an empty
//! database: database objects first (`--only objects`), then the original project's tables,
//! then the deliberate improvements, generated from the entity edit that adds them.

use ctutor_cli::desired::desired_schema;
use ctutor_cli::diff::{Change, Renames, create_all, diff};
use ctutor_cli::model::{IndexMethod, Schema};
use ctutor_cli::normalize::canonical_desired;
use ctutor_cli::plan::Plan;
use ctutor_cli::render::render_migration;
use tests::PgDatabase;

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

/// `original` is the desired schema without the target's deliberate improvements (the four
/// GiST indexes and the two course_role CHECKs): the original project's schema.
fn original(target: &Schema) -> Schema {
    let mut schema = target.clone();
    for table in &mut schema.tables {
        table.indexes.retain(|i| i.method != IndexMethod::Gist);
        if table.name == "course_role" {
            table.checks.clear();
        }
    }
    schema
}

fn assert_committed(slug: &str, message: &str, changes: Vec<Change>) -> String {
    let (module, committed_source) = committed(slug);
    let rendered = rustfmt(&render_migration(&module, message, &Plan::new(changes)).source);
    // The renderer's comments have grown since (e.g. why a step is skipped on SQLite); the
    // code must be what it wrote then, statement for statement.
    assert_eq!(
        without_comments(&rendered),
        without_comments(&committed_source),
        "{module} differs from what generate writes"
    );
    assert!(
        !rendered.contains("entity::"),
        "frozen files never import the entity crate"
    );
    rendered
}

/// `without_comments` is Rust source without its `//` comment lines.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `canonical` is what `generate` compares: the schema as PostgreSQL stores it. These files
/// were generated when `generate` still wrote expressions as the catalog prints them; it now
/// writes the entity's own text (see `model::SqlExpr`), so the comparison is with the
/// catalog's text, which for these expressions is also their canonical form.
async fn canonical(schema: &Schema) -> Schema {
    let db = PgDatabase::create("render").await;
    let mut canonical = canonical_desired(&db.connect().await, schema)
        .await
        .expect("canonical form");
    for (_, expr) in canonical.exprs_mut() {
        *expr = expr.clone().with_text(expr.canonical().to_owned());
    }
    canonical
}

async fn target() -> Schema {
    canonical(&desired_schema(&entity::registry()).expect("desired schema")).await
}

async fn original_schema() -> Schema {
    let desired = desired_schema(&entity::registry()).expect("desired schema");
    canonical(&original(&desired)).await
}

#[tokio::test]
async fn the_committed_objects_migration_is_generate_output() {
    let changes = create_all(&target().await)
        .into_iter()
        .filter(Change::is_database_object)
        .collect();
    assert_committed("database_objects", "Database objects", changes);
}

#[tokio::test]
async fn the_committed_original_tables_migration_is_generate_output() {
    let changes = create_all(&original_schema().await)
        .into_iter()
        .filter(|c| !c.is_database_object())
        .collect();
    assert_committed(
        "tables_of_the_original_schema",
        "Tables of the original schema",
        changes,
    );
}

#[tokio::test]
async fn the_committed_improvements_migration_is_generate_output() {
    let changes = diff(
        &original_schema().await,
        &target().await,
        &Renames::default(),
    )
    .changes;
    let source = assert_committed(
        "gist_path_indexes_and_course_role_checks",
        "GiST path indexes and course_role checks",
        changes,
    );
    assert_eq!(source.matches("IndexType::Custom(\"gist\"").count(), 4);
    assert_eq!(source.matches("ADD CONSTRAINT").count(), 2);
}
