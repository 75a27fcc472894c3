//! Object names from PostgreSQL's catalog: one query for all kinds at once.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use super::{LiveObjects, TRACKING_TABLES};

/// One round trip: every kind of object with its name, objects that belong to an extension
/// (its functions, types) left out.
const NAMES_SQL: &str = r#"
select 'extension' as kind, extname::text as name from pg_extension
union all
select 'enum', t.typname::text from pg_type t join pg_namespace n on n.oid = t.typnamespace
 where n.nspname = $1 and t.typtype = 'e'
union all
select 'sequence', c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1 and c.relkind = 'S'
union all
select 'function', p.proname::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where n.nspname = $1
   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
union all
select 'table', c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1 and c.relkind in ('r', 'p')
"#;

pub(super) async fn live_objects(
    db: &DatabaseConnection,
    schema: &str,
) -> Result<LiveObjects, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            NAMES_SQL,
            [schema.into()],
        ))
        .await?;
    let mut live = LiveObjects::default();
    for row in rows {
        let kind: String = row.try_get("", "kind")?;
        let name: String = row.try_get("", "name")?;
        let set = match kind.as_str() {
            "extension" => &mut live.extensions,
            "enum" => &mut live.enums,
            "sequence" => &mut live.sequences,
            "function" => &mut live.functions,
            _ if TRACKING_TABLES.contains(&name.as_str()) => continue,
            _ => &mut live.tables,
        };
        set.insert(name);
    }
    Ok(live)
}
