//! `course_content_kind`: Kinds of course content: assignment, lecture, exercise, exam.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ddl::EntityDdl;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_content_kind")]
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
    pub has_ascendants: bool,
    pub has_descendants: bool,
    pub submittable: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "crate::course::course_content_type::Entity")]
    CourseContentType,
}

impl Related<crate::course::course_content_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContentType.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {}
