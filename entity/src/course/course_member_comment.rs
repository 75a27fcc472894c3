//! `course_member_comment`: Comments between members of a course.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_member_comment")]
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
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub message: String,
    pub transmitter_id: Uuid,
    pub course_member_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::CourseMemberId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_member_comment_course_member_id_fkey"
    )]
    CourseMember,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_member_comment_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::TransmitterId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_member_comment_transmitter_id_fkey"
    )]
    Transmitter,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_member_comment_updated_by_fkey"
    )]
    UpdatedBy,
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(Index::on(
                "ix_course_member_comment_course_member_id",
                &["course_member_id"],
            ))
            .index(Index::on(
                "ix_course_member_comment_transmitter_id",
                &["transmitter_id"],
            ))
    }
}
