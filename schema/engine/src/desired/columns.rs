//! Columns of the desired schema, from SeaORM's `ColumnDef`s.

use schema_ddl::{RegisteredTable, text_type_name};
use sea_orm::sea_query::{ColumnType, PostgresQueryBuilder, Query, SimpleExpr, StringLen, Value};

use super::SchemaError;
use crate::model::{Column, DefaultValue, SqlExpr, SqlType};

/// `columns` lists `table`'s columns in `Model` field order.
pub(super) fn columns(table: &RegisteredTable) -> Result<Vec<Column>, SchemaError> {
    let err = |field: &str, message: String| SchemaError {
        entity: table.entity.to_owned(),
        field: Some(field.to_owned()),
        message,
    };
    for generated in &table.ddl.generated {
        if !table
            .columns
            .iter()
            .any(|(name, _)| *name == generated.column)
        {
            return Err(err(
                &generated.column,
                "generated expression for a column the Model does not have".into(),
            ));
        }
    }
    table
        .columns
        .iter()
        .map(|(name, def)| {
            let ty = sql_type(def.get_column_type()).map_err(|m| err(name, m))?;
            let generated = table
                .ddl
                .generated
                .iter()
                .find(|g| g.column == *name)
                .map(|g| g.expr.clone());
            let default = def.get_column_default().map(default_value);
            if generated.is_some() && default.is_some() {
                return Err(err(
                    name,
                    "a generated column cannot also have a default".into(),
                ));
            }
            let comment = table
                .column_notes
                .iter()
                .find(|n| n.column == *name)
                .and_then(|n| n.comment.clone());
            Ok(Column {
                name: name.clone(),
                ty,
                nullable: def.is_null(),
                default,
                generated: generated.map(SqlExpr::from),
                comment,
            })
        })
        .collect()
}

/// `sql_type` maps a sea-query column type to the model's canonical type.
pub(crate) fn sql_type(ty: &ColumnType) -> Result<SqlType, String> {
    // `schema_ddl::LTree`/`Inet` declare an enum type without labels, so that SeaORM casts
    // their values on PostgreSQL only: the column holds the named type.
    if let Some(name) = text_type_name(ty) {
        return Ok(named(&name));
    }
    Ok(match ty {
        ColumnType::Char(n) => SqlType::Char(*n),
        ColumnType::String(StringLen::N(n)) => SqlType::Varchar(Some(*n)),
        ColumnType::String(_) => SqlType::Varchar(None),
        ColumnType::Text => SqlType::Text,
        ColumnType::TinyInteger | ColumnType::SmallInteger => SqlType::SmallInt,
        ColumnType::Integer => SqlType::Integer,
        ColumnType::BigInteger => SqlType::BigInt,
        ColumnType::Float => SqlType::Real,
        ColumnType::Double => SqlType::Double,
        ColumnType::Decimal(p) => SqlType::Numeric(*p),
        ColumnType::Boolean => SqlType::Boolean,
        ColumnType::Date => SqlType::Date,
        ColumnType::Time => SqlType::Time,
        ColumnType::DateTime | ColumnType::Timestamp => SqlType::Timestamp,
        ColumnType::TimestampWithTimeZone => SqlType::TimestampTz,
        ColumnType::Blob | ColumnType::Binary(_) | ColumnType::VarBinary(_) => SqlType::Bytea,
        ColumnType::Json => SqlType::Json,
        ColumnType::JsonBinary => SqlType::Jsonb,
        ColumnType::Uuid => SqlType::Uuid,
        ColumnType::Inet => SqlType::Inet,
        ColumnType::Cidr => SqlType::Cidr,
        ColumnType::MacAddr => SqlType::MacAddr,
        ColumnType::LTree => SqlType::LTree,
        ColumnType::Enum { name, .. } => SqlType::Enum(name.to_string()),
        ColumnType::Custom(name) => named(&name.to_string()),
        ColumnType::Array(inner) => SqlType::Array(Box::new(sql_type(inner)?)),
        other => {
            return Err(format!(
                "column type {other:?} is not supported by the schema engine"
            ));
        }
    })
}

/// `named` is the type a column declared by its PostgreSQL type name holds.
fn named(name: &str) -> SqlType {
    match name {
        "ltree" => SqlType::LTree,
        "inet" => SqlType::Inet,
        other => SqlType::Named(other.to_owned()),
    }
}

/// `default_value` classifies a SeaORM default: a plain value becomes a literal, anything
/// else is kept as SQL text (PostgreSQL spelling).
fn default_value(expr: &SimpleExpr) -> DefaultValue {
    match expr {
        SimpleExpr::Value(Value::Bool(Some(b))) => DefaultValue::Bool(*b),
        SimpleExpr::Value(Value::String(Some(s))) => DefaultValue::Text(s.to_string()),
        SimpleExpr::Value(Value::Char(Some(c))) => DefaultValue::Text(c.to_string()),
        SimpleExpr::Value(v) if is_number(v) => DefaultValue::Number(expr_sql(expr)),
        _ => DefaultValue::Expr(expr_sql(expr).into()),
    }
}

fn is_number(v: &Value) -> bool {
    matches!(
        v,
        Value::TinyInt(Some(_))
            | Value::SmallInt(Some(_))
            | Value::Int(Some(_))
            | Value::BigInt(Some(_))
            | Value::TinyUnsigned(Some(_))
            | Value::SmallUnsigned(Some(_))
            | Value::Unsigned(Some(_))
            | Value::BigUnsigned(Some(_))
            | Value::Float(Some(_))
            | Value::Double(Some(_))
    )
}

/// `expr_sql` prints an expression as PostgreSQL SQL, through sea-query's own builder.
fn expr_sql(expr: &SimpleExpr) -> String {
    let sql = Query::select()
        .expr(expr.clone())
        .to_string(PostgresQueryBuilder);
    sql.strip_prefix("SELECT ").unwrap_or(&sql).to_owned()
}
