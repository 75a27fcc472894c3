//! Every identifier of a schema as PostgreSQL stores it.

use super::{IndexKey, Schema, truncate_identifier as cut};

/// `truncate_names` cuts every identifier of `schema` to PostgreSQL's 63 bytes: tables,
/// columns, constraint and index names, and the names they refer to.
pub fn truncate_names(schema: &mut Schema) {
    let all = |names: &mut Vec<String>| names.iter_mut().for_each(|n| *n = cut(n));
    for e in &mut schema.enums {
        e.name = cut(&e.name);
    }
    for s in &mut schema.sequences {
        s.name = cut(&s.name);
    }
    for f in &mut schema.functions {
        f.name = cut(&f.name);
    }
    for t in &mut schema.tables {
        t.name = cut(&t.name);
        for c in &mut t.columns {
            c.name = cut(&c.name);
        }
        if let Some(pk) = &mut t.primary_key {
            pk.name = cut(&pk.name);
            all(&mut pk.columns);
        }
        for u in &mut t.uniques {
            u.name = cut(&u.name);
            all(&mut u.columns);
        }
        for fk in &mut t.foreign_keys {
            fk.name = cut(&fk.name);
            fk.ref_table = cut(&fk.ref_table);
            all(&mut fk.columns);
            all(&mut fk.ref_columns);
        }
        for c in &mut t.checks {
            c.name = cut(&c.name);
        }
        for i in &mut t.indexes {
            i.name = cut(&i.name);
            for part in &mut i.parts {
                if let IndexKey::Column(c) = &mut part.key {
                    *c = cut(c);
                }
            }
        }
    }
}
