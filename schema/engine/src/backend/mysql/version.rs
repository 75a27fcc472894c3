//! Server version gates: a change the server is too old to make is refused in one line that
//! names the feature and the version it needs, before any migration is written.

use std::fmt;

use super::{made_on_mysql, portable_there};
use crate::diff::Change;
use crate::model::Index;

/// `ServerVersion` is what `SELECT VERSION()` says: MySQL or MariaDB, and the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerVersion {
    pub mariadb: bool,
    pub release: (u32, u32, u32),
}

impl ServerVersion {
    /// `parse` reads `8.0.36`, `8.0.36-0ubuntu0.22.04.1` or `10.11.6-MariaDB-0+deb12u1`
    /// (also the old `5.5.5-10.11.6-MariaDB` replication prefix).
    pub fn parse(text: &str) -> Option<ServerVersion> {
        let mariadb = text.contains("MariaDB");
        let text = text
            .strip_prefix("5.5.5-")
            .filter(|_| mariadb)
            .unwrap_or(text);
        let numbers: Vec<u32> = text
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .next()?
            .split('.')
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        match numbers[..] {
            [major, minor, patch, ..] => Some(ServerVersion {
                mariadb,
                release: (major, minor, patch),
            }),
            [major, minor] => Some(ServerVersion {
                mariadb,
                release: (major, minor, 0),
            }),
            _ => None,
        }
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b, c) = self.release;
        let product = if self.mariadb { "MariaDB" } else { "MySQL" };
        write!(f, "{product} {a}.{b}.{c}")
    }
}

/// `Feature` is something a generated migration may need that older servers lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    RenameColumn,
    RenameIndex,
    CheckConstraints,
    /// `ALTER TABLE … DROP CONSTRAINT`, the one form of dropping a CHECK both accept (MySQL's
    /// own `DROP CHECK` is older there, but MariaDB has no such clause).
    DropConstraint,
    ExpressionIndexes,
    DescendingIndexes,
}

impl Feature {
    fn name(self) -> &'static str {
        match self {
            Feature::RenameColumn => "ALTER TABLE … RENAME COLUMN",
            Feature::RenameIndex => "ALTER TABLE … RENAME INDEX",
            Feature::CheckConstraints => "CHECK constraints",
            Feature::DropConstraint => "ALTER TABLE … DROP CONSTRAINT",
            Feature::ExpressionIndexes => "functional (expression) indexes",
            Feature::DescendingIndexes => "descending index keys",
        }
    }

    /// `first_mysql` and `first_mariadb` are the first releases that have the feature
    /// (`None`: MariaDB has none).
    fn first_mysql(self) -> (u32, u32, u32) {
        match self {
            Feature::RenameColumn => (8, 0, 0),
            Feature::RenameIndex => (5, 7, 0),
            Feature::CheckConstraints => (8, 0, 16),
            Feature::DropConstraint => (8, 0, 19),
            Feature::ExpressionIndexes => (8, 0, 13),
            Feature::DescendingIndexes => (8, 0, 1),
        }
    }

    fn first_mariadb(self) -> Option<(u32, u32, u32)> {
        match self {
            Feature::RenameColumn => Some((10, 5, 2)),
            Feature::RenameIndex => Some((10, 5, 2)),
            Feature::CheckConstraints => Some((10, 2, 1)),
            Feature::DropConstraint => Some((10, 2, 1)),
            Feature::ExpressionIndexes => None,
            Feature::DescendingIndexes => Some((10, 8, 1)),
        }
    }

    /// `refusal` is why `server` cannot make the feature, if it cannot.
    pub fn refusal(self, server: ServerVersion) -> Option<String> {
        let needed = match server.mariadb {
            true => self.first_mariadb(),
            false => Some(self.first_mysql()),
        };
        match needed {
            Some(first) if server.release >= first => None,
            Some((a, b, c)) => Some(format!(
                "{} needs {} {a}.{b}.{c} or later; the server is {server}",
                self.name(),
                if server.mariadb { "MariaDB" } else { "MySQL" }
            )),
            None => Some(format!("{} are not available on {server}", self.name())),
        }
    }
}

/// `features` is what making `change` on MySQL/MariaDB needs of the server. Only portable
/// CHECKs are made there (`portable_check`); the others need nothing of it.
pub fn features(change: &Change) -> Vec<Feature> {
    match change {
        Change::RenameColumn { .. } => vec![Feature::RenameColumn],
        Change::RenameIndex { .. } => vec![Feature::RenameIndex],
        Change::AddCheck { check, .. } if portable_there(check) => vec![Feature::CheckConstraints],
        Change::DropCheck { check, .. } if portable_there(check) => {
            vec![Feature::CheckConstraints, Feature::DropConstraint]
        }
        Change::CreateTable(t) if t.checks.iter().any(|c| made_on_mysql(c, t)) => {
            vec![Feature::CheckConstraints]
        }
        Change::CreateIndex { index, .. } => index_features(index),
        _ => Vec::new(),
    }
}

fn index_features(index: &Index) -> Vec<Feature> {
    let mut out = Vec::new();
    if index.parts.iter().any(|p| p.column_name().is_none()) {
        out.push(Feature::ExpressionIndexes);
    }
    if index.parts.iter().any(|p| p.descending) {
        out.push(Feature::DescendingIndexes);
    }
    out
}

/// `too_old` is the first change of `changes` that `server` cannot make, as one line.
pub fn too_old(server: ServerVersion, changes: &[Change]) -> Option<String> {
    changes.iter().find_map(|change| {
        features(change)
            .into_iter()
            .find_map(|f| f.refusal(server))
            .map(|why| format!("{change}: {why}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Check;

    fn v(text: &str) -> ServerVersion {
        ServerVersion::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn versions_parse_as_servers_report_them() {
        assert_eq!(
            v("8.0.36"),
            ServerVersion {
                mariadb: false,
                release: (8, 0, 36)
            }
        );
        assert_eq!(
            v("8.0.36-0ubuntu0.22.04.1"),
            ServerVersion {
                mariadb: false,
                release: (8, 0, 36)
            }
        );
        assert_eq!(
            v("10.11.6-MariaDB-0+deb12u1"),
            ServerVersion {
                mariadb: true,
                release: (10, 11, 6)
            }
        );
        assert_eq!(
            v("5.5.5-10.4.32-MariaDB"),
            ServerVersion {
                mariadb: true,
                release: (10, 4, 32)
            }
        );
        assert_eq!(v("5.7.44-log").release, (5, 7, 44));
        assert!(ServerVersion::parse("banana").is_none());
    }

    #[test]
    fn rename_column_needs_mysql_8_or_mariadb_10_5_2() {
        let rename = Change::RenameColumn {
            table: "t".into(),
            from: "a".into(),
            to: "b".into(),
        };
        let changes = [rename];
        assert_eq!(too_old(v("8.0.0"), &changes), None);
        assert_eq!(too_old(v("10.5.2-MariaDB"), &changes), None);
        assert_eq!(too_old(v("10.11.6-MariaDB"), &changes), None);
        let old = too_old(v("5.7.44"), &changes).expect("refused");
        assert!(
            old.contains("RENAME COLUMN needs MySQL 8.0.0 or later; the server is MySQL 5.7.44"),
            "{old}"
        );
        let old = too_old(v("10.4.32-MariaDB"), &changes).expect("refused");
        assert!(old.contains("needs MariaDB 10.5.2"), "{old}");
        let rename_index = [Change::RenameIndex {
            table: "t".into(),
            from: "a".into(),
            to: "b".into(),
        }];
        assert_eq!(too_old(v("5.7.44"), &rename_index), None);
        assert!(too_old(v("10.4.32-MariaDB"), &rename_index).is_some());
    }

    #[test]
    fn checks_and_expression_indexes_have_their_own_versions() {
        assert!(Feature::CheckConstraints.refusal(v("8.0.15")).is_some());
        assert!(Feature::CheckConstraints.refusal(v("8.0.16")).is_none());
        assert!(
            Feature::CheckConstraints
                .refusal(v("10.2.1-MariaDB"))
                .is_none()
        );
        assert!(Feature::DropConstraint.refusal(v("8.0.18")).is_some());
        assert!(Feature::DropConstraint.refusal(v("8.0.19")).is_none());
        assert!(
            Feature::DropConstraint
                .refusal(v("10.2.1-MariaDB"))
                .is_none()
        );
        assert!(Feature::ExpressionIndexes.refusal(v("8.0.12")).is_some());
        assert!(Feature::ExpressionIndexes.refusal(v("8.0.13")).is_none());
        let none = Feature::ExpressionIndexes
            .refusal(v("10.11.6-MariaDB"))
            .unwrap();
        assert!(none.contains("not available on MariaDB 10.11.6"), "{none}");
    }

    #[test]
    fn only_portable_checks_need_check_constraints() {
        let check = |expr: &str| Change::AddCheck {
            table: "t".into(),
            check: Check {
                name: "t_check".into(),
                expr: expr.into(),
            },
        };
        let old = too_old(v("8.0.15"), &[check("n > 0")]).expect("refused");
        assert!(
            old.contains("CHECK constraints needs MySQL 8.0.16"),
            "{old}"
        );
        assert_eq!(too_old(v("8.0.15"), &[check("length(s) > 0")]), None);
        let drop = Change::DropCheck {
            table: "t".into(),
            check: Check {
                name: "t_check".into(),
                expr: "n > 0".into(),
            },
        };
        let old = too_old(v("8.0.18"), &[drop]).expect("refused");
        assert!(old.contains("DROP CONSTRAINT needs MySQL 8.0.19"), "{old}");
    }
}
