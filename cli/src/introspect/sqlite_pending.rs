//! Placeholder until SQLite introspection lands: every caller gets a clear error.

use sea_orm::{ConnectionTrait, DbErr};

use crate::introspect::IntrospectStats;
use crate::model::Schema;

/// `introspect_sqlite` is not available yet.
pub async fn introspect_sqlite<C: ConnectionTrait>(
    _db: &C,
) -> Result<(Schema, IntrospectStats), DbErr> {
    Err(DbErr::Custom(
        "the schema engine cannot read SQLite databases yet".into(),
    ))
}
