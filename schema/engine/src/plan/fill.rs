//! One-off fill values for NOT NULL columns added to tables that may hold rows.
//!
//! `ADD COLUMN … NOT NULL` without a server default fails on any table that has a row, and the
//! migration will meet rows in production even when the development database is empty. So
//! `generate` asks for a value for the existing rows (`--fill table.column=SQL`, as Django's
//! one-off default). A value that needs no row (`0`, `'unknown'`, `now()`) is written as the
//! column's default while it is added, then the default is dropped: one statement fills every
//! row, and on PostgreSQL a constant default does not even rewrite the table. A value that
//! reads the row (`coalesce(nickname, username)`) cannot be a default: the column is added
//! as NULL, the rows are filled with an `UPDATE` (before any column it reads is dropped), and
//! the column is made NOT NULL. Either way it ends as the entity declares it.

use std::fmt;
use std::str::FromStr;

use crate::diff::Change;
use crate::model::{Column, DefaultValue, SqlExpr};

/// `Fill` is `table.column=SQL`: the value existing rows get for a new NOT NULL column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fill {
    pub table: String,
    pub column: String,
    /// An SQL expression, e.g. `0`, `'unknown'`, `now()` or `coalesce(nickname, username)`.
    pub sql: String,
    /// The expression reads other columns of the row, so it is an `UPDATE`, not a default.
    pub reads_row: bool,
}

impl FromStr for Fill {
    type Err = FillError;

    fn from_str(text: &str) -> Result<Self, FillError> {
        let malformed = || FillError::Malformed(text.to_owned());
        let (target, sql) = text.split_once('=').ok_or_else(malformed)?;
        let (table, column) = target.trim().split_once('.').ok_or_else(malformed)?;
        let (table, column, sql) = (table.trim(), column.trim(), sql.trim());
        if table.is_empty() || column.is_empty() || sql.is_empty() {
            return Err(malformed());
        }
        Ok(Fill {
            table: table.to_owned(),
            column: column.to_owned(),
            sql: sql.to_owned(),
            reads_row: false,
        })
    }
}

impl fmt::Display for Fill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}={}", self.table, self.column, self.sql)
    }
}

/// `FillError` is a fill that does not fit the plan, or a column that needs one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    #[error("--fill \"{0}\": expected table.column=SQL, e.g. --fill user.karma=0")]
    Malformed(String),
    #[error(
        "--fill {table}.{column}: this migration adds no NOT NULL column \"{column}\" without a default to \"{table}\"{}",
        needing_list(needing)
    )]
    NotAdded {
        table: String,
        column: String,
        needing: Vec<String>,
    },
    #[error(
        "\"{table}\".\"{column}\" is added NOT NULL without a default, which fails on a table that has rows: pass --fill {table}.{column}=<SQL> (the value for existing rows), or declare a default or make it nullable"
    )]
    Missing { table: String, column: String },
}

fn needing_list(needing: &[String]) -> String {
    match needing.is_empty() {
        true => " (none of its added columns needs a fill)".to_owned(),
        false => format!(" (these need one: {})", needing.join(", ")),
    }
}

/// `needing_fill` lists the `(table, column)` pairs the changes add to existing tables as
/// NOT NULL without a default or a generated expression.
pub fn needing_fill(changes: &[Change]) -> Vec<(String, &Column)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::AddColumn { table, column }
                if !column.nullable && column.default.is_none() && column.generated.is_none() =>
            {
                Some((table.clone(), column))
            }
            _ => None,
        })
        .collect()
}

/// `apply_fills` turns each column needing a fill into the column added with the fill as
/// its default, followed by the default dropped; or, for a fill that reads the row, the
/// column added as NULL, filled, and made NOT NULL. Every fill must match such a column, and
/// every such column must have a fill.
pub fn apply_fills(changes: Vec<Change>, fills: &[Fill]) -> Result<Vec<Change>, FillError> {
    let needing: Vec<String> = needing_fill(&changes)
        .iter()
        .map(|(t, c)| format!("{t}.{}", c.name))
        .collect();
    if let Some(stray) = fills
        .iter()
        .find(|f| !needing.contains(&format!("{}.{}", f.table, f.column)))
    {
        return Err(FillError::NotAdded {
            table: stray.table.clone(),
            column: stray.column.clone(),
            needing,
        });
    }
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        let Change::AddColumn { table, column } = &change else {
            out.push(change);
            continue;
        };
        if !needing.contains(&format!("{table}.{}", column.name)) {
            out.push(change);
            continue;
        }
        let fill = fills
            .iter()
            .find(|f| f.table == *table && f.column == column.name)
            .ok_or_else(|| FillError::Missing {
                table: table.clone(),
                column: column.name.clone(),
            })?;
        let added = match fill.reads_row {
            false => Column {
                default: Some(DefaultValue::Expr(SqlExpr::from(fill.sql.as_str()))),
                ..column.clone()
            },
            true => Column {
                nullable: true,
                ..column.clone()
            },
        };
        out.push(Change::AddColumn {
            table: table.clone(),
            column: added.clone(),
        });
        if fill.reads_row {
            out.push(Change::FillColumn {
                table: table.clone(),
                column: column.name.clone(),
                value: SqlExpr::from(fill.sql.as_str()),
            });
        }
        out.push(Change::AlterColumn {
            table: table.clone(),
            from: added,
            to: column.clone(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SqlType;

    fn add(table: &str, name: &str, nullable: bool) -> Change {
        Change::AddColumn {
            table: table.into(),
            column: Column {
                name: name.into(),
                ty: SqlType::Integer,
                nullable,
                default: None,
                generated: None,
                comment: None,
            },
        }
    }

    #[test]
    fn parses_table_column_and_sql() {
        let fill: Fill = "user.karma = coalesce(1, 0)".parse().unwrap();
        assert_eq!(
            (fill.table.as_str(), fill.column.as_str(), fill.sql.as_str()),
            ("user", "karma", "coalesce(1, 0)")
        );
        for bad in ["user.karma", "karma=0", "user.=0", ".x=1", "user.karma="] {
            assert!(
                matches!(bad.parse::<Fill>(), Err(FillError::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_filled_column_is_added_with_the_value_then_loses_the_default() {
        let fills = ["user.karma=0".parse().unwrap()];
        let out = apply_fills(
            vec![add("user", "karma", false), add("user", "note", true)],
            &fills,
        )
        .unwrap();
        assert_eq!(out.len(), 3);
        let Change::AddColumn { column, .. } = &out[0] else {
            panic!("{:?}", out[0]);
        };
        assert_eq!(
            column.default.as_ref().map(DefaultValue::to_sql).as_deref(),
            Some("0")
        );
        let Change::AlterColumn { from, to, .. } = &out[1] else {
            panic!("{:?}", out[1]);
        };
        assert!(from.default.is_some() && to.default.is_none() && !to.nullable);
    }

    #[test]
    fn a_fill_reading_the_row_is_added_null_filled_then_made_not_null() {
        let mut fill: Fill = "user.karma=coalesce(score, 0)".parse().unwrap();
        fill.reads_row = true;
        let out = apply_fills(vec![add("user", "karma", false)], &[fill]).unwrap();
        let names: Vec<String> = out.iter().map(Change::to_string).collect();
        assert_eq!(out.len(), 3, "{names:?}");
        assert!(
            matches!(&out[0], Change::AddColumn { column, .. } if column.nullable && column.default.is_none())
        );
        assert!(
            matches!(&out[1], Change::FillColumn { value, .. } if value.as_str() == "coalesce(score, 0)")
        );
        assert!(
            matches!(&out[2], Change::AlterColumn { from, to, .. } if from.nullable && !to.nullable)
        );
    }

    #[test]
    fn missing_and_stray_fills_are_refused_by_name() {
        let err = apply_fills(vec![add("user", "karma", false)], &[]).unwrap_err();
        assert!(err.to_string().contains("--fill user.karma=<SQL>"), "{err}");
        let stray = ["user.note=1".parse().unwrap()];
        let err = apply_fills(vec![add("user", "note", true)], &stray).unwrap_err();
        assert!(matches!(err, FillError::NotAdded { .. }), "{err}");
        assert!(
            err.to_string().contains("none of its added columns"),
            "{err}"
        );
    }
}
