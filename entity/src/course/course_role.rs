//! `course_role`: Course roles: `_student`, `_tutor`, `_lecturer`, `_admin`.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_role")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        column_type = "String(StringLen::N(255))"
    )]
    pub id: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub description: Option<String>,
    #[sea_orm(default_value = false)]
    pub builtin: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "crate::course::course_member::Entity")]
    CourseMember,
}

impl Related<crate::course::course_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseMember.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .check(
                "course_role_check",
                "((NOT builtin) OR ((id)::text ~ '^_'::text))",
            )
            .check(
                "course_role_check1",
                "((builtin AND ctutor_valid_slug(SUBSTRING(id FROM 2))) OR ((NOT builtin) AND ctutor_valid_slug((id)::text)))",
            )
    }
}
