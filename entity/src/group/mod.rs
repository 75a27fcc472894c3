//! Module `group`.

// The table shares its module's name, as in the reference schema's module list.
#[allow(clippy::module_inception)]
pub mod group;
pub mod group_claim;
pub mod user_group;
