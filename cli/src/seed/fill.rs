//! `fill`: turns the seeders' [`Row`]s into the rows an entity's table takes.
//!
//! The table is read from the entity registry, never from Rust field lists, so an entity may
//! gain, lose or rename columns without the seeders changing:
//!
//! - a value for a column the entity does not have is dropped, unless a column declares it as
//!   its old name (`renamed_from`), in which case the value moves to the new name;
//! - an unset column is left to its server default when it has one, is NULL when nullable,
//!   and otherwise gets a plausible value of its type: a key of an already seeded row for a
//!   foreign key, something valid for the type otherwise;
//! - primary key columns are always written (children need the key, and SQLite has no UUID
//!   generator behind the PostgreSQL default).
//!
//! When no plausible value exists, filling stops with one [`FillError`] naming the column.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use entity::ddl::RegisteredTable;
use sea_orm::sea_query::{ColumnType, Expr, StringLen, TableName, TableRef};
use sea_orm::{ColumnDef, DbBackend, Value};

use super::rng::SeedRng;
use super::row::Row;

/// `GENERIC_ROWS` is how many rows a table gets that no seeder knows (a new entity).
pub const GENERIC_ROWS: usize = 3;

/// `FillError` is the one reason seeding cannot go on: a column without a plausible value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("seed cannot fill {table}.{column}: {why}")]
pub struct FillError {
    pub table: String,
    pub column: String,
    pub why: String,
}

/// `TableSpec` is what filling and writing need to know about one table.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub name: String,
    pub columns: Vec<ColumnSpec>,
    pub foreign_keys: Vec<ForeignKey>,
    /// The entity's write-side cast of a value for a column (`RegisteredTable::save_as`).
    pub save_as: fn(&str, Expr) -> Expr,
}

/// `ColumnSpec` is one column: SeaORM's definition plus what the registry adds.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub name: String,
    pub def: ColumnDef,
    pub renamed_from: Option<String>,
    pub primary: bool,
    /// A stored generated column (PostgreSQL computes it; SQLite has a plain column).
    pub generated: bool,
}

/// `ForeignKey` is a (possibly composite) reference to another table's columns.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub target: String,
    pub target_columns: Vec<String>,
}

impl TableSpec {
    /// `of` reads a registered entity.
    pub fn of(table: &RegisteredTable) -> Self {
        let renamed = |name: &str| {
            (table.column_notes.iter())
                .find(|n| n.column == name)
                .and_then(|n| n.renamed_from.clone())
        };
        let columns = (table.columns.iter())
            .map(|(name, def)| ColumnSpec {
                name: name.clone(),
                def: def.clone(),
                renamed_from: renamed(name),
                primary: table.primary_key.contains(name),
                generated: table.ddl.generated.iter().any(|g| g.column == *name),
            })
            .collect();
        let foreign_keys = (table.foreign_keys.iter())
            .filter_map(|fk| {
                let TableRef::Table(TableName(_, target), _) = &fk.to_tbl else {
                    return None;
                };
                Some(ForeignKey {
                    columns: fk.from_col.iter().map(|c| c.to_string()).collect(),
                    target: target.to_string(),
                    target_columns: fk.to_col.iter().map(|c| c.to_string()).collect(),
                })
            })
            .collect();
        Self {
            name: table.table_name.clone(),
            columns,
            foreign_keys,
            save_as: table.save_as,
        }
    }

    /// `column` is the column named `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnSpec> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// `resolve` is the column a seeder's value for `name` belongs to: the column of that
    /// name, else the column renamed from it.
    fn resolve(&self, name: &str) -> Option<&ColumnSpec> {
        self.column(name)
            .or_else(|| (self.columns.iter()).find(|c| c.renamed_from.as_deref() == Some(name)))
    }
}

/// `Filled` is a row as written: `(column, value)` in the table's column order, `None` for
/// NULL. Columns left to their server default are absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    pub cells: Vec<(String, Option<Value>)>,
}

impl Filled {
    /// `value` is the value written to `column` (`None` when NULL or left to the server).
    pub fn value(&self, column: &str) -> Option<&Value> {
        (self.cells.iter())
            .find(|(name, _)| name == column)
            .and_then(|(_, value)| value.as_ref())
    }

    /// `column_names` lists the written columns.
    pub fn column_names(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().map(|(name, _)| name.as_str())
    }
}

/// `Filler` fills tables in foreign-key order and remembers what it filled, so a later
/// table's foreign keys can point at those rows. Its own random source is derived from the
/// seed: the same seed fills the same values.
pub struct Filler {
    backend: DbBackend,
    rng: SeedRng,
    seeded: BTreeMap<String, Vec<Filled>>,
}

/// `FILLER_STREAM` separates the filler's draws from the seeders' (same seed, other stream).
const FILLER_STREAM: u64 = 0x5eed_f111;

impl Filler {
    /// `new` starts with no table filled.
    pub fn new(seed: u64, backend: DbBackend) -> Self {
        Self {
            backend,
            rng: SeedRng::new(seed ^ FILLER_STREAM),
            seeded: BTreeMap::new(),
        }
    }

    /// `fill` fills every row of `table` and remembers them for later foreign keys.
    pub fn fill(&mut self, table: &TableSpec, rows: Vec<Row>) -> Result<Vec<Filled>, FillError> {
        self.seeded
            .insert(table.name.clone(), Vec::with_capacity(rows.len()));
        for (index, row) in rows.into_iter().enumerate() {
            let filled = self.fill_row(table, index, row)?;
            if let Some(done) = self.seeded.get_mut(&table.name) {
                done.push(filled);
            }
        }
        Ok(self.seeded.get(&table.name).cloned().unwrap_or_default())
    }

    /// `fill_row` resolves the seeder's values onto the columns, then fills the foreign keys
    /// and the remaining required columns.
    fn fill_row(&mut self, table: &TableSpec, index: usize, row: Row) -> Result<Filled, FillError> {
        let mut values = self.resolve(table, row);
        self.fill_foreign_keys(table, index, &mut values)?;
        let mut cells = Vec::with_capacity(table.columns.len());
        for column in &table.columns {
            let cell = match values.remove(&column.name) {
                Some(value) => Some(conform(value, column.def.get_column_type())),
                None => match self.unset(column) {
                    Unset::Server => continue,
                    Unset::Null => None,
                    Unset::Draw => Some(self.draw(table, column, index)?),
                },
            };
            cells.push((column.name.clone(), cell));
        }
        Ok(Filled { cells })
    }

    /// `resolve` keeps the values of columns the table has (moving values of renamed
    /// columns to the new name) and drops the rest. On PostgreSQL it also drops values the
    /// server computes: generated columns and sequence-backed defaults.
    fn resolve(&self, table: &TableSpec, row: Row) -> BTreeMap<String, Value> {
        let mut values = BTreeMap::new();
        for (name, value) in row.columns() {
            let Some(column) = table.resolve(name) else {
                continue;
            };
            if self.server_computes(column) {
                continue;
            }
            // A value under the current name wins over one under the old name.
            if column.name == name || !values.contains_key(&column.name) {
                values.insert(column.name.clone(), value.clone());
            }
        }
        values
    }

    /// `server_computes` is true for columns PostgreSQL fills itself: generated columns,
    /// and columns drawing from a sequence (on a fresh database it hands out what the
    /// seeders would write; SQLite has neither, so there the seeders' values are kept).
    fn server_computes(&self, column: &ColumnSpec) -> bool {
        let postgres = self.backend == DbBackend::Postgres;
        let sequence = (column.def.get_column_default())
            .is_some_and(|expr| format!("{expr:?}").contains("nextval("));
        postgres && (column.generated || sequence)
    }

    /// `unset` decides what an unset column gets.
    fn unset(&self, column: &ColumnSpec) -> Unset {
        // A NOT NULL UUID default is PostgreSQL's generator, which SQLite lacks: draw it.
        let generator =
            matches!(column.def.get_column_type(), ColumnType::Uuid) && !column.def.is_null();
        let has_default = column.def.get_column_default().is_some() && !generator;
        if column.primary {
            // Keys are always written: children read them back.
            Unset::Draw
        } else if self.server_computes(column) || has_default {
            Unset::Server
        } else if column.def.is_null() || column.generated {
            Unset::Null
        } else {
            Unset::Draw
        }
    }

    /// `fill_foreign_keys` points every foreign key with a required, unset column at a row
    /// of the referenced table seeded earlier (row `index`, wrapping around).
    fn fill_foreign_keys(
        &self,
        table: &TableSpec,
        index: usize,
        values: &mut BTreeMap<String, Value>,
    ) -> Result<(), FillError> {
        for fk in &table.foreign_keys {
            let required = (fk.columns.iter()).find(|c| {
                !values.contains_key(*c)
                    && table
                        .column(c)
                        .is_some_and(|col| self.unset(col) == Unset::Draw)
            });
            let Some(required) = required else {
                continue;
            };
            let error = |why: String| FillError {
                table: table.name.clone(),
                column: required.clone(),
                why,
            };
            let parents = self.seeded.get(&fk.target).filter(|p| !p.is_empty());
            let Some(parents) = parents else {
                return Err(error(format!(
                    "NOT NULL foreign key to \"{}\", which has no seeded rows",
                    fk.target
                )));
            };
            let parent = &parents[index % parents.len()];
            for (column, target) in fk.columns.iter().zip(&fk.target_columns) {
                if values.contains_key(column) {
                    continue;
                }
                let Some(key) = parent.value(target) else {
                    return Err(error(format!(
                        "NOT NULL foreign key to {}.{target}, which the seeded rows leave unset",
                        fk.target
                    )));
                };
                values.insert(column.clone(), key.clone());
            }
        }
        Ok(())
    }

    /// `draw` is a plausible value for a required column, or the one-line refusal.
    fn draw(
        &mut self,
        table: &TableSpec,
        column: &ColumnSpec,
        index: usize,
    ) -> Result<Value, FillError> {
        plausible(
            column.def.get_column_type(),
            &column.name,
            index,
            &mut self.rng,
        )
        .map_err(|why| FillError {
            table: table.name.clone(),
            column: column.name.clone(),
            why,
        })
    }
}

/// `Unset` is what an unset column gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unset {
    /// Left out of the INSERT: the server default (or generated expression) applies.
    Server,
    /// NULL.
    Null,
    /// A plausible value of its type.
    Draw,
}

/// `plausible` is a valid value of type `ty` for row `index` of column `column`: integers
/// and text carry the row number, so they are unique within the table. `Err` says why no
/// value can be made.
pub fn plausible(
    ty: &ColumnType,
    column: &str,
    index: usize,
    rng: &mut SeedRng,
) -> Result<Value, String> {
    let n = index + 1;
    let value = match ty {
        ColumnType::Char(len) => text(rng, n, len.map(|l| l as usize)),
        ColumnType::String(len) => text(rng, n, max_len(len)),
        ColumnType::Text => text(rng, n, None),
        ColumnType::TinyInteger => Value::TinyInt(Some((n % 127) as i8)),
        ColumnType::SmallInteger => Value::SmallInt(Some((n % 32_767) as i16)),
        ColumnType::Integer => Value::Int(Some(n as i32)),
        ColumnType::BigInteger => Value::BigInt(Some(n as i64)),
        ColumnType::TinyUnsigned => Value::TinyUnsigned(Some((n % 255) as u8)),
        ColumnType::SmallUnsigned => Value::SmallUnsigned(Some((n % 65_535) as u16)),
        ColumnType::Unsigned => Value::Unsigned(Some(n as u32)),
        ColumnType::BigUnsigned => Value::BigUnsigned(Some(n as u64)),
        ColumnType::Float => Value::Float(Some(n as f32)),
        ColumnType::Double | ColumnType::Decimal(_) => Value::Double(Some(n as f64)),
        ColumnType::Boolean => Value::Bool(Some(false)),
        ColumnType::Uuid => Value::Uuid(Some(rng.uuid())),
        ColumnType::TimestampWithTimeZone => Value::ChronoDateTimeWithTimeZone(Some(rng.at(0..30))),
        ColumnType::DateTime | ColumnType::Timestamp => {
            Value::ChronoDateTime(Some(rng.at(0..30).naive_utc()))
        }
        ColumnType::Date => Value::ChronoDate(Some(rng.at(0..30).date_naive())),
        ColumnType::Time => Value::ChronoTime(NaiveTime::from_hms_opt(9, 0, 0)),
        ColumnType::Year => Value::Int(Some(2024)),
        ColumnType::Json | ColumnType::JsonBinary => Value::Json(Some(Box::default())),
        ColumnType::Blob | ColumnType::VarBinary(_) => Value::Bytes(Some(vec![0; 4])),
        ColumnType::Binary(len) => Value::Bytes(Some(vec![0; *len as usize])),
        // No labels: a PostgreSQL type held as text (`entity::ddl::LTree`, `Inet`).
        ColumnType::Enum { name, variants } => match variants.first() {
            Some(first) => Value::String(Some(first.to_string())),
            None => return custom(&name.to_string(), column, n),
        },
        ColumnType::Custom(name) => return custom(&name.to_string(), column, n),
        ColumnType::LTree => return custom("ltree", column, n),
        ColumnType::Inet => return custom("inet", column, n),
        ColumnType::Cidr => return custom("cidr", column, n),
        ColumnType::MacAddr => return custom("macaddr", column, n),
        other => {
            return Err(format!(
                "NOT NULL without a default, and no plausible value for type {other:?}"
            ));
        }
    };
    Ok(value)
}

/// `custom` is a value for the PostgreSQL types the schema uses by name.
fn custom(name: &str, column: &str, n: usize) -> Result<Value, String> {
    let text = match name.to_ascii_lowercase().as_str() {
        // An ltree label takes letters, digits and `_`.
        "ltree" => {
            let label: String = (column.chars())
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            format!("{label}_{n}")
        }
        "inet" => format!("10.{}.{}.{}", (n >> 16) % 256, (n >> 8) % 256, n % 254 + 1),
        "cidr" => format!("10.{}.{}.0/24", (n >> 8) % 256, n % 256),
        "macaddr" => format!("02:00:00:00:{:02x}:{:02x}", (n >> 8) % 256, n % 256),
        "citext" => format!("{column} {n}"),
        _ => {
            return Err(format!(
                "NOT NULL without a default, and no plausible value for type {name}"
            ));
        }
    };
    Ok(Value::String(Some(text)))
}

/// `max_len` is the length limit of a `varchar`, if any.
fn max_len(len: &StringLen) -> Option<usize> {
    match len {
        StringLen::N(n) => Some(*n as usize),
        StringLen::Max | StringLen::None => None,
    }
}

/// `text` is one or two lorem-ipsum words and the row number, cut to `max` characters.
fn text(rng: &mut SeedRng, n: usize, max: Option<usize>) -> Value {
    let mut text = format!("{} {n}", rng.words(1..3));
    if let Some(max) = max {
        // Keep the row number when cutting, so values stay distinct.
        let suffix = n.to_string();
        if text.chars().count() > max {
            let keep = max.saturating_sub(suffix.len());
            text = text.chars().take(keep).collect::<String>() + &suffix;
            text = text.chars().take(max).collect();
        }
    }
    Value::String(Some(text))
}

/// `conform` gives a seeder's number the width of its column, so a seeder writing
/// `0_i64` into a column that became `integer` (or the reverse) still binds correctly.
fn conform(value: Value, ty: &ColumnType) -> Value {
    let int = match &value {
        Value::TinyInt(Some(n)) => Some(i64::from(*n)),
        Value::SmallInt(Some(n)) => Some(i64::from(*n)),
        Value::Int(Some(n)) => Some(i64::from(*n)),
        Value::BigInt(Some(n)) => Some(*n),
        _ => None,
    };
    match (int, ty) {
        (Some(n), ColumnType::SmallInteger) => i16::try_from(n).map(Value::from).unwrap_or(value),
        (Some(n), ColumnType::Integer) => i32::try_from(n).map(Value::from).unwrap_or(value),
        (Some(n), ColumnType::BigInteger) => Value::BigInt(Some(n)),
        (Some(n), ColumnType::Double) => Value::Double(Some(n as f64)),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ColumnTypeTrait;
    use uuid::Uuid;

    /// `column` is a column spec built by hand, as an entity edit would declare it.
    fn column(name: &str, def: ColumnDef) -> ColumnSpec {
        ColumnSpec {
            name: name.to_owned(),
            def,
            renamed_from: None,
            primary: false,
            generated: false,
        }
    }

    /// `member` is a table `member (id uuid pk, user_id uuid NOT NULL → user.id, …extra)`.
    fn member(extra: Vec<ColumnSpec>) -> TableSpec {
        let mut id = column("id", ColumnType::Uuid.def());
        id.primary = true;
        let mut columns = vec![id, column("user_id", ColumnType::Uuid.def())];
        columns.extend(extra);
        TableSpec {
            name: "member".to_owned(),
            columns,
            foreign_keys: vec![ForeignKey {
                columns: vec!["user_id".to_owned()],
                target: "user".to_owned(),
                target_columns: vec!["id".to_owned()],
            }],
            save_as: |_, value| value,
        }
    }

    /// `users` is a filler that has seeded two users.
    fn users(backend: DbBackend) -> Filler {
        let mut filler = Filler::new(9, backend);
        let mut id = column("id", ColumnType::Uuid.def());
        id.primary = true;
        let user = TableSpec {
            name: "user".to_owned(),
            columns: vec![id],
            foreign_keys: Vec::new(),
            save_as: |_, value| value,
        };
        let rows = (1..=2).map(|n| Row::new().with("id", Uuid::from_u128(n)));
        filler.fill(&user, rows.collect()).unwrap();
        filler
    }

    fn one(table: &TableSpec, row: Row) -> Result<Filled, FillError> {
        users(DbBackend::Sqlite)
            .fill(table, vec![row])
            .map(|mut rows| rows.remove(0))
    }

    #[test]
    fn a_value_for_a_column_the_entity_lacks_is_dropped() {
        let table = member(vec![]);
        let row = Row::new()
            .with("id", Uuid::from_u128(5))
            .with("user_id", Uuid::from_u128(1))
            .with("fullname", "Ada Lovelace");
        let filled = one(&table, row).unwrap();
        let names: Vec<&str> = filled.column_names().collect();
        assert_eq!(names, ["id", "user_id"]);
    }

    #[test]
    fn a_value_under_an_old_column_name_moves_to_the_renamed_column() {
        let mut full_name = column("full_name", ColumnType::Text.def().null());
        full_name.renamed_from = Some("fullname".to_owned());
        let table = member(vec![full_name]);
        let row = Row::new()
            .with("user_id", Uuid::from_u128(1))
            .with("fullname", "Ada Lovelace");
        let filled = one(&table, row).unwrap();
        assert_eq!(
            filled.value("full_name"),
            Some(&Value::from("Ada Lovelace"))
        );
    }

    #[test]
    fn unset_columns_get_null_their_default_or_a_value_of_their_type() {
        let table = member(vec![
            column("note", ColumnType::Text.def().null()),
            column("karma", ColumnType::Integer.def().default_value(0)),
            column("label", ColumnType::String(StringLen::N(5)).def()),
            column("score", ColumnType::BigInteger.def()),
            column("done", ColumnType::Boolean.def()),
            column("path", ColumnType::LTree.def()),
            column("kind", ColumnType::custom("inet").def()),
        ]);
        let filled = one(&table, Row::new()).unwrap();
        let names: Vec<&str> = filled.column_names().collect();
        // `karma` is left to its server default, so it is not written at all.
        assert_eq!(
            names,
            [
                "id", "user_id", "note", "label", "score", "done", "path", "kind"
            ]
        );
        assert!(matches!(filled.value("id"), Some(Value::Uuid(Some(_)))));
        // The NOT NULL foreign key points at a seeded user.
        assert_eq!(
            filled.value("user_id"),
            Some(&Value::from(Uuid::from_u128(1)))
        );
        assert_eq!(filled.value("note"), None);
        let label = match filled.value("label") {
            Some(Value::String(Some(s))) => s.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            label.chars().count() <= 5 && label.ends_with('1'),
            "{label}"
        );
        assert_eq!(filled.value("score"), Some(&Value::BigInt(Some(1))));
        assert_eq!(filled.value("done"), Some(&Value::Bool(Some(false))));
        assert_eq!(filled.value("path"), Some(&Value::from("path_1")));
        assert_eq!(filled.value("kind"), Some(&Value::from("10.0.0.2")));
    }

    #[test]
    fn an_unfillable_column_is_refused_in_one_line() {
        let span = ColumnType::Interval(None, None).def();
        let table = member(vec![column("span", span)]);
        let error = one(&table, Row::new()).unwrap_err();
        assert_eq!(
            (error.table.as_str(), error.column.as_str()),
            ("member", "span")
        );
        let line = error.to_string();
        assert!(
            line.starts_with("seed cannot fill member.span: NOT NULL without a default"),
            "{line}"
        );
        assert!(!line.contains('\n'), "{line}");
    }

    #[test]
    fn a_required_foreign_key_without_seeded_parents_is_refused() {
        let table = member(vec![]);
        let error = Filler::new(1, DbBackend::Sqlite)
            .fill(&table, vec![Row::new()])
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "seed cannot fill member.user_id: NOT NULL foreign key to \"user\", which has no seeded rows"
        );
    }

    #[test]
    fn postgres_computes_generated_and_sequence_columns() {
        let mut parent = column("parent_path", ColumnType::Text.def().null());
        parent.generated = true;
        let sequence = sea_orm::sea_query::Expr::cust("nextval('member_seq'::regclass)");
        let number = column("number", ColumnType::BigInteger.def().default(sequence));
        let table = member(vec![parent, number]);
        let row = || {
            Row::new()
                .with("user_id", Uuid::from_u128(2))
                .with("parent_path", "a")
                .with("number", 7_i64)
        };
        let pg = users(DbBackend::Postgres)
            .fill(&table, vec![row()])
            .unwrap();
        let names: Vec<&str> = pg[0].column_names().collect();
        assert_eq!(names, ["id", "user_id"]);
        let sqlite = users(DbBackend::Sqlite).fill(&table, vec![row()]).unwrap();
        assert_eq!(sqlite[0].value("number"), Some(&Value::BigInt(Some(7))));
        assert_eq!(sqlite[0].value("parent_path"), Some(&Value::from("a")));
    }

    #[test]
    fn numbers_take_the_width_of_their_column() {
        let table = member(vec![column("level", ColumnType::Integer.def())]);
        let row = Row::new()
            .with("user_id", Uuid::from_u128(1))
            .with("level", 3_i64);
        let filled = one(&table, row).unwrap();
        assert_eq!(filled.value("level"), Some(&Value::Int(Some(3))));
    }

    #[test]
    fn the_same_seed_fills_the_same_values() {
        let table = member(vec![column("label", ColumnType::Text.def())]);
        let fill = || {
            users(DbBackend::Sqlite)
                .fill(&table, vec![Row::new(); 3])
                .unwrap()
        };
        assert_eq!(fill(), fill());
    }
}
