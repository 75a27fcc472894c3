//! Writes `$OUT_DIR/checksums.rs`: the checksum of every migration file (`src/m<digits>…rs`),
//! which the runner records when it applies a migration and compares afterwards.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

// The schema engine's own function, so the runner and this table agree.
#[path = "../schema/engine/src/runner/checksum.rs"]
mod checksum;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=src");
    let mut entries = Vec::new();
    for entry in std::fs::read_dir("src")? {
        let path = entry?.path();
        let Some(module) = migration_module(&path) else {
            continue;
        };
        entries.push((module, checksum::checksum(&std::fs::read(&path)?)));
    }
    entries.sort();
    let mut out = String::from(
        "/// `CHECKSUMS` maps each migration module to the checksum of its file (`build.rs`).\n\
         pub const CHECKSUMS: &[(&str, &str)] = &[\n",
    );
    for (module, digest) in &entries {
        writeln!(out, "    ({module:?}, {digest:?}),")?;
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out_dir).join("checksums.rs"), out)?;
    Ok(())
}

/// `migration_module` is the module name of a migration file: `m` then a digit (the
/// timestamp), which leaves `main.rs` and `mod.rs` out.
fn migration_module(path: &Path) -> Option<String> {
    if path.extension()? != "rs" || !path.is_file() {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let mut chars = stem.chars();
    (chars.next() == Some('m') && chars.next().is_some_and(|c| c.is_ascii_digit()))
        .then(|| stem.to_owned())
}
