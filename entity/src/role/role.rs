//! `role`: System roles; a builtin role's id is `_` followed by a valid slug.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, TableDdl};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "role")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        column_type = "String(StringLen::N(255))"
    )]
    pub id: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub description: Option<String>,
    #[sea_orm(default_value = false)]
    pub builtin: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "crate::role::role_claim::Entity")]
    RoleClaim,
    #[sea_orm(has_many = "crate::role::user_role::Entity")]
    UserRole,
}

impl Related<crate::role::role_claim::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RoleClaim.def()
    }
}

impl Related<crate::role::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserRole.def()
    }
}

impl Related<crate::auth::user::Entity> for Entity {
    fn to() -> RelationDef {
        crate::role::user_role::Relation::User.def()
    }

    fn via() -> Option<RelationDef> {
        Some(crate::role::user_role::Relation::Role.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .check(
                "role_check",
                "((NOT builtin) OR ((id)::text ~ '^_'::text))",
            )
            .check(
                "role_check1",
                "((builtin AND ctutor_valid_slug(SUBSTRING(id FROM 2))) OR ((NOT builtin) AND ctutor_valid_slug((id)::text)))",
            )
    }
}
