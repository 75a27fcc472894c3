//! `course_submission_group`: Groups that submit a content together.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::EntityDdl;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_submission_group")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    #[sea_orm(default_value = 0)]
    pub version: Option<i64>,
    #[sea_orm(default_expr = "Expr::cust(\"now()\")")]
    pub created_at: DateTimeWithTimeZone,
    #[sea_orm(default_expr = "Expr::cust(\"now()\")")]
    pub updated_at: DateTimeWithTimeZone,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub properties: Option<Json>,
    #[sea_orm(column_type = "String(StringLen::N(2048))")]
    pub status: Option<String>,
    pub grading: Option<f64>,
    pub max_group_size: i32,
    pub max_test_runs: Option<i32>,
    pub max_submissions: Option<i32>,
    pub course_id: Uuid,
    pub course_content_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_content::Entity",
        from = "Column::CourseContentId",
        to = "crate::course::course_content::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_submission_group_course_content_id_fkey"
    )]
    CourseContent,
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_submission_group_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_submission_group_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_submission_group_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::course::course_submission_group_member::Entity")]
    CourseSubmissionGroupMember,
    #[sea_orm(has_many = "crate::result::result::Entity")]
    Result,
}

impl Related<crate::course::course_content::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContent.def()
    }
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl Related<crate::course::course_submission_group_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSubmissionGroupMember.def()
    }
}

impl Related<crate::result::result::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Result.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {}
