//! Helpers shared by the integration tests: reading fixtures and writing
//! periods and quarters briefly.

#![allow(dead_code)]

use std::path::Path;

use exhibit::extract::{ExtractedDocument, Extractor};
use exhibit::fact::Period;
use exhibit::ledger::Series;

/// Every document of a file, extracted with the shipped rules.
pub fn extract_file(path: &Path) -> Vec<ExtractedDocument> {
    Extractor::builtin().extract_path(path).unwrap()
}

/// The one document of a file.
pub fn extract_one(path: &Path) -> ExtractedDocument {
    let mut documents = extract_file(path);
    assert_eq!(documents.len(), 1, "{}", path.display());
    documents.remove(0)
}

/// "2006-04-01..2006-06-30" for a duration, "2006-06-30" for an instant.
pub fn period(text: &str) -> Period {
    let date = |s: &str| s.parse().unwrap();
    match text.split_once("..") {
        Some((start, end)) => Period::Duration { start: date(start), end: date(end) },
        None => Period::Instant { instant: date(text) },
    }
}

/// The quarters of a concept's series, in order ("Q1 2005", …).
pub fn quarters<'a>(series: &'a [Series], concept: &str) -> Vec<&'a str> {
    series.iter().find(|s| s.concept == concept).unwrap().points.iter().map(|p| p.quarter.as_str()).collect()
}
