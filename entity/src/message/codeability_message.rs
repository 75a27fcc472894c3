//! `codeability_message`: Course messages; replies form a thread through `parent_id`.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "codeability_message")]
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
    pub course_id: Uuid,
    pub transmitter_course_member_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: i32,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: String,
    #[sea_orm(column_type = "String(StringLen::N(16384))")]
    pub content: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "codeability_message_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "codeability_message_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "codeability_message_parent_id_fkey"
    )]
    Parent,
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::TransmitterCourseMemberId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "codeability_message_transmitter_course_member_id_fkey"
    )]
    TransmitterCourseMember,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "codeability_message_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::message::codeability_message_read::Entity")]
    CodeabilityMessageRead,
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl Related<crate::course::course_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TransmitterCourseMember.def()
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
            .index(Index::on(
                "msg_course_archived_idx",
                &["course_id", "archived_at"],
            ))
            .index(Index::on(
                "msg_parent_archived_idx",
                &["parent_id", "archived_at"],
            ))
            .index(Index::on(
                "msg_transmitter_archived_idx",
                &["transmitter_course_member_id", "archived_at"],
            ))
    }
}
