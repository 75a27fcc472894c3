//! Object names from SQLite's `sqlite_master`: SQLite has tables (and indexes) only.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use super::{LiveObjects, TRACKING_TABLES};

pub(super) async fn live_objects(db: &DatabaseConnection) -> Result<LiveObjects, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        ))
        .await?;
    let mut live = LiveObjects::default();
    for row in rows {
        let name: String = row.try_get("", "name")?;
        if !TRACKING_TABLES.contains(&name.as_str()) {
            live.tables.insert(name);
        }
    }
    Ok(live)
}
