//! `model` is the normalized schema model: plain data, no I/O.
//!
//! One model serves both sides of a comparison: the desired schema built from the entity crate
//! and the live schema read from a database's catalog. Every value is kept in the form
//! PostgreSQL itself reports (`format_type`, explicit constraint names), so two models compare
//! equal exactly when the databases would. Other backends map from this model (see `dialect`).

mod expr;
mod expr_slots;
mod names;
mod truncate;
mod types;

pub use expr::SqlExpr;
pub use expr_slots::ExprAt;
pub use names::{
    MAX_IDENTIFIER_BYTES, foreign_key_name, make_object_name, primary_key_name,
    truncate_identifier, unique_name,
};
pub use truncate::truncate_names;
pub use types::SqlType;

/// `Schema` is a whole database schema (one PostgreSQL schema, e.g. `public`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Schema {
    pub extensions: Vec<Extension>,
    pub enums: Vec<EnumType>,
    pub sequences: Vec<Sequence>,
    pub functions: Vec<Function>,
    pub tables: Vec<Table>,
}

impl Schema {
    /// `table` finds a table by name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// `Extension` is a PostgreSQL extension. Versions belong to the server and are not compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Extension {
    pub name: String,
}

/// `EnumType` is a native enum type with its labels in sort order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EnumType {
    pub name: String,
    pub values: Vec<String>,
}

/// `Sequence` is a free-standing sequence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sequence {
    pub name: String,
    pub data_type: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

/// `Function` is a user-defined function, identified by name and argument types.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Function {
    pub name: String,
    /// `(name, type)` pairs.
    pub args: Vec<(String, String)>,
    pub returns: String,
    pub language: String,
    /// `IMMUTABLE`, `STABLE` or `VOLATILE`.
    pub volatility: String,
    /// Compared modulo layout: white space and comments do not count.
    pub body: crate::sql::FunctionBody,
}

impl Function {
    /// `signature` is `name(type, …)`, the identity `DROP FUNCTION` needs.
    pub fn signature(&self) -> String {
        let types: Vec<&str> = self.args.iter().map(|(_, t)| t.as_str()).collect();
        format!("{}({})", self.name, types.join(", "))
    }
}

/// `Table` is a table with its columns and constraints, each constraint explicitly named.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    pub uniques: Vec<UniqueConstraint>,
    pub foreign_keys: Vec<ForeignKey>,
    pub indexes: Vec<Index>,
    pub checks: Vec<Check>,
    pub comment: Option<String>,
    pub renamed_from: Option<String>,
}

impl Table {
    /// `column` finds a column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// `Column` is a column in its logical position.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Column {
    pub name: String,
    pub ty: SqlType,
    pub nullable: bool,
    pub default: Option<DefaultValue>,
    /// Expression of a `GENERATED ALWAYS AS (…) STORED` column.
    pub generated: Option<SqlExpr>,
    pub comment: Option<String>,
}

/// `DefaultValue` is a column's server default: a literal, or an SQL expression.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum DefaultValue {
    Bool(bool),
    /// A numeric literal, kept as written.
    Number(String),
    /// A string literal (also an enum label), unquoted.
    Text(String),
    /// An SQL expression such as `now()` or `nextval('seq'::regclass)`.
    Expr(SqlExpr),
    /// The server numbers new rows itself: MySQL/MariaDB's `AUTO_INCREMENT` column attribute.
    /// It is no SQL default expression, so it has no PostgreSQL or SQLite text of its own.
    AutoIncrement,
}

impl DefaultValue {
    /// `is_sql_default` is false for `AutoIncrement`, which no `DEFAULT` clause can say.
    pub fn is_sql_default(&self) -> bool {
        !matches!(self, DefaultValue::AutoIncrement)
    }

    /// `to_sql` is the default as PostgreSQL SQL text.
    pub fn to_sql(&self) -> String {
        match self {
            DefaultValue::Bool(b) => b.to_string(),
            DefaultValue::Number(n) => n.clone(),
            DefaultValue::Text(s) => format!("'{}'", s.replace('\'', "''")),
            DefaultValue::Expr(e) => e.to_string(),
            // The MySQL column attribute, not an expression: a writer of a DEFAULT clause
            // checks `is_sql_default` first; this text is for descriptions.
            DefaultValue::AutoIncrement => "AUTO_INCREMENT".to_owned(),
        }
    }
}

/// `PrimaryKey` is the named primary key constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
}

/// `UniqueConstraint` is a UNIQUE constraint (a catalog constraint with a backing index).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UniqueConstraint {
    pub name: String,
    pub columns: Vec<String>,
}

/// `FkAction` is a referential action. `NoAction` and `Restrict` are different catalog values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn as_sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// `ForeignKey` is a named foreign key, possibly composite.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub on_delete: FkAction,
    pub on_update: FkAction,
}

/// `IndexMethod` is an index access method.
pub use schema_ddl::IndexMethod;

/// `IndexPart` is one key part of an index, with its sort order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IndexPart {
    pub key: IndexKey,
    pub descending: bool,
    /// How many leading characters (bytes for binary columns) of the column the part indexes:
    /// MySQL/MariaDB's index prefix length (`col(10)`). PostgreSQL and SQLite have none.
    pub prefix: Option<u32>,
}

impl IndexPart {
    /// `column` is an ascending key on a column.
    pub fn column(name: &str) -> Self {
        Self {
            key: IndexKey::Column(name.to_owned()),
            descending: false,
            prefix: None,
        }
    }

    /// `column_name` is the column of a plain column key.
    pub fn column_name(&self) -> Option<&str> {
        match &self.key {
            IndexKey::Column(c) => Some(c),
            IndexKey::Expr(_) => None,
        }
    }
}

/// `IndexKey` is what an index part indexes: a column or an expression.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum IndexKey {
    Column(String),
    /// An SQL expression, without the parentheses PostgreSQL puts around it.
    Expr(SqlExpr),
}

/// `Index` is an index that backs no constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Index {
    pub name: String,
    pub parts: Vec<IndexPart>,
    pub unique: bool,
    pub method: IndexMethod,
    pub predicate: Option<SqlExpr>,
}

/// `Check` is a named CHECK constraint; `expr` has no outer `CHECK ( )`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub name: String,
    pub expr: SqlExpr,
}
