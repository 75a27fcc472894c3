//! `rng`: the one seeded random source every generator draws from.
//!
//! Determinism rests on two rules: every value (ids and timestamps included) comes from this
//! source, and generators draw in a fixed order. Nothing here reads the clock.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::{DateTime, TimeDelta, Utc};
use fake::Fake;
use fake::faker::lorem::en::{Sentence, Words};
use rand::seq::index;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::prelude::DateTimeWithTimeZone;
use uuid::Uuid;

/// `BASE_TIMESTAMP` is 2024-09-02T08:00:00Z, the start of the fictional academic year: every
/// timestamp is this moment plus a drawn offset.
const BASE_TIMESTAMP: i64 = 1_725_264_000;

/// `SECONDS_PER_DAY` converts the day ranges callers think in.
const SECONDS_PER_DAY: i64 = 86_400;

/// `SeedRng` wraps the seeded ChaCha8 generator with the draws the seeders need.
pub struct SeedRng {
    rng: ChaCha8Rng,
}

/// `Stamp` is a row's `created_at` and `updated_at`, the latter never before the former.
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl SeedRng {
    /// `new` seeds the generator: the same seed yields the same sequence of draws.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// `rng` exposes the generator for `fake` and `rand` calls.
    pub fn rng(&mut self) -> &mut ChaCha8Rng {
        &mut self.rng
    }

    /// `uuid` is a random version-4 UUID drawn from the seeded generator.
    pub fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(self.rng.random()).into_uuid()
    }

    /// `at` is a moment between `days.start` and `days.end` days after the base date, to the
    /// second (SQLite keeps timestamps as text, so sub-second parts would only add noise).
    pub fn at(&mut self, days: Range<i64>) -> DateTimeWithTimeZone {
        let seconds = self
            .rng
            .random_range(days.start * SECONDS_PER_DAY..days.end * SECONDS_PER_DAY);
        (DateTime::<Utc>::UNIX_EPOCH + TimeDelta::seconds(BASE_TIMESTAMP + seconds)).fixed_offset()
    }

    /// `stamp` is a creation moment within `days` and an update up to two weeks later.
    pub fn stamp(&mut self, days: Range<i64>) -> Stamp {
        let created_at = self.at(days);
        let updated_at =
            created_at + TimeDelta::seconds(self.rng.random_range(0..14 * SECONDS_PER_DAY));
        Stamp {
            created_at,
            updated_at,
        }
    }

    /// `range` is an integer drawn from `range` (which must not be empty).
    pub fn range(&mut self, range: Range<usize>) -> usize {
        self.rng.random_range(range)
    }

    /// `chance` is true with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// `pick` is one element of `items`, which must not be empty (callers pass fixed tables).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// `sample` is `amount` distinct indices below `len`, in random order; fewer when `len`
    /// is smaller. Sampling without replacement keeps composite keys unique by construction.
    pub fn sample(&mut self, len: usize, amount: usize) -> Vec<usize> {
        index::sample(&mut self.rng, len, amount.min(len)).into_vec()
    }

    /// `hex` is `len` random lower-case hex digits (commit hashes, session ids).
    pub fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.random_range(0..16), 16).unwrap_or('0'))
            .collect()
    }

    /// `sentence` is a lorem-ipsum sentence of `words` words.
    pub fn sentence(&mut self, words: Range<usize>) -> String {
        Sentence(words).fake_with_rng(&mut self.rng)
    }

    /// `words` is a few lorem-ipsum words joined by spaces (titles).
    pub fn words(&mut self, count: Range<usize>) -> String {
        let words: Vec<String> = Words(count).fake_with_rng(&mut self.rng);
        words.join(" ")
    }
}

/// `Unique` hands out strings that are unique by construction: a taken base gets the next
/// free numeric suffix instead of being redrawn.
#[derive(Default)]
pub struct Unique {
    taken: BTreeSet<String>,
}

impl Unique {
    /// `claim` returns `base`, or `base` plus the smallest suffix from 2 up that is still free.
    pub fn claim(&mut self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let mut suffix = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}{suffix}");
            suffix += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// `ascii_lower` keeps the ASCII letters and digits of `text`, lower-cased: names such as
/// "O'Keefe" become safe for usernames and e-mail local parts.
pub fn ascii_lower(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_draws() {
        let (mut a, mut b) = (SeedRng::new(7), SeedRng::new(7));
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.at(0..10), b.at(0..10));
        assert_eq!(a.sentence(3..6), b.sentence(3..6));
        assert_ne!(SeedRng::new(8).uuid(), SeedRng::new(7).uuid());
    }

    #[test]
    fn uuids_are_version_4() {
        let id = SeedRng::new(1).uuid();
        assert_eq!(id.get_version_num(), 4);
        assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn unique_appends_suffixes() {
        let mut unique = Unique::default();
        assert_eq!(unique.claim("jdoe"), "jdoe");
        assert_eq!(unique.claim("jdoe"), "jdoe2");
        assert_eq!(unique.claim("jdoe"), "jdoe3");
        assert_eq!(ascii_lower("O'Keefe-Smith"), "okeefesmith");
    }
}
