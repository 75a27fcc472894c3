//! `result`: Test results of submissions.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "result")]
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
    pub submit: bool,
    pub course_member_id: Uuid,
    pub course_submission_group_id: Option<Uuid>,
    pub course_content_id: Uuid,
    pub course_content_type_id: Uuid,
    pub execution_backend_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub test_system_id: String,
    pub result: f64,
    #[sea_orm(column_type = "JsonBinary")]
    pub result_json: Option<Json>,
    #[sea_orm(column_type = "String(StringLen::N(2048))")]
    pub version_identifier: String,
    pub status: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_content::Entity",
        from = "Column::CourseContentId",
        to = "crate::course::course_content::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "result_course_content_id_fkey"
    )]
    CourseContent,
    #[sea_orm(
        belongs_to = "crate::course::course_content_type::Entity",
        from = "Column::CourseContentTypeId",
        to = "crate::course::course_content_type::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "result_course_content_type_id_fkey"
    )]
    CourseContentType,
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::CourseMemberId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "result_course_member_id_fkey"
    )]
    CourseMember,
    #[sea_orm(
        belongs_to = "crate::course::course_submission_group::Entity",
        from = "Column::CourseSubmissionGroupId",
        to = "crate::course::course_submission_group::Column::Id",
        on_update = "Restrict",
        on_delete = "SetNull",
        fk_name = "result_course_submission_group_id_fkey"
    )]
    CourseSubmissionGroup,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "result_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::execution::execution_backend::Entity",
        from = "Column::ExecutionBackendId",
        to = "crate::execution::execution_backend::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "result_execution_backend_id_fkey"
    )]
    ExecutionBackend,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "result_updated_by_fkey"
    )]
    UpdatedBy,
}

impl Related<crate::course::course_content::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContent.def()
    }
}

impl Related<crate::course::course_content_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContentType.def()
    }
}

impl Related<crate::course::course_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseMember.def()
    }
}

impl Related<crate::course::course_submission_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSubmissionGroup.def()
    }
}

impl Related<crate::execution::execution_backend::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExecutionBackend.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(Index::on(
                "ix_result_course_content_id",
                &["course_content_id"],
            ))
            .index(Index::on(
                "ix_result_course_member_id",
                &["course_member_id"],
            ))
            .index(Index::on(
                "ix_result_course_submission_group_id",
                &["course_submission_group_id"],
            ))
            .index(
                Index::on(
                    "result_commit_test_system_key",
                    &["test_system_id", "execution_backend_id"],
                )
                .unique(),
            )
            .index(
                Index::on(
                    "result_version_identifier_group_key",
                    &["course_submission_group_id", "version_identifier"],
                )
                .unique(),
            )
            .index(
                Index::on(
                    "result_version_identifier_member_key",
                    &["course_member_id", "version_identifier"],
                )
                .unique(),
            )
    }
}
