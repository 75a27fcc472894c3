//! The engine's command helpers on ctutor's own migrations: `generate`'s lint warnings know the
//! applied migrations, and registering migrations in ctutor's `lib.rs` keeps it formatted.

use ctutor_cli::diff::Change;
use ctutor_cli::model::{Column, Index, IndexMethod, IndexPart, SqlType};
use ctutor_cli::plan::Plan;
use ctutor_cli::render::register_migration;
use migration::Migrator;
use schema_engine::cli::{plan_warnings, rustfmt_source};

/// `scratch_dir` is a new empty folder.
fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ct_fmt_{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn generate_warns_about_its_plan_knowing_the_applied_migrations() {
    let column = |ty| Column {
        name: "title".into(),
        ty,
        nullable: true,
        default: None,
        generated: None,
        comment: None,
    };
    let plan = Plan::new(vec![
        Change::CreateIndex {
            table: "course".into(),
            index: Index {
                name: "course_title_idx".into(),
                parts: vec![IndexPart::column("title")],
                unique: false,
                method: IndexMethod::BTree,
                predicate: None,
            },
        },
        // The migrations made "course"."title" varchar(255): this narrows it.
        Change::AlterColumn {
            table: "course".into(),
            from: column(SqlType::Varchar(Some(255))),
            to: column(SqlType::Varchar(Some(10))),
        },
    ]);
    let lines = plan_warnings::<Migrator>("m_new", &plan).await;
    let rules: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("warning: lint "))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert_eq!(rules.len(), 3, "{lines:#?}");
    for rule in ["L001", "D003", "L004"] {
        assert!(rules.contains(&rule), "{rule} missing from {lines:#?}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("from varchar(255) to character varying(10)"))
    );
}

#[test]
fn registration_lines_are_already_formatted() {
    let dir = scratch_dir();
    let lib_rs = include_str!("../../migration/src/lib.rs");
    let empty = lib_rs
        .lines()
        .filter(|l| !l.contains("mod m2") && !l.contains("Box::new"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("vec![\n        ]", "vec![]")
        .replace("\n\n\n", "\n\n")
        + "\n";
    let Some(formatted) = rustfmt_source(&empty, &dir) else {
        eprintln!("rustfmt is not installed: nothing to check");
        return;
    };
    assert_eq!(formatted, empty);
    for slug_len in [1, 22, 23, 40, 70, 90] {
        let mut text = empty.clone();
        for n in 0..3 {
            let module = format!("m2026010{n}_000000_{}", "a".repeat(slug_len));
            text = register_migration(&text, &module).unwrap();
            assert_eq!(
                rustfmt_source(&text, &dir).as_deref(),
                Some(text.as_str()),
                "{n} + 1 migrations named with {slug_len} letters"
            );
        }
    }
    let mut text = lib_rs.to_owned();
    for module in ["m20261201_000000_later", "m20260101_000000_earlier"] {
        text = register_migration(&text, module).unwrap();
        assert_eq!(rustfmt_source(&text, &dir).as_deref(), Some(text.as_str()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
