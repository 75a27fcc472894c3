//! `course_execution_backend`: Link table: courses ↔ execution backends.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::EntityDdl;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_execution_backend")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub execution_backend_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub course_id: Uuid,
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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::course::course::Entity",
        from = "Column::CourseId",
        to = "crate::course::course::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_execution_backend_course_id_fkey"
    )]
    Course,
    #[sea_orm(
        belongs_to = "crate::execution::execution_backend::Entity",
        from = "Column::ExecutionBackendId",
        to = "crate::execution::execution_backend::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_execution_backend_execution_backend_id_fkey"
    )]
    ExecutionBackend,
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

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {}
