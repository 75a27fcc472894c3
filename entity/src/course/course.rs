//! `course`: Courses, placed in the ltree hierarchy below their family.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, IndexMethod, LTree, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course")]
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
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub description: Option<String>,
    pub path: LTree,
    pub course_family_id: Uuid,
    pub organization_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(2048))")]
    pub version_identifier: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_family::Entity",
        from = "Column::CourseFamilyId",
        to = "crate::course::course_family::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_course_family_id_fkey"
    )]
    CourseFamily,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::organization::organization::Entity",
        from = "Column::OrganizationId",
        to = "crate::organization::organization::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_organization_id_fkey"
    )]
    Organization,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::course::course_content_type::Entity")]
    CourseContentType,
    #[sea_orm(has_many = "crate::course::course_execution_backend::Entity")]
    CourseExecutionBackend,
    #[sea_orm(has_many = "crate::course::course_group::Entity")]
    CourseGroup,
    #[sea_orm(has_many = "crate::course::course_content::Entity")]
    CourseContent,
    #[sea_orm(has_many = "crate::course::course_member::Entity")]
    CourseMember,
    #[sea_orm(has_many = "crate::course::course_submission_group::Entity")]
    CourseSubmissionGroup,
    #[sea_orm(has_many = "crate::course::course_submission_group_member::Entity")]
    CourseSubmissionGroupMember,
    #[sea_orm(has_many = "crate::message::codeability_message::Entity")]
    CodeabilityMessage,
}

impl Related<crate::course::course_family::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseFamily.def()
    }
}

impl Related<crate::organization::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<crate::course::course_content_type::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContentType.def()
    }
}

impl Related<crate::course::course_execution_backend::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseExecutionBackend.def()
    }
}

impl Related<crate::course::course_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseGroup.def()
    }
}

impl Related<crate::course::course_content::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContent.def()
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

impl Related<crate::course::course_submission_group_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSubmissionGroupMember.def()
    }
}

impl Related<crate::message::codeability_message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CodeabilityMessage.def()
    }
}

impl Related<crate::execution::execution_backend::Entity> for Entity {
    fn to() -> RelationDef {
        crate::course::course_execution_backend::Relation::ExecutionBackend.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            crate::course::course_execution_backend::Relation::Course
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(Index::on("course_path_key", &["course_family_id", "path"]).unique())
            .index(Index::on("idx_course_path_gist", &["path"]).using(IndexMethod::Gist))
    }
}
