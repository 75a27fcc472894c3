//! Module `organization`.

pub mod organization;
