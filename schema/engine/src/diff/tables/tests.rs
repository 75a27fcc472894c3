//! Table-driven tests: each case is a live and a desired table and the changes expected.

use crate::diff::{Change, Renames, diff};
use crate::model::{
    Check, Column, DefaultValue, FkAction, ForeignKey, Index, IndexMethod, IndexPart, PrimaryKey,
    Schema, SqlType, Table, UniqueConstraint,
};

fn col(name: &str, ty: SqlType) -> Column {
    Column {
        name: name.into(),
        ty,
        nullable: true,
        default: None,
        generated: None,
        comment: None,
    }
}

fn table(name: &str, columns: Vec<Column>) -> Table {
    Table {
        name: name.into(),
        columns,
        primary_key: Some(PrimaryKey {
            name: format!("{name}_pkey"),
            columns: vec!["id".into()],
        }),
        uniques: vec![],
        foreign_keys: vec![],
        indexes: vec![],
        checks: vec![],
        comment: None,
        renamed_from: None,
    }
}

fn base() -> Table {
    table(
        "t",
        vec![
            col("id", SqlType::Integer),
            col("name", SqlType::Varchar(Some(10))),
        ],
    )
}

fn schema(tables: Vec<Table>) -> Schema {
    Schema {
        tables,
        ..Schema::default()
    }
}

/// `changes` lists the one-line descriptions of diff(live, desired).
fn changes(live: Table, desired: Table, renames: &Renames) -> Vec<String> {
    diff(&schema(vec![live]), &schema(vec![desired]), renames)
        .changes
        .iter()
        .map(Change::to_string)
        .collect()
}

#[test]
fn identical_tables_have_no_changes() {
    assert!(changes(base(), base(), &Renames::default()).is_empty());
}

#[test]
fn each_column_difference_is_one_change() {
    type Edit = fn(&mut Table);
    let cases: Vec<(Edit, &str)> = vec![
        (
            |t| t.columns.push(col("extra", SqlType::Text)),
            "add column \"t\".\"extra\" text",
        ),
        (
            |t| {
                t.columns.pop();
            },
            "drop column \"t\".\"name\"",
        ),
        (
            |t| t.columns[1].ty = SqlType::Varchar(Some(20)),
            "alter column \"t\".\"name\": type character varying(10) → character varying(20)",
        ),
        (
            |t| t.columns[1].nullable = false,
            "alter column \"t\".\"name\": set not null",
        ),
        (
            |t| t.columns[1].default = Some(DefaultValue::Text("x".into())),
            "alter column \"t\".\"name\": default none → 'x'",
        ),
        (
            |t| t.columns[1].comment = Some("note".into()),
            "alter column \"t\".\"name\": comment",
        ),
    ];
    for (edit, expected) in cases {
        let mut desired = base();
        edit(&mut desired);
        assert_eq!(changes(base(), desired, &Renames::default()), [expected]);
    }
}

#[test]
fn a_changed_generated_expression_recreates_the_column() {
    let mut live = base();
    live.columns[1].generated = Some("'a'".into());
    let mut desired = base();
    desired.columns[1].generated = Some("'b'".into());
    assert_eq!(
        changes(live, desired, &Renames::default()),
        [
            "drop column \"t\".\"name\"",
            "add column \"t\".\"name\" character varying(10) generated ('b')"
        ]
    );
}

#[test]
fn declared_renames_are_renames_and_undeclared_ones_are_hints() {
    let mut desired = base();
    desired.columns[1].name = "title".into();
    let mut renames = Renames::default();
    renames
        .columns
        .insert(("t".into(), "title".into()), "name".into());
    assert_eq!(
        changes(base(), desired.clone(), &renames),
        ["rename column \"t\".\"name\" to \"title\""]
    );

    let result = diff(
        &schema(vec![base()]),
        &schema(vec![desired]),
        &Renames::default(),
    );
    assert_eq!(result.changes.len(), 2, "add + drop without a declaration");
    assert!(
        result.hints[0].contains("renamed_from"),
        "{:?}",
        result.hints
    );
}

#[test]
fn a_declared_table_rename_keeps_the_table() {
    let mut desired = base();
    desired.name = "u".into();
    desired.primary_key.as_mut().unwrap().name = "t_pkey".into();
    let mut renames = Renames::default();
    renames.tables.insert("u".into(), "t".into());
    assert_eq!(
        changes(base(), desired, &renames),
        ["rename table \"t\" to \"u\""]
    );
}

#[test]
fn constraints_and_indexes_are_matched_by_name() {
    let fk = ForeignKey {
        name: "t_name_fkey".into(),
        columns: vec!["name".into()],
        ref_table: "t".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::Cascade,
        on_update: FkAction::NoAction,
    };
    let index = Index {
        name: "t_name_idx".into(),
        parts: vec![IndexPart::column("name")],
        unique: false,
        method: IndexMethod::BTree,
        predicate: None,
    };
    type Edit = Box<dyn Fn(&mut Table)>;
    let (fk2, index2) = (fk.clone(), index.clone());
    let cases: Vec<(Edit, Edit, Vec<&str>)> = vec![
        (
            Box::new(|_| {}),
            Box::new(move |t| t.foreign_keys.push(fk.clone())),
            vec!["add foreign key \"t_name_fkey\" on \"t\" (name) → \"t\""],
        ),
        (
            Box::new({
                let fk = fk2.clone();
                move |t| t.foreign_keys.push(fk.clone())
            }),
            Box::new({
                let fk = fk2.clone();
                move |t| {
                    t.foreign_keys.push(ForeignKey {
                        on_delete: FkAction::Restrict,
                        ..fk.clone()
                    })
                }
            }),
            vec![
                "drop foreign key \"t_name_fkey\" on \"t\"",
                "add foreign key \"t_name_fkey\" on \"t\" (name) → \"t\"",
            ],
        ),
        (
            Box::new(|_| {}),
            Box::new(move |t| t.indexes.push(index.clone())),
            vec!["create index \"t_name_idx\" on \"t\" using btree"],
        ),
        (
            Box::new({
                let i = index2.clone();
                move |t| t.indexes.push(i.clone())
            }),
            Box::new({
                let i = index2.clone();
                move |t| {
                    t.indexes.push(Index {
                        method: IndexMethod::Gist,
                        ..i.clone()
                    })
                }
            }),
            vec![
                "drop index \"t_name_idx\" on \"t\"",
                "create index \"t_name_idx\" on \"t\" using gist",
            ],
        ),
        (
            Box::new(|_| {}),
            Box::new({
                let i = index2.clone();
                move |t| {
                    t.indexes.push(Index {
                        unique: true,
                        predicate: Some("(id > 0)".into()),
                        ..i.clone()
                    })
                }
            }),
            vec!["create unique index \"t_name_idx\" on \"t\" using btree (partial)"],
        ),
        (
            Box::new(|_| {}),
            Box::new(|t| {
                t.checks.push(Check {
                    name: "t_check".into(),
                    expr: "(id > 0)".into(),
                })
            }),
            vec!["add check \"t_check\" on \"t\""],
        ),
        (
            Box::new(|t| {
                t.checks.push(Check {
                    name: "t_check".into(),
                    expr: "(id > 0)".into(),
                })
            }),
            Box::new(|_| {}),
            vec!["drop check \"t_check\" on \"t\""],
        ),
        (
            Box::new(|_| {}),
            Box::new(|t| {
                t.uniques.push(UniqueConstraint {
                    name: "t_name_key".into(),
                    columns: vec!["name".into()],
                })
            }),
            vec!["add unique constraint \"t_name_key\" on \"t\" (name)"],
        ),
        (
            Box::new(|_| {}),
            Box::new(|t| t.primary_key.as_mut().unwrap().columns.push("name".into())),
            vec![
                "drop primary key \"t_pkey\" on \"t\"",
                "add primary key \"t_pkey\" on \"t\" (id, name)",
            ],
        ),
        (
            Box::new(|_| {}),
            Box::new(|t| t.comment = Some("c".into())),
            vec!["set the comment of table \"t\""],
        ),
    ];
    for (live_edit, desired_edit, expected) in cases {
        let (mut live, mut desired) = (base(), base());
        live_edit(&mut live);
        desired_edit(&mut desired);
        assert_eq!(changes(live, desired, &Renames::default()), expected);
    }
}

#[test]
fn tables_are_created_with_their_indexes_and_dropped_whole() {
    let mut desired = base();
    desired.indexes.push(Index {
        name: "t_name_idx".into(),
        parts: vec![IndexPart::column("name")],
        unique: false,
        method: IndexMethod::BTree,
        predicate: None,
    });
    let created = diff(
        &Schema::default(),
        &schema(vec![desired]),
        &Renames::default(),
    );
    let described: Vec<String> = created.changes.iter().map(Change::to_string).collect();
    assert_eq!(
        described,
        [
            "create table \"t\" (2 columns)",
            "create index \"t_name_idx\" on \"t\" using btree"
        ]
    );
    let dropped = diff(
        &schema(vec![base()]),
        &Schema::default(),
        &Renames::default(),
    );
    assert!(matches!(dropped.changes.as_slice(), [Change::DropTable(t)] if t.name == "t"));
}

#[test]
fn an_enum_default_follows_a_declared_label_rename() {
    let with_label = |label: &str| {
        let mut status = col("status", SqlType::Enum("status".into()));
        status.default = Some(DefaultValue::Text(label.into()));
        let mut schema = schema(vec![table("t", vec![col("id", SqlType::Integer), status])]);
        schema.enums = vec![crate::model::EnumType {
            name: "status".into(),
            values: vec![label.into(), "done".into()],
        }];
        schema
    };
    let mut renames = Renames::default();
    renames
        .enum_values
        .insert(("status".into(), "waiting".into()), "pending".into());
    let found = diff(&with_label("pending"), &with_label("waiting"), &renames);
    let described: Vec<String> = found.changes.iter().map(Change::to_string).collect();
    assert_eq!(
        described,
        ["rename label 'pending' of enum \"status\" to 'waiting'"],
        "RENAME VALUE carries the default along: no SET DEFAULT"
    );
    let undeclared = diff(
        &with_label("pending"),
        &with_label("waiting"),
        &Renames::default(),
    );
    assert!(
        undeclared
            .changes
            .iter()
            .any(|c| matches!(c, Change::AlterColumn { .. })),
        "without the rename the default changes"
    );
}

#[test]
fn a_new_name_for_the_same_definition_is_a_rename() {
    let index = Index {
        name: "old_idx".into(),
        parts: vec![IndexPart::column("name")],
        unique: false,
        method: IndexMethod::BTree,
        predicate: None,
    };
    let (mut live, mut desired) = (base(), base());
    live.indexes.push(index.clone());
    desired.indexes.push(Index {
        name: "new_idx".into(),
        ..index
    });
    live.checks.push(Check {
        name: "old_check".into(),
        expr: "(id > 0)".into(),
    });
    desired.checks.push(Check {
        name: "new_check".into(),
        expr: "(id > 0)".into(),
    });
    desired.primary_key.as_mut().unwrap().name = "t_key".into();
    assert_eq!(
        changes(live, desired, &Renames::default()),
        [
            "rename constraint \"t_pkey\" on \"t\" to \"t_key\"",
            "rename constraint \"old_check\" on \"t\" to \"new_check\"",
            "rename index \"old_idx\" on \"t\" to \"new_idx\""
        ]
    );
}

#[test]
fn a_type_change_of_a_joined_column_reattaches_its_foreign_key() {
    let fk = ForeignKey {
        name: "t_name_fkey".into(),
        columns: vec!["name".into()],
        ref_table: "t".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    };
    let (mut live, mut desired) = (base(), base());
    live.foreign_keys.push(fk.clone());
    desired.foreign_keys.push(fk);
    desired.columns[0].ty = SqlType::BigInt;
    assert_eq!(
        changes(live, desired, &Renames::default()),
        [
            "alter column \"t\".\"id\": type integer → bigint",
            "drop foreign key \"t_name_fkey\" on \"t\"",
            "add foreign key \"t_name_fkey\" on \"t\" (name) → \"t\""
        ]
    );
}
