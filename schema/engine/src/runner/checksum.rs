//! The checksum of a migration file: SHA-256 of its bytes with line endings normalized.
//!
//! A migration crate's `build.rs` (ctutor's) includes this file (`#[path]`) to hash its
//! `src/m*.rs` at build time, so it must stay self-contained: nothing but `std` and `sha2`.

use sha2::{Digest, Sha256};

/// `checksum` is the lower-case hex SHA-256 of `source` after [`normalize_line_endings`]: a
/// file checked out with CRLF (Windows, `core.autocrlf`) has the checksum of the same file
/// with LF, so only a real edit counts as a change.
pub fn checksum(source: &[u8]) -> String {
    let digest = Sha256::digest(normalize_line_endings(source));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `normalize_line_endings` turns CRLF and lone CR into LF.
pub fn normalize_line_endings(source: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(source.len());
    let mut bytes = source.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\r' {
            bytes.next_if_eq(&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_cr_and_lf_give_the_same_checksum() {
        let lf = b"fn up() {\n    x();\n}\n";
        let crlf = b"fn up() {\r\n    x();\r\n}\r\n";
        let cr = b"fn up() {\r    x();\r}\r";
        assert_eq!(checksum(lf), checksum(crlf));
        assert_eq!(checksum(lf), checksum(cr));
        assert_eq!(normalize_line_endings(b"a\r\n\r\nb\r"), b"a\n\nb\n");
    }

    #[test]
    fn an_edit_changes_the_checksum() {
        assert_ne!(checksum(b"x();\n"), checksum(b"y();\n"));
        assert_ne!(checksum(b"x();\n"), checksum(b"x();\n\n"));
    }

    #[test]
    fn the_checksum_is_hex_sha256() {
        assert_eq!(
            checksum(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
