//! Hand corrections. A correction is keyed by what the number means
//! (company, concept, period), not by where it was printed, so it survives
//! re-opening and re-extraction of the filing. The original value, the time
//! and the analyst's note stay on record.

use chrono::{DateTime, Datelike, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::fact::Period;

/// The file a correction was made against, as it was then: if the file
/// changes on disk, the correction needs the analyst's review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionSource {
    pub path: std::path::PathBuf,
    /// Content digest of the file when the correction was made (`ingest::digest`).
    pub digest: String,
}

/// What a value means, independent of where it is printed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FactKey {
    /// The company key (see `company::company_key`).
    pub company: String,
    pub concept: String,
    pub period: Period,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub key: FactKey,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    /// The value the filings gave when the correction was made.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    #[serde(default)]
    pub original: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<CorrectionSource>,
}

/// The largest magnitude a corrected value may have: 10^18, a billion
/// billion. No filing states more, and sums and differences of figures
/// this size stay far inside what a decimal holds (about 7.9 × 10^28).
pub fn max_magnitude() -> Decimal {
    Decimal::from(1_000_000_000_000_000_000u64)
}

/// Years a corrected period may lie in: every filing's periods do.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Why a value cannot be a correction, if it cannot.
pub fn value_problem(value: Decimal) -> Option<String> {
    (value.abs() > max_magnitude())
        .then(|| format!("{value} is larger than any figure a filing states (at most 10^18)"))
}

impl Correction {
    /// Why this correction cannot be taken in (from a workspace file that
    /// was edited or damaged), if it cannot.
    pub fn problem(&self) -> Option<String> {
        if let Some(problem) = value_problem(self.value) {
            return Some(problem);
        }
        if let Some(problem) = self.original.and_then(value_problem) {
            return Some(format!("its original value {problem}"));
        }
        let period = self.key.period;
        let start = match period {
            Period::Duration { start, .. } => start,
            Period::Instant { instant } => instant,
        };
        if start > period.end() || !YEARS.contains(&start.year()) || !YEARS.contains(&period.end().year()) {
            return Some(format!("its period {period} is not one a filing reports"));
        }
        None
    }
}

/// The corrections in force, at most one per key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corrections {
    entries: Vec<Correction>,
}

impl Corrections {
    /// Puts a correction in force; returns the one it replaces. A
    /// correction of a correction keeps the first original on record.
    pub fn apply(&mut self, mut correction: Correction) -> Option<Correction> {
        match self.entries.iter_mut().find(|c| c.key == correction.key) {
            Some(existing) => {
                correction.original = existing.original;
                Some(std::mem::replace(existing, correction))
            }
            None => {
                self.entries.push(correction);
                None
            }
        }
    }

    /// Puts exactly this state in force for a key: the correction given, or
    /// none. Undo and redo use it to restore an earlier state unchanged.
    pub fn set(&mut self, key: &FactKey, correction: Option<Correction>) {
        self.entries.retain(|c| &c.key != key);
        self.entries.extend(correction);
    }

    /// Withdraws the correction of a key; returns it.
    pub fn revert(&mut self, key: &FactKey) -> Option<Correction> {
        let at = self.entries.iter().position(|c| &c.key == key)?;
        Some(self.entries.remove(at))
    }

    pub fn get(&self, key: &FactKey) -> Option<&Correction> {
        self.entries.iter().find(|c| &c.key == key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Correction> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl FromIterator<Correction> for Corrections {
    /// The corrections given, the first of each key in force.
    fn from_iter<I: IntoIterator<Item = Correction>>(corrections: I) -> Self {
        let mut entries: Vec<Correction> = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for correction in corrections {
            if keys.insert(correction.key.clone()) {
                entries.push(correction);
            }
        }
        Corrections { entries }
    }
}
