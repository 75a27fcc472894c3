//! Tables and everything in them.

use super::constraint_renames::rename_by_definition;
use super::renamed::renamed_view;
use super::{Change, Diff, Renames};
use crate::model::{Column, DefaultValue, Schema, SqlType, Table};

/// `diff_tables` matches tables by name or declared rename, then compares their parts.
pub(super) fn diff_tables(live: &Schema, desired: &Schema, renames: &Renames, out: &mut Diff) {
    let mut matched: Vec<&str> = Vec::new();
    let mut created: Vec<&Table> = Vec::new();
    for wanted in &desired.tables {
        let old_name = renames
            .tables
            .get(&wanted.name)
            .filter(|old| desired.table(old).is_none());
        let existing = live
            .table(&wanted.name)
            .or_else(|| old_name.and_then(|old| live.table(old)));
        match existing {
            None => {
                created.push(wanted);
                create_table(wanted, out);
            }
            Some(existing) => {
                matched.push(&existing.name);
                if existing.name != wanted.name {
                    out.changes.push(Change::RenameTable {
                        from: existing.name.clone(),
                        to: wanted.name.clone(),
                    });
                }
                let mut existing = renamed_view(existing, &wanted.name, live, renames);
                relabel_enum_defaults(&mut existing, live, desired, renames);
                diff_table(&existing, wanted, renames, out);
            }
        }
    }
    for existing in live
        .tables
        .iter()
        .filter(|t| !matched.contains(&t.name.as_str()))
    {
        out.changes.push(Change::DropTable(existing.clone()));
        if let Some(twin) = created.iter().find(|c| same_columns(c, existing)) {
            out.hints.push(format!(
                "table \"{}\" is dropped and \"{}\" created with the same columns; if it is a rename, declare `renamed_from(\"{}\")` on it",
                existing.name, twin.name, existing.name
            ));
        }
    }
}

/// `create_table` creates the table with its keys and constraints, and its indexes after it.
fn create_table(wanted: &Table, out: &mut Diff) {
    let mut table = wanted.clone();
    let indexes = std::mem::take(&mut table.indexes);
    out.changes.push(Change::CreateTable(table));
    for index in indexes {
        out.changes.push(Change::CreateIndex {
            table: wanted.name.clone(),
            index,
        });
    }
}

/// `relabel_enum_defaults` shows enum defaults under their declared new labels. PostgreSQL
/// stores an enum constant by the label's identity, so `ALTER TYPE … RENAME VALUE` carries
/// the defaults along: comparing the old label would plan a redundant `SET DEFAULT`, which
/// `down()` would then run before the label is renamed back, and fail.
fn relabel_enum_defaults(table: &mut Table, live: &Schema, desired: &Schema, renames: &Renames) {
    let labels = |schema: &Schema, name: &str| {
        schema
            .enums
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.values.clone())
            .unwrap_or_default()
    };
    for column in &mut table.columns {
        let (SqlType::Enum(enum_name), Some(DefaultValue::Text(label))) =
            (&column.ty, &mut column.default)
        else {
            continue;
        };
        // The same condition as `diff_labels`: the rename is planned only then.
        let (before, after) = (labels(live, enum_name), labels(desired, enum_name));
        let renamed = renames.enum_values.iter().find(|((e, new), old)| {
            e == enum_name
                && old.as_str() == label.as_str()
                && before.contains(old)
                && !before.contains(new)
                && after.contains(new)
        });
        if let Some(((_, new), _)) = renamed {
            *label = new.clone();
        }
    }
}

fn same_columns(a: &Table, b: &Table) -> bool {
    a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.name == y.name && x.ty == y.ty)
}

/// `diff_table` compares two versions of one table (already under the same name).
fn diff_table(existing: &Table, wanted: &Table, renames: &Renames, out: &mut Diff) {
    diff_columns(existing, wanted, renames, out);
    let existing = &rename_by_definition(existing, wanted, out);
    let table = wanted.name.clone();
    if existing.primary_key != wanted.primary_key {
        if let Some(key) = existing.primary_key.clone() {
            out.changes.push(Change::DropPrimaryKey {
                table: table.clone(),
                key,
            });
        }
        if let Some(key) = wanted.primary_key.clone() {
            out.changes.push(Change::AddPrimaryKey {
                table: table.clone(),
                key,
            });
        }
    }
    by_name(
        &existing.uniques,
        &wanted.uniques,
        |u| &u.name,
        |old, new| {
            if let Some(unique) = old {
                out.changes.push(Change::DropUnique {
                    table: table.clone(),
                    unique,
                });
            }
            if let Some(unique) = new {
                out.changes.push(Change::AddUnique {
                    table: table.clone(),
                    unique,
                });
            }
        },
    );
    by_name(
        &existing.indexes,
        &wanted.indexes,
        |i| &i.name,
        |old, new| {
            if let Some(index) = old {
                out.changes.push(Change::DropIndex {
                    table: table.clone(),
                    index,
                });
            }
            if let Some(index) = new {
                out.changes.push(Change::CreateIndex {
                    table: table.clone(),
                    index,
                });
            }
        },
    );
    by_name(
        &existing.foreign_keys,
        &wanted.foreign_keys,
        |f| &f.name,
        |old, new| {
            if let Some(foreign_key) = old {
                out.changes.push(Change::DropForeignKey {
                    table: table.clone(),
                    foreign_key,
                });
            }
            if let Some(foreign_key) = new {
                out.changes.push(Change::AddForeignKey {
                    table: table.clone(),
                    foreign_key,
                });
            }
        },
    );
    by_name(
        &existing.checks,
        &wanted.checks,
        |c| &c.name,
        |old, new| {
            if let Some(check) = old {
                out.changes.push(Change::DropCheck {
                    table: table.clone(),
                    check,
                });
            }
            if let Some(check) = new {
                out.changes.push(Change::AddCheck {
                    table: table.clone(),
                    check,
                });
            }
        },
    );
    if existing.comment != wanted.comment {
        out.changes.push(Change::SetTableComment {
            table,
            from: existing.comment.clone(),
            to: wanted.comment.clone(),
        });
    }
}

/// `by_name` pairs two lists by name and calls `changed(old, new)` for every name whose
/// items differ: `(Some, None)` gone, `(None, Some)` new, `(Some, Some)` replaced.
fn by_name<T: Clone + PartialEq>(
    existing: &[T],
    wanted: &[T],
    name: impl Fn(&T) -> &String,
    mut changed: impl FnMut(Option<T>, Option<T>),
) {
    for old in existing {
        match wanted.iter().find(|w| name(w) == name(old)) {
            None => changed(Some(old.clone()), None),
            Some(new) if new != old => changed(Some(old.clone()), Some(new.clone())),
            Some(_) => {}
        }
    }
    for new in wanted
        .iter()
        .filter(|w| !existing.iter().any(|e| name(e) == name(w)))
    {
        changed(None, Some(new.clone()));
    }
}

/// `diff_columns` adds, drops, renames (when declared) and alters columns. Column order is
/// not compared: PostgreSQL cannot reorder columns in place.
fn diff_columns(existing: &Table, wanted: &Table, renames: &Renames, out: &mut Diff) {
    let table = wanted.name.clone();
    let mut matched: Vec<&str> = Vec::new();
    let mut added: Vec<&Column> = Vec::new();
    for column in &wanted.columns {
        let old_name = renames
            .columns
            .get(&(table.clone(), column.name.clone()))
            .filter(|old| wanted.column(old).is_none());
        let current = existing
            .column(&column.name)
            .or_else(|| old_name.and_then(|old| existing.column(old)));
        let Some(current) = current else {
            added.push(column);
            out.changes.push(Change::AddColumn {
                table: table.clone(),
                column: column.clone(),
            });
            continue;
        };
        matched.push(&current.name);
        if current.name != column.name {
            out.changes.push(Change::RenameColumn {
                table: table.clone(),
                from: current.name.clone(),
                to: column.name.clone(),
            });
        }
        let mut current = current.clone();
        current.name = column.name.clone();
        alter_column(&table, current, column.clone(), out);
    }
    for gone in existing
        .columns
        .iter()
        .filter(|c| !matched.contains(&c.name.as_str()))
    {
        out.changes.push(Change::DropColumn {
            table: table.clone(),
            column: gone.clone(),
        });
        if let Some(twin) = added.iter().find(|a| a.ty == gone.ty) {
            out.hints.push(format!(
                "column \"{table}\".\"{}\" is dropped and \"{}\" added with the same type; if it is a rename, declare `renamed_from = \"{}\"` on the field",
                gone.name, twin.name, gone.name
            ));
        }
    }
}

/// `alter_column` compares two versions of a column. A generated expression cannot be
/// altered in place: the column is dropped and added again (it holds no data of its own).
fn alter_column(table: &str, current: Column, wanted: Column, out: &mut Diff) {
    if current == wanted {
        return;
    }
    if current.generated != wanted.generated {
        out.changes.push(Change::DropColumn {
            table: table.to_owned(),
            column: current,
        });
        out.changes.push(Change::AddColumn {
            table: table.to_owned(),
            column: wanted,
        });
        return;
    }
    out.changes.push(Change::AlterColumn {
        table: table.to_owned(),
        from: current,
        to: wanted,
    });
}

#[cfg(test)]
mod tests;
