//! Which server answers: MariaDB and MySQL 8 share `information_schema` but not all of it.

/// `Flavor` is the server family, read once from `version()`; it picks the query text where
/// the catalogs differ (MySQL's `STATISTICS.EXPRESSION`, MariaDB's
/// `CHECK_CONSTRAINTS.TABLE_NAME`) and how defaults are read, never the number of queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavor {
    MariaDb,
    MySql,
}

impl Flavor {
    /// `from_version` reads `version()`: MariaDB says so (`10.11.6-MariaDB-0+deb12u1`),
    /// MySQL does not (`8.0.36`).
    pub(super) fn from_version(version: &str) -> Self {
        if version.to_ascii_lowercase().contains("mariadb") {
            Flavor::MariaDb
        } else {
            Flavor::MySql
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Flavor;

    #[test]
    fn mariadb_names_itself_in_its_version() {
        assert_eq!(
            Flavor::from_version("10.11.19-MariaDB-0+deb12u1"),
            Flavor::MariaDb
        );
        assert_eq!(Flavor::from_version("8.0.36"), Flavor::MySql);
        assert_eq!(Flavor::from_version("8.4.0-commercial"), Flavor::MySql);
    }
}
