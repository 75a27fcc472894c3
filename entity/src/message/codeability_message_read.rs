//! `codeability_message_read`: Read markers of messages.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "codeability_message_read")]
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
    pub codeability_message_id: Uuid,
    pub course_member_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::message::codeability_message::Entity",
        from = "Column::CodeabilityMessageId",
        to = "crate::message::codeability_message::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "codeability_message_read_codeability_message_id_fkey"
    )]
    CodeabilityMessage,
    #[sea_orm(
        belongs_to = "crate::course::course_member::Entity",
        from = "Column::CourseMemberId",
        to = "crate::course::course_member::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "codeability_message_read_course_member_id_fkey"
    )]
    CourseMember,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "codeability_message_read_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "codeability_message_read_updated_by_fkey"
    )]
    UpdatedBy,
}

impl Related<crate::message::codeability_message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CodeabilityMessage.def()
    }
}

impl Related<crate::course::course_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseMember.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new().index(
            Index::on(
                "msg_read_unique_idx",
                &["codeability_message_id", "course_member_id"],
            )
            .unique(),
        )
    }
}
