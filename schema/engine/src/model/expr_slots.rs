//! Where expressions sit in a schema, so normalization can read and replace them by place.

use std::collections::BTreeMap;

use super::{DefaultValue, IndexKey, Schema, SqlExpr};

/// `ExprAt` names the place of one expression: objects are matched by name, and every name
/// in the model is explicit, so a place means the same thing in two versions of a schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExprAt {
    Check {
        table: String,
        name: String,
    },
    Default {
        table: String,
        column: String,
    },
    Generated {
        table: String,
        column: String,
    },
    Predicate {
        table: String,
        index: String,
    },
    IndexKey {
        table: String,
        index: String,
        part: usize,
    },
}

impl Schema {
    /// `exprs_mut` is every expression of the schema with its place.
    pub fn exprs_mut(&mut self) -> Vec<(ExprAt, &mut SqlExpr)> {
        let mut out = Vec::new();
        for t in &mut self.tables {
            let table = &t.name;
            for c in &mut t.checks {
                let at = ExprAt::Check {
                    table: table.clone(),
                    name: c.name.clone(),
                };
                out.push((at, &mut c.expr));
            }
            for c in &mut t.columns {
                if let Some(DefaultValue::Expr(e)) = &mut c.default {
                    let at = ExprAt::Default {
                        table: table.clone(),
                        column: c.name.clone(),
                    };
                    out.push((at, e));
                }
                if let Some(e) = &mut c.generated {
                    let at = ExprAt::Generated {
                        table: table.clone(),
                        column: c.name.clone(),
                    };
                    out.push((at, e));
                }
            }
            for i in &mut t.indexes {
                if let Some(e) = &mut i.predicate {
                    let at = ExprAt::Predicate {
                        table: table.clone(),
                        index: i.name.clone(),
                    };
                    out.push((at, e));
                }
                for (part, p) in i.parts.iter_mut().enumerate() {
                    if let IndexKey::Expr(e) = &mut p.key {
                        let at = ExprAt::IndexKey {
                            table: table.clone(),
                            index: i.name.clone(),
                            part,
                        };
                        out.push((at, e));
                    }
                }
            }
        }
        out
    }

    /// `expr_texts` is the written text of every expression, by place.
    pub fn expr_texts(&self) -> BTreeMap<ExprAt, String> {
        self.clone()
            .exprs_mut()
            .into_iter()
            .map(|(at, e)| (at, e.as_str().to_owned()))
            .collect()
    }
}
