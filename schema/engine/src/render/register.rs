//! Registration of a new migration in `migration/src/lib.rs`.
//!
//! Only two lines are added: `mod <module>;` among the migration module declarations, and
//! `Box::new(<module>::Migration),` at the end of the list `migrations()` returns. The rest
//! of the file is left exactly as it was, and the added lines are written the way rustfmt
//! writes them, so the file needs no formatting (formatting it would make rustfmt follow its
//! `mod` lines into every migration, and a migration reformatted no longer matches the
//! checksum recorded when it was applied).
//!
//! The one exception is a list that held a single migration on one line: with a second one it
//! takes a line per migration, as rustfmt lays it out.

/// rustfmt's default line width (the project has no rustfmt.toml).
const MAX_WIDTH: usize = 100;
/// rustfmt's default width up to which a call stays on one line.
const CALL_WIDTH: usize = 60;

/// `RegisterError` is a `lib.rs` whose shape the registration does not recognise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    #[error("migration/src/lib.rs has no `fn migrations` returning `vec![…]`")]
    NoMigrationList,
    #[error("migration \"{0}\" is already registered in migration/src/lib.rs")]
    AlreadyRegistered(String),
}

/// `register_migration` returns `lib_rs` with `module` declared and listed last.
pub fn register_migration(lib_rs: &str, module: &str) -> Result<String, RegisterError> {
    if lib_rs.contains(&format!("mod {module};")) {
        return Err(RegisterError::AlreadyRegistered(module.to_owned()));
    }
    let fn_at = lib_rs
        .find("fn migrations")
        .ok_or(RegisterError::NoMigrationList)?;
    let open = fn_at
        + lib_rs[fn_at..]
            .find("vec![")
            .ok_or(RegisterError::NoMigrationList)?
        + "vec![".len();
    let close = matching_bracket(lib_rs, open).ok_or(RegisterError::NoMigrationList)?;
    let line_start = lib_rs[..open].rfind('\n').map_or(0, |n| n + 1);
    let line = &lib_rs[line_start..];
    let layout = Layout {
        indent: line.len() - line.trim_start_matches(' ').len(),
        prefix: open - line_start,
    };
    let list = layout.list(&lib_rs[open..close], module);
    let with_entry = format!("{}{}{}", &lib_rs[..open], list, &lib_rs[close..]);
    Ok(insert_mod_line(&with_entry, module))
}

/// `Layout` is where the list `vec![…]` is: the indentation of its line, and how much of the
/// line comes before the list's first element.
struct Layout {
    indent: usize,
    prefix: usize,
}

impl Layout {
    /// `list` is the inside of `vec![…]` with `module`'s entry added.
    fn list(&self, inner: &str, module: &str) -> String {
        let entry = format!("Box::new({module}::Migration)");
        let items = top_level_items(inner);
        let one_per_line = inner.trim_start_matches([' ', '\t']).starts_with('\n');
        if !items.is_empty() && one_per_line {
            // Append one line at the indentation of the last one.
            let kept = inner.trim_end();
            let last_line = &kept[kept.rfind('\n').map_or(0, |n| n + 1)..];
            let indent = last_line.len() - last_line.trim_start().len();
            let sep = if kept.ends_with(',') { "" } else { "," };
            let pad = &last_line[..indent];
            return format!("{kept}{sep}\n{pad}{entry},{}", &inner[kept.len()..]);
        }
        if items.is_empty() {
            return self.single(&entry, module);
        }
        // One entry on the list's line (or none): with another, one line each.
        let pad = " ".repeat(self.indent + 4);
        let mut out = String::from("\n");
        for item in items.iter().map(|i| compact(i)).chain([entry]) {
            out.push_str(&format!("{pad}{item},\n"));
        }
        out.push_str(&" ".repeat(self.indent));
        out
    }

    /// `single` is the list holding only `entry`: on the list's line when it is short, else
    /// with the argument on a line of its own, else on a line of its own.
    fn single(&self, entry: &str, module: &str) -> String {
        let path = format!("{module}::Migration");
        let inner_pad = " ".repeat(self.indent + 4);
        if entry.len() <= CALL_WIDTH && self.prefix + entry.len() + "];".len() <= MAX_WIDTH {
            entry.to_owned()
        } else if self.indent + 4 + path.len() + ",".len() <= MAX_WIDTH {
            format!(
                "Box::new(\n{inner_pad}{path},\n{})",
                " ".repeat(self.indent)
            )
        } else {
            format!("\n{inner_pad}{entry},\n{}", " ".repeat(self.indent))
        }
    }
}

/// `top_level_items` splits the inside of a list at its top-level commas.
fn top_level_items(inner: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, ch) in inner.char_indices() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect()
}

/// `compact` is an entry on one line: `Box::new(\n    m::Migration,\n)` becomes
/// `Box::new(m::Migration)`.
fn compact(item: &str) -> String {
    item.split_whitespace()
        .collect::<String>()
        .replace(",)", ")")
}

/// `matching_bracket` finds the `]` closing the list that starts at `open`.
fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, ch) in text[open..].char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `insert_mod_line` adds `mod module;` among the migration module lines, in the name order
/// rustfmt keeps them in (after the last one for a newer migration), or after the last module
/// declaration of any kind, or at the top.
fn insert_mod_line(text: &str, module: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let is_migration_mod = |l: &&str| l.starts_with("mod m") && l.ends_with(';');
    let is_any_mod =
        |l: &&str| (l.starts_with("mod ") || l.starts_with("pub mod ")) && l.ends_with(';');
    let new_line = format!("mod {module};");
    let last_migration = lines.iter().rposition(is_migration_mod);
    let at = match last_migration {
        Some(last) => lines[..=last]
            .iter()
            .position(|l| is_migration_mod(l) && *l > new_line.as_str())
            .unwrap_or(last + 1),
        None => lines.iter().rposition(is_any_mod).map_or(0, |i| i + 1),
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if last_migration.is_none() && at > 0 {
        out.insert(at, String::new());
        out.insert(at + 1, new_line);
    } else {
        out.insert(at, new_line);
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = "pub use sea_orm_migration::prelude::*;\n\npub mod dialect;\n\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n        vec![]\n    }\n}\n";

    #[test]
    fn first_and_second_registration() {
        let one = register_migration(EMPTY, "m20260101_000000_a").unwrap();
        assert!(one.contains("pub mod dialect;\n\nmod m20260101_000000_a;\n"));
        assert!(one.contains("vec![Box::new(m20260101_000000_a::Migration)]"));
        let two = register_migration(&one, "m20260102_000000_b").unwrap();
        assert!(two.contains("mod m20260101_000000_a;\nmod m20260102_000000_b;\n"));
        assert!(two.contains(
            "Box::new(m20260101_000000_a::Migration),\n            Box::new(m20260102_000000_b::Migration),\n        ]"
        ));
        assert_eq!(
            register_migration(&two, "m20260102_000000_b"),
            Err(RegisterError::AlreadyRegistered(
                "m20260102_000000_b".into()
            ))
        );
    }

    #[test]
    fn other_content_is_untouched() {
        let one = register_migration(EMPTY, "m20260101_000000_a").unwrap();
        let stripped = one
            .replace("\nmod m20260101_000000_a;\n", "")
            .replace("Box::new(m20260101_000000_a::Migration)", "");
        assert_eq!(stripped, EMPTY);
        let two = register_migration(&one, "m20260102_000000_b").unwrap();
        let three = register_migration(&two, "m20260103_000000_c").unwrap();
        let added: Vec<&str> = three.lines().filter(|l| l.contains("_c")).collect();
        assert_eq!(
            added,
            [
                "mod m20260103_000000_c;",
                "            Box::new(m20260103_000000_c::Migration),"
            ]
        );
        let rest: Vec<&str> = three.lines().filter(|l| !l.contains("_c")).collect();
        assert_eq!(rest, two.lines().collect::<Vec<_>>());
    }

    #[test]
    fn an_older_module_line_goes_where_rustfmt_sorts_it() {
        let two = register_migration(EMPTY, "m20260105_000000_b").unwrap();
        let two = register_migration(&two, "m20260106_000000_c").unwrap();
        let three = register_migration(&two, "m20260101_000000_a").unwrap();
        assert!(three.contains(
            "mod m20260101_000000_a;\nmod m20260105_000000_b;\nmod m20260106_000000_c;\n"
        ));
        assert!(three.ends_with(
            "Box::new(m20260106_000000_c::Migration),\n            Box::new(m20260101_000000_a::Migration),\n        ]\n    }\n}\n"
        ));
    }
}
