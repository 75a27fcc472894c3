//! SQLite table rebuilds: how a generated migration makes, on SQLite, the changes SQLite
//! cannot make in place (a column's type, nullability or default; keys, UNIQUE constraints
//! and foreign keys of an existing table; renamed constraints and indexes).
//!
//! Such a table is rebuilt once per migration, from the definition it has before to the one
//! it has after, as SQLite holds them (see `Sqlite::hold`): its other steps in the migration
//! run on PostgreSQL only, and the rebuild copies each column from the old rows — under its
//! old name when the entities renamed it, from the `--fill` value when it is new. In `up()`
//! the rebuild comes last (after the table may have been renamed), in `down()` first (before
//! it is renamed back), so it always finds the table under the name it has then.

use std::collections::BTreeSet;

use super::portable::portable_default;
use super::{Capabilities, Sqlite};
use crate::diff::{Change, Renames};
use crate::model::{DefaultValue, Schema, SqlType, Table};
use crate::sql::{ident, literal};

/// `Rebuild` takes the SQLite table `from` to the definition `to` (both named as the table is
/// named when the rebuild runs); `copy` is each column of `to` filled from the old rows with
/// the SQL giving its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Rebuild {
    pub from: Table,
    pub to: Table,
    pub copy: Vec<(String, String)>,
}

/// `Rebuilds` are the rebuilds of one migration, for each direction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebuilds {
    pub up: Vec<Rebuild>,
    pub down: Vec<Rebuild>,
}

impl Rebuilds {
    /// `covers` is true when `change` belongs to a table the migration rebuilds on SQLite:
    /// the rebuild makes it there, so the step itself runs on PostgreSQL only.
    pub fn covers(&self, change: &Change) -> bool {
        let Some(table) = change.table() else {
            return false;
        };
        self.up
            .iter()
            .chain(&self.down)
            .any(|r| r.to.name == table || r.from.name == table)
            && !matches!(
                change,
                Change::RenameTable { .. } | Change::CreateTable(_) | Change::DropTable(_)
            )
    }
}

/// `needs_rebuild` is true for a change SQLite cannot make in place to a table it holds.
pub fn needs_rebuild(change: &Change) -> bool {
    use Change::*;
    match change {
        AlterColumn { .. }
        | RenameConstraint { .. }
        | AddPrimaryKey { .. }
        | DropPrimaryKey { .. }
        | AddUnique { .. }
        | DropUnique { .. }
        | AddForeignKey { .. }
        | DropForeignKey { .. }
        | FillColumn { .. } => true,
        RenameIndex { .. } => true,
        // SQLite adds a NOT NULL column only with a default, and a default only if constant.
        AddColumn { column, .. } => {
            (!column.nullable && column.default.is_none())
                || matches!(column.default, Some(DefaultValue::Expr(_)))
        }
        _ => false,
    }
}

/// `sqlite_rebuilds` lists the rebuilds the `up` changes need on SQLite, between the live
/// and the desired schema (the full ones; their SQLite form is taken here).
pub fn sqlite_rebuilds(
    up: &[Change],
    live: &Schema,
    desired: &Schema,
    renames: &Renames,
) -> Rebuilds {
    let declared = desired;
    let (live, desired) = (Sqlite.hold(live).schema, Sqlite.hold(desired).schema);
    // An enum label renamed: SQLite keeps enum values as text, so the tables with a column
    // of that type are rebuilt with the label renamed in their rows (and defaults).
    let relabels: Vec<(&str, &str, &str)> = up
        .iter()
        .filter_map(|c| match c {
            Change::RenameEnumValue {
                enum_name,
                from,
                to,
            } => Some((enum_name.as_str(), from.as_str(), to.as_str())),
            _ => None,
        })
        .collect();
    let relabelled = |table: &str, column: &str| -> Vec<(&str, &str)> {
        let ty = declared
            .table(table)
            .and_then(|t| t.column(column))
            .map(|c| &c.ty);
        relabels
            .iter()
            .filter(|(e, _, _)| matches!(ty, Some(SqlType::Enum(name)) if name == e))
            .map(|(_, from, to)| (*from, *to))
            .collect()
    };
    let tables: BTreeSet<&str> = up
        .iter()
        .filter(|c| needs_rebuild(c) && Sqlite.cannot(c).is_none())
        .filter_map(Change::table)
        .chain(declared.tables.iter().filter_map(|t| {
            t.columns
                .iter()
                .any(|c| !relabelled(&t.name, &c.name).is_empty())
                .then_some(t.name.as_str())
        }))
        .collect();
    let mut rebuilds = Rebuilds::default();
    for name in tables {
        let Some(to) = desired.table(name) else {
            continue;
        };
        let old_name = renames.tables.get(name).map_or(name, String::as_str);
        let Some(from) = live.table(name).or_else(|| live.table(old_name)) else {
            continue;
        };
        let from = Table {
            name: name.to_owned(),
            ..from.clone()
        };
        let copy_up = copy_list(
            &from,
            to,
            |column| {
                renames
                    .columns
                    .get(&(name.to_owned(), column.to_owned()))
                    .cloned()
            },
            fill_of(up, name, declared.table(name)),
        );
        let copy_up = relabel(copy_up, |column| relabelled(name, column));
        let copy_down = copy_list(
            to,
            &from,
            |column| {
                renames
                    .columns
                    .iter()
                    .find(|((t, _), old)| t == name && old.as_str() == column)
                    .map(|((_, new), _)| new.clone())
            },
            |_| None,
        );
        let copy_down = relabel(copy_down, |column| {
            // `column` is named as before the migration; the entities know it by its new name.
            let mapped = renames
                .columns
                .iter()
                .find(|((t, _), old)| t == name && old.as_str() == column)
                .map_or(column, |((_, new), _)| new.as_str());
            relabelled(name, mapped)
                .into_iter()
                .map(|(from, to)| (to, from))
                .collect()
        });
        rebuilds.up.push(Rebuild {
            from: from.clone(),
            to: to.clone(),
            copy: copy_up,
        });
        rebuilds.down.push(Rebuild {
            from: to.clone(),
            to: from,
            copy: copy_down,
        });
    }
    rebuilds
}

/// `relabel` maps the renamed enum labels (`labels` of each column: old → new) in the values
/// copied.
fn relabel<'a>(
    copy: Vec<(String, String)>,
    labels: impl Fn(&str) -> Vec<(&'a str, &'a str)>,
) -> Vec<(String, String)> {
    copy.into_iter()
        .map(|(column, value)| {
            let pairs = labels(&column);
            if pairs.is_empty() {
                return (column, value);
            }
            let arms: String = pairs
                .iter()
                .map(|(from, to)| format!(" WHEN {} THEN {}", literal(from), literal(to)))
                .collect();
            (column, format!("CASE {value}{arms} ELSE {value} END"))
        })
        .collect()
}

/// `copy_list` is, for each column of `to`, the SQL over a row of `from` giving its value:
/// the column of the same name, or of its name before a declared rename (`source`), or a fill
/// value (`fill`); columns with none of these take their default.
fn copy_list(
    from: &Table,
    to: &Table,
    source: impl Fn(&str) -> Option<String>,
    fill: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    to.columns
        .iter()
        .filter_map(|c| {
            let old = source(&c.name)
                .filter(|old| from.column(old).is_some())
                .or_else(|| from.column(&c.name).map(|_| c.name.clone()));
            let value = match old {
                Some(old) => ident(&old),
                None => fill(&c.name)?,
            };
            Some((c.name.clone(), value))
        })
        .collect()
}

/// `fill_of` finds the `--fill` value the migration fills a new column of `table` with: the
/// expression its rows are filled from, or the one-off default it is added with (a default
/// the entity does not declare). A default the entity declares is not copied: the new table
/// has it where SQLite holds it, and where SQLite does not (a PostgreSQL-only function), rows
/// the column cannot be filled for make the rebuild fail on its NOT NULL, loudly.
fn fill_of<'a>(
    up: &'a [Change],
    table: &'a str,
    declared: Option<&'a Table>,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |column: &str| {
        let declares_default = declared
            .and_then(|t| t.column(column))
            .is_some_and(|c| c.default.is_some());
        up.iter().find_map(|c| match c {
            Change::FillColumn {
                table: t,
                column: col,
                value,
            } if t == table && col == column => Some(format!("({value})")),
            Change::AddColumn {
                table: t,
                column: col,
            } if t == table && col.name == column && !col.nullable && !declares_default => {
                match &col.default {
                    Some(DefaultValue::Expr(e)) => Some(format!(
                        "({})",
                        portable_default(e.as_str()).unwrap_or(e.as_str())
                    )),
                    Some(other) => Some(other.to_sql()),
                    None => None,
                }
            }
            _ => None,
        })
    }
}
