//! `course_content_type`: Content types of a course, over the content kinds.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_content_type")]
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
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub slug: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub course_content_kind_id: String,
    pub course_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub color: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course_content_kind::Entity",
        from = "Column::CourseContentKindId",
        to = "crate::course::course_content_kind::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_content_type_course_content_kind_id_fkey"
    )]
    CourseContentKind,
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_content_type_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_content_type_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_content_type_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::result::result::Entity")]
    Result,
}

impl Related<crate::course::course_content_kind::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContentKind.def()
    }
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
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
            .check(
                "course_content_type_slug_check",
                "((slug)::text ~* '^[A-Za-z0-9_-]+$'::text)",
            )
            .index(Index::on("course_content_type_course_id_key", &["id", "course_id"]).unique())
            .index(
                Index::on(
                    "course_content_type_slug_key",
                    &["slug", "course_id", "course_content_kind_id"],
                )
                .unique(),
            )
    }
}
