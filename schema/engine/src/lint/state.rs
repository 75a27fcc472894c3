//! `state`: what the statements linted so far tell about the schema.
//!
//! Two kinds of knowledge: the schema the migrations built (column types and enum labels, to
//! judge type changes and enum re-creations), and what the current migration created itself
//! (its tables, columns and types are new, so nothing existing is locked or lost).

use std::collections::{HashMap, HashSet};

use super::parse::{Action, Stmt};

/// `State` is the knowledge gathered statement by statement.
#[derive(Debug, Default)]
pub(super) struct State {
    /// Table → column → type text, as created or last altered.
    columns: HashMap<String, HashMap<String, String>>,
    /// Enum type → labels.
    enums: HashMap<String, Vec<String>>,
    /// Labels of enums this migration dropped or renamed away, by their old name.
    former_enums: HashMap<String, Vec<String>>,
    fresh_tables: HashSet<String>,
    fresh_columns: HashSet<(String, String)>,
    fresh_types: HashSet<String>,
}

impl State {
    /// `start_migration` forgets what the previous migration created: it exists now.
    pub fn start_migration(&mut self) {
        self.fresh_tables.clear();
        self.fresh_columns.clear();
        self.fresh_types.clear();
        self.former_enums.clear();
    }

    /// `is_existing_table` is true unless this migration created the table.
    pub fn is_existing_table(&self, table: &str) -> bool {
        !self.fresh_tables.contains(table)
    }

    /// `is_existing_column` is true unless this migration created the table or the column.
    pub fn is_existing_column(&self, table: &str, column: &str) -> bool {
        self.is_existing_table(table)
            && !self
                .fresh_columns
                .contains(&(table.to_owned(), column.to_owned()))
    }

    /// `is_existing_type` is true unless this migration created the type.
    pub fn is_existing_type(&self, name: &str) -> bool {
        !self.fresh_types.contains(name)
    }

    /// `column_type` is the column's type text, when the linted statements created it.
    pub fn column_type(&self, table: &str, column: &str) -> Option<&str> {
        self.columns.get(table)?.get(column).map(String::as_str)
    }

    /// `enum_labels` is the labels of enum `name`, when known.
    pub fn enum_labels(&self, name: &str) -> Option<&[String]> {
        self.enums.get(name).map(Vec::as_slice)
    }

    /// `former_labels` is the labels enum `name` had before this migration dropped or
    /// renamed it.
    pub fn former_labels(&self, name: &str) -> Option<&[String]> {
        self.former_enums.get(name).map(Vec::as_slice)
    }

    /// `learn` takes in what `stmt` does.
    pub fn learn(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::CreateTable { table, columns } => {
                self.columns
                    .insert(table.clone(), columns.iter().cloned().collect());
                self.fresh_tables.insert(table.clone());
            }
            Stmt::DropTable { tables } => {
                for table in tables {
                    self.columns.remove(table);
                    self.fresh_tables.remove(table);
                }
            }
            Stmt::AlterTable { table, actions } => {
                for action in actions {
                    self.learn_action(table, action);
                }
            }
            Stmt::CreateEnum { name, labels } => {
                self.enums.insert(name.clone(), labels.clone());
                self.fresh_types.insert(name.clone());
            }
            Stmt::DropType { names } => {
                for name in names {
                    if let Some(labels) = self.enums.remove(name) {
                        self.former_enums.insert(name.clone(), labels);
                    }
                    self.fresh_types.remove(name);
                }
            }
            Stmt::RenameType { from, to } => {
                if let Some(labels) = self.enums.remove(from) {
                    self.former_enums.insert(from.clone(), labels.clone());
                    self.enums.insert(to.clone(), labels);
                }
                if self.fresh_types.remove(from) {
                    self.fresh_types.insert(to.clone());
                }
            }
            Stmt::AddEnumValue { name, label } => {
                let labels = self.enums.entry(name.clone()).or_default();
                if !labels.contains(label) {
                    labels.push(label.clone());
                }
            }
            Stmt::CreateIndex { .. } | Stmt::Other => {}
        }
    }

    fn learn_action(&mut self, table: &str, action: &Action) {
        let key = |c: &str| (table.to_owned(), c.to_owned());
        match action {
            Action::AddColumn { column, ty, .. } => {
                self.columns
                    .entry(table.to_owned())
                    .or_default()
                    .insert(column.clone(), ty.clone());
                self.fresh_columns.insert(key(column));
            }
            Action::DropColumn { column } => {
                if let Some(columns) = self.columns.get_mut(table) {
                    columns.remove(column);
                }
                self.fresh_columns.remove(&key(column));
            }
            Action::AlterType { column, ty } => {
                self.columns
                    .entry(table.to_owned())
                    .or_default()
                    .insert(column.clone(), ty.clone());
            }
            Action::RenameTo(to) => {
                if let Some(columns) = self.columns.remove(table) {
                    self.columns.insert(to.clone(), columns);
                }
                if self.fresh_tables.remove(table) {
                    self.fresh_tables.insert(to.clone());
                }
                let moved: Vec<(String, String)> = self
                    .fresh_columns
                    .iter()
                    .filter(|(t, _)| t == table)
                    .cloned()
                    .collect();
                for (t, c) in moved {
                    self.fresh_columns.remove(&(t, c.clone()));
                    self.fresh_columns.insert((to.clone(), c));
                }
            }
            Action::RenameColumn { from, to } => {
                if let Some(columns) = self.columns.get_mut(table)
                    && let Some(ty) = columns.remove(from)
                {
                    columns.insert(to.clone(), ty);
                }
                if self.fresh_columns.remove(&key(from)) {
                    self.fresh_columns.insert(key(to));
                }
            }
            Action::SetNotNull { .. } | Action::AddConstraint { .. } | Action::Other => {}
        }
    }
}
