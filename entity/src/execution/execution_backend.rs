//! `execution_backend`: Execution backends that run submissions (e.g. `python-3-11`).

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "execution_backend")]
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
    #[sea_orm(column_name = "type", column_type = "String(StringLen::N(255))")]
    pub kind: String,
    #[sea_orm(unique, column_type = "String(StringLen::N(255))")]
    pub slug: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "execution_backend_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "execution_backend_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::course::course_execution_backend::Entity")]
    CourseExecutionBackend,
    #[sea_orm(has_many = "crate::course::course_content::Entity")]
    CourseContent,
    #[sea_orm(has_many = "crate::result::result::Entity")]
    Result,
}

impl Related<crate::course::course_execution_backend::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseExecutionBackend.def()
    }
}

impl Related<crate::course::course_content::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContent.def()
    }
}

impl Related<crate::result::result::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Result.def()
    }
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        crate::course::course_execution_backend::Relation::Course.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            crate::course::course_execution_backend::Relation::ExecutionBackend
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new().check(
            "execution_backend_slug_check",
            "((slug)::text ~* '^[A-Za-z0-9_-]+$'::text)",
        )
    }
}
