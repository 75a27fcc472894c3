//! Registration of a new migration in `migration/src/lib.rs`.
//!
//! Only two lines are added: `mod <module>;` after the last module declaration, and
//! `Box::new(<module>::Migration),` at the end of the list `migrations()` returns. The rest
//! of the file is left exactly as it was.

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
    let inner = lib_rs[open..close].trim_end();
    let entry = format!("Box::new({module}::Migration),");
    let list = if inner.trim().is_empty() {
        format!("\n            {entry}\n        ")
    } else {
        let sep = if inner.ends_with(',') { "" } else { "," };
        format!("{inner}{sep}\n            {entry}\n        ")
    };
    let with_entry = format!("{}{}{}", &lib_rs[..open], list, &lib_rs[close..]);
    Ok(insert_mod_line(&with_entry, module))
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

/// `insert_mod_line` adds `mod module;` after the last migration module line, or after the
/// last module declaration of any kind, or at the top.
fn insert_mod_line(text: &str, module: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let is_migration_mod = |l: &&str| l.starts_with("mod m") && l.ends_with(';');
    let is_any_mod =
        |l: &&str| (l.starts_with("mod ") || l.starts_with("pub mod ")) && l.ends_with(';');
    let at = lines
        .iter()
        .rposition(is_migration_mod)
        .or_else(|| lines.iter().rposition(is_any_mod))
        .map_or(0, |i| i + 1);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let first_migration = !lines.iter().any(is_migration_mod);
    let new_line = format!("mod {module};");
    if first_migration && at > 0 {
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
        assert!(
            one.contains("vec![\n            Box::new(m20260101_000000_a::Migration),\n        ]")
        );
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
        let stripped = one.replace("\nmod m20260101_000000_a;\n", "").replace(
            "\n            Box::new(m20260101_000000_a::Migration),\n        ",
            "",
        );
        assert_eq!(stripped, EMPTY);
    }
}
