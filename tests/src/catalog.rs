//! The catalog facts of a PostgreSQL schema, one tab-separated line each, in the format of
//! `fixtures/target-catalog.tsv`: read with PostgreSQL's own functions (`format_type`,
//! `pg_get_expr`, `pg_get_constraintdef`, `pg_indexes`), never with the tool's introspection.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const TRACKING: &str = "('seaql_migrations', 'alembic_version')";

fn queries() -> Vec<String> {
    vec![
        "select 'extension' || E'\\t' || extname as line from pg_extension where extname <> 'plpgsql' order by 1".into(),
        "select 'enum' || E'\\t' || t.typname || E'\\t' || string_agg(e.enumlabel, ',' order by e.enumsortorder) as line
           from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
          where n.nspname = 'public' group by t.typname order by 1".into(),
        "select 'sequence' || E'\\t' || c.relname as line from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'S' and n.nspname = 'public'
            and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')) order by 1".into(),
        "select 'function' || E'\\t' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' || E'\\t'
                || md5(regexp_replace(p.prosrc, '\\s+', ' ', 'g')) as line
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by 1".into(),
        format!("select 'table' || E'\\t' || c.relname as line from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = 'public' and c.relname not in {TRACKING} order by 1"),
        format!("select concat_ws(E'\\t', 'column', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                case when a.attnotnull then 'not null' else 'null' end,
                regexp_replace(case when a.attgenerated = 's' then 'generated ' else '' end
                               || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), '\\s+', ' ', 'g')) as line
           from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
           left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where c.relkind in ('r', 'p') and n.nspname = 'public' and a.attnum > 0 and not a.attisdropped
            and c.relname not in {TRACKING} order by c.relname, a.attname"),
        format!("select concat_ws(E'\\t', 'constraint', c.relname, k.conname,
                regexp_replace(pg_get_constraintdef(k.oid), '\\s+', ' ', 'g')) as line
           from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relname not in {TRACKING} order by c.relname, k.conname"),
        format!("select concat_ws(E'\\t', 'index', i.tablename, i.indexname, i.indexdef) as line from pg_indexes i
          where i.schemaname = 'public' and i.tablename not in {TRACKING} order by i.tablename, i.indexname"),
    ]
}

/// `comparable` is a catalog line as the fixtures can be compared with it. The function line's
/// last field is an md5 of the body text, which may be written differently from the original
/// (the reference allows it): compare name and arguments.
pub fn comparable(line: &str) -> String {
    match line.strip_prefix("function\t") {
        Some(rest) => format!("function\t{}", rest.split('\t').next().unwrap_or_default()),
        None => line.to_owned(),
    }
}

/// `missing_and_extra` compares catalog lines with a fixture, function bodies aside.
pub fn missing_and_extra(actual: &[String], fixture: &str) -> (Vec<String>, Vec<String>) {
    let actual: Vec<String> = actual.iter().map(|l| comparable(l)).collect();
    let expected: Vec<String> = fixture.lines().map(comparable).collect();
    let missing = expected
        .iter()
        .filter(|l| !actual.contains(l))
        .cloned()
        .collect();
    let extra = actual
        .iter()
        .filter(|l| !expected.contains(l))
        .cloned()
        .collect();
    (missing, extra)
}

/// `catalog_lines` reads the catalog facts of schema `public`.
pub async fn catalog_lines(db: &DatabaseConnection) -> Vec<String> {
    let mut lines = Vec::new();
    for sql in queries() {
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .expect("catalog query");
        for row in rows {
            lines.push(row.try_get::<String>("", "line").expect("line column"));
        }
    }
    lines
}

/// `pg_dump_schema` is `pg_dump --schema-only` of a database, as text.
pub fn pg_dump_schema(url: &str) -> String {
    let output = std::process::Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", "--no-privileges", url])
        .output()
        .expect("pg_dump must be installed for the integration tests");
    assert!(
        output.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dump = String::from_utf8(output.stdout).expect("utf-8 dump");
    // `\restrict <random key>` lines (newer pg_dump releases) differ on every run.
    dump.lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `sqlite_catalog_lines` reads the facts of a SQLite database from SQLite's own catalog
/// (`sqlite_schema` and the table-valued pragmas): columns in order with type, NOT NULL,
/// default and key position; indexes with their origin, uniqueness and columns (the automatic
/// indexes of keys by table and columns, as SQLite names those after the table); foreign keys
/// with their actions. The migration tracking table is left out.
pub async fn sqlite_catalog_lines(db: &DatabaseConnection) -> Vec<String> {
    let tables = "m.type = 'table' and m.name not like 'sqlite_%' and m.name <> 'seaql_migrations'";
    let tab = "|| char(9) ||";
    let queries = [
        format!(
            "select 'column' {tab} m.name {tab} p.name {tab} p.type {tab} p.\"notnull\" {tab} coalesce(p.dflt_value, '') {tab} p.pk {tab} p.hidden as line
               from sqlite_schema m join pragma_table_xinfo(m.name) p where {tables} order by m.name, p.cid"
        ),
        format!(
            "select 'index' {tab} m.name {tab} (case when il.origin = 'c' then il.name else il.origin end) {tab} il.\"unique\" {tab} il.partial {tab}
                    (select group_concat(coalesce(ii.name, '<expr>') || (case when ii.desc then ' desc' else '' end), ',')
                       from pragma_index_xinfo(il.name) ii where ii.key) as line
               from sqlite_schema m join pragma_index_list(m.name) il where {tables} order by 1"
        ),
        format!(
            "select 'foreign key' {tab} m.name {tab} f.\"from\" {tab} f.\"table\" {tab} coalesce(f.\"to\", '') {tab} f.on_update {tab} f.on_delete as line
               from sqlite_schema m join pragma_foreign_key_list(m.name) f where {tables} order by 1"
        ),
    ];
    let mut lines = Vec::new();
    for sql in queries {
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .expect("sqlite catalog query");
        for row in rows {
            lines.push(row.try_get::<String>("", "line").expect("line column"));
        }
    }
    lines
}
