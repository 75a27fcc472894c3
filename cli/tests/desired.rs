//! The desired schema from the ctutor registry, and entities the engine must refuse with the
//! entity and field named.

use entity::ddl::{EntityDdl, Index, RegisteredTable, Registry, TableDdl};

use ctutor_cli::desired::desired_schema;
use ctutor_cli::model::Table;

#[test]
fn the_ctutor_registry_is_representable() {
    let schema = desired_schema(&entity::registry()).expect("ctutor schema");
    assert_eq!(schema.tables.len(), 28);
    let count = |f: fn(&Table) -> usize| -> usize { schema.tables.iter().map(f).sum() };
    assert_eq!(count(|t| t.foreign_keys.len()), 76);
    assert_eq!(count(|t| t.checks.len()), 11);
    assert_eq!(count(|t| t.uniques.len()), 10);
    assert_eq!(count(|t| t.indexes.len()), 34);
    assert_eq!(count(|t| t.columns.len()), 316);
    assert_eq!(schema.enums.len(), 3);
    assert_eq!(schema.extensions.len(), 3);
    assert_eq!(schema.functions.len(), 1);
    assert_eq!(schema.sequences.len(), 1);
}

mod parent {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "parent")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod child {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "child")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub parent_id: i32,
        #[sea_orm(column_type = "Interval(None, None)")]
        pub span: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::parent::Entity",
            from = "Column::ParentId",
            to = "super::parent::Column::Id"
        )]
        Parent,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

impl EntityDdl for parent::Entity {}

impl EntityDdl for child::Entity {
    fn ddl() -> TableDdl {
        let long = "an_index_name_that_is_long_enough_to_be_cut_by_postgresql_at_63_bytes";
        TableDdl::new()
            .index(Index::on(&format!("{long}_a"), &["parent_id"]))
            .index(Index::on(&format!("{long}_b"), &["id"]))
    }
}

fn registry(tables: Vec<RegisteredTable>) -> Registry {
    Registry {
        objects: vec![],
        tables,
    }
}

#[test]
fn an_unsupported_type_names_the_entity_and_field() {
    let err = desired_schema(&registry(vec![
        RegisteredTable::of::<parent::Entity>("tests::parent"),
        RegisteredTable::of::<child::Entity>("tests::child"),
    ]))
    .expect_err("interval is not supported");
    assert_eq!(
        (err.entity.as_str(), err.field.as_deref()),
        ("tests::child", Some("span"))
    );
    assert!(
        err.to_string()
            .starts_with("tests::child.span: column type"),
        "{err}"
    );
}

#[test]
fn a_foreign_key_to_a_missing_table_and_names_cut_to_63_bytes_are_refused() {
    let mut child = RegisteredTable::of::<child::Entity>("tests::child");
    child.columns.retain(|(name, _)| name != "span");
    let err = desired_schema(&registry(vec![child])).expect_err("parent is not registered");
    assert_eq!(err.field.as_deref(), Some("child_parent_id_fkey"));
    assert!(err.message.contains("missing table \"parent\""), "{err}");

    let mut child = RegisteredTable::of::<child::Entity>("tests::child");
    child.columns.retain(|(name, _)| name != "span");
    let parent = RegisteredTable::of::<parent::Entity>("tests::parent");
    let err = desired_schema(&registry(vec![parent, child])).expect_err("two names, one once cut");
    assert!(
        err.message
            .contains("once PostgreSQL cuts them to 63 bytes"),
        "{err}"
    );
}

#[test]
fn long_names_are_held_as_postgresql_stores_them() {
    let mut child = RegisteredTable::of::<child::Entity>("tests::child");
    child.columns.retain(|(name, _)| name != "span");
    child.ddl.indexes.pop();
    let parent = RegisteredTable::of::<parent::Entity>("tests::parent");
    let schema = desired_schema(&registry(vec![parent, child])).expect("one long name is fine");
    let index = &schema.table("child").unwrap().indexes[0];
    assert_eq!(index.name.len(), 63);
    assert!(index.name.starts_with("an_index_name_that_is_long"));
}

mod numbered {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "numbered")]
    pub struct Model {
        #[sea_orm(primary_key, default_value = 7)]
        pub id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod supplied {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "supplied")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl EntityDdl for numbered::Entity {}
impl EntityDdl for supplied::Entity {}

#[test]
fn an_integer_key_is_auto_increment_unless_the_entity_says_otherwise() {
    use ctutor_cli::model::DefaultValue;
    let parent = RegisteredTable::of::<parent::Entity>("tests::parent");
    let supplied = RegisteredTable::of::<supplied::Entity>("tests::supplied");
    assert!(parent.auto_increment && !supplied.auto_increment);
    let schema = desired_schema(&registry(vec![parent, supplied])).expect("both keys are fine");
    let key_default = |table: &str| schema.table(table).unwrap().columns[0].default.clone();
    assert_eq!(key_default("parent"), Some(DefaultValue::AutoIncrement));
    assert_eq!(key_default("supplied"), None);
}

#[test]
fn a_default_on_an_auto_increment_key_names_the_entity_and_field() {
    let err = desired_schema(&registry(vec![RegisteredTable::of::<numbered::Entity>(
        "tests::numbered",
    )]))
    .expect_err("two sources of key values");
    assert_eq!(
        (err.entity.as_str(), err.field.as_deref()),
        ("tests::numbered", Some("id"))
    );
    assert!(err.message.contains("auto-increment"), "{err}");
}
