//! Extensions, enum types, sequences and functions.

use super::{Change, Diff, EnumPosition, Renames};
use crate::model::{EnumType, Schema};

/// `diff_extensions` creates missing extensions. Extensions the entities do not list are left
/// alone: the whole database may use them.
pub(super) fn diff_extensions(live: &Schema, desired: &Schema, out: &mut Diff) {
    for e in &desired.extensions {
        if !live.extensions.iter().any(|l| l.name == e.name) {
            out.changes.push(Change::CreateExtension(e.clone()));
        }
    }
}

/// `diff_enums` creates, drops, and extends enum types, and renames declared labels.
pub(super) fn diff_enums(live: &Schema, desired: &Schema, renames: &Renames, out: &mut Diff) {
    for wanted in &desired.enums {
        match live.enums.iter().find(|l| l.name == wanted.name) {
            None => out.changes.push(Change::CreateEnum(wanted.clone())),
            Some(existing) => diff_labels(existing, wanted, renames, out),
        }
    }
    for existing in &live.enums {
        if !desired.enums.iter().any(|d| d.name == existing.name) {
            out.changes.push(Change::DropEnum(existing.clone()));
        }
    }
}

/// `diff_labels` renames declared labels, then adds new ones where they belong. Removing or
/// reordering labels needs the type rebuilt, which is reported as unsupported.
fn diff_labels(existing: &EnumType, wanted: &EnumType, renames: &Renames, out: &mut Diff) {
    let mut current = existing.values.clone();
    for label in &wanted.values {
        let declared = renames
            .enum_values
            .get(&(wanted.name.clone(), label.clone()));
        if let Some(old) = declared.filter(|old| current.contains(old) && !current.contains(label))
        {
            out.changes.push(Change::RenameEnumValue {
                enum_name: wanted.name.clone(),
                from: old.clone(),
                to: label.clone(),
            });
            let at = current.iter().position(|c| c == old).unwrap_or_default();
            current[at] = label.clone();
        }
    }
    for (i, label) in wanted.values.iter().enumerate() {
        if current.contains(label) {
            continue;
        }
        let position = match i.checked_sub(1).map(|p| &wanted.values[p]) {
            Some(previous) if current.contains(previous) => EnumPosition::After(previous.clone()),
            _ => match wanted.values.get(i + 1).filter(|n| current.contains(n)) {
                Some(next) => EnumPosition::Before(next.clone()),
                None => EnumPosition::Last,
            },
        };
        let at = match &position {
            EnumPosition::After(p) => current
                .iter()
                .position(|c| c == p)
                .map_or(current.len(), |x| x + 1),
            EnumPosition::Before(n) => current.iter().position(|c| c == n).unwrap_or(current.len()),
            EnumPosition::Last => current.len(),
        };
        current.insert(at, label.clone());
        out.changes.push(Change::AddEnumValue {
            enum_name: wanted.name.clone(),
            value: label.clone(),
            position,
        });
    }
    if current != wanted.values {
        out.unsupported.push(format!(
            "enum \"{}\" has labels {:?}, the entities want {:?}: removing or reordering labels needs the type rebuilt (declare renames of labels instead)",
            wanted.name, existing.values, wanted.values
        ));
    }
}

/// `diff_sequences` creates, drops and alters free-standing sequences.
pub(super) fn diff_sequences(live: &Schema, desired: &Schema, out: &mut Diff) {
    for wanted in &desired.sequences {
        match live.sequences.iter().find(|l| l.name == wanted.name) {
            None => out.changes.push(Change::CreateSequence(wanted.clone())),
            Some(existing) if existing != wanted => out.changes.push(Change::AlterSequence {
                from: existing.clone(),
                to: wanted.clone(),
            }),
            Some(_) => {}
        }
    }
    for existing in &live.sequences {
        if !desired.sequences.iter().any(|d| d.name == existing.name) {
            out.changes.push(Change::DropSequence(existing.clone()));
        }
    }
}

/// `diff_functions` matches functions by signature; a changed body, language or volatility is
/// a replacement, a changed return type a drop and a creation.
pub(super) fn diff_functions(live: &Schema, desired: &Schema, out: &mut Diff) {
    for wanted in &desired.functions {
        match live
            .functions
            .iter()
            .find(|l| l.signature() == wanted.signature())
        {
            None => out.changes.push(Change::CreateFunction(wanted.clone())),
            Some(existing) if existing.returns != wanted.returns => {
                out.changes.push(Change::DropFunction(existing.clone()));
                out.changes.push(Change::CreateFunction(wanted.clone()));
            }
            Some(existing) if existing != wanted => out.changes.push(Change::ReplaceFunction {
                from: existing.clone(),
                to: wanted.clone(),
            }),
            Some(_) => {}
        }
    }
    for existing in &live.functions {
        if !desired
            .functions
            .iter()
            .any(|d| d.signature() == existing.signature())
        {
            out.changes.push(Change::DropFunction(existing.clone()));
        }
    }
}
