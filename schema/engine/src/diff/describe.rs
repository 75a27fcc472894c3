//! One-line descriptions of changes, for plans, comments and `check`.

use std::fmt;

use super::{Change, EnumPosition};
use crate::model::Column;

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Change::*;
        match self {
            CreateExtension(e) => write!(f, "create extension \"{}\"", e.name),
            RetainExtension(e) => write!(f, "keep extension \"{}\"", e.name),
            CreateEnum(e) => write!(
                f,
                "create enum type \"{}\" ({})",
                e.name,
                e.values.join(", ")
            ),
            DropEnum(e) => write!(f, "drop enum type \"{}\"", e.name),
            AddEnumValue {
                enum_name,
                value,
                position,
            } => {
                let at = match position {
                    EnumPosition::Last => String::new(),
                    EnumPosition::Before(l) => format!(" before '{l}'"),
                    EnumPosition::After(l) => format!(" after '{l}'"),
                };
                write!(f, "add label '{value}' to enum \"{enum_name}\"{at}")
            }
            RetainEnumValue { enum_name, value } => {
                write!(f, "keep label '{value}' of enum \"{enum_name}\"")
            }
            RenameEnumValue {
                enum_name,
                from,
                to,
            } => {
                write!(f, "rename label '{from}' of enum \"{enum_name}\" to '{to}'")
            }
            CreateSequence(s) => write!(f, "create sequence \"{}\"", s.name),
            DropSequence(s) => write!(f, "drop sequence \"{}\"", s.name),
            AlterSequence { to, .. } => write!(f, "alter sequence \"{}\"", to.name),
            CreateFunction(func) => write!(f, "create function {}", func.signature()),
            DropFunction(func) => write!(f, "drop function {}", func.signature()),
            ReplaceFunction { to, .. } => write!(f, "replace function {}", to.signature()),
            CreateTable(t) => write!(
                f,
                "create table \"{}\" ({} columns)",
                t.name,
                t.columns.len()
            ),
            DropTable(t) => write!(f, "drop table \"{}\"", t.name),
            RenameTable { from, to } => write!(f, "rename table \"{from}\" to \"{to}\""),
            AddColumn { table, column } => write!(
                f,
                "add column \"{table}\".\"{}\" {}",
                column.name,
                column_summary(column)
            ),
            DropColumn { table, column } => {
                write!(f, "drop column \"{table}\".\"{}\"", column.name)
            }
            RenameColumn { table, from, to } => {
                write!(f, "rename column \"{table}\".\"{from}\" to \"{to}\"")
            }
            AlterColumn { table, from, to } => {
                write!(
                    f,
                    "alter column \"{table}\".\"{}\": {}",
                    to.name,
                    column_delta(from, to)
                )
            }
            RenameConstraint { table, from, to } => {
                write!(f, "rename constraint \"{from}\" on \"{table}\" to \"{to}\"")
            }
            RenameIndex { table, from, to } => {
                write!(f, "rename index \"{from}\" on \"{table}\" to \"{to}\"")
            }
            AddPrimaryKey { table, key } => write!(
                f,
                "add primary key \"{}\" on \"{table}\" ({})",
                key.name,
                key.columns.join(", ")
            ),
            DropPrimaryKey { table, key } => {
                write!(f, "drop primary key \"{}\" on \"{table}\"", key.name)
            }
            AddUnique { table, unique } => write!(
                f,
                "add unique constraint \"{}\" on \"{table}\" ({})",
                unique.name,
                unique.columns.join(", ")
            ),
            DropUnique { table, unique } => write!(
                f,
                "drop unique constraint \"{}\" on \"{table}\"",
                unique.name
            ),
            CreateIndex { table, index } => write!(
                f,
                "create {}index \"{}\" on \"{table}\" using {}{}",
                if index.unique { "unique " } else { "" },
                index.name,
                index.method.as_sql(),
                if index.predicate.is_some() {
                    " (partial)"
                } else {
                    ""
                }
            ),
            DropIndex { table, index } => write!(f, "drop index \"{}\" on \"{table}\"", index.name),
            AddForeignKey { table, foreign_key } => write!(
                f,
                "add foreign key \"{}\" on \"{table}\" ({}) → \"{}\"",
                foreign_key.name,
                foreign_key.columns.join(", "),
                foreign_key.ref_table
            ),
            DropForeignKey { table, foreign_key } => write!(
                f,
                "drop foreign key \"{}\" on \"{table}\"",
                foreign_key.name
            ),
            AddCheck { table, check } => write!(f, "add check \"{}\" on \"{table}\"", check.name),
            DropCheck { table, check } => write!(f, "drop check \"{}\" on \"{table}\"", check.name),
            SetTableComment { table, to, .. } => match to {
                Some(_) => write!(f, "set the comment of table \"{table}\""),
                None => write!(f, "remove the comment of table \"{table}\""),
            },
            FillColumn {
                table,
                column,
                value,
            } => write!(
                f,
                "fill \"{table}\".\"{column}\" with {value} where it is NULL"
            ),
            RetainFilledValues { table, column, .. } => {
                write!(f, "keep the values filled into \"{table}\".\"{column}\"")
            }
        }
    }
}

fn column_summary(c: &Column) -> String {
    let mut out = c.ty.to_string();
    if !c.nullable {
        out.push_str(" not null");
    }
    if let Some(d) = &c.default {
        out.push_str(&format!(" default {}", d.to_sql()));
    }
    if let Some(g) = &c.generated {
        out.push_str(&format!(" generated ({g})"));
    }
    out
}

/// `column_delta` lists what differs between two versions of a column.
fn column_delta(from: &Column, to: &Column) -> String {
    let mut parts = Vec::new();
    if from.ty != to.ty {
        parts.push(format!("type {} → {}", from.ty, to.ty));
    }
    if from.nullable != to.nullable {
        parts.push(if to.nullable {
            "drop not null".to_owned()
        } else {
            "set not null".to_owned()
        });
    }
    if from.default != to.default {
        let show = |d: &Option<crate::model::DefaultValue>| {
            d.as_ref().map_or("none".to_owned(), |d| d.to_sql())
        };
        parts.push(format!(
            "default {} → {}",
            show(&from.default),
            show(&to.default)
        ));
    }
    if from.comment != to.comment {
        parts.push("comment".to_owned());
    }
    parts.join(", ")
}
