//! Database-level objects: extensions, functions, sequences.

/// `DbObject` is any database-level object the schema needs besides tables and enum types
/// (enum types come from the entities' `ActiveEnum`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbObject {
    Extension(Extension),
    Function(Function),
    Sequence(Sequence),
    /// A renamed enum label, so the engine renames it instead of failing to remove it.
    EnumLabelRename(EnumLabelRename),
}

impl DbObject {
    /// `name` is the object's name, unique within its kind.
    pub fn name(&self) -> &str {
        match self {
            DbObject::Extension(e) => &e.name,
            DbObject::Function(f) => &f.name,
            DbObject::Sequence(s) => &s.name,
            DbObject::EnumLabelRename(r) => &r.to,
        }
    }
}

/// `Extension` is a PostgreSQL extension, created with `IF NOT EXISTS` (it may pre-exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
}

impl Extension {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
        }
    }
}

impl From<Extension> for DbObject {
    fn from(e: Extension) -> Self {
        DbObject::Extension(e)
    }
}

/// `Volatility` is a function's volatility class; PostgreSQL's default is `Volatile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Volatility {
    Immutable,
    Stable,
    #[default]
    Volatile,
}

impl Volatility {
    pub fn as_sql(self) -> &'static str {
        match self {
            Volatility::Immutable => "IMMUTABLE",
            Volatility::Stable => "STABLE",
            Volatility::Volatile => "VOLATILE",
        }
    }
}

/// `Function` is a user-defined SQL or PL/pgSQL function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// Arguments as `(name, type)`, e.g. `("value", "text")`.
    pub args: Vec<(String, String)>,
    pub returns: String,
    pub language: String,
    pub volatility: Volatility,
    /// The body between the dollar quotes.
    pub body: String,
}

impl Function {
    /// `new` declares `name(args) RETURNS returns LANGUAGE language AS $$body$$`, VOLATILE.
    pub fn new(
        name: &str,
        args: &[(&str, &str)],
        returns: &str,
        language: &str,
        body: &str,
    ) -> Self {
        Self {
            name: name.to_owned(),
            args: args
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            returns: returns.to_owned(),
            language: language.to_owned(),
            volatility: Volatility::Volatile,
            body: body.to_owned(),
        }
    }

    pub fn volatility(mut self, volatility: Volatility) -> Self {
        self.volatility = volatility;
        self
    }

    /// `identity_args` is the argument list as `pg_get_function_identity_arguments` prints it.
    pub fn identity_args(&self) -> String {
        self.args
            .iter()
            .map(|(n, t)| format!("{n} {t}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl From<Function> for DbObject {
    fn from(f: Function) -> Self {
        DbObject::Function(f)
    }
}

/// `Sequence` is a free-standing sequence (not owned by a column: no serial/identity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub name: String,
    /// `smallint`, `integer` or `bigint`.
    pub data_type: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl Sequence {
    /// `bigint` declares a `bigint` sequence with PostgreSQL's defaults (start 1, step 1, no cycle).
    pub fn bigint(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            data_type: "bigint".to_owned(),
            start: 1,
            increment: 1,
            min_value: 1,
            max_value: i64::MAX,
            cache: 1,
            cycle: false,
        }
    }
}

impl From<Sequence> for DbObject {
    fn from(s: Sequence) -> Self {
        DbObject::Sequence(s)
    }
}

/// `EnumLabelRename` declares that label `from` of enum `enum_name` is now called `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumLabelRename {
    pub enum_name: String,
    pub from: String,
    pub to: String,
}

impl EnumLabelRename {
    pub fn new(enum_name: &str, from: &str, to: &str) -> Self {
        Self {
            enum_name: enum_name.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
        }
    }
}

impl From<EnumLabelRename> for DbObject {
    fn from(r: EnumLabelRename) -> Self {
        DbObject::EnumLabelRename(r)
    }
}
