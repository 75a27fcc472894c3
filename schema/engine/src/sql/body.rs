//! `body`: a function's source text, compared the way PostgreSQL reads it.

use std::fmt;
use std::ops::Deref;

use super::lexer::layout_free;

/// `FunctionBody` is a function's body text (`prosrc`). It keeps the text exactly as given,
/// which is what the migrations write, but two bodies are equal when they differ only in
/// layout: white space, `--` and `/* */` comments, and the case of unquoted words. Strings,
/// quoted identifiers and dollar-quoted parts stay significant to the byte.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub struct FunctionBody(String);

impl FunctionBody {
    /// `as_str` is the body text as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for FunctionBody {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || layout_free(&self.0) == layout_free(&other.0)
    }
}

impl Eq for FunctionBody {}

impl From<String> for FunctionBody {
    fn from(text: String) -> Self {
        FunctionBody(text)
    }
}

impl From<&str> for FunctionBody {
    fn from(text: &str) -> Self {
        FunctionBody(text.to_owned())
    }
}

impl Deref for FunctionBody {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FunctionBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::FunctionBody;

    #[test]
    fn dollar_quoted_parts_and_escapes_are_kept() {
        let body = |s: &str| FunctionBody::from(s);
        assert_eq!(
            body("BEGIN EXECUTE $q$SELECT  1$q$; END;"),
            body("begin\n  execute $q$SELECT  1$q$ ;\nend ;")
        );
        assert_ne!(
            body("BEGIN EXECUTE $q$SELECT  1$q$; END;"),
            body("BEGIN EXECUTE $q$SELECT 1$q$; END;")
        );
        assert_ne!(
            body("BEGIN EXECUTE $q$SELECT 1 -- x$q$; END;"),
            body("BEGIN EXECUTE $q$SELECT 1 -- y$q$; END;")
        );
        assert_ne!(body(r"RETURN E'a\tb';"), body(r"RETURN E'a\nb';"));
        assert_ne!(body("RETURN U&'d\\0061t';"), body("RETURN U&'d\\0062t';"));
        assert_ne!(body("RETURN 'a -- b';"), body("RETURN 'a';"));
        assert_ne!(body("RETURN a - -b;"), body("RETURN a --b\n;"));
        assert_eq!(body("RETURN $1;"), body("return\t$1 ;"));
        assert_ne!(body("RETURN $1;"), body("RETURN $2;"));
    }
}
