//! `course_submission_group_member`: Members of a submission group.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_submission_group_member")]
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
    pub grading: Option<f64>,
    pub course_id: Uuid,
    pub course_submission_group_id: Uuid,
    pub course_member_id: Uuid,
    pub course_content_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_content::Entity",
        from = "Column::CourseContentId",
        to = "crate::course::course_content::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_submission_group_member_course_content_id_fkey"
    )]
    CourseContent,
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_submission_group_member_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::CourseMemberId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Restrict",
        fk_name = "course_submission_group_member_course_member_id_fkey"
    )]
    CourseMember,
    #[sea_orm(
        belongs_to = "crate::course::course_submission_group::Entity",
        from = "Column::CourseSubmissionGroupId",
        to = "crate::course::course_submission_group::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_submission_group_member_course_submission_group_id_fkey"
    )]
    CourseSubmissionGroup,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_submission_group_member_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_submission_group_member_updated_by_fkey"
    )]
    UpdatedBy,
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

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(
                Index::on(
                    "course_submission_group_course_content_key",
                    &["course_member_id", "course_content_id"],
                )
                .unique(),
            )
            .index(
                Index::on(
                    "course_submission_group_member_key",
                    &["course_submission_group_id", "course_member_id"],
                )
                .unique(),
            )
            .index(Index::on(
                "ix_course_submission_group_member_course_id",
                &["course_id"],
            ))
    }
}
