//! What `exhibit extract` prints: the documents with their facts and
//! warnings, the quarterly series and the checks, in the JSON shape of the
//! extraction contract (keys are only ever added), or the facts as CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::{ExtractedDocument, Rules};
use crate::fact::{Fact, Period, Warning};
use crate::ingest::IngestError;
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
    pub facts: Vec<Fact>,
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
            facts: extracted.facts.clone(),
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
        let checks = ledger.checks(&series);
        Report { documents, series, checks }
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
        writer.write_record([
            "file",
            "document",
            "company",
            "form",
            "concept",
            "label",
            "start",
            "end",
            "instant",
            "value",
            "unit",
            "origin",
            "span_start",
            "span_end",
            "text",
            "column",
            "scale",
            "rounding",
        ])?;
        for document in &self.documents {
            for fact in &document.facts {
                let [start, end, instant] = period_columns(&fact.period);
                let (unit, origin) = (json_name(fact.unit), json_name(fact.origin));
                writer.write_record([
                    document.file.as_str(),
                    &document.document,
                    document.company.as_deref().unwrap_or(""),
                    document.form.as_deref().unwrap_or(""),
                    &fact.concept,
                    &fact.label,
                    &start,
                    &end,
                    &instant,
                    &fact.value.to_string(),
                    &unit,
                    &origin,
                    &fact.span[0].to_string(),
                    &fact.span[1].to_string(),
                    &fact.text,
                    &fact.column,
                    &fact.scale.to_string(),
                    &fact.rounding.to_string(),
                ])?;
            }
        }
        writer.flush()?;
        Ok(())
    }

    /// One row per quarterly point: the series as the chart shows them.
    pub fn write_series_csv(&self, out: &mut impl Write) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record([
            "company",
            "concept",
            "quarter",
            "start",
            "end",
            "instant",
            "value",
            "status",
            "original",
            "note",
            "sources",
            "derivation",
        ])?;
        for series in &self.series {
            for point in &series.points {
                let [start, end, instant] = period_columns(&point.period);
                let status = json_name(point.status);
                let original =
                    point.correction.as_ref().and_then(|c| c.original).map(|o| o.to_string()).unwrap_or_default();
                let note = point.correction.as_ref().and_then(|c| c.note.clone()).unwrap_or_default();
                let sources: Vec<String> =
                    point.sources.iter().map(|s| format!("{} {} {}", s.document, s.origin.label(), s.text)).collect();
                let derivation = point.derivation.as_ref().map(|d| d.formula.clone()).unwrap_or_default();
                writer.write_record([
                    series.company.as_str(),
                    &series.concept,
                    &point.quarter,
                    &start,
                    &end,
                    &instant,
                    &point.value.to_string(),
                    &status,
                    &original,
                    &note,
                    &sources.join("; "),
                    &derivation,
                ])?;
            }
        }
        writer.flush()?;
        Ok(())
    }
}

/// A period as CSV columns: start, end, instant (the unused ones empty).
fn period_columns(period: &Period) -> [String; 3] {
    match period {
        Period::Duration { start, end } => [start.to_string(), end.to_string(), String::new()],
        Period::Instant { instant } => [String::new(), String::new(), instant.to_string()],
    }
}

/// How the JSON output names a unit, origin or status ("USD", "ixbrl",
/// "derived"), so the CSV uses the same words.
fn json_name(value: impl Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
