//! The checks an analyst sees: a table's parts add up to its total, and
//! reported quarters add up to the year-to-date columns.

use rust_decimal::Decimal;
use serde::Serialize;

use super::series::{agree, Series};
use crate::extract::ExtractedDocument;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Parts of a table section against its total row.
    Footing,
    /// A reported quarter against year-to-date minus the quarters before.
    Quarters,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    pub kind: CheckKind,
    pub passes: bool,
    pub description: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub expected: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub actual: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

pub fn footing_checks(documents: &[ExtractedDocument]) -> impl Iterator<Item = Check> + '_ {
    documents.iter().flat_map(|d| {
        d.footings.iter().map(|f| Check {
            kind: CheckKind::Footing,
            passes: f.adds_up,
            description: format!("{} = {} ({})", f.total_name(), f.parts.join(" + "), f.column),
            expected: f.total,
            actual: f.sum,
            document: Some(d.document.name.clone()),
            span: Some(f.span),
        })
    })
}

pub fn quarter_checks(series: &[Series]) -> impl Iterator<Item = Check> + '_ {
    series.iter().flat_map(|s| {
        s.points.iter().filter_map(move |p| {
            let derivation = p.derivation.as_ref()?;
            let reported = p.sources.first()?;
            Some(Check {
                kind: CheckKind::Quarters,
                passes: agree(reported.value, reported.rounding, derivation.value, derivation.rounding),
                description: format!("{} {} {}: reported = {}", s.company, s.concept, p.quarter, derivation.formula),
                expected: reported.value,
                actual: derivation.value,
                document: Some(reported.document.clone()),
                span: Some(reported.span),
            })
        })
    })
}
