//! `course_family`: Families of courses within an organization.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Index, IndexMethod, LTree, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "course_family")]
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
    pub organization_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::CreatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_family_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "crate::organization::organization::Entity",
        from = "Column::OrganizationId",
        to = "crate::organization::organization::Column::Id",
        on_update = "Restrict",
        on_delete = "Cascade",
        fk_name = "course_family_organization_id_fkey"
    )]
    Organization,
    #[sea_orm(
        belongs_to = "crate::auth::user::Entity",
        from = "Column::UpdatedBy",
        to = "crate::auth::user::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "course_family_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::course::course::Entity")]
    Course,
}

impl Related<crate::organization::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<crate::course::course::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .index(Index::on("course_family_path_key", &["organization_id", "path"]).unique())
            .index(Index::on("idx_course_family_path_gist", &["path"]).using(IndexMethod::Gist))
    }
}
