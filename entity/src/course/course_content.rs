//! `course_content`: The content tree of a course (lectures, units, assignments).

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, IndexMethod, LTree, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_content")]
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
    pub archived_at: Option<DateTimeWithTimeZone>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub description: Option<String>,
    pub path: LTree,
    pub course_id: Uuid,
    pub course_content_type_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(2048))")]
    pub version_identifier: String,
    pub position: f64,
    pub max_group_size: i32,
    pub max_test_runs: Option<i32>,
    pub max_submissions: Option<i32>,
    pub execution_backend_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_content_type::Entity",
        from = "Column::CourseContentTypeId",
        to = "crate::course::course_content_type::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_content_course_content_type_id_fkey"
    )]
    CourseContentType,
    #[sea_orm(
        belongs_to = "crate::course::course_content_type::Entity",
        from = "(Column::CourseId, Column::CourseContentTypeId)",
        to = "(crate::course::course_content_type::Column::CourseId, crate::course::course_content_type::Column::Id)",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_content_course_id_course_content_type_id_fkey"
    )]
    CourseContentTypeInCourse,
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_content_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_content_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::execution::execution_backend::Entity",
        from = "Column::ExecutionBackendId",
        to = "crate::execution::execution_backend::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_content_execution_backend_id_fkey"
    )]
    ExecutionBackend,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_content_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::course::course_submission_group::Entity")]
    CourseSubmissionGroup,
    #[sea_orm(has_many = "crate::course::course_submission_group_member::Entity")]
    CourseSubmissionGroupMember,
    #[sea_orm(has_many = "crate::result::result::Entity")]
    Result,
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl Related<crate::execution::execution_backend::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExecutionBackend.def()
    }
}

impl Related<crate::course::course_submission_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSubmissionGroup.def()
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

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(Index::on("course_content_path_key", &["course_id", "path"]).unique())
            .index(Index::on("idx_course_content_path_gist", &["path"]).using(IndexMethod::Gist))
    }
}
