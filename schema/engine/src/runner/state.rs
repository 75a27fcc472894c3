//! Where each migration stands: the code's list against the tracking table's rows.

use std::fmt;

use super::failure::{Direction, Failure};
use super::history::Row;

/// `State` is a migration's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Applied, and the file is what it was then.
    Applied,
    /// Applied without a recorded checksum (by sea-orm-migration, or a runner before
    /// checksums); `up` records the current one.
    Unrecorded,
    /// Not applied yet.
    Pending,
    /// Applied, but the file changed since: its checksum differs from the recorded one.
    Modified,
    /// Recorded as applied, but this build has no such migration.
    Missing,
    /// Half applied: its `up()` (not recorded as applied) or its `down()` (still recorded as
    /// applied) failed partway (MySQL/MariaDB), what ran before the failure stayed, and nobody
    /// has resolved it yet (see `failure.rs`).
    Failed,
}

/// `Entry` is one line of `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub state: State,
    /// The recorded failure, for [`State::Failed`].
    pub failure: Option<Failure>,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (State::Failed, Some(failure)) = (self.state, &self.failure) {
            return match failure.direction {
                Direction::Up => write!(
                    f,
                    "failed   {} ({}; resolve with `resolve --applied` or `resolve --rolled-back` once finished or undone by hand)",
                    self.name,
                    failure.summary()
                ),
                Direction::Down => write!(
                    f,
                    "failed   {} (down: {}; still recorded as applied; resolve with `resolve --rolled-back` once the rollback is finished by hand, or `resolve --applied` once what it undid is redone)",
                    self.name,
                    failure.summary()
                ),
            };
        }
        let (label, note) = match self.state {
            State::Applied => ("applied", ""),
            State::Unrecorded => ("applied", " (no checksum recorded yet; `up` records it)"),
            State::Pending => ("pending", ""),
            State::Modified => (
                "modified",
                " (applied, but the file changed since: its checksum differs)",
            ),
            State::Missing => ("missing", " (applied, but not in this build)"),
            State::Failed => ("failed", " (partway; not resolved)"),
        };
        write!(f, "{label:<8} {}{note}", self.name)
    }
}

/// `compare` lists the code's migrations in order, then the rows the code does not know.
/// `expected` gives a migration's current checksum; one without (a migrator from elsewhere)
/// is never reported modified. A migration with a recorded `failures` entry is failed, with
/// its row or without (a failed `up()` left none, a failed `down()` left it): the record lasts
/// until `resolve` clears it. A recorded failure of a migration the code does not know is
/// listed as failed too.
pub fn compare<'a>(
    code: &[&str],
    rows: &[Row],
    failures: &[Failure],
    expected: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Entry> {
    let failure_of = |name: &str| failures.iter().find(|f| f.version == name).cloned();
    let mut entries: Vec<Entry> = code
        .iter()
        .map(|name| {
            let failure = failure_of(name);
            let state = match rows.iter().find(|r| r.version == *name) {
                _ if failure.is_some() => State::Failed,
                None => State::Pending,
                Some(row) => match (row.checksum.as_deref(), expected(name)) {
                    (Some(recorded), Some(current)) if recorded != current => State::Modified,
                    (None, Some(_)) => State::Unrecorded,
                    _ => State::Applied,
                },
            };
            Entry {
                name: (*name).to_owned(),
                failure: failure.filter(|_| state == State::Failed),
                state,
            }
        })
        .collect();
    entries.extend(
        rows.iter()
            .filter(|r| !code.contains(&r.version.as_str()))
            .filter(|r| !failures.iter().any(|f| f.version == r.version))
            .map(|r| Entry {
                name: r.version.clone(),
                state: State::Missing,
                failure: None,
            }),
    );
    entries.extend(
        failures
            .iter()
            .filter(|f| !code.contains(&f.version.as_str()))
            .map(|f| Entry {
                name: f.version.clone(),
                state: State::Failed,
                failure: Some(f.clone()),
            }),
    );
    entries
}

/// `named` are the names of the entries in `state`.
pub fn named(entries: &[Entry], state: State) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e.state == state)
        .map(|e| e.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(version: &str, checksum: Option<&str>) -> Row {
        Row {
            version: version.into(),
            checksum: checksum.map(str::to_owned),
        }
    }

    #[test]
    fn every_state() {
        let expected = |name: &str| match name {
            "m1" | "m2" | "m3" => Some("aaa"),
            "m4" => Some("bbb"),
            _ => None,
        };
        let rows = [
            row("m1", Some("aaa")),
            row("m2", None),
            row("m4", Some("old")),
            row("m5", Some("x")),
            row("m0", None),
        ];
        let mut failure = Failure::new("m6", Direction::Up, "boom".into());
        failure.ran = vec!["CREATE TABLE a (id int)".into()];
        failure.failed_statement = Some("CREATE TABLE b (id int)".into());
        failure.not_run = Some(vec!["CREATE TABLE c (id int)".into()]);
        let entries = compare(
            &["m1", "m2", "m3", "m4", "m5", "m6"],
            &rows,
            &[failure],
            expected,
        );
        let states: Vec<(&str, State)> =
            entries.iter().map(|e| (e.name.as_str(), e.state)).collect();
        assert_eq!(
            states,
            [
                ("m1", State::Applied),
                ("m2", State::Unrecorded),
                ("m3", State::Pending),
                ("m4", State::Modified),
                ("m5", State::Applied),
                ("m6", State::Failed),
                ("m0", State::Missing),
            ]
        );
        assert_eq!(
            entries[5].to_string().split(" (").next(),
            Some("failed   m6")
        );
        assert!(
            entries[5].to_string().contains(
                "statement 2 of 3 failed, 1 statement(s) before it stayed applied, 1 did not run"
            ),
            "{}",
            entries[5]
        );
        assert_eq!(entries[0].to_string(), "applied  m1");
        assert!(entries[3].to_string().starts_with("modified m4 "));
        assert!(entries[6].to_string().starts_with("missing  m0 "));
    }

    /// A failed `down()` leaves the tracking row: the record, not the row, makes it failed.
    #[test]
    fn a_failed_down_is_failed_with_its_row() {
        let mut failure = Failure::new("m2", Direction::Down, "boom".into());
        failure.failed_statement = Some("DROP TABLE b".into());
        failure.not_run = Some(Vec::new());
        let rows = [row("m1", Some("aaa")), row("m2", Some("bbb"))];
        let entries = compare(&["m1", "m2"], &rows, &[failure], |_| None);
        let states: Vec<State> = entries.iter().map(|e| e.state).collect();
        assert_eq!(states, [State::Applied, State::Failed]);
        let line = entries[1].to_string();
        assert!(
            line.starts_with("failed   m2 (down: statement 1 of 1 failed"),
            "{line}"
        );
        assert!(line.contains("still recorded as applied"), "{line}");
    }
}
