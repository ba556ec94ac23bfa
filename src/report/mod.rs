//! What `exhibit extract` prints: the documents with their facts and
//! warnings, the quarterly series and the checks, in the JSON shape of the
//! extraction contract (keys are only ever added), or the facts as CSV.

mod rows;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::{ExtractedDocument, Rules};
use crate::fact::{Fact, Warning};
use crate::ingest::IngestError;
use crate::ledger::company::company_key;
use crate::ledger::{Check, Ledger, Series};

#[derive(Serialize)]
pub struct Report {
    pub documents: Vec<DocumentReport>,
    pub series: Vec<Series>,
    pub checks: Vec<Check>,
}

#[derive(Serialize)]
pub struct DocumentReport {
    /// The path as the user gave it.
    pub file: String,
    /// The document's own name (a submission holds several).
    pub document: String,
    pub company: Option<String>,
    pub form: Option<String>,
    pub date: Option<NaiveDate>,
    /// The whole company's facts.
    pub facts: Vec<Fact>,
    /// Facts about a part of the company (inline XBRL facts with
    /// dimensions: a segment, a product, an equity component).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensional_facts: Vec<Fact>,
    pub warnings: Vec<Warning>,
}

impl DocumentReport {
    pub fn extracted(path: &Path, extracted: &ExtractedDocument) -> DocumentReport {
        let document = &extracted.document;
        DocumentReport {
            file: path.display().to_string(),
            document: document.name.clone(),
            company: document.particulars.company.clone(),
            form: document.particulars.form.clone(),
            date: document.particulars.date,
            facts: extracted.facts.iter().filter(|f| f.dimensions.is_empty()).cloned().collect(),
            dimensional_facts: extracted.facts.iter().filter(|f| !f.dimensions.is_empty()).cloned().collect(),
            warnings: extracted.warnings.clone(),
        }
    }

    fn unreadable(path: &Path, error: &IngestError) -> DocumentReport {
        DocumentReport {
            file: path.display().to_string(),
            document: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            company: None,
            form: None,
            date: None,
            facts: Vec::new(),
            dimensional_facts: Vec::new(),
            warnings: vec![Warning::new(error.to_string())],
        }
    }
}

impl Report {
    /// The report of a batch: every file in the order given, readable or not.
    pub fn build(results: Vec<(PathBuf, Result<Vec<ExtractedDocument>, IngestError>)>, rules: &Rules) -> Report {
        let mut ledger = Ledger::new();
        let mut documents = Vec::new();
        for (path, result) in results {
            match result {
                Ok(extracted) => {
                    documents.extend(extracted.iter().map(|d| DocumentReport::extracted(&path, d)));
                    ledger.add(extracted);
                }
                Err(error) => documents.push(DocumentReport::unreadable(&path, &error)),
            }
        }
        let series = ledger.series(rules);
        let checks = ledger.checks(&series, rules);
        Report { documents, series, checks }
    }

    /// The same report with every restated quarter as first reported.
    pub fn as_first_reported(mut self) -> Report {
        self.series = self.series.iter().map(Series::as_first_reported).collect();
        self
    }

    /// The company a name or identity given on the command line means:
    /// its reduced name matches the name a series shows, or it is the
    /// series' identity ("cik 320193", or the CIK's digits alone).
    pub fn find_company(&self, given: &str) -> Option<&str> {
        let wanted = company_key(given);
        let by_cik = format!("cik {}", given.trim().trim_start_matches('0'));
        self.series
            .iter()
            .find(|s| company_key(&s.company) == wanted || s.company_key == given || s.company_key == by_cik)
            .map(|s| s.company_key.as_str())
    }

    /// The report of documents already open, with their series and checks.
    pub fn of_documents(documents: &[ExtractedDocument], series: &[Series], checks: &[Check]) -> Report {
        Report {
            documents: documents.iter().map(|d| DocumentReport::extracted(&d.document.path, d)).collect(),
            series: series.to_vec(),
            checks: checks.to_vec(),
        }
    }

    pub fn write_json(&self, out: &mut impl Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }

    /// One row per fact, with its period spelled out in columns.
    pub fn write_csv(&self, out: &mut impl Write) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        for document in &self.documents {
            for fact in document.facts.iter().chain(&document.dimensional_facts) {
                writer.serialize(rows::FactRow::new(document, fact))?;
            }
        }
        writer.flush()?;
        Ok(())
    }

    /// One row per quarterly point: the series as the chart shows them.
    pub fn write_series_csv(&self, out: &mut impl Write) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        for series in &self.series {
            for point in &series.points {
                writer.serialize(rows::PointRow::new(series, point))?;
            }
        }
        writer.flush()?;
        Ok(())
    }
}
