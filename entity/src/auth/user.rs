//! `user`: People and API tokens that sign in.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use serde::{Deserialize, Serialize};

use crate::ddl::{EntityDdl, Sequence, TableDdl};

/// `user_type`: a native PostgreSQL enum (text on SQLite).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "user_type")]
pub enum UserType {
    #[sea_orm(string_value = "user")]
    User,
    #[sea_orm(string_value = "token")]
    Token,
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "user")]
pub struct Model {
    #[sea_orm(unique, column_type = "String(StringLen::N(255))")]
    pub number: Option<String>,
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
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub given_name: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub family_name: Option<String>,
    #[sea_orm(unique, column_type = "String(StringLen::N(320))")]
    pub email: Option<String>,
    #[sea_orm(default_value = "user")]
    pub user_type: UserType,
    #[sea_orm(default_expr = "Expr::cust(\"nextval('user_unique_fs_number_seq'::regclass)\")")]
    pub fs_number: i64,
    pub token_expiration: Option<DateTimeWithTimeZone>,
    #[sea_orm(unique, column_type = "String(StringLen::N(255))")]
    pub username: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub password: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(4096))")]
    pub auth_token: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::CreatedBy",
        to = "Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "user_created_by_fkey"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::UpdatedBy",
        to = "Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull",
        fk_name = "user_updated_by_fkey"
    )]
    UpdatedBy,
    #[sea_orm(has_many = "crate::auth::account::Entity")]
    Account,
    #[sea_orm(has_many = "crate::auth::profile::Entity")]
    Profile,
    #[sea_orm(has_many = "crate::auth::student_profile::Entity")]
    StudentProfile,
    #[sea_orm(has_many = "crate::auth::session::Entity")]
    Session,
    #[sea_orm(has_many = "crate::organization::organization::Entity")]
    Organization,
    #[sea_orm(has_many = "crate::role::user_role::Entity")]
    UserRole,
    #[sea_orm(has_many = "crate::group::user_group::Entity")]
    UserGroup,
    #[sea_orm(has_many = "crate::course::course_member::Entity")]
    CourseMember,
}

impl Related<crate::auth::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl Related<crate::auth::profile::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Profile.def()
    }
}

impl Related<crate::auth::student_profile::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StudentProfile.def()
    }
}

impl Related<crate::auth::session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl Related<crate::organization::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<crate::role::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserRole.def()
    }
}

impl Related<crate::group::user_group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserGroup.def()
    }
}

impl Related<crate::course::course_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseMember.def()
    }
}

impl Related<crate::role::role::Entity> for Entity {
    fn to() -> RelationDef {
        crate::role::user_role::Relation::Role.def()
    }

    fn via() -> Option<RelationDef> {
        Some(crate::role::user_role::Relation::User.def().rev())
    }
}

impl Related<crate::group::group::Entity> for Entity {
    fn to() -> RelationDef {
        crate::group::user_group::Relation::Group.def()
    }

    fn via() -> Option<RelationDef> {
        Some(crate::group::user_group::Relation::User.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl EntityDdl for Entity {
    fn ddl() -> TableDdl {
        TableDdl::new()
            .check(
                "ck_user_token_expiration",
                "((user_type <> 'token'::user_type) OR (token_expiration IS NOT NULL))",
            )
            .needs(Sequence::bigint("user_unique_fs_number_seq"))
    }
}
