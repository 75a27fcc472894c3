//! `course_member`: Membership of a user in a course, with a course role.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_member")]
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
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub course_group_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub course_role_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_group::Entity",
        from = "Column::CourseGroupId",
        to = "crate::course::course_group::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_member_course_group_id_fkey"
    )]
    CourseGroup,
    #[sea_orm(
        belongs_to = "crate::course::course_group::Entity",
        from = "(Column::CourseId, Column::CourseGroupId)",
        to = "(crate::course::course_group::Column::CourseId, crate::course::course_group::Column::Id)",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_member_course_id_course_group_id_fkey"
    )]
    CourseGroupInCourse,
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_member_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::course::course_role::Entity",
        from = "Column::CourseRoleId",
        to = "crate::course::course_role::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_member_course_role_id_fkey"
    )]
    CourseRole,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_member_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_member_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UserId",
        to = "crate::auth::user::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_member_user_id_fkey"
    )]
    User,
    #[sea_orm(has_many = "crate::course::course_submission_group_member::Entity")]
    CourseSubmissionGroupMember,
    #[sea_orm(has_many = "crate::result::result::Entity")]
    Result,
    #[sea_orm(has_many = "crate::message::codeability_message::Entity")]
    CodeabilityMessage,
    #[sea_orm(has_many = "crate::message::codeability_message_read::Entity")]
    CodeabilityMessageRead,
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl Related<crate::course::course_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseRole.def()
    }
}

impl Related<crate::auth::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
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

impl Related<crate::message::codeability_message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CodeabilityMessage.def()
    }
}

impl Related<crate::message::codeability_message_read::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CodeabilityMessageRead.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .check(
                "course_member_check",
                "CASE WHEN ((course_role_id)::text = '_student'::text) THEN (course_group_id IS NOT NULL) ELSE true END",
            )
            .index(Index::on("course_member_key", &["user_id", "course_id"]).unique())
    }
}
