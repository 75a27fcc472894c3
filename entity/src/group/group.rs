//! `group`: User groups (the table `"group"`).

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, TableDdl};

/// `ctutor_group_type`: a native PostgreSQL enum (text on SQLite).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "ctutor_group_type")]
pub enum GroupType {
    #[sea_orm(string_value = "fixed")]
    Fixed,
    #[sea_orm(string_value = "dynamic")]
    Dynamic,
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "group")]
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
    #[sea_orm(column_name = "type", default_value = "fixed")]
    pub group_type: Option<GroupType>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "crate::group::group_claim::Entity")]
    GroupClaim,
    #[sea_orm(has_many = "crate::group::user_group::Entity")]
    UserGroup,
}

impl Related<crate::group::group_claim::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GroupClaim.def()
    }
}

impl Related<crate::group::user_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserGroup.def()
    }
}

impl Related<crate::auth::user::Entity> for Entity {
    fn to() -> RelationDef {
        crate::group::user_group::Relation::User.def()
    }

    fn via() -> Option<RelationDef> {
        Some(crate::group::user_group::Relation::Group.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new().check("group_slug_check", "ctutor_valid_slug((slug)::text)")
    }
}
