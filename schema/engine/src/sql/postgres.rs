//! `Change` → PostgreSQL statements.

use super::quote::{ident, ident_list, literal};
use crate::diff::{Change, EnumPosition};
use crate::model::{
    Check, Column, DefaultValue, ForeignKey, Function, Index, IndexKey, PrimaryKey, Sequence,
    SqlType, Table, UniqueConstraint,
};

/// `statements` is the SQL that applies `change` on PostgreSQL (none for what stays).
pub fn statements(change: &Change) -> Vec<String> {
    use Change::*;
    match change {
        CreateExtension(e) => vec![format!("CREATE EXTENSION IF NOT EXISTS {}", ident(&e.name))],
        RetainExtension(_) | RetainEnumValue { .. } | RetainFilledValues { .. } => vec![],
        FillColumn {
            table,
            column,
            value,
        } => vec![format!(
            "UPDATE {} SET {} = ({value}) WHERE {} IS NULL",
            ident(table),
            ident(column),
            ident(column)
        )],
        CreateEnum(e) => {
            let labels: Vec<String> = e.values.iter().map(|v| literal(v)).collect();
            vec![format!(
                "CREATE TYPE {} AS ENUM ({})",
                ident(&e.name),
                labels.join(", ")
            )]
        }
        DropEnum(e) => vec![format!("DROP TYPE {}", ident(&e.name))],
        AddEnumValue {
            enum_name,
            value,
            position,
        } => {
            let at = match position {
                EnumPosition::Last => String::new(),
                EnumPosition::Before(l) => format!(" BEFORE {}", literal(l)),
                EnumPosition::After(l) => format!(" AFTER {}", literal(l)),
            };
            vec![format!(
                "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{at}",
                ident(enum_name),
                literal(value)
            )]
        }
        RenameEnumValue {
            enum_name,
            from,
            to,
        } => vec![format!(
            "ALTER TYPE {} RENAME VALUE {} TO {}",
            ident(enum_name),
            literal(from),
            literal(to)
        )],
        CreateSequence(s) => vec![create_sequence(s)],
        DropSequence(s) => vec![format!("DROP SEQUENCE {}", ident(&s.name))],
        AlterSequence { to, .. } => vec![alter_sequence(to)],
        CreateFunction(f) => vec![create_function(f, false)],
        ReplaceFunction { to, .. } => vec![create_function(to, true)],
        DropFunction(f) => vec![format!(
            "DROP FUNCTION {}({})",
            ident(&f.name),
            arg_types(f)
        )],
        CreateTable(t) => create_table(t),
        DropTable(t) => vec![format!("DROP TABLE {}", ident(&t.name))],
        RenameTable { from, to } => vec![format!(
            "ALTER TABLE {} RENAME TO {}",
            ident(from),
            ident(to)
        )],
        AddColumn { table, column } => {
            let mut out = vec![format!(
                "ALTER TABLE {} ADD COLUMN {}",
                ident(table),
                column_definition(column)
            )];
            out.extend(column_comment(table, column));
            out
        }
        DropColumn { table, column } => vec![format!(
            "ALTER TABLE {} DROP COLUMN {}",
            ident(table),
            ident(&column.name)
        )],
        RenameColumn { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            ident(table),
            ident(from),
            ident(to)
        )],
        AlterColumn { table, from, to } => alter_column(table, from, to),
        RenameConstraint { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
            ident(table),
            ident(from),
            ident(to)
        )],
        RenameIndex { from, to, .. } => vec![format!(
            "ALTER INDEX {} RENAME TO {}",
            ident(from),
            ident(to)
        )],
        AddPrimaryKey { table, key } => vec![alter_add(table, &primary_key(key))],
        DropPrimaryKey { table, key } => vec![alter_drop(table, &key.name)],
        AddUnique { table, unique: u } => vec![alter_add(table, &unique(u))],
        DropUnique { table, unique } => vec![alter_drop(table, &unique.name)],
        CreateIndex { table, index } => vec![create_index(table, index)],
        DropIndex { index, .. } => vec![format!("DROP INDEX {}", ident(&index.name))],
        AddForeignKey { table, foreign_key } => {
            vec![alter_add(table, &foreign_key_clause(foreign_key))]
        }
        DropForeignKey { table, foreign_key } => vec![alter_drop(table, &foreign_key.name)],
        AddCheck { table, check: c } => vec![alter_add(table, &check(c))],
        DropCheck { table, check } => vec![alter_drop(table, &check.name)],
        SetTableComment { table, to, .. } => vec![format!(
            "COMMENT ON TABLE {} IS {}",
            ident(table),
            to.as_deref().map_or("NULL".to_owned(), literal)
        )],
    }
}

fn alter_add(table: &str, constraint: &str) -> String {
    format!("ALTER TABLE {} ADD {constraint}", ident(table))
}

fn alter_drop(table: &str, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        ident(table),
        ident(name)
    )
}

/// `column_definition` is `"name" type [DEFAULT …|GENERATED …] [NOT NULL]`.
pub fn column_definition(c: &Column) -> String {
    let mut out = format!("{} {}", ident(&c.name), type_sql(&c.ty.to_string()));
    match &c.default {
        // As sea-query writes an auto-increment column for PostgreSQL.
        Some(DefaultValue::AutoIncrement) => out.push_str(" GENERATED BY DEFAULT AS IDENTITY"),
        Some(default) => out.push_str(&format!(" DEFAULT {}", default.to_sql())),
        None => {}
    }
    if let Some(expr) = &c.generated {
        out.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED"));
    }
    if !c.nullable {
        out.push_str(" NOT NULL");
    }
    out
}

/// `type_sql` quotes a user-defined type name when it needs quotes; built-in spellings
/// (`character varying(255)`, `timestamp with time zone`, `text[]`) pass unchanged.
fn type_sql(ty: &str) -> String {
    let simple = ty
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " _(),[].".contains(c));
    if simple { ty.to_owned() } else { ident(ty) }
}

fn column_comment(table: &str, c: &Column) -> Option<String> {
    c.comment.as_ref().map(|text| {
        format!(
            "COMMENT ON COLUMN {}.{} IS {}",
            ident(table),
            ident(&c.name),
            literal(text)
        )
    })
}

fn create_table(t: &Table) -> Vec<String> {
    let mut items: Vec<String> = t.columns.iter().map(column_definition).collect();
    items.extend(t.primary_key.iter().map(primary_key));
    items.extend(t.uniques.iter().map(unique));
    items.extend(t.checks.iter().map(check));
    items.extend(t.foreign_keys.iter().map(foreign_key_clause));
    let mut out = vec![format!(
        "CREATE TABLE {} (\n    {}\n)",
        ident(&t.name),
        items.join(",\n    ")
    )];
    if let Some(comment) = &t.comment {
        out.push(format!(
            "COMMENT ON TABLE {} IS {}",
            ident(&t.name),
            literal(comment)
        ));
    }
    out.extend(t.columns.iter().filter_map(|c| column_comment(&t.name, c)));
    out
}

fn primary_key(key: &PrimaryKey) -> String {
    format!(
        "CONSTRAINT {} PRIMARY KEY ({})",
        ident(&key.name),
        ident_list(&key.columns)
    )
}

fn unique(u: &UniqueConstraint) -> String {
    format!(
        "CONSTRAINT {} UNIQUE ({})",
        ident(&u.name),
        ident_list(&u.columns)
    )
}

fn check(c: &Check) -> String {
    format!("CONSTRAINT {} CHECK ({})", ident(&c.name), c.expr)
}

/// `foreign_key_clause` spells both actions, so NO ACTION and RESTRICT stay apart.
fn foreign_key_clause(fk: &ForeignKey) -> String {
    format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
        ident(&fk.name),
        ident_list(&fk.columns),
        ident(&fk.ref_table),
        ident_list(&fk.ref_columns),
        fk.on_delete.as_sql(),
        fk.on_update.as_sql()
    )
}

/// `create_index` is `CREATE [UNIQUE] INDEX … USING method (parts) [WHERE …]`.
pub(crate) fn create_index(table: &str, index: &Index) -> String {
    let parts: Vec<String> = index
        .parts
        .iter()
        .map(|p| {
            let key = match &p.key {
                IndexKey::Column(c) => ident(c),
                IndexKey::Expr(e) => format!("({e})"),
            };
            if p.descending {
                format!("{key} DESC")
            } else {
                key
            }
        })
        .collect();
    let mut sql = format!(
        "CREATE {}INDEX {} ON {} USING {} ({})",
        if index.unique { "UNIQUE " } else { "" },
        ident(&index.name),
        ident(table),
        index.method.as_sql(),
        parts.join(", ")
    );
    if let Some(predicate) = &index.predicate {
        sql.push_str(&format!(" WHERE {predicate}"));
    }
    sql
}

fn create_sequence(s: &Sequence) -> String {
    format!("CREATE SEQUENCE {} {}", ident(&s.name), sequence_options(s))
}

fn alter_sequence(s: &Sequence) -> String {
    format!("ALTER SEQUENCE {} {}", ident(&s.name), sequence_options(s))
}

/// `sequence_options` spells every option, so creating and altering give the same sequence.
fn sequence_options(s: &Sequence) -> String {
    format!(
        "AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} {}",
        s.data_type,
        s.increment,
        s.min_value,
        s.max_value,
        s.start,
        s.cache,
        if s.cycle { "CYCLE" } else { "NO CYCLE" }
    )
}

fn create_function(f: &Function, replace: bool) -> String {
    let args: Vec<String> = f.args.iter().map(|(n, t)| format!("{n} {t}")).collect();
    format!(
        "CREATE {}FUNCTION {}({}) RETURNS {} LANGUAGE {} {} AS $body${}$body$",
        if replace { "OR REPLACE " } else { "" },
        ident(&f.name),
        args.join(", "),
        f.returns,
        f.language,
        f.volatility,
        f.body
    )
}

fn arg_types(f: &Function) -> String {
    f.args
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `alter_column` changes what differs between `from` and `to`. A type change casts with
/// `USING` where PostgreSQL needs it (see [`needs_using`]), and the old default (which may
/// not fit the new type) is dropped first. An auto-increment column is an identity column:
/// it gains or loses the identity, not a default (see [`identity_change`]).
fn alter_column(table: &str, from: &Column, to: &Column) -> Vec<String> {
    let column = ident(&to.name);
    let sql_default = |c: &Column| c.default.as_ref().filter(|d| d.is_sql_default()).cloned();
    let (from_default, to_default) = (sql_default(from), sql_default(to));
    let mut actions = Vec::new();
    let type_changes = from.ty != to.ty;
    if is_identity(from) && !is_identity(to) {
        actions.push(format!("ALTER COLUMN {column} DROP IDENTITY IF EXISTS"));
    }
    if type_changes && from_default.is_some() {
        actions.push(format!("ALTER COLUMN {column} DROP DEFAULT"));
    }
    if type_changes {
        let ty = type_sql(&to.ty.to_string());
        actions.push(if needs_using(&from.ty, &to.ty) {
            format!("ALTER COLUMN {column} TYPE {ty} USING {column}::{ty}")
        } else {
            format!("ALTER COLUMN {column} TYPE {ty}")
        });
    }
    if from_default != to_default || (type_changes && to_default.is_some()) {
        match &to_default {
            Some(d) => actions.push(format!("ALTER COLUMN {column} SET DEFAULT {}", d.to_sql())),
            None if !type_changes => actions.push(format!("ALTER COLUMN {column} DROP DEFAULT")),
            None => {}
        }
    }
    if from.nullable != to.nullable {
        let what = if to.nullable { "DROP" } else { "SET" };
        actions.push(format!("ALTER COLUMN {column} {what} NOT NULL"));
    }
    let mut out = Vec::new();
    let gains_identity = is_identity(to) && !is_identity(from);
    if gains_identity {
        // After NOT NULL: only a NOT NULL column can be an identity column.
        actions.push(format!(
            "ALTER COLUMN {column} ADD GENERATED BY DEFAULT AS IDENTITY"
        ));
    }
    if !actions.is_empty() {
        out.push(format!(
            "ALTER TABLE {} {}",
            ident(table),
            actions.join(", ")
        ));
    }
    if gains_identity {
        out.push(identity_restart(table, &to.name));
    }
    if from.comment != to.comment {
        out.push(format!(
            "COMMENT ON COLUMN {}.{column} IS {}",
            ident(table),
            to.comment.as_deref().map_or("NULL".to_owned(), literal)
        ));
    }
    out
}

/// `is_identity` is a column PostgreSQL numbers itself: an identity column.
fn is_identity(c: &Column) -> bool {
    c.default == Some(DefaultValue::AutoIncrement)
}

/// `identity_restart` moves a new identity's sequence past the rows the table already has,
/// so the next row without a key does not collide with one of them.
fn identity_restart(table: &str, column: &str) -> String {
    format!(
        "SELECT setval(pg_get_serial_sequence({}, {}), coalesce(max({}), 0) + 1, false) FROM {}",
        literal(&ident(table)),
        literal(column),
        ident(column),
        ident(table)
    )
}

/// `needs_using` is false between string types and between numeric types, which PostgreSQL
/// converts by itself (assignment casts). There an explicit `USING x::varchar(n)` would be
/// harmful: an explicit cast cuts a string that does not fit, where the assignment cast fails
/// the statement and so loses nothing.
fn needs_using(from: &SqlType, to: &SqlType) -> bool {
    use SqlType::*;
    let string = |t: &SqlType| matches!(t, Char(_) | Varchar(_) | Text);
    let number =
        |t: &SqlType| matches!(t, SmallInt | Integer | BigInt | Real | Double | Numeric(_));
    !((string(from) && string(to)) || (number(from) && number(to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(ty: SqlType) -> Column {
        Column {
            name: "c".into(),
            ty,
            nullable: true,
            default: None,
            generated: None,
            comment: None,
        }
    }

    fn type_change(from: SqlType, to: SqlType) -> String {
        alter_column("t", &column(from), &column(to)).join("; ")
    }

    #[test]
    fn a_type_change_casts_only_where_postgres_needs_it() {
        assert_eq!(
            type_change(SqlType::Varchar(Some(100)), SqlType::Varchar(Some(20))),
            r#"ALTER TABLE "t" ALTER COLUMN "c" TYPE character varying(20)"#,
            "narrowing fails on a value that does not fit instead of cutting it"
        );
        assert_eq!(
            type_change(SqlType::Integer, SqlType::BigInt),
            r#"ALTER TABLE "t" ALTER COLUMN "c" TYPE bigint"#
        );
        assert_eq!(
            type_change(SqlType::Text, SqlType::Integer),
            r#"ALTER TABLE "t" ALTER COLUMN "c" TYPE integer USING "c"::integer"#
        );
        assert_eq!(
            type_change(SqlType::Text, SqlType::Uuid),
            r#"ALTER TABLE "t" ALTER COLUMN "c" TYPE uuid USING "c"::uuid"#
        );
    }

    #[test]
    fn an_integer_key_gains_and_loses_its_identity() {
        let plain = Column {
            nullable: false,
            ..column(SqlType::Integer)
        };
        let identity = Column {
            default: Some(DefaultValue::AutoIncrement),
            ..plain.clone()
        };
        assert_eq!(
            alter_column("t", &plain, &identity),
            vec![
                r#"ALTER TABLE "t" ALTER COLUMN "c" ADD GENERATED BY DEFAULT AS IDENTITY"#
                    .to_owned(),
                r#"SELECT setval(pg_get_serial_sequence('"t"', 'c'), coalesce(max("c"), 0) + 1, false) FROM "t""#
                    .to_owned(),
            ]
        );
        assert_eq!(
            alter_column("t", &identity, &plain),
            vec![r#"ALTER TABLE "t" ALTER COLUMN "c" DROP IDENTITY IF EXISTS"#.to_owned()]
        );
        assert_eq!(
            column_definition(&identity),
            r#""c" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL"#
        );
    }
}
