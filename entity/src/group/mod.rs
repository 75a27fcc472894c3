//! Module `group`.

pub mod group;
pub mod group_claim;
pub mod user_group;
