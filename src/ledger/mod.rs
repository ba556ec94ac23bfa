//! The ledger: the facts of every open filing and the analyst's
//! corrections, reconciled into one quarterly series per company and
//! concept, with the checks that say whether the numbers hang together.

pub mod authority;
pub mod checks;
pub mod company;
pub mod corrections;
pub mod series;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::Utc;
use rust_decimal::Decimal;

use crate::extract::{ExtractedDocument, Rules};
use crate::fact::Fact;
pub use checks::Check;
use company::Companies;
pub use corrections::{Correction, CorrectionSource, Corrections, FactKey};
pub use series::{Point, Series, Status};

/// What the ledger holds: documents in the order they were added, and the
/// corrections in force.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    documents: Vec<ExtractedDocument>,
    /// Where each document is in `documents`, by file and name.
    positions: HashMap<(PathBuf, String), usize>,
    /// Who each document's company is, and the names to show.
    companies: Companies,
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
            self.companies.add(&document.document.particulars);
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
        self.companies = Companies::default();
        for document in &self.documents {
            self.companies.add(&document.document.particulars);
        }
    }

    pub fn companies(&self) -> &Companies {
        &self.companies
    }

    /// The company a document is of (see `company::Companies`).
    pub fn company_of(&self, document: &ExtractedDocument) -> String {
        self.companies.identity(&document.document.particulars)
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
        FactKey { company: self.company_of(document), concept: fact.concept.clone(), period: fact.period }
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

    /// What the filings say for a key, ignoring corrections: the latest
    /// filing's best source (see `authority`), then the most precise.
    pub fn extracted_value(&self, key: &FactKey) -> Option<Decimal> {
        let mut best: Option<(&ExtractedDocument, &Fact)> = None;
        for document in self.documents.iter().filter(|d| self.company_of(d) == key.company) {
            let matching = |f: &&Fact| f.concept == key.concept && f.period == key.period && f.dimensions.is_empty();
            for fact in document.facts.iter().filter(matching) {
                let rank = |d: &ExtractedDocument, f: &Fact| {
                    (d.document.particulars.date, authority::Authority::of(f), std::cmp::Reverse(f.rounding))
                };
                if best.is_none_or(|(d, b)| rank(document, fact) > rank(d, b)) {
                    best = Some((document, fact));
                }
            }
        }
        best.map(|(_, f)| f.value)
    }

    /// One series per company and concept, quarters in order.
    pub fn series(&self, rules: &Rules) -> Vec<Series> {
        let mut by_company: BTreeMap<String, Vec<&ExtractedDocument>> = BTreeMap::new();
        for document in &self.documents {
            by_company.entry(self.company_of(document)).or_default().push(document);
        }
        let correction_for = |key: &FactKey| self.corrections.get(key).cloned();
        let mut series = Vec::new();
        for (company, mut documents) in by_company {
            documents.sort_by_key(|d| std::cmp::Reverse(d.document.particulars.date));
            let mut calendar = documents[0].calendar.clone();
            for earlier in &documents[1..] {
                calendar.absorb(&earlier.calendar);
            }
            let calendar = calendar.named_by_end_year();
            let keys: Vec<String> = self.companies.keys(&company).into_iter().map(str::to_owned).collect();
            let mut groups: BTreeMap<&str, series::ConceptFacts> = BTreeMap::new();
            for document in documents {
                for fact in document.facts.iter().filter(|f| f.dimensions.is_empty()) {
                    let group = groups.entry(fact.concept.as_str()).or_insert_with(|| series::ConceptFacts {
                        company: self.companies.name(&company).to_owned(),
                        company_key: company.clone(),
                        keys: keys.clone(),
                        concept: fact.concept.clone(),
                        additive: rules.concept(&fact.concept).is_some_and(|r| r.additive),
                        calendar: calendar.clone(),
                        entries: Vec::new(),
                    });
                    let filed = document.document.particulars.date;
                    group.entries.push(series::Entry { document: &document.document.name, filed, fact });
                }
            }
            series.extend(groups.into_values().map(|group| series::build(&group, &correction_for)));
        }
        series
    }

    /// Every check over the documents and the given series.
    pub fn checks(&self, series: &[Series], rules: &Rules) -> Vec<Check> {
        checks::footing_checks(&self.documents)
            .chain(checks::quarter_checks(series))
            .chain(checks::year_checks(series))
            .chain(checks::review_checks(series, rules))
            .collect()
    }
}
