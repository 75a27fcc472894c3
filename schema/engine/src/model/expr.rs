//! `SqlExpr`: an SQL expression as its author wrote it, compared by its canonical form.
//!
//! PostgreSQL stores an expression (a CHECK, an index predicate or key, a default, a generated
//! column) as a parse tree and prints it back with its own deparser, and that deparser is not a
//! fixed point: `x IN ('a','b')` on a varchar column prints as `(x)::text = ANY
//! ((ARRAY['a'::character varying, …])::text[])`, which PostgreSQL parses into yet another
//! tree and prints differently again. So a migration carries the text its author wrote (the
//! entity's, or for `down()` the catalog's), and comparison uses a separate canonical text:
//! the expression after PostgreSQL has re-parsed it until the text stops changing (see
//! `normalize`). Equality is on that canonical text only.

use std::fmt;

/// `SqlExpr` is an expression's text (what is written into migrations) and its canonical
/// form (what is compared). Made from a plain string, both are that string.
#[derive(Debug, Clone, Eq)]
pub struct SqlExpr {
    text: String,
    canonical: String,
}

impl SqlExpr {
    /// `new` is an expression whose canonical form is `canonical`.
    pub fn new(text: impl Into<String>, canonical: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            canonical: canonical.into(),
        }
    }

    /// `as_str` is the text to write: the author's, or the catalog's for a live object.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `canonical` is the text compared.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// `with_text` keeps the canonical form and writes `text` instead.
    pub fn with_text(self, text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..self
        }
    }

    /// `with_canonical` keeps the text and compares as `canonical`.
    pub fn with_canonical(self, canonical: impl Into<String>) -> Self {
        Self {
            canonical: canonical.into(),
            ..self
        }
    }

    /// `map` applies the same textual edit (e.g. a column rename) to both forms.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Self {
        Self {
            text: f(&self.text),
            canonical: f(&self.canonical),
        }
    }
}

impl PartialEq for SqlExpr {
    fn eq(&self, other: &Self) -> bool {
        self.canonical == other.canonical
    }
}

impl fmt::Display for SqlExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for SqlExpr {
    fn from(text: &str) -> Self {
        Self::new(text, text)
    }
}

impl From<String> for SqlExpr {
    fn from(text: String) -> Self {
        Self {
            canonical: text.clone(),
            text,
        }
    }
}

impl serde::Serialize for SqlExpr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::SqlExpr;

    #[test]
    fn equal_by_canonical_form_written_as_text() {
        let authored = SqlExpr::new("x IN ('a', 'b')", "canon");
        let deparsed = SqlExpr::new("((x)::text = ANY (…))", "canon");
        assert_eq!(authored, deparsed);
        assert_eq!(authored.to_string(), "x IN ('a', 'b')");
        assert_ne!(authored, SqlExpr::from("canon2"));
        let renamed = authored.map(|t| t.replace('x', "y"));
        assert_eq!(renamed.as_str(), "y IN ('a', 'b')");
    }
}
