//! Module `result`.

// The table shares its module's name, as in the reference schema's module list.
#[allow(clippy::module_inception)]
pub mod result;
