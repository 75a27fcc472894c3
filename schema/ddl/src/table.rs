//! Table-level declarations: checks, indexes, unique constraints, generated columns.

use super::DbObject;

/// `EntityDdl` is implemented by every entity: what its table needs beyond the attributes.
///
/// The default is "nothing beyond the attributes", so a plain entity only writes
/// `impl EntityDdl for Entity {}`.
pub trait EntityDdl {
    /// `ddl` returns the table's extra declarations.
    fn ddl() -> TableDdl {
        TableDdl::default()
    }
}

/// `TableDdl` collects one table's declarations, built with chained calls.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableDdl {
    /// Name of the primary key constraint; `<table>_pkey` when not set.
    pub primary_key_name: Option<String>,
    /// UNIQUE constraints (a `pg_constraint` row with a backing index), beyond the
    /// single-column ones SeaORM's `unique` attribute declares.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// Indexes that back no constraint: plain or unique, any method, optional predicate.
    pub indexes: Vec<Index>,
    /// CHECK constraints, in the order PostgreSQL would number unnamed ones.
    pub checks: Vec<Check>,
    /// Stored generated columns: the column is declared in the `Model`, its expression here.
    pub generated: Vec<GeneratedColumn>,
    /// The table's previous name, so a rename is planned as a rename, never as drop + create.
    pub renamed_from: Option<String>,
    /// Database objects this table needs (e.g. the sequence behind a column default).
    pub objects: Vec<DbObject>,
    /// Table comment.
    pub comment: Option<String>,
}

impl TableDdl {
    /// `new` starts an empty declaration.
    pub fn new() -> Self {
        Self::default()
    }

    /// `primary_key_name` overrides the PostgreSQL default name `<table>_pkey`.
    pub fn primary_key_name(mut self, name: &str) -> Self {
        self.primary_key_name = Some(name.to_owned());
        self
    }

    /// `unique` adds a named UNIQUE constraint over `columns`.
    pub fn unique(mut self, name: &str, columns: &[&str]) -> Self {
        self.unique_constraints.push(UniqueConstraint {
            name: name.to_owned(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
        });
        self
    }

    /// `index` adds an index that backs no constraint.
    pub fn index(mut self, index: Index) -> Self {
        self.indexes.push(index);
        self
    }

    /// `check` adds a named CHECK constraint; `expr` is SQL without the outer `CHECK ( )`.
    pub fn check(mut self, name: &str, expr: &str) -> Self {
        self.checks.push(Check {
            name: name.to_owned(),
            expr: expr.to_owned(),
        });
        self
    }

    /// `generated_stored` declares `column` as `GENERATED ALWAYS AS (expr) STORED`.
    pub fn generated_stored(mut self, column: &str, expr: &str) -> Self {
        self.generated.push(GeneratedColumn {
            column: column.to_owned(),
            expr: expr.to_owned(),
        });
        self
    }

    /// `renamed_from` records the table's previous name.
    pub fn renamed_from(mut self, old_name: &str) -> Self {
        self.renamed_from = Some(old_name.to_owned());
        self
    }

    /// `needs` declares a database object this table depends on.
    pub fn needs(mut self, object: impl Into<DbObject>) -> Self {
        self.objects.push(object.into());
        self
    }

    /// `comment` sets the table comment.
    pub fn comment(mut self, text: &str) -> Self {
        self.comment = Some(text.to_owned());
        self
    }
}

/// `UniqueConstraint` is a named UNIQUE constraint over one or more columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueConstraint {
    pub name: String,
    pub columns: Vec<String>,
}

/// `Check` is a named CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    /// The SQL expression, without the outer `CHECK ( … )`.
    pub expr: String,
}

/// `GeneratedColumn` gives a stored generated column its expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedColumn {
    pub column: String,
    pub expr: String,
}

/// `IndexMethod` is the access method of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexMethod {
    #[default]
    BTree,
    Hash,
    Gist,
    Gin,
    Brin,
    SpGist,
    /// MySQL/MariaDB's `FULLTEXT` index (a kind of index there, not a `USING` method).
    FullText,
    /// MySQL/MariaDB's `SPATIAL` index, on geometry columns.
    Spatial,
}

impl IndexMethod {
    /// `as_sql` is the method's name in `CREATE INDEX … USING <name>`.
    pub fn as_sql(self) -> &'static str {
        match self {
            IndexMethod::BTree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gist => "gist",
            IndexMethod::Gin => "gin",
            IndexMethod::Brin => "brin",
            IndexMethod::SpGist => "spgist",
            IndexMethod::FullText => "fulltext",
            IndexMethod::Spatial => "spatial",
        }
    }
}

/// `Index` is an index that backs no constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    /// Key parts in order: column names, or SQL expressions when written in parentheses.
    pub parts: Vec<String>,
    pub unique: bool,
    pub method: IndexMethod,
    /// Partial-index predicate, SQL without `WHERE`.
    pub predicate: Option<String>,
}

impl Index {
    /// `on` starts a B-tree index named `name` over `parts` (column names, or `(expr)`).
    pub fn on(name: &str, parts: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            parts: parts.iter().map(|c| c.to_string()).collect(),
            unique: false,
            method: IndexMethod::BTree,
            predicate: None,
        }
    }

    /// `unique` makes it a unique index (not a UNIQUE constraint).
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    /// `using` sets the access method.
    pub fn using(mut self, method: IndexMethod) -> Self {
        self.method = method;
        self
    }

    /// `filter` makes it a partial index with `predicate`.
    pub fn filter(mut self, predicate: &str) -> Self {
        self.predicate = Some(predicate.to_owned());
        self
    }
}
