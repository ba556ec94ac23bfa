//! The ledger: the facts of every open filing and the analyst's
//! corrections, reconciled into one quarterly series per company and
//! concept, with the checks that say whether the numbers hang together.

pub mod checks;
pub mod company;
pub mod corrections;
pub mod quarter;
pub mod series;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::Utc;
use rust_decimal::Decimal;

use crate::extract::{ExtractedDocument, Rules};
use crate::fact::Fact;
pub use checks::Check;
pub use corrections::{Correction, CorrectionSource, Corrections, FactKey};
pub use series::{Point, Series, Status};

/// What the ledger holds: documents in the order they were added, and the
/// corrections in force.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    documents: Vec<ExtractedDocument>,
    /// Where each document is in `documents`, by file and name.
    positions: HashMap<(PathBuf, String), usize>,
    corrections: Corrections,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Adds documents; a document already held (same file, same name) is
    /// replaced, which is what re-extraction needs.
    pub fn add(&mut self, documents: impl IntoIterator<Item = ExtractedDocument>) {
        for document in documents {
            let key = (document.document.path.clone(), document.document.name.clone());
            match self.positions.get(&key) {
                Some(&at) => self.documents[at] = document,
                None => {
                    self.positions.insert(key, self.documents.len());
                    self.documents.push(document);
                }
            }
        }
    }

    /// Closes every document of a file. Corrections stay: they are about
    /// the company's figures, not the file.
    pub fn remove_file(&mut self, path: &Path) {
        self.documents.retain(|d| d.document.path != path);
        self.positions = self
            .documents
            .iter()
            .enumerate()
            .map(|(at, d)| ((d.document.path.clone(), d.document.name.clone()), at))
            .collect();
    }

    pub fn documents(&self) -> &[ExtractedDocument] {
        &self.documents
    }

    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    pub fn replace_corrections(&mut self, corrections: Corrections) {
        self.corrections = corrections;
    }

    /// The key of a fact of one of the ledger's documents.
    pub fn key_of(&self, document: &ExtractedDocument, fact: &Fact) -> FactKey {
        FactKey {
            company: company::company_key(&company_name(document)),
            concept: fact.concept.clone(),
            period: fact.period,
        }
    }

    /// Corrects the value of a key, keeping the value the filings give on
    /// record; returns the correction now in force.
    pub fn apply_correction(
        &mut self,
        key: FactKey,
        value: Decimal,
        note: Option<String>,
        source: Option<CorrectionSource>,
    ) -> &Correction {
        let original = self.extracted_value(&key);
        self.corrections.apply(Correction { key: key.clone(), value, original, note, at: Utc::now(), source });
        self.corrections.get(&key).expect("the correction was just applied")
    }

    /// Puts exactly this correction state in force for a key (undo, redo).
    pub fn restore_correction(&mut self, key: &FactKey, correction: Option<Correction>) {
        self.corrections.set(key, correction);
    }

    /// Withdraws a correction; the filings' value is in force again.
    pub fn revert_correction(&mut self, key: &FactKey) -> Option<Correction> {
        self.corrections.revert(key)
    }

    /// What the filings say for a key, ignoring corrections: the best
    /// source (inline XBRL over table over prose, then the most precise).
    pub fn extracted_value(&self, key: &FactKey) -> Option<Decimal> {
        let mut best: Option<&Fact> = None;
        for document in &self.documents {
            let matching = |f: &&Fact| f.concept == key.concept && f.period == key.period && f.dimensions.is_empty();
            for fact in document.facts.iter().filter(matching) {
                if company::company_key(&company_name(document)) != key.company {
                    continue;
                }
                let better = best.is_none_or(|b| {
                    (fact.origin, std::cmp::Reverse(fact.rounding)) > (b.origin, std::cmp::Reverse(b.rounding))
                });
                if better {
                    best = Some(fact);
                }
            }
        }
        best.map(|f| f.value)
    }

    /// One series per company and concept, quarters in order.
    pub fn series(&self, rules: &Rules) -> Vec<Series> {
        let mut groups: BTreeMap<(String, String), series::ConceptFacts> = BTreeMap::new();
        let mut fiscal_year_ends: BTreeMap<String, u32> = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for document in &self.documents {
            let name = company_name(document);
            let key = company::company_key(&name);
            let display = names.entry(key.clone()).or_insert_with(|| name.clone());
            *display = company::better_name(display, &name).to_owned();
            if let Some((month, _)) = document.calendar.year_end() {
                fiscal_year_ends.insert(key.clone(), month);
            }
            for fact in document.facts.iter().filter(|f| f.dimensions.is_empty()) {
                let group = groups.entry((key.clone(), fact.concept.clone())).or_insert_with(|| series::ConceptFacts {
                    company: String::new(),
                    company_key: key.clone(),
                    concept: fact.concept.clone(),
                    additive: rules.concept(&fact.concept).is_some_and(|r| r.additive),
                    fiscal_year_end_month: 12,
                    entries: Vec::new(),
                });
                group.entries.push(series::Entry { document: &document.document.name, fact });
            }
        }
        let correction_for = |key: &FactKey| self.corrections.get(key).cloned();
        groups
            .into_values()
            .map(|mut group| {
                group.company = names.get(&group.company_key).cloned().unwrap_or_default();
                group.fiscal_year_end_month = fiscal_year_ends.get(&group.company_key).copied().unwrap_or(12);
                series::build(&group, &correction_for)
            })
            .collect()
    }

    /// Every check over the documents and the given series.
    pub fn checks(&self, series: &[Series]) -> Vec<Check> {
        checks::footing_checks(&self.documents).chain(checks::quarter_checks(series)).collect()
    }
}

/// The company a document is of, or "Unknown company" when it does not say.
pub fn company_name(document: &ExtractedDocument) -> String {
    document.document.particulars.company.clone().unwrap_or_else(|| "Unknown company".to_owned())
}
